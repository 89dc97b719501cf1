"""The journal: at most one send per job, what a crash leaves, what a rerun makes of it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from generator.runtime import WiroError
from generator.runtime._batch_journal import Journal


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    journal = Journal(tmp_path)
    journal.add(iter([("a", 1, "f1", "wiro/x"), ("b", 2, "f2", "wiro/x")]))
    return journal


def test_new_jobs_are_pending(journal: Journal) -> None:
    assert journal.counts() == {"pending": 2}


def test_adding_a_job_again_keeps_what_it_recorded(journal: Journal) -> None:
    journal.sending("a")
    journal.add(iter([("a", 1, "f1", "wiro/x")]))
    row = journal.get("a")
    assert row is not None and row.state == "sending"


def test_a_send_whose_answer_was_lost_becomes_unknown_on_the_next_run(
    journal: Journal, tmp_path: Path
) -> None:
    journal.sending("a")
    journal.close()
    reopened = Journal(tmp_path)  # as after a crash
    assert reopened.lost_answers() == 1
    row = reopened.get("a")
    assert row is not None and row.state == "unknown" and row.sends == 1


def test_resend_unknown_makes_them_pending_again(journal: Journal) -> None:
    journal.sending("a")
    journal.unknown("b", "timed out")
    assert journal.resend_unknown() == 2
    assert journal.counts() == {"pending": 2}


def test_a_running_job_keeps_its_task(journal: Journal) -> None:
    journal.sending("a")
    journal.running("a", "1001", "tok")
    row = journal.get("a")
    assert row is not None and (row.state, row.taskid, row.token, row.attempts) == (
        "running",
        "1001",
        "tok",
        1,
    )


def test_a_refused_run_counts_as_sent_but_not_as_an_attempt(journal: Journal) -> None:
    journal.sending("a")
    journal.refused("a", "code 96")
    row = journal.get("a")
    assert row is not None and (row.state, row.sends, row.attempts) == ("pending", 1, 0)


def test_billed_sums_the_jobs_that_succeeded(journal: Journal) -> None:
    journal.finished("a", "succeeded", cost="0.25", outputs=["x.png"])
    journal.finished("b", "failed", error="boom")
    assert journal.billed() == Decimal("0.25")


def test_rows_come_in_the_order_of_the_jobs_file(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    journal.add(iter([("z", 1, "f", "t"), ("a", 2, "f", "t")]))
    assert [row.id for row in journal.rows()] == ["z", "a"]


def test_a_journal_that_is_a_symlink_is_refused(tmp_path: Path) -> None:
    (tmp_path / "elsewhere.db").write_bytes(b"")
    (tmp_path / "journal.sqlite3").symlink_to(tmp_path / "elsewhere.db")
    with pytest.raises(WiroError, match="symbolic link"):
        Journal(tmp_path)

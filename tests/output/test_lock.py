"""One run at a time per package: real `wirogen` processes against a held lock."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from generator.cli import generate as generate_module

from ..support.clirun import wirogen
from ..support.paths import spec_pages
from ..support.trees import tree
from .support import SMALL, copy_pages, start

# slow: concurrent wirogen processes.
pytestmark = pytest.mark.slow

HOLDER = """
import sys
from pathlib import Path
from generator.output.lock import package_lock
with package_lock(Path(sys.argv[1]), timeout=0):
    print("held", flush=True)
    sys.stdin.readline()
"""


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    """A process holding the lock of tmp_path/out/wiro_tools until it reads a line."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path / "out" / "wiro_tools")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdout.readline() == "held\n"
    yield process
    process.kill()
    process.wait()


def test_no_wait_fails_at_once_naming_the_holders_pid(
    holder: subprocess.Popen[str], tmp_path: Path
) -> None:
    pages = copy_pages(tmp_path / "specs")
    run = start("generate", pages, "-o", tmp_path / "out", "--no-wait")
    _, stderr = run.communicate(timeout=120)
    assert run.returncode == 1
    assert f"held by wirogen run pid {holder.pid}" in stderr
    assert not (tmp_path / "out" / "wiro_tools").exists()


def test_a_second_run_waits_with_a_note_then_generates(
    holder: subprocess.Popen[str], tmp_path: Path
) -> None:
    pages = copy_pages(tmp_path / "specs")
    run = start("generate", pages, "-o", tmp_path / "out")
    assert run.stderr is not None
    note = run.stderr.readline()
    assert note.startswith(f"note: waiting for wirogen run pid {holder.pid} to finish")
    assert holder.stdin is not None
    holder.stdin.write("release\n")
    holder.stdin.flush()
    run.communicate(timeout=120)
    assert run.returncode == 0
    assert (tmp_path / "out" / "wiro_tools" / "wiro" / "cartoonify.py").is_file()


def test_waiting_ends_with_an_error_at_the_lock_timeout(
    holder: subprocess.Popen[str], tmp_path: Path
) -> None:
    pages = copy_pages(tmp_path / "specs")
    result = wirogen("generate", pages, "-o", tmp_path / "out", "--lock-timeout", "0.3")
    assert result.exit_code == 1
    assert f"pid {holder.pid} after waiting 0.3 s" in result.stderr


def test_a_killed_holder_releases_the_lock(holder: subprocess.Popen[str], tmp_path: Path) -> None:
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    pages = copy_pages(tmp_path / "specs")
    result = wirogen("generate", pages, "-o", tmp_path / "out", "--no-wait")
    assert result.exit_code == 0, result.output


def test_check_waits_for_the_lock_too(holder: subprocess.Popen[str], tmp_path: Path) -> None:
    pages = copy_pages(tmp_path / "specs")
    result = wirogen("check", pages, "-o", tmp_path / "out", "--no-wait")
    assert result.exit_code == 1 and f"pid {holder.pid}" in result.stderr


def alone(pages: Path, output: Path) -> dict[str, bytes]:
    assert wirogen("generate", pages, "-o", output, "-q").exit_code == 0
    return tree(output / "wiro_tools")


def test_concurrent_runs_with_different_pages_leave_one_runs_package(tmp_path: Path) -> None:
    every = copy_pages(tmp_path / "every", [page.name for page in spec_pages()])
    two = copy_pages(tmp_path / "two", SMALL)
    expected = [alone(every, tmp_path / "alone-every"), alone(two, tmp_path / "alone-two")]
    for round_ in range(3):
        output = tmp_path / f"shared-{round_}"
        runs = [start("generate", pages, "-o", output, "-q") for pages in (every, two, every, two)]
        assert [run.wait(timeout=300) for run in runs] == [0, 0, 0, 0]
        assert tree(output / "wiro_tools") in expected
        leftovers = [p.name for p in output.iterdir() if ".wirogen-" in p.name]
        assert leftovers == []


def test_a_finished_run_leaves_no_lock_file(tmp_path: Path) -> None:
    pages = copy_pages(tmp_path / "specs")
    assert wirogen("generate", pages, "-o", tmp_path / "out").exit_code == 0
    assert [path.name for path in (tmp_path / "out").iterdir()] == ["wiro_tools"]


def test_generate_invoked_from_another_command_waits_the_default_time(
    holder: subprocess.Popen[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(generate_module, "DEFAULT_LOCK_TIMEOUT", 0.2)

    @click.command()
    @click.pass_context
    def outer(ctx: click.Context) -> None:
        pages = copy_pages(tmp_path / "specs")
        ctx.invoke(generate_module.generate, specs=(pages,), output=tmp_path / "out")

    result = CliRunner().invoke(outer, [])
    assert result.exit_code == 1 and "after waiting 0.2 s" in result.stderr

"""benchmarks/live.py runs end to end and reports both modes (its figures are not checked)."""

from __future__ import annotations

import pytest

from benchmarks import live

# slow: runs benchmarks/live.py in a process.
pytestmark = pytest.mark.slow


def test_live_benchmark_reports_socket_and_polling(capsys: pytest.CaptureFixture[str]) -> None:
    assert live.main(["--tasks", "1", "--tick", "0.02"]) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("| ")]
    assert [row.split("|")[1].strip() for row in rows[1:]] == ["socket", "polling"]
    assert rows[1].split("|")[2].strip() == "1.0"  # one Task/Detail per task over the socket

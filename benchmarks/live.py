"""Following tasks live: the task socket against polling, on a mock server in real time.

    python benchmarks/live.py [--tasks 3] [--tick 0.5]

The mock server's clock runs in real time (one status every --tick seconds), so a task
takes ten ticks whoever watches it. Each task is followed with `wait(on_status=...)` of
the generated sync client, once over the socket and once by polling at Wiro's cadence
(every 2 s for the first 15 s). Reported per mode: Task/Detail requests per task, the
statuses the callback saw, and how late it saw them (from the moment the server reached
a status to the callback). Prints a markdown table; nothing is asserted.
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "generated")]

from generator.mockserver import (  # noqa: E402
    RunningMockServer,
    Settings,
    load_catalogue,
    start_mock_server,
)

SLUG = "wiro/PixArt-Sigma"
DETAIL = "/v1/Task/Detail"
KEY, SECRET = "bench-key", "bench-secret-0123"


@dataclass
class Measure:
    """What one mode saw over all its tasks."""

    mode: str
    tasks: int = 0
    details: int = 0
    statuses_seen: int = 0
    lags: list[float] = field(default_factory=list)

    def row(self) -> str:
        lags = sorted(self.lags)
        p50 = statistics.median(lags) * 1000
        worst = lags[-1] * 1000
        return (
            f"| {self.mode} | {self.details / self.tasks:.1f} | {self.statuses_seen / self.tasks:.1f} "
            f"| {statistics.fmean(lags) * 1000:.0f} | {p50:.0f} | {worst:.0f} |"
        )


def follow(server: RunningMockServer, mode: str, tasks: int) -> Measure:
    """Run `tasks` tasks one after the other, each followed by wait() in `mode`."""
    wiro_tools: Any = importlib.import_module("wiro_tools")  # generated/, on sys.path
    measure = Measure(mode)
    socket_url = server.socket_url if mode == "socket" else ""
    with wiro_tools.WiroClient(
        KEY, SECRET, base_url=server.base_url, socket_url=socket_url
    ) as client:
        tool: Any = wiro_tools.get_tool(SLUG)(client)
        for _ in range(tasks):
            task = tool.run(prompt="a lighthouse at dusk")
            before = server.request_count(DETAIL)
            seen: list[tuple[str, float]] = []

            def record(snapshot: Any, seen: list[tuple[str, float]] = seen) -> None:
                seen.append((snapshot.status, time.monotonic()))

            task.wait(on_status=record)
            measure.tasks += 1
            measure.details += server.request_count(DETAIL) - before
            measure.statuses_seen += len(seen)
            for status, at in seen:
                reached = server.status_reached_at(task.taskid, status)
                if reached is not None:
                    measure.lags.append(at - reached)
    return measure


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--tasks", type=int, default=3, help="tasks per mode")
    parser.add_argument("--tick", type=float, default=0.5, help="seconds per status")
    arguments = parser.parse_args(argv)
    catalogue = load_catalogue([ROOT / "specs"])
    settings = Settings(api_key=KEY, api_secret=SECRET, tick_seconds=arguments.tick)
    with start_mock_server(catalogue.specs, catalogue.pages, settings) as server:
        measures = [follow(server, mode, arguments.tasks) for mode in ("socket", "polling")]
    print(
        f"{arguments.tasks} tasks per mode, one status every {arguments.tick:g} s (10 statuses)\n"
    )
    print(
        "| mode | Task/Detail per task | statuses seen per task | lag mean (ms) | lag p50 (ms) | lag max (ms) |"
    )
    print("|---|---|---|---|---|---|")
    for measure in measures:
        print(measure.row())
    return 0


if __name__ == "__main__":
    sys.exit(main())

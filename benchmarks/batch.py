"""The batch runner at scale: 10,000 jobs against a mock server that runs 25 tasks at once
(short tasks, no downloads), beside a hand-written asyncio loop with a semaphore; then a
batch killed midway (SIGKILL) and run again, checking each job was sent exactly once.

    .venv/bin/python benchmarks/batch.py [--jobs 10000] [--write]

Each run starts a fresh `wirogen mock-server` process. Measured in the client process
(benchmarks/measure.py): wall time, CPU time and peak RSS. The runner's overhead per job
is measured apart (benchmarks/batch_overhead.py), both sides on a Wiro that answers at
once: against the server, the CPU a job costs drifts between two runs of the same code
on this machine by more than the overhead. `--write` replaces the "Batch runner" section of
benchmarks/results.md. No timing is asserted anywhere.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchmarks.measure import Sample, run_measured  # noqa: E402

RESULTS = HERE / "results.md"
SECTION = "## Batch runner"
LIMIT = 25
TASK_SECONDS = 0.5
KEY, SECRET = "bench-api-key", "bench-api-secret-0123456789"
TOOL = "wiro/PixArt-Sigma"
LISTENING = re.compile(r"listening on (http://\S+)/v1")


@dataclass(frozen=True)
class Server:
    origin: str

    def environment(self) -> dict[str, str]:
        return {
            **os.environ,
            "PYTHONPATH": f"{ROOT / 'generated'}{os.pathsep}{ROOT}",
            "NO_PROXY": "127.0.0.1",
            "WIRO_BASE_URL": f"{self.origin}/v1",
            "WIRO_SOCKET_URL": "ws" + self.origin.removeprefix("http") + "/v1",
            "WIRO_API_KEY": KEY,
            "WIRO_API_SECRET": SECRET,
        }

    def account(self) -> dict[str, object]:
        report: dict[str, object] = httpx.get(f"{self.origin}/__admin/account").json()
        return report

    def runs(self) -> int:
        counts = httpx.get(f"{self.origin}/__admin/requests").json()["counts"]
        return int(counts.get(f"/v1/Run/{TOOL}".casefold(), 0))  # the server's path keys

    def tasks_per_prompt(self) -> Counter[str]:
        """How many tasks were started for each prompt (each job has its own)."""
        counts: Counter[str] = Counter()
        with httpx.Client(base_url=self.origin) as admin:
            taskid = 1001
            while (answer := admin.get(f"/__admin/tasks/{taskid}")).status_code == 200:
                counts[answer.json()["task"]["parameters"]["prompt"]] += 1
                taskid += 1
        return counts


@contextlib.contextmanager
def mock_server() -> Iterator[Server]:
    command = [
        str(ROOT / ".venv" / "bin" / "wirogen"), "mock-server", str(ROOT / "specs"),
        "--key", KEY, "--secret", SECRET,
        "--concurrency-limit", str(LIMIT), "--task-seconds", str(TASK_SECONDS),
    ]  # fmt: skip
    # Its access log (stderr) is dropped; stdout is drained so that it never blocks.
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        assert process.stdout is not None
        for line in process.stdout:
            found = LISTENING.search(line)
            if found:
                break
        else:
            raise RuntimeError("the mock server did not start")
        threading.Thread(target=process.stdout.read, daemon=True).start()
        yield Server(found.group(1))
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def write_jobs(path: Path, count: int) -> Path:
    with path.open("w") as jobs:
        for n in range(count):
            job = {"id": f"j{n}", "tool": TOOL, "inputs": {"prompt": f"prompt {n}", "steps": 4}}
            jobs.write(json.dumps(job) + "\n")
    return path


def batch_command(jobs: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "wiro_tools", "batch", str(jobs), "--out", str(out),
            "--no-download", "-q"]  # fmt: skip


def runner(jobs: Path, out: Path) -> tuple[Sample, dict[str, object], int]:
    with mock_server() as server:
        sample = run_measured(batch_command(jobs, out), env=server.environment())
        duplicates = sum(n - 1 for n in server.tasks_per_prompt().values() if n > 1)
        return sample, server.account(), duplicates


def hand_loop(jobs: Path) -> Sample:
    with mock_server() as server:
        command = [
            sys.executable,
            str(HERE / "batch_loop.py"),
            str(jobs),
            "--concurrency",
            str(LIMIT),
        ]
        return run_measured(command, env=server.environment())


def overhead_rounds(jobs: int, rounds: int) -> dict[str, list[float]]:
    """CPU ms per job of the runner and of the loop on an instant Wiro, by round."""
    command = [sys.executable, str(HERE / "batch_overhead.py"), "--jobs", str(jobs),
               "--rounds", str(rounds)]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    measured: dict[str, list[float]] = json.loads(done.stdout)
    return measured


def killed_and_rerun(jobs: Path, out: Path, total: int) -> dict[str, object]:
    """SIGKILL once 40% of the Runs went out, then run again to the end."""
    with mock_server() as server:
        process = subprocess.Popen(batch_command(jobs, out), env=server.environment())
        while server.runs() < total * 0.4 and process.poll() is None:
            time.sleep(0.2)
        process.kill()
        process.wait()
        sent_before = len(server.tasks_per_prompt())
        rerun = subprocess.run(batch_command(jobs, out), env=server.environment(), check=False)
        tasks = server.tasks_per_prompt()
        statuses = Counter(
            json.loads(line)["status"] for line in (out / "results.jsonl").read_text().splitlines()
        )
        return {
            "tasks before the kill": sent_before,
            "rerun exit status": rerun.returncode,
            "jobs with a task": len(tasks),
            "jobs sent twice": sum(1 for n in tasks.values() if n > 1),
            "statuses": dict(statuses),
        }


def size_mb(out: Path) -> float:
    return sum(p.stat().st_size for p in out.glob("journal.sqlite3*")) / 1e6


def markdown(counts: tuple[int, int, int], ours: Sample, account: dict[str, object],
             duplicates: int, loop: Sample, journal_mb: float,
             kill: dict[str, object], instant: dict[str, list[float]]) -> str:  # fmt: skip
    jobs, compared, instant_jobs = counts
    ours_ms, loop_ms = ours.cpu_seconds / jobs * 1000, loop.cpu_seconds / compared * 1000
    refused = account.get("refused", {})
    runner_ms, instant_loop_ms = (statistics.median(instant[side]) for side in ("runner", "loop"))
    return "\n".join(
        [
            SECTION,
            "",
            f"`benchmarks/batch.py --jobs {jobs} --compare-jobs {compared} --overhead-jobs"
            f" {instant_jobs} --rounds {len(instant['runner'])}`"
            f" ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load"
            f" {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores): against `wirogen"
            f" mock-server --concurrency-limit {LIMIT} --task-seconds {TASK_SECONDS}`, no"
            " downloads; the runner with the first figure, the loop and the SIGKILL run"
            " with the second.",
            "",
            "| measurement | batch runner | asyncio + semaphore loop | target |",
            "|---|---:|---:|---|",
            f"| jobs | {jobs} | {compared} | |",
            f"| wall time | {ours.seconds:.1f} s | {loop.seconds:.1f} s | |",
            f"| jobs per second | {jobs / ours.seconds:.1f} | {compared / loop.seconds:.1f} | |",
            f"| CPU time (client process) | {ours.cpu_seconds:.1f} s | {loop.cpu_seconds:.1f} s | |",
            f"| CPU per job | {ours_ms:.2f} ms | {loop_ms:.2f} ms | |",
            f"| CPU per job above the loop's (these two runs) | {ours_ms - loop_ms:+.2f} ms | | |",
            f"| CPU per job on an instant Wiro (median of {len(instant['runner'])} rounds of"
            f" {instant_jobs} jobs) | {runner_ms:.2f} ms | {instant_loop_ms:.2f} ms | |",
            f"| **runner overhead per job** (the line above: runner minus loop) |"
            f" {runner_ms - instant_loop_ms:.2f} ms | | ≤ 2 ms |",
            f"| peak RSS | {ours.peak_rss_mb:.0f} MB | {loop.peak_rss_mb:.0f} MB | < 150 MB |",
            f"| journal size | {journal_mb:.1f} MB | | |",
            f"| most tasks at once (server) | {account.get('peak')} | | ≤ {LIMIT} |",
            f"| Runs refused with code 96 | {refused.get('96', 0) if isinstance(refused, dict) else refused} | | a few |",
            f"| jobs sent twice | {duplicates} | | 0 |",
            "",
            f"On an instant Wiro (benchmarks/batch_overhead.py: the same client over"
            f" httpx.MockTransport, no network), CPU ms per job of each round: the runner"
            f" {instant['runner']}, the loop {instant['loop']}.",
            "",
            f"SIGKILL once 40% of the Runs had gone out, then the same command again: {kill}.",
            "",
        ]
    )


def write_section(text: str) -> None:
    """Replace (or add) the section in results.md, keeping the rest of the file."""
    current = RESULTS.read_text() if RESULTS.exists() else ""
    before, _, after = current.partition(SECTION)
    rest = after[after.find("\n## ") :] if "\n## " in after else ""
    after_text = "\n\n" + rest.lstrip("\n") if rest else "\n"
    RESULTS.write_text(before.rstrip() + "\n\n" + text.rstrip("\n") + after_text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=10_000)
    parser.add_argument(
        "--compare-jobs",
        type=int,
        help="jobs for the hand-written loop and the SIGKILL run (default: --jobs); "
        "CPU is compared per job",
    )
    parser.add_argument("--overhead-jobs", type=int, default=2000, help="jobs of an overhead round")
    parser.add_argument("--rounds", type=int, default=5, help="overhead rounds")
    parser.add_argument("--write", action="store_true", help="update benchmarks/results.md")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="batch-bench-") as scratch:
        folder = Path(scratch)
        compared = arguments.compare_jobs or arguments.jobs
        jobs = write_jobs(folder / "jobs.jsonl", arguments.jobs)
        fewer = write_jobs(folder / "fewer.jsonl", compared)
        ours, account, duplicates = runner(jobs, folder / "out")
        journal_mb = size_mb(folder / "out")
        print(f"runner: {ours} {account} duplicates={duplicates}", flush=True)
        loop = hand_loop(fewer)
        print(f"loop: {loop}", flush=True)
        kill = killed_and_rerun(fewer, folder / "killed", compared)
        print(f"kill: {kill}", flush=True)
    instant = overhead_rounds(arguments.overhead_jobs, arguments.rounds)
    print(f"instant: {instant}", flush=True)
    counts = (arguments.jobs, compared, arguments.overhead_jobs)
    text = markdown(counts, ours, account, duplicates, loop, journal_mb, kill, instant)
    print(text)
    if arguments.write:
        write_section(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

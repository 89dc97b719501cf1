"""The generated clients against a hand-written httpx loop, on a mock server of their own.

Every measured run starts a fresh `wirogen mock-server` process (a fresh nonce memory,
an empty task book) and runs one client in another process (benchmarks/clients.py),
then asks the server's admin API what it received, to check both clients sent the same
Run body and to count the requests.
"""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import httpx

from generator.ir import JsonValue, ToolSpec
from generator.parser import parse_page

from .generation import WIROGEN
from .measure import Command, Sample, environment, run_measured

CLIENTS_SCRIPT = Path(__file__).resolve().with_name("clients.py")
TOOL_PAGE = Path(__file__).resolve().parents[1] / "specs" / "wiro__PixArt-Sigma.md"
PACKAGE = "wiro_tools"
API_KEY = "bench-api-key"
API_SECRET = "bench-api-secret-0123456789"
LISTENING = re.compile(r"listening on (http://\S+)/v1")


class DifferentRequests(AssertionError):
    """The hand-written loop did not send what the generated client sent."""


@dataclass(frozen=True)
class ClientRun:
    """One client process, and what the server received from it.

    `sample` holds the time and CPU time of the timed tasks (measured in the client
    process, so start-up, imports and warm-up are left out) and the process's peak RSS.
    """

    sample: Sample
    requests: int
    run_body: JsonValue


@dataclass(frozen=True)
class ThroughputBench:
    """`tasks` tasks (after `warmup` untimed ones) per run, `concurrency` at once in async."""

    scratch: Path
    tasks: int
    warmup: int
    concurrency: int
    page: Path = TOOL_PAGE

    def generate_package(self) -> Path:
        """Generate the package of the benchmark's tool; returns the directory holding it."""
        output = self.scratch / "clients"
        run_measured([WIROGEN, "generate", self.page, "-o", output, "-q"], cwd=self.scratch)
        return output

    def run(self, client: str, mode: str, package_dir: Path) -> ClientRun:
        """One run of `client` ("generated"/"handwritten") in `mode` ("sync"/"async")."""
        with mock_server(self.page) as origin:
            plan = self.scratch / "plan.json"
            plan.write_text(json.dumps(self.plan(origin)))
            process = run_measured(
                [sys.executable, CLIENTS_SCRIPT, client, mode, plan],
                cwd=self.scratch,
                env=environment(PYTHONPATH=package_dir),
            )
            outcome = json.loads(process.stdout)
            with httpx.Client(base_url=origin) as admin:
                counts = admin.get("/__admin/requests").json()["counts"]
                task = admin.get(f"/__admin/tasks/{outcome['last_taskid']}").json()
        return ClientRun(
            sample=replace(process, seconds=outcome["seconds"], cpu_seconds=outcome["cpu_seconds"]),
            requests=sum(n for path, n in counts.items() if path.startswith("/v1/")),
            run_body=task["received"]["body"],
        )

    def plan(self, origin: str) -> dict[str, JsonValue]:
        """What benchmarks/clients.py runs, for a server at `origin`."""
        spec = parse_page(self.page)
        detail_key = "tasktoken" if "tasktoken" in spec.identifiers.detail else "taskid"
        return {
            "base_url": f"{origin}/v1",
            "api_key": API_KEY,
            "api_secret": API_SECRET,
            "package": PACKAGE,
            "slug": spec.slug,
            "run_path": f"Run/{spec.slug}",
            "body": default_body(spec),
            "detail_path": "Task/Detail",
            "detail_key": detail_key,
            "completed": list(spec.statuses.completed),
            "tasks": self.tasks,
            "warmup": self.warmup,
            "concurrency": self.concurrency,
        }


def default_body(spec: ToolSpec) -> dict[str, JsonValue]:
    """The Run body of a call with no arguments: every input with a non-empty default."""
    return {
        item.name: (
            list(item.typed_default)
            if isinstance(item.typed_default, tuple)
            else item.typed_default
        )
        for item in spec.inputs
        if item.typed_default is not None
    }


def check_same_requests(generated: ClientRun, handwritten: ClientRun) -> None:
    """Raise DifferentRequests unless both clients sent the same Run body."""
    if generated.run_body != handwritten.run_body:
        raise DifferentRequests(
            f"Run bodies differ:\n generated:   {generated.run_body}\n"
            f" hand-written: {handwritten.run_body}"
        )


@contextlib.contextmanager
def mock_server(page: Path) -> Iterator[str]:
    """A `wirogen mock-server` process for `page`; yields its origin, stops it on exit."""
    command: Command = [WIROGEN, "mock-server", page, "--port", "0", "--key", API_KEY]
    with subprocess.Popen(
        [*command, "--secret", API_SECRET],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # one access-log line per request
        text=True,
    ) as process:
        try:
            first_line = process.stdout.readline() if process.stdout else ""
            found = LISTENING.search(first_line)
            if found is None:
                raise RuntimeError(f"the mock server did not start: {first_line!r}")
            yield found.group(1)
        finally:
            process.terminate()

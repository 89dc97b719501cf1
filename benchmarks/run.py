"""wirogen at catalogue scale, beside openapi-python-client, and its clients' overhead.

    .venv/bin/python benchmarks/run.py           # N = 100 and 1000, median of 3 runs
    .venv/bin/python benchmarks/run.py --smoke   # N = 20, 1 run, 5 tasks: the CI smoke test

Prints one table and writes it, with the machine and a profile of cold generation, to
benchmarks/results.md. benchmarks/README.md says what each row measures.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import os
import platform
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

# Run as `python benchmarks/run.py`, only benchmarks/ is on sys.path: add the repository.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import write_corpus
from benchmarks.generation import GenerationBench
from benchmarks.imports import BARE, GET_TOOL, HELP, IMPORT, RUN_HELP, time_imports
from benchmarks.measure import Command, Sample, median_sample, run_measured
from benchmarks.opc import describe_output, ensure_installed, run_opc, version_of, write_document
from benchmarks.profiling import Profile, read_profile
from benchmarks.report import (
    Report,
    Row,
    Target,
    markdown_table,
    rss_text,
    sample_row,
    seconds_text,
)
from benchmarks.throughput import ClientRun, ThroughputBench, check_same_requests

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results.md"
PROFILER = HERE / "profiling.py"
T = TypeVar("T")

TARGET_TOOLS = 1000  # the targets are set for this many tools
COLD_RATIO = Target(0.3, "≤ 0.3")
# Multiples of a bare `python -c pass` measured in the same run, so a busy machine does
# not pass or fail them on its own.
HELP_STARTUP = Target(6, "≤ 6 × bare start-up")
RUN_HELP_STARTUP = Target(4, "≤ 4 × bare start-up")
FAST_STARTUP = Target(12, "≤ 12 × bare start-up")
ONE_PAGE_RUN = Target(1.5, "< 1.5 s")
MODULE_LINES = Target(200, "≤ 200 mean")
PEAK_RSS = Target(300, "< 300 MB")
IMPORT_COST = Target(0.050, "< 50 ms")
CLIENT_RATIO = Target(0.8, "≥ 0.8", at_least=True)
CLIENTS = ("generated", "handwritten")


@dataclass(frozen=True)
class Settings:
    """How much to measure: corpus sizes, runs, client tasks, import runs, and where to write."""

    tools: tuple[int, ...]
    runs: int
    tasks: int
    warmup: int
    concurrency: int
    import_repeats: int
    results: Path | None


FULL = Settings((100, 1000), 3, 200, 5, 8, 20, RESULTS)
SMOKE = Settings((20,), 1, 5, 1, 4, 2, None)


def main(argv: Sequence[str] | None = None) -> int:
    """Measure everything, print the table, write the results file."""
    arguments = parse_arguments(argv)
    settings = settings_from(arguments)
    opc = arguments.opc.resolve() if arguments.opc else ensure_installed()
    report = Report(machine(opc), settings.runs)
    with tempfile.TemporaryDirectory(prefix="wirogen-bench-") as scratch:
        for count in settings.tools:
            work = Path(scratch, f"tools-{count}")
            work.mkdir()
            report.rows += generation_rows(count, settings, opc, work, report.notes)
        report.rows += client_rows(settings, Path(scratch))
        largest = max(settings.tools)
        report.profile = largest, profile_cold(Path(scratch, f"tools-{largest}", "corpus"))
    report.machine["load average at the end"] = load_average()
    print(markdown_table(report.rows), end="")
    if settings.results is not None:
        settings.results.write_text(report.markdown() + kept_sections(settings.results))
        print(f"written to {settings.results}")
    return 0


KEPT_SECTIONS = ("## Batch runner",)
"""Sections of results.md other scripts write (benchmarks/batch.py): kept as they are."""


def kept_sections(results: Path) -> str:
    """The sections of the current results.md that another script wrote, with a blank
    line before each."""
    current = results.read_text() if results.exists() else ""
    kept = []
    for heading in KEPT_SECTIONS:
        _, found, after = current.partition(heading)
        if found:
            end = after.find("\n## ")
            kept.append("\n" + heading + (after if end < 0 else after[: end + 1]))
    return "".join(kept)


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--smoke", action="store_true", help="quick run of every measurement")
    parser.add_argument("--tools", type=int, nargs="+", help="corpus sizes (default 100 1000)")
    parser.add_argument("--runs", type=int, help="runs per measurement; the median is shown")
    parser.add_argument("--tasks", type=int, help="tasks per client run (default 200)")
    parser.add_argument("--concurrency", type=int, help="async tasks in flight (default 8)")
    parser.add_argument("--import-repeats", type=int, help="runs of each import (default 20)")
    parser.add_argument("--results", type=Path, help=f"where to write (default {RESULTS})")
    parser.add_argument(
        "--opc",
        type=Path,
        help="openapi-python-client executable (default: installed into benchmarks/.venv-opc)",
    )
    return parser.parse_args(argv)


def settings_from(arguments: argparse.Namespace) -> Settings:
    """The preset (--smoke or full), with what the command line sets."""
    preset = SMOKE if arguments.smoke else FULL
    given = {
        "tools": tuple(arguments.tools) if arguments.tools else None,
        "runs": arguments.runs,
        "tasks": arguments.tasks,
        "concurrency": arguments.concurrency,
        "import_repeats": arguments.import_repeats,
        "results": arguments.results,
    }
    return replace(preset, **{key: value for key, value in given.items() if value is not None})


def generation_rows(
    count: int, settings: Settings, opc: Path, work: Path, notes: list[str]
) -> list[Row]:
    """wirogen and openapi-python-client on a new corpus of `count` tools, then the imports."""
    pages = write_corpus(count, work / "corpus")
    document = work / "openapi.json"
    write_document(work / "corpus", document)
    bench = GenerationBench(work / "corpus", work)
    rows, tree = cold_rows(count, settings, bench, opc, document, notes)
    rows.append(module_lines_row(count, tree))
    progress(f"{count} tools: start-up and imports")
    starts = {
        name: median_sample(samples)
        for name, samples in time_imports(tree, pages[0].spec.slug, settings.import_repeats).items()
    }
    rows += incremental_rows(count, settings, bench, tree, starts[BARE].seconds)
    return rows + import_rows(count, starts)


def cold_rows(
    count: int,
    settings: Settings,
    bench: GenerationBench,
    opc: Path,
    document: Path,
    notes: list[str],
) -> tuple[list[Row], Path]:
    """Cold wirogen and openapi-python-client, taking turns; also returns wirogen's tree."""
    cold, opc_samples, tree = [], [], bench.scratch
    for run in range(1, settings.runs + 1):
        progress(f"{count} tools: cold generation and openapi-python-client, run {run}")
        sample, tree = bench.cold()
        cold.append(sample)
        opc_samples.append(run_opc(opc, document, bench.scratch / f"opc-{run}"))
    written = describe_output(bench.scratch / f"opc-{settings.runs}", opc_samples)
    notes.append(f"{count} tools: openapi-python-client {written}.")
    ratio = median_sample(cold).seconds / median_sample(opc_samples).seconds
    targeted = count == TARGET_TOOLS
    rows = [
        sample_row(count, "cold `wirogen generate`", cold, None, rss(count)),
        sample_row(count, "openapi-python-client generate (ruff included)", opc_samples),
        Row(
            str(count),
            "cold generation: wirogen / openapi-python-client",
            f"{ratio:.2f} ×",
            targets=((COLD_RATIO, ratio),) if targeted else (),
        ),
    ]
    return rows, tree


def incremental_rows(
    count: int, settings: Settings, bench: GenerationBench, tree: Path, bare: float
) -> list[Row]:
    """No-op regeneration, `check` and one changed page, on the tree of a cold run.

    The first two are also shown as multiples of `bare`, a bare interpreter's start-up.
    """
    targeted = count == TARGET_TOOLS
    scenarios: list[tuple[str, Callable[[int], Sample], Target | None, Target | None]] = [
        ("no-op regeneration", lambda run: bench.noop(tree), None, FAST_STARTUP),
        ("`wirogen check`, fresh tree", lambda run: bench.check(tree), None, FAST_STARTUP),
        (
            "regeneration after one page changed",
            lambda run: bench.one_page_changed(tree, run),
            ONE_PAGE_RUN,
            None,
        ),
    ]
    rows = []
    for measure, scenario, target, startup in scenarios:
        progress(f"{count} tools: {measure}")
        samples = repeat(settings.runs, scenario)
        row = sample_row(count, measure, samples, target if targeted else None, rss(count))
        if startup is not None:
            multiple = median_sample(samples).seconds / bare
            startup_target = ((startup, multiple),) if targeted else ()
            row = replace(
                row,
                result=f"{row.result}, {multiple:.1f} × bare start-up",
                targets=row.targets + startup_target,
            )
        rows.append(row)
    return rows


def module_lines_row(count: int, tree: Path) -> Row:
    """Lines per tool module of a cold run's tree: mean and largest."""
    lines = [len(module.read_bytes().splitlines()) for module in tool_modules(tree)]
    mean = sum(lines) / len(lines)
    targets = ((MODULE_LINES, mean),) if count == TARGET_TOOLS else ()
    measure = f"lines per tool module ({len(lines)} modules)"
    return Row(str(count), measure, f"{mean:.0f} mean, {max(lines)} largest", targets=targets)


def tool_modules(tree: Path) -> list[Path]:
    """The tool modules of the package in `tree`: `<owner>/<module>.py`, not `_runtime/`."""
    return [
        module
        for module in tree.glob("*/*/*.py")
        if module.name != "__init__.py" and not module.parent.name.startswith("_")
    ]


def rss(count: int) -> Target | None:
    """The peak RSS target of wirogen's runs, for the corpus size targets are set for."""
    return PEAK_RSS if count == TARGET_TOOLS else None


def import_rows(count: int, medians: dict[str, Sample]) -> list[Row]:
    """`wirogen --help` and the package's `run SLUG --help` against bare start-up;
    `import wiro_tools` and `get_tool()` above it."""
    bare = medians[BARE].seconds
    rows = []
    for name, measure, startup in (
        (HELP, "`wirogen --help`", HELP_STARTUP),
        (RUN_HELP, "`python -m wiro_tools run SLUG --help`", RUN_HELP_STARTUP),
    ):
        multiple = medians[name].seconds / bare
        rows.append(
            Row(
                str(count),
                measure,
                f"{seconds_text(medians[name].seconds)}, {multiple:.1f} × bare start-up",
                rss_text(medians[name]),
                ((startup, multiple),) if count == TARGET_TOOLS else (),
            )
        )
    for name, measure, target in (
        (IMPORT, "`import wiro_tools`, above bare start-up", IMPORT_COST),
        (GET_TOOL, "`import wiro_tools` + one `get_tool()`, above bare start-up", None),
    ):
        extra = medians[name].seconds - bare
        rows.append(
            Row(
                str(count),
                measure,
                f"{extra * 1000:+.0f} ms (bare {seconds_text(bare)})",
                rss_text(medians[name]),
                ((target, extra),) if target and count == TARGET_TOOLS else (),
            )
        )
    return rows


def client_rows(settings: Settings, scratch: Path) -> list[Row]:
    """The generated sync and async clients against the hand-written httpx loop."""
    bench = ThroughputBench(scratch, settings.tasks, settings.warmup, settings.concurrency)
    package = bench.generate_package()
    rows = []
    for mode in ("sync", "async"):
        runs: dict[str, list[ClientRun]] = {client: [] for client in CLIENTS}
        for run in range(1, settings.runs + 1):
            progress(f"clients: {mode}, run {run}")
            for client in CLIENTS:  # taking turns, so drift hits both alike
                runs[client].append(bench.run(client, mode, package))
        check_same_requests(runs["generated"][-1], runs["handwritten"][-1])
        rows += throughput_rows(mode, runs, settings)
    return rows


def throughput_rows(mode: str, runs: dict[str, list[ClientRun]], settings: Settings) -> list[Row]:
    """Each client's tasks per second (with requests and CPU per task), then their ratio."""
    label = "sync" if mode == "sync" else f"async, {settings.concurrency} at once"
    names = {"generated": "generated client", "handwritten": "hand-written httpx loop"}
    rates, rows = {}, []
    for client, client_runs in runs.items():
        median = median_sample([run.sample for run in client_runs])
        rates[client] = settings.tasks / median.seconds
        requests = client_runs[-1].requests / (settings.tasks + settings.warmup)
        cpu = median.cpu_seconds / settings.tasks * 1000
        rows.append(
            Row(
                "—",
                f"{label}: {names[client]}, {settings.tasks} tasks "
                f"({requests:.1f} requests and {cpu:.1f} ms client CPU per task)",
                f"{rates[client]:.0f} tasks/s",
                rss_text(median),
            )
        )
    ratio = rates["generated"] / rates["handwritten"]
    measure = f"{label}: generated / hand-written throughput"
    rows.append(Row("—", measure, f"{ratio:.2f} ×", targets=((CLIENT_RATIO, ratio),)))
    return rows


def profile_cold(corpus: Path) -> Profile:
    """Profile one cold generation of `corpus` in a fresh process."""
    progress("profiling cold generation")
    with tempfile.TemporaryDirectory(prefix="profile-") as work:
        stats, tree = Path(work, "wirogen.prof"), Path(work, "out")
        tree.mkdir()
        command: Command = [sys.executable, PROFILER, stats, "generate", corpus, "-o", tree, "-q"]
        run_measured(command, cwd=Path(work))
        return read_profile(stats)


def machine(opc: Path) -> dict[str, str]:
    """What the numbers depend on: the machine, the versions, and how busy it was."""
    return {
        "cores": str(os.cpu_count()),
        "Python": f"{platform.python_version()} ({platform.python_implementation()})",
        "platform": platform.platform(),
        "wirogen": wirogen_under_test(),
        "black": importlib.metadata.version("black"),
        "openapi-python-client": version_of(opc),
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load average at the start": load_average(),
    }


def wirogen_under_test() -> str:
    """The version and source of the `generator` the measured processes import.

    PYTHONPATH may point them at another copy (e.g. `git archive` of an older commit);
    this process always uses the repository's own, to build the same corpus.
    """
    probe = (
        "import generator, pathlib; "
        "print(generator.__version__, pathlib.Path(generator.__file__).parents[1])"
    )
    completed = subprocess.run(
        [sys.executable, "-c", probe], cwd="/", capture_output=True, text=True, check=True
    )
    version, source = completed.stdout.split(maxsplit=1)
    source = source.strip()
    if Path(source) != ROOT:
        return f"{version}, from {source}"
    return f"{version}, {git_revision()}"


def git_revision() -> str:
    def git(*arguments: str) -> str:
        completed = subprocess.run(["git", *arguments], cwd=ROOT, capture_output=True, text=True)
        return completed.stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "unknown commit"
    return f"commit {head}" + (
        " with uncommitted changes" if git("status", "--porcelain", "--untracked-files=no") else ""
    )


def load_average() -> str:
    return " / ".join(f"{load:.2f}" for load in os.getloadavg()) + " (1 / 5 / 15 min)"


def repeat(runs: int, measure: Callable[[int], T]) -> list[T]:
    """`measure(1)`, ..., `measure(runs)`."""
    return [measure(run) for run in range(1, runs + 1)]


def progress(message: str) -> None:
    print(f"[{datetime.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())

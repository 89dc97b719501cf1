"""The benchmark's one table, its targets, and benchmarks/results.md."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .measure import Sample, median_sample
from .profiling import Profile

MET, MISSED = "met", "**missed**"
METHODS = (
    "Every row is its own process, timed from start to exit (`time.perf_counter`). Peak "
    "RSS: the largest single process, exact, from `os.wait4` (`ru_maxrss` of the process "
    "and the children it waited for), and the largest sum over the process and all its "
    "descendants at once, sampled from /proc every 10 ms (wirogen's process pool, "
    "openapi-python-client's ruff); the RSS target applies to the sum.",
    "Cold runs get a new, empty output directory, working directory and `XDG_CACHE_HOME`; "
    "the other wirogen runs reuse the last cold run's tree.",
    "openapi-python-client runs in its own virtualenv on the `wirogen openapi` document of "
    "the same corpus; after writing, it runs `ruff check --fix-only .` and `ruff format .` "
    "(its default post-hooks, with that venv's ruff, which is native code and may use "
    "every core); wirogen's time includes whatever formatting it does itself.",
    "Imports: `python -c 'import wiro_tools'` (and with one `get_tool()`) against "
    "`python -c pass`, same interpreter, site and PYTHONPATH, taking turns, after one "
    "untimed round that writes the .pyc files; the extra time is the difference of medians. "
    "`wirogen --help` takes turns with them; it, the no-op regeneration and `check` are "
    "also shown as multiples of that same run's bare start-up (`python -c pass`).",
    "Clients: each run starts a `wirogen mock-server` process and runs one client in "
    "another; tasks are timed inside the client process (start-up, imports and warm-up "
    "tasks left out). The server's clock moves one status per Task/Detail poll, so "
    "concurrent tasks finish in fewer polls; the requests per task are shown.",
)


@dataclass(frozen=True)
class Target:
    """An upper (or, with `at_least`, lower) bound on a row's value, and how to show it."""

    limit: float
    shown: str
    at_least: bool = False

    def met_by(self, value: float) -> bool:
        return value >= self.limit if self.at_least else value <= self.limit


@dataclass(frozen=True)
class Row:
    """One line of the table; targets are checked against the numbers, not the text."""

    tools: str
    measure: str
    result: str
    peak_rss: str = ""
    targets: tuple[tuple[Target, float], ...] = ()

    @property
    def target(self) -> str:
        return ", ".join(target.shown for target, _ in self.targets)

    @property
    def verdict(self) -> str:
        if not self.targets:
            return ""
        return MET if all(target.met_by(value) for target, value in self.targets) else MISSED


def seconds_text(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def rss_text(sample: Sample) -> str:
    """Peak RSS of the largest process / of all its processes at once."""
    return f"{sample.peak_rss_mb:.0f} / {sample.total_rss_mb:.0f} MB"


def sample_row(
    tools: int,
    measure: str,
    samples: Sequence[Sample],
    time_target: Target | None = None,
    rss_target: Target | None = None,
) -> Row:
    """A row for a measured process: the median wall time (and range) and peak RSS."""
    median = median_sample(samples)
    result = seconds_text(median.seconds)
    if len(samples) > 1:
        fastest, slowest = (seconds_text(f(s.seconds for s in samples)) for f in (min, max))
        result += f" ({fastest} – {slowest})"
    targets = [(time_target, median.seconds), (rss_target, median.total_rss_mb)]
    return Row(
        tools=str(tools),
        measure=measure,
        result=result,
        peak_rss=rss_text(median),
        targets=tuple((target, value) for target, value in targets if target is not None),
    )


def markdown_table(rows: Sequence[Row]) -> str:
    lines = [
        "| tools | measurement | median | peak RSS: largest process / all | target | |",
        "|---:|---|---:|---:|---|---|",
    ]
    lines += [
        f"| {r.tools} | {r.measure} | {r.result} | {r.peak_rss} | {r.target} | {r.verdict} |"
        for r in rows
    ]
    return "\n".join(lines) + "\n"


@dataclass
class Report:
    """Everything results.md holds: the machine, the table, the profile and notes."""

    machine: dict[str, str]
    runs: int
    rows: list[Row] = field(default_factory=list)
    profile: tuple[int, Profile] | None = None
    notes: list[str] = field(default_factory=list)

    def markdown(self) -> str:
        parts = [
            "# wirogen benchmark results\n",
            "Written by `benchmarks/run.py`; benchmarks/README.md says what each row "
            "measures and how.\n",
            _key_values(self.machine),
            f"## Results (median of {self.runs} run{'s' if self.runs > 1 else ''})\n",
            markdown_table(self.rows),
        ]
        if self.profile is not None:
            parts.append(_profile_section(*self.profile))
        notes = [*METHODS, *self.notes]
        parts.append("## How it was measured\n\n" + "".join(f"- {note}\n" for note in notes))
        return "\n".join(parts)


def _key_values(values: dict[str, str]) -> str:
    lines = ["| machine | |", "|---|---|"]
    return "\n".join(lines + [f"| {key} | {value} |" for key, value in values.items()]) + "\n"


def _profile_section(tools: int, profile: Profile) -> str:
    lines = [
        f"## Where the time goes: cold `wirogen generate` of {tools} tools under cProfile\n",
        f"Profiled total {profile.total:.1f} s of CPU time, in one process (cProfile sees no "
        "pool workers, and slows Python code down: read the shares, not the seconds).\n",
        "| phase | seconds | share |",
        "|---|---:|---:|",
    ]
    lines += [
        f"| {phase} | {seconds:.1f} | {seconds / profile.total:.0%} |"
        for phase, seconds in profile.phases
    ]
    lines += ["", "Functions with the most time of their own:", ""]
    lines += ["| function | own s | cumulative s |", "|---|---:|---:|"]
    lines += [
        f"| `{name}` | {own:.1f} | {cumulative:.1f} |" for name, own, cumulative in profile.hottest
    ]
    return "\n".join(lines) + "\n"

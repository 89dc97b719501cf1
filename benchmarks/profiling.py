"""Where a cold `wirogen generate` spends its time: cProfile, split into pipeline phases.

    python benchmarks/profiling.py STATS_FILE generate CORPUS -o TREE -q

runs wirogen's command line under cProfile (its imports included) in a fresh process and
saves the stats. cProfile sees only its own process, so wirogen runs with
`os.cpu_count()` patched to 1, which keeps its process pool unused: the shares are of the
CPU time of the whole pipeline. `read_profile` splits the stats by the pipeline's entry
points: a phase whose functions are renamed counts as "other" until PHASES names them.
"""

from __future__ import annotations

import cProfile
import pstats
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeAlias
from unittest import mock

# (phase, file, functions): a phase is the cumulative time of its functions, none of which
# calls another; the render functions are those before and after the process pool came.
PHASES = (
    ("parse pages", "generator/parser/__init__.py", ("parse_page",)),
    (
        "render templates",
        "generator/render/package.py",
        ("render_package", "render_tool_module", "render_owner_init", "render_shared"),
    ),
    ("format (black)", "generator/output/formatting.py", ("format_source",)),
    ("write files", "generator/output/tree.py", ("write_package",)),
)
FunctionKey: TypeAlias = tuple[str, int, str]  # file, line, function
# primitive calls, calls, own seconds, cumulative seconds, callers
FunctionStats: TypeAlias = tuple[int, int, float, float, dict[FunctionKey, tuple[Any, ...]]]
OTHER = "everything else (imports, CLI, planning, manifest)"
HOTTEST = 12


@dataclass(frozen=True)
class Profile:
    """Seconds in total, per phase, and the functions with the most time of their own."""

    total: float
    phases: tuple[tuple[str, float], ...]
    hottest: tuple[tuple[str, float, float], ...]  # (function, own seconds, cumulative)


def profile_wirogen(stats_file: Path, arguments: list[str]) -> None:
    """Run `wirogen ARGUMENTS` under cProfile here and save the stats to `stats_file`."""
    profiler = cProfile.Profile()
    with mock.patch("os.cpu_count", return_value=1):
        profiler.runcall(_wirogen, arguments)
    profiler.dump_stats(stats_file)


def _wirogen(arguments: list[str]) -> None:
    from generator.cli import main  # imported here, so the profile holds its import time

    status = main.main(arguments, prog_name="wirogen", standalone_mode=False)
    if status:
        raise SystemExit(status)


def read_profile(stats_file: Path) -> Profile:
    """The phases and hottest functions of saved stats."""
    recorded = vars(pstats.Stats(str(stats_file)))  # `stats` is untyped
    entries: dict[FunctionKey, FunctionStats] = recorded["stats"]
    phases = [
        (phase, _cumulative(entries, file_name, functions))
        for phase, file_name, functions in PHASES
    ]
    # The profiled call's own cumulative time: the sum of own times (`total_tt`) leaves out
    # some time of compiled code (black is built with mypyc).
    total = max(float(value[3]) for value in entries.values())
    phases.append((OTHER, total - sum(seconds for _, seconds in phases)))
    hottest = sorted(entries.items(), key=lambda item: item[1][2], reverse=True)[:HOTTEST]
    return Profile(
        total=total,
        phases=tuple(phases),
        hottest=tuple((_label(key), value[2], value[3]) for key, value in hottest),
    )


def _cumulative(
    entries: dict[FunctionKey, FunctionStats], file_name: str, functions: tuple[str, ...]
) -> float:
    return sum(
        float(value[3])
        for (path, _, name), value in entries.items()
        if name in functions and path.endswith(file_name)
    )


def _label(key: FunctionKey) -> str:
    """`generator/parser/build.py:172 _input`: files by their path in their package."""
    path, line, function = key
    if path == "~":  # a built-in
        return function
    parts = Path(path).parts
    if "site-packages" in parts:
        parts = parts[parts.index("site-packages") + 1 :]
    elif "generator" in parts:
        parts = parts[len(parts) - 1 - parts[::-1].index("generator") :]
    else:
        parts = parts[-2:]
    return f"{'/'.join(parts)}:{line} {function}"


if __name__ == "__main__":
    profile_wirogen(Path(sys.argv[1]), sys.argv[2:])

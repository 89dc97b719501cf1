"""Derives the synchronous runtime from the asynchronous one, so only one is written.

Every `generator/runtime/_async_*.py` becomes `_sync_*.py` by a table of token
replacements, then black (the style of generated code). `python -m generator.unasync`
rewrites the sync files; `--check` exits 1 with a diff when one is stale.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from .output.formatting import format_source

RUNTIME_DIR: Final = Path(__file__).resolve().parent / "runtime"

# Order matters: longer, more specific tokens first.
REPLACEMENTS: Final[tuple[tuple[str, str], ...]] = (
    (r"^import asyncio\n", ""),
    (r"\bAwaitable\[([\w.]+)\]", r"\1"),
    (r"\bAwaitable, ", ""),
    (r"\basyncio\.sleep\b", "time.sleep"),
    (r"\bhttpx\.AsyncBaseTransport\b", "httpx.BaseTransport"),
    (r"\bhttpx\.AsyncHTTPTransport\b", "httpx.HTTPTransport"),
    (r"\bhttpx\.AsyncClient\b", "httpx.Client"),
    (r"\bhandle_async_request\b", "handle_request"),
    (r"\baiter_bytes\b", "iter_bytes"),
    (r"\basync_gather\b", "gather"),
    (r"\bAsynchronous\b", "Synchronous"),
    (r"\basynchronous\b", "synchronous"),
    (r"\b_Async([A-Z]\w*)", r"_\1"),
    (r"\bAsync([A-Z]\w*)", r"\1"),
    (r"\b__aenter__\b", "__enter__"),
    (r"\b__aexit__\b", "__exit__"),
    (r"\baclose\b", "close"),
    (r"\basync def\b", "def"),
    (r"\basync (with|for)\b", r"\1"),
    (r"\bawait maybe_awaited\((.*)\)$", r"\1"),
    (r", maybe_awaited\b", ""),
    (r"\bawait ", ""),
    (r"^(\s*)from \._async_(\w+) import", r"\1from ._sync_\2 import"),
)
_COMPILED: Final = tuple(
    (re.compile(pattern, re.MULTILINE), repl) for pattern, repl in REPLACEMENTS
)


_ONE_LINE_IMPORT: Final = re.compile(r"^(\s*from [\w.]+ import )([\w, ]+)$", re.MULTILINE)


def unasync_source(source: str, path: str = "<runtime>") -> str:
    """The synchronous twin of an asynchronous runtime module, black-formatted."""
    for pattern, replacement in _COMPILED:
        source = pattern.sub(replacement, source)
    source = _sorted_relative_imports(_ONE_LINE_IMPORT.sub(_sorted_names, source))
    return format_source(path, source)


def _sorted_relative_imports(source: str) -> str:
    """The module's top-level `from .x import ...` statements in module order again
    (`._async_events` sorts before `._auth`, `._sync_events` after it)."""
    tree = ast.parse(source)
    relative = [
        node
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module
    ]
    if not relative:
        return source
    lines = source.splitlines(keepends=True)
    first, last = relative[0].lineno - 1, relative[-1].end_lineno or relative[-1].lineno
    if last - first != sum((n.end_lineno or n.lineno) - n.lineno + 1 for n in relative):
        return source  # not one block: leave it alone
    blocks = sorted(
        (str(node.module), "".join(lines[node.lineno - 1 : node.end_lineno])) for node in relative
    )
    return "".join(lines[:first]) + "".join(block for _, block in blocks) + "".join(lines[last:])


def _sorted_names(match: re.Match[str]) -> str:
    """A one-line import with its names in isort's order again (a rename can upset it:
    `AsyncIterator, Callable` becomes `Iterator, Callable`): constants, classes, others."""
    names = [name.strip() for name in match.group(2).split(",")]

    def order(name: str) -> tuple[int, str]:
        kind = 0 if name.isupper() else 1 if name[:1].isupper() else 2
        return kind, name

    return match.group(1) + ", ".join(sorted(names, key=order))


def pairs(runtime_dir: Path = RUNTIME_DIR) -> list[tuple[Path, Path]]:
    """(async source, sync target) of every asynchronous runtime module."""
    return [
        (path, path.with_name(path.name.replace("_async_", "_sync_", 1)))
        for path in sorted(runtime_dir.glob("_async_*.py"))
    ]


def stale(runtime_dir: Path = RUNTIME_DIR) -> dict[Path, str]:
    """Each sync file that differs from the rewrite of its async source, with the diff."""
    found = {}
    for source, target in pairs(runtime_dir):
        expected = unasync_source(source.read_text(encoding="utf-8"), str(target))
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != expected:
            lines = difflib.unified_diff(
                current.splitlines(keepends=True),
                expected.splitlines(keepends=True),
                f"{target.name} (committed)",
                f"{target.name} (from {source.name})",
            )
            found[target] = "".join(lines)
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.unasync", description=__doc__)
    parser.add_argument("--check", action="store_true", help="only report stale sync files")
    arguments = parser.parse_args(argv)
    differences = stale()
    if arguments.check:
        for target, diff in differences.items():
            print(f"{target} is stale: run `python -m generator.unasync`\n{diff}")
        return 1 if differences else 0
    for source, target in pairs():
        if target in differences:
            text = unasync_source(source.read_text(encoding="utf-8"), str(target))
            target.write_text(text, encoding="utf-8", newline="\n")
            print(f"rewrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Derives the synchronous runtime from the asynchronous one, so only one is written.

Every `generator/runtime/_async_*.py` becomes `_sync_*.py` by a table of token
replacements, then black (the style of generated code). `python -m generator.unasync`
rewrites the sync files; `--check` exits 1 with a diff when one is stale.
"""

from __future__ import annotations

import argparse
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
    (r"\bAwaitable\[(\w+)\]", r"\1"),
    (r"\bAwaitable, ", ""),
    (r"\basyncio\.sleep\b", "time.sleep"),
    (r"\bhttpx\.AsyncBaseTransport\b", "httpx.BaseTransport"),
    (r"\bhttpx\.AsyncHTTPTransport\b", "httpx.HTTPTransport"),
    (r"\bhttpx\.AsyncClient\b", "httpx.Client"),
    (r"\bhandle_async_request\b", "handle_request"),
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
    (r"^from \._async_(\w+) import", r"from ._sync_\1 import"),
)
_COMPILED: Final = tuple(
    (re.compile(pattern, re.MULTILINE), repl) for pattern, repl in REPLACEMENTS
)


def unasync_source(source: str, path: str = "<runtime>") -> str:
    """The synchronous twin of an asynchronous runtime module, black-formatted."""
    for pattern, replacement in _COMPILED:
        source = pattern.sub(replacement, source)
    return format_source(path, source)


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

"""What a run has to build: one job per file or page, small enough to send to a worker."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .fingerprint import input_key
from .output.manifest import GeneratedFile
from .render.planning import PageRef, PlannedTool

Progress = Callable[[Iterable[object], str, int], Iterable[object]]
"""Shows progress over items: (items, label, how many) -> the same items, as they pass."""


@dataclass(frozen=True)
class FileJob:
    """One file to build: a tool module (with its page), an owner package, or a shared file."""

    path: str
    key: str
    package: str
    templates: Path | None
    tools: tuple[PlannedTool, ...] = ()
    page: Path | None = None
    prices: str = ""
    """A tool module's prices (`prices.price_key`): "" when the tool has none."""


@dataclass(frozen=True)
class PageJob:
    """A page not built before: parse it, and build its module where its tool lands alone."""

    path: Path
    fingerprint: str
    package: str
    templates: Path | None
    price_files: tuple[Path, ...] = ()
    """The price files beside the pages, read by the worker (cached by `prices_digest`)."""
    prices_digest: str = ""


@dataclass(frozen=True)
class BuiltPage:
    """A page's ref, and its module as built for `tool`, with the notes made on the way.

    `tool` is where the page's tool lands unless another page's slug maps to the same
    module name (planning then numbers the later ones); the module is used whenever
    planning agrees, so a page is parsed once, and only its ref and module travel back
    from a worker: a catalogue's specs stay out of the main process.
    """

    ref: PageRef
    tool: PlannedTool
    module: GeneratedFile
    notes: tuple[str, ...]


def tool_key(fingerprint: str, package: str, tool: PlannedTool, prices: str = "") -> str:
    """The input key of a tool's module: everything its content is made from (its page,
    its place, its prices)."""
    parts = (package, tool.path, tool.class_name, tool.page.sha256)
    return input_key(fingerprint, "tool", *parts, *((prices,) if prices else ()))

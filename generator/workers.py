"""Parsing pages and building files, in a process pool when there is enough to share."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from .ir import ToolSpec
from .output.formatting import format_source
from .output.manifest import GeneratedFile
from .parser import ParseError, parse_page
from .render import (
    RUNTIME_DIR,
    PageRef,
    PlannedTool,
    render_owner_init,
    render_runtime_file,
    render_shared,
    render_tool_module,
)

# Below this many items a pool costs more to start than it saves.
POOL_THRESHOLD = 16
T = TypeVar("T")
R = TypeVar("R")
Progress = Callable[[Iterable[object], str, int], Iterable[object]]


@dataclass(frozen=True)
class FileJob:
    """One file to build: a tool module (with its page), an owner package, or a shared file."""

    path: str
    key: str
    package: str
    templates: Path | None
    tools: tuple[PlannedTool, ...] = ()
    page: Path | None = None


def parse_pages(
    paths: Sequence[Path], progress: Progress | None = None
) -> list[ToolSpec | ParseError]:
    """Each page's spec, or the ParseError saying why it has none; in page order."""
    return _map(_parse, paths, progress, "parsing")


def refer_pages(
    paths: Sequence[Path], progress: Progress | None = None
) -> list[PageRef | ParseError]:
    """What planning needs of each page (its slug), or why it has none; in page order.

    Only the small ref travels back from a worker: a catalogue's specs stay out of the
    main process, and the page is parsed again where its module is built.
    """
    return _map(_refer, paths, progress, "parsing")


def build_files(
    jobs: Sequence[FileJob], progress: Progress | None = None
) -> list[tuple[GeneratedFile, list[str]]]:
    """Each job's rendered and formatted file, with notes about names changed on the way.

    Runtime modules are only copied: too cheap to count towards starting a pool.
    """
    copies = [job for job in jobs if _is_runtime(job)]
    rendered = [job for job in jobs if not _is_runtime(job)]
    return [*map(_build, copies), *_map(_build, rendered, progress, "generating")]


def _parse(path: Path) -> ToolSpec | ParseError:
    try:
        return parse_page(path)
    except ParseError as error:
        return error


def _refer(path: Path) -> PageRef | ParseError:
    parsed = _parse(path)
    return parsed if isinstance(parsed, ParseError) else PageRef.of(parsed)


def _build(job: FileJob) -> tuple[GeneratedFile, list[str]]:
    if job.page is not None:
        spec = parse_page(job.page)
        source, notes = render_tool_module(spec, job.tools[0], job.package, job.templates)
        formatted = format_source(job.path, source)
        return GeneratedFile(job.path, formatted, job.key, spec.source.sha256, spec.slug), notes
    if _is_runtime(job):
        # Copied as it is: the runtime is already formatted the way generated code is.
        return GeneratedFile(job.path, render_runtime_file(job.path), job.key), []
    if job.path.endswith("/__init__.py"):
        source = render_owner_init(job.tools, job.templates)
    else:
        source = render_shared(job.path, job.tools, job.package, job.templates)
    return GeneratedFile(job.path, format_source(job.path, source), job.key), []


def _is_runtime(job: FileJob) -> bool:
    return job.path.startswith(f"{RUNTIME_DIR}/")


def _map(
    function: Callable[[T], R], items: Sequence[T], progress: Progress | None, label: str
) -> list[R]:
    workers = min(os.cpu_count() or 1, 8)
    if len(items) < POOL_THRESHOLD or workers < 2:
        return list(_shown(map(function, items), progress, label, len(items)))
    # spawn: a forked child could inherit a lock some other thread held (tests run servers).
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_exit_with, initargs=(os.getpid(),)
    ) as pool:
        chunk = max(1, len(items) // (workers * 8))
        results = pool.map(function, items, chunksize=chunk)
        return list(_shown(results, progress, label, len(items)))


def _exit_with(parent: int) -> None:
    """Make a worker end when its parent does: a killed run must leave no process behind."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _shown(results: Iterable[R], progress: Progress | None, label: str, length: int) -> Iterable[R]:
    return progress(results, label, length) if progress else results  # type: ignore[return-value]

"""Parsing pages and building files, in a process pool when there is enough to share."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from .apidiff import ToolApi
from .fingerprint import input_key
from .ir import ToolSpec
from .output.formatting import format_source
from .output.manifest import GeneratedFile
from .parser import ParseError, parse_page
from .render import (
    RUNTIME_DIR,
    PageRef,
    PlannedTool,
    plan_tools,
    render_owner_init,
    render_runtime_file,
    render_shared,
    render_tool_module,
)
from .render.environment import overridden

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


@dataclass(frozen=True)
class PageJob:
    """A page not built before: parse it, and build its module where its tool lands alone."""

    path: Path
    fingerprint: str
    package: str
    templates: Path | None


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


def build_pages(
    jobs: Sequence[PageJob], progress: Progress | None = None
) -> list[BuiltPage | ParseError]:
    """Each page's ref and module, or the ParseError saying why it has none; in job order."""
    return _map(_build_page, jobs, progress, "generating")


def tool_key(fingerprint: str, package: str, tool: PlannedTool) -> str:
    """The input key of a tool's module: everything its content is made from."""
    return input_key(fingerprint, "tool", package, tool.path, tool.class_name, tool.page.sha256)


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


def _build_page(job: PageJob) -> BuiltPage | ParseError:
    spec = _parse(job.path)
    if isinstance(spec, ParseError):
        return spec
    (tool,), _ = plan_tools([spec])
    key = tool_key(job.fingerprint, job.package, tool)
    module, notes = _tool_module(spec, FileJob(tool.path, key, job.package, job.templates, (tool,)))
    return BuiltPage(tool.page, tool, module, tuple(notes))


def _build(job: FileJob) -> tuple[GeneratedFile, list[str]]:
    if job.page is not None:
        return _tool_module(parse_page(job.page), job)
    if _is_runtime(job):
        # Copied as it is: the runtime is already formatted the way generated code is.
        return GeneratedFile(job.path, render_runtime_file(job.path), job.key), []
    if job.path.endswith("/__init__.py"):
        source = _formatted(job, "owner_init.py.j2", render_owner_init(job.tools, job.templates))
    else:
        source = render_shared(job.path, job.tools, job.package, job.templates)
        source = _formatted(job, "package_init.py.j2", source)
    return GeneratedFile(job.path, source, job.key), []


def _formatted(job: FileJob, template: str, source: str) -> str:
    """Black runs only on what an overriding template rendered: built-in ones write its layout."""
    return format_source(job.path, source) if overridden(job.templates, template) else source


def _tool_module(spec: ToolSpec, job: FileJob) -> tuple[GeneratedFile, list[str]]:
    source, notes = render_tool_module(spec, job.tools[0], job.package, job.templates)
    formatted = _formatted(job, "tool_module.py.j2", source)
    api = ToolApi.of(spec).to_json()
    return (
        GeneratedFile(job.path, formatted, job.key, spec.source.sha256, spec.slug, api),
        notes,
    )


def _is_runtime(job: FileJob) -> bool:
    return job.path.startswith(f"{RUNTIME_DIR}/")


def _map(
    function: Callable[[T], R], items: Sequence[T], progress: Progress | None, label: str
) -> list[R]:
    workers = min(os.cpu_count() or 1, 8)
    if len(items) < POOL_THRESHOLD or workers < 2:
        return list(_shown(map(function, items), progress, label, len(items)))
    # Imported here: runs that build nothing (no-op, check) never start a pool.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

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

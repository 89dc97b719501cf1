"""Parsing pages and building files, in a process pool when there is enough to share.

Imported only by runs that build something: it pulls in the parser and the renderer.
"""

from __future__ import annotations

import functools
import json
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar

from .apidiff import ToolApi
from .ir import ToolSpec
from .jobs import BuiltPage, FileJob, PageJob, Progress, tool_key
from .output.formatting import format_source
from .output.manifest import GeneratedFile
from .parser import ParseError, parse_page
from .prices import Entry, clean_key, load_prices, price_key, prices_of_entry
from .render.environment import overridden
from .render.package import (
    render_owner_init,
    render_runtime_file,
    render_shared,
    render_tool_module,
)
from .render.planning import RUNTIME_DIR, plan_tools

# Below this many items a pool costs more to start than it saves.
POOL_THRESHOLD = 16
T = TypeVar("T")
R = TypeVar("R")


def parse_pages(
    paths: Sequence[Path], progress: Progress | None = None
) -> list[ToolSpec | ParseError]:
    """Each page's spec, or the ParseError saying why it has none; in page order."""
    return _map(_parse, paths, progress, "parsing")


def build_pages(
    jobs: Sequence[PageJob], progress: Progress | None = None
) -> list[BuiltPage | ParseError]:
    """Each page's ref and module, or the ParseError saying why it has none; in job order."""
    return _map(_build_page, jobs, progress, "generating")


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
    table = _price_table(job.price_files, job.prices_digest)
    prices = price_key(table.get(clean_key(spec.slug)))
    key = tool_key(job.fingerprint, job.package, tool, prices)
    file_job = FileJob(tool.path, key, job.package, job.templates, (tool,), prices=prices)
    module, notes = _tool_module(spec, file_job)
    return BuiltPage(tool.page, tool, module, tuple(notes))


@functools.lru_cache(maxsize=4)
def _price_table(files: tuple[Path, ...], digest: str) -> dict[str, Entry]:
    """The prices of `files`, read once per worker (`digest` names their contents)."""
    return load_prices(files)


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
        template = "package_main.py.j2" if job.path == "__main__.py" else "package_init.py.j2"
        source = _formatted(job, template, source)
    return GeneratedFile(job.path, source, job.key), []


def _formatted(job: FileJob, template: str, source: str) -> str:
    """Black runs only on what an overriding template rendered: built-in ones write its layout."""
    return format_source(job.path, source) if overridden(job.templates, template) else source


def _tool_module(spec: ToolSpec, job: FileJob) -> tuple[GeneratedFile, list[str]]:
    entry = json.loads(job.prices) if job.prices else None
    prices = None if entry is None else prices_of_entry(entry)
    source, notes = render_tool_module(spec, job.tools[0], job.package, job.templates, prices)
    formatted = _formatted(job, "tool_module.py.j2", source)
    api = ToolApi.of(spec, entry).to_json()
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

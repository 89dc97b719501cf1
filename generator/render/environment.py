"""The one Jinja environment: templates, the escaping filters, and the sync/async variants."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

from .. import __version__
from .escape import doc_fragment, py_literal, refuse_page_text

# A link to the top-level templates/ in a checkout, a copy of it in an installed wheel.
TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates"


@dataclass(frozen=True)
class Variant:
    """The words that differ between the synchronous and asynchronous I/O classes."""

    prefix: str
    adjective: str
    async_: str
    await_: str
    handle: str
    close: str
    enter: str
    exit: str
    default_sleep: str
    sleep_result: str
    run_result: str


SYNC = Variant(
    "", "Synchronous", "", "", "handle_request", "close", "__enter__", "__exit__",
    "time.sleep", "None", "Task",
)  # fmt: skip
ASYNC = Variant(
    "Async", "Asynchronous", "async ", "await ", "handle_async_request", "aclose",
    "__aenter__", "__aexit__", "asyncio.sleep", "Awaitable[None]", "Awaitable[AsyncTask]",
)  # fmt: skip


@functools.cache
def environment(override_dir: Path | None = None) -> Environment:
    """Templates from `override_dir` first (by file name), then the built-in ones."""
    loaders = [FileSystemLoader(override_dir)] if override_dir else []
    env = Environment(
        loader=ChoiceLoader([*loaders, FileSystemLoader(TEMPLATES_DIR)]),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=refuse_page_text,
    )
    env.filters.update(py=py_literal, doc=doc_fragment)
    env.globals.update(generator_version=__version__, sync_variant=SYNC, async_variant=ASYNC)
    return env


def template_sources(override_dir: Path | None = None) -> list[tuple[str, str]]:
    """(name, source) of every template in use, an override shadowing a built-in one."""
    env = environment(override_dir)
    assert env.loader is not None
    return [(name, env.loader.get_source(env, name)[0]) for name in sorted(env.list_templates())]

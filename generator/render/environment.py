"""The one Jinja environment: templates and the escaping filters."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..wording import counted
from .escape import doc_fragment, py_literal, refuse_page_text
from .layout import bracket

if TYPE_CHECKING:
    from jinja2 import Environment

# A link to the top-level templates/ in a checkout, a copy of it in an installed wheel.
TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates"


@functools.cache
def environment(override_dir: Path | None = None) -> Environment:
    """Templates from `override_dir` first (by file name), then the built-in ones."""
    # Imported on first use: runs that reuse every file never render one.
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

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
    env.globals.update(generator_version=__version__, bracket=bracket, counted=counted)
    return env


def overridden(override_dir: Path | None, name: str) -> bool:
    """Whether template `name` comes from `override_dir` rather than the built-in ones.

    Built-in templates write black's layout themselves; an override promises nothing, so
    what it renders is formatted with black.
    """
    return override_dir is not None and (override_dir / name).is_file()


def template_sources(override_dir: Path | None = None) -> list[tuple[str, str]]:
    """(name, source) of every template in use, an override shadowing a built-in one.

    Read from the directories as `environment`'s loaders read them, without Jinja: a run
    that renders nothing still needs the templates' fingerprint.
    """
    found: dict[str, Path] = {}
    for directory in (TEMPLATES_DIR, override_dir) if override_dir else (TEMPLATES_DIR,):
        found.update(
            (path.relative_to(directory).as_posix(), path)
            for path in directory.rglob("*")
            if path.is_file()
        )
    return [(name, found[name].read_text(encoding="utf-8")) for name in sorted(found)]

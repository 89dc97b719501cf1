"""MCP tool names for a package's tools: valid, unique and stable, derived from slugs.

MCP allows 1-64 characters of `A-Z a-z 0-9 _ - .`; several clients allow no dot, and
some compare names without case. So a name is the slug in lower case with `/` as `__`
and any other character outside `a-z 0-9 _ -` as `_`; one too long, or equal to
another slug's name, ends in a short hash of the exact slug instead. A name depends on
its slug and on the slugs it collides with only: regeneration never renames a tool.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Final

MAX_NAME_LENGTH: Final = 64
_OUTSIDE: Final = re.compile(r"[^a-z0-9_-]+")
_HASH_LENGTH: Final = 8


def tool_names(slugs: Iterable[str]) -> dict[str, str]:
    """Each slug's MCP tool name (see the module docstring)."""
    by_name: defaultdict[str, list[str]] = defaultdict(list)
    for slug in slugs:
        by_name[_plain_name(slug)].append(slug)
    names: dict[str, str] = {}
    for name, holders in by_name.items():
        for slug in holders:
            fits = len(holders) == 1 and len(name) <= MAX_NAME_LENGTH
            names[slug] = name if fits else _hashed(name, slug)
    return names


def _plain_name(slug: str) -> str:
    owner, _, project = slug.casefold().partition("/")
    parts = (_OUTSIDE.sub("_", part).strip("_") or "_" for part in (owner, project))
    return "__".join(parts)


def _hashed(name: str, slug: str) -> str:
    digest = hashlib.sha256(slug.encode()).hexdigest()[:_HASH_LENGTH]
    return f"{name[: MAX_NAME_LENGTH - _HASH_LENGTH - 1]}_{digest}"

"""wirogen's optional dependencies (pip extras), and what to say when one is missing."""

from __future__ import annotations

from importlib.util import find_spec

# module: (the distribution to install, the wirogen extra that brings it)
EXTRAS = {"aiohttp": ("aiohttp", "mock"), "yaml": ("PyYAML", "yaml")}


def missing_extra(module: str, needed_by: str) -> str | None:
    """How to install `module` when it is missing, saying `needed_by` needs it; else None."""
    if find_spec(module) is not None:
        return None
    distribution, extra = EXTRAS[module]
    return (
        f"{needed_by} needs {distribution}, which is not installed: "
        f"pip install 'wirogen[{extra}]'"
    )

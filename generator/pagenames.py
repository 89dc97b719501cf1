"""Tool slugs: their two parts, and the file name `fetch` and `sync` give a tool's page.

Kept free of heavy imports: the parser uses `slug_from_file_name` to tell a page that
lost its text (named `owner__slug.md`) from a README beside the pages, and planning
the package (which a no-op run does) needs only `slug_parts`.
"""

from __future__ import annotations

from urllib.parse import quote, unquote


def slug_parts(slug: str) -> tuple[str, str]:
    """(owner, project) of an `owner/project` slug."""
    owner, _, project = slug.partition("/")
    return owner, project


def spec_file_name(owner: str, slug: str) -> str:
    """`{owner}__{slug}.md`, reversibly percent-encoded into a safe file name.

    Kept as is: ASCII letters, digits and `-._~+`; everything else (spaces, `/`, `\\`,
    `%`, control and non-ASCII characters) becomes `%XX` per UTF-8 byte. The owner's
    underscores and a leading dot are encoded too, so the name never hides, never
    leaves its directory, and splits back at the first `__` into exactly one slug.
    """
    safe_owner = quote(owner, safe="+").replace("_", "%5F")
    if safe_owner.startswith("."):
        safe_owner = "%2E" + safe_owner[1:]
    return f"{safe_owner}__{quote(slug, safe='+')}.md"


def slug_from_file_name(name: str) -> str | None:
    """The inverse of `spec_file_name`, None for a name it cannot have made."""
    owner, separator, project = name.removesuffix(".md").partition("__")
    if not name.endswith(".md") or not (separator and owner and project) or "_" in owner:
        return None
    return f"{unquote(owner)}/{unquote(project)}"

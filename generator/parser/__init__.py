"""Reads Wiro tool pages, in either layout, into the IR."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from ..pagenames import slug_from_file_name
from .errors import NotAPageError, ParseError

if TYPE_CHECKING:
    from ..ir import ToolSpec
    from .source import DecodedPage

__all__ = [
    "MAX_PAGE_BYTES",
    "NotAPageError",
    "ParseError",
    "parse_bytes",
    "parse_page",
    "parse_text",
    "read_page",
]

MAX_PAGE_BYTES = 5 * 1024 * 1024  # real pages are 5-20 kB


def parse_page(path: str | Path) -> ToolSpec:
    """The IR of the page at `path`; raises ParseError when the page cannot be read."""
    path = Path(path)
    return parse_bytes(str(path), read_page(path))


def read_page(path: Path) -> bytes:
    """The bytes of the page file at `path`; ParseError when it cannot be read, is not a
    regular file (a FIFO is never waited on) or holds more than MAX_PAGE_BYTES (a huge
    file is never read whole)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        with open(os.open(path, flags), "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                raise _unreadable(path, "not a regular file")
            data = stream.read(MAX_PAGE_BYTES + 1)
    except OSError as error:
        raise _unreadable(path, error.strerror or str(error)) from None
    if len(data) > MAX_PAGE_BYTES:
        raise ParseError(
            str(path), 0, 0, 0, "page", f"at most {MAX_PAGE_BYTES} bytes", "a larger file"
        )
    return data


def _unreadable(path: Path, reason: str) -> ParseError:
    return ParseError(str(path), 0, 0, 0, "page", "a readable file", reason)


def parse_bytes(name: str, data: bytes) -> ToolSpec:
    """The IR of a page's raw bytes; `name` is used in messages and the source record."""
    from .source import DecodedPage

    return _parse(DecodedPage.from_bytes(name, data))


def parse_text(name: str, text: str) -> ToolSpec:
    """The IR of a page's text."""
    from .source import DecodedPage

    return _parse(DecodedPage.from_text(name, text))


# What every Wiro tool page has, even one cut off after its first lines. Not inside a code
# span: a README that names the heading (`## Basic tool info`) is not a page.
PAGE_MARKERS = re.compile(
    r"(?<![^\s])#+[ \t]*Basic tool info(?!`)|(?<!`)Run Task Endpoint(?!`)", re.IGNORECASE
)


def _parse(page: DecodedPage) -> ToolSpec:
    # The readers are imported by the first page parsed: commands that parse none
    # (a no-op regeneration, `check` of a fresh package) do not load them.
    from .build import build_spec
    from .collapsed import read_collapsed
    from .limits import check_limits
    from .multiline import read_multiline

    if not page.text.strip():
        # A page emptied or cut off before its first line, not a README: it still fails.
        raise ParseError(page.name, 1, 1, 0, "page", NotAPageError.EXPECTED, "an empty file")
    if not PAGE_MARKERS.search(page.text):
        if slug_from_file_name(Path(page.name).name) is None:
            raise NotAPageError(page.name)
        # Named as `fetch` names a page: one that lost its text (an error page saved in
        # its place, a download cut off before its heading) still fails.
        raise ParseError(page.name, 1, 1, 0, "page", NotAPageError.EXPECTED, "neither")
    check_limits(page)
    reader = read_multiline if page.layout == "multiline" else read_collapsed
    return build_spec(reader(page))

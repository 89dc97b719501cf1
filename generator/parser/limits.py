"""Limits a page must keep for every value in it to convert: checked before it is read.

Brackets nested deeper than MAX_NESTING would make JSON decoding (and later the
generated literal, black and mypy) recurse past Python's limit; a run of more than
MAX_DIGITS digits is past what `int()` converts. Either is a malformed page, reported
where it happens, not a traceback from deep inside the parser or the renderer.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .grammar import match_title
from .source import DecodedPage

MAX_NESTING = 100  # real pages nest JSON 3 or 4 levels deep
MAX_DIGITS = 4300  # Python's default int_max_str_digits
BRACKETS = re.compile(r"[\[\]{}]")
LONG_NUMBER = re.compile(rf"\d{{{MAX_DIGITS + 1},}}")
HEADING = re.compile(r"#+[ \t]*")
# Letters, digits, dots and dashes, with an optional port: what a Wiro API host looks like.
HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?")


def check_limits(page: DecodedPage) -> None:
    """Raise a ParseError at the first bracket nested too deep or number too long."""
    depth = 0
    for found in BRACKETS.finditer(page.text):
        if found.group() in "[{":
            depth += 1
            if depth > MAX_NESTING:
                raise page.error(
                    found.start(),
                    section_at(page, found.start()),
                    f"JSON nested at most {MAX_NESTING} levels deep",
                    f"{depth} levels",
                )
        else:
            depth = max(0, depth - 1)
    number = LONG_NUMBER.search(page.text)
    if number:
        raise page.error(
            number.start(),
            section_at(page, number.start()),
            f"a number of at most {MAX_DIGITS:,} digits (Python's limit for converting one)",
            f"{len(number.group()):,} digits",
        )


def section_at(page: DecodedPage, offset: int) -> str:
    """The title of the section holding `offset` ("page" before the first heading)."""
    start = page.text.rfind("## ", 0, offset)
    if start < 0:
        return "page"
    heading = HEADING.match(page.text, start)
    title_start = heading.end() if heading else start
    _, length = match_title(page.text[title_start : title_start + 200])
    if length:
        return page.text[title_start : title_start + length].strip()
    return page.text[title_start:].split("\n", 1)[0][:40].strip()


def url_problem(url: str) -> str:
    """Why `url` is not an http(s) URL with a valid host ("" when it is)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        return str(error)
    if parts.scheme not in ("http", "https"):
        return "not http or https"
    host = parts.netloc.rsplit("@", 1)[-1]
    if port is not None:
        host = host.rsplit(":", 1)[0]
    if not HOST.fullmatch(host):
        return f"the host {host!r} holds characters a host name cannot"
    return ""

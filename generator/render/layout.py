"""Lines laid out the way black lays them out, so built-in templates need no black run.

Black (the pinned version, `output.formatting`'s mode) keeps a bracketed collection on
one line when it fits in `LINE_LENGTH` columns, and otherwise puts one item per line
with a trailing comma, which it then keeps (a "magic" trailing comma). It never splits a
string, and it wraps the right-hand side of a too-long assignment in parentheses.
These helpers make the same choices; the test suite checks that black agrees on every
generated file.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

LINE_LENGTH = 88
"""Black's default line length: the mode generated code is formatted with."""
DOC_WIDTH = 100
"""Docstring lines, indentation included, wrap at this column."""
INDENT = "    "
FMT_OFF, FMT_ON = "# fmt: off", "# fmt: on"


def width(line: str) -> int:
    """Columns of `line` as black counts them (East Asian wide characters count two)."""
    if line.isascii():
        return len(line)
    # Only lines with non-ASCII text pay for black's import, to count as black does.
    from black.strings import str_width

    return int(str_width(line))


def fits(line: str) -> bool:
    """Whether `line` is one line of at most `LINE_LENGTH` columns."""
    return "\n" not in line and width(line) <= LINE_LENGTH


def bracket(
    indent: int, head: str, items: Sequence[str], close: str, tail: str = "", tuple_: bool = False
) -> str:
    """`head` items `close` `tail`: on one line if that fits, else one item per line.

    `indent` is the column `head` starts at; `tuple_` gives a one-item tuple its comma.
    Exploded, several items (or a tuple's one) get black's magic trailing comma; a lone
    item of a call or subscript gets none, as black leaves it.
    """
    joined = ", ".join(items)
    if tuple_ and len(items) == 1:
        joined += ","
    one_line = f"{head}{joined}{close}{tail}"
    if not items or fits(" " * indent + one_line):
        return one_line
    inner = " " * indent + INDENT
    comma = "," if tuple_ or len(items) > 1 else ""
    body = ",\n".join(f"{inner}{item}" for item in items)
    return f"{head}\n{body}{comma}\n{' ' * indent}{close}{tail}"


def packed(head: str, items: Sequence[str], close: str) -> str:
    """A module-level `head items close` as `bracket` lays it out at column 0 when it fits;
    else items packed several to a line (up to `DOC_WIDTH`) in a `fmt: off` block, which
    black leaves as it is: option lists of 60 values read better than 60 lines."""
    one_line = bracket(0, head, items, close)
    if "\n" not in one_line:
        return one_line
    lines: list[str] = []
    for item in items:
        if lines and len(lines[-1]) + len(item) + 2 <= DOC_WIDTH:
            lines[-1] += f" {item},"
        else:
            lines.append(f"{INDENT}{item},")
    return "\n".join([FMT_OFF, head, *lines, close, FMT_ON])


def assignment(target: str, value: str) -> str:
    """`target = value` at module level; black parenthesises a value that does not fit."""
    one_line = f"{target} = {value}"
    if fits(one_line):
        return one_line
    return f"{target} = (\n{INDENT}{value}\n)"


def _plain_words(text: str) -> bool:
    """Whether `text` is words each separated by one space, the only whitespace textwrap
    would see: then filling it greedily gives textwrap's lines (see `_filled`)."""
    return bool(text) and text.isprintable() and "  " not in text and text[0] != " " != text[-1]


def _filled(text: str, indent: str, subsequent: str) -> list[str]:
    """textwrap.wrap of plain words without breaking them, at a fraction of its cost (a
    docstring's wrapping is most of rendering): words fill each line while they fit, and a
    word longer than a line gets a line of its own."""
    lines: list[str] = []
    words: list[str] = []
    used, room = 0, DOC_WIDTH - len(indent)
    for word in text.split(" "):
        if words and used + 1 + len(word) > room:
            lines.append((subsequent if lines else indent) + " ".join(words))
            words, used, room = [], 0, DOC_WIDTH - len(subsequent)
        used += len(word) + (1 if words else 0)
        words.append(word)
    lines.append((subsequent if lines else indent) + " ".join(words))
    return lines


def wrap(text: str, indent: str, subsequent: str | None = None) -> list[str]:
    """`text` (docstring-safe, one line) wrapped at `DOC_WIDTH` columns, indentation included.

    Words are never broken, so an escape sequence stays whole.
    """
    if _plain_words(text):
        return _filled(text, indent, indent if subsequent is None else subsequent)
    return textwrap.wrap(
        text,
        width=DOC_WIDTH,
        initial_indent=indent,
        subsequent_indent=indent if subsequent is None else subsequent,
        break_long_words=False,
        break_on_hyphens=False,
    )

"""A line reader for list sections whose lines have one obvious block structure.

markdown-it's list rule costs most of a page's parse (each line of each nested item is
offered to every block rule), yet the inputs, inspires and status sections are nearly
always plain: `- key:` items at one indent whose other lines sit deeper and start with a
letter, `- ` and a letter, or a quote or bracket. For such a body the item a line belongs
to is plain to see, so markdown-it reads the page with those bodies blanked and this
module gives their items. Anything else in a body (tabs, `>`, `[`, digits, shallower
text, deep nesting) leaves the page to markdown-it whole, so both ways always agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Candidate headings of list sections; markdown-it confirms each is a heading. Only the
# inspires and status lists may start with a line of text (inputs refuse one).
LIST_HEADING = re.compile(
    r"#{1,6}[ \t]+(?:(?P<inputs>(?:Tool|Model) Inputs)|(?:Tool|Model) Parameter Inspires"
    r"|Completed Task Statuses|Running Task Statuses)",
    re.IGNORECASE,
)
TEXT = re.compile(r" {0,3}[A-Za-z]")
# A heading markdown-it may start at a line that ends the body.
ATX_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
ITEM = re.compile(r" {0,3}- [A-Za-z]")
# How a line inside an item may start: none of these opens a block that could reach
# past the item or nest deeper on one line.
CONTENT = re.compile(r" *(?:[A-Za-z\"'{(]|- [A-Za-z])")
MAX_DEPTH = 12  # indent past the items' content; keeps nesting far below markdown-it's limit


@dataclass(frozen=True)
class PlainBody:
    """A list section read by lines: its heading, its items' line ranges, its end."""

    heading: int
    end: int
    items: tuple[tuple[int, int], ...]


def plain_bodies(lines: list[str]) -> list[PlainBody] | None:
    """The plain list bodies of a page; None when one is not plain (markdown-it reads all)."""
    bodies: list[PlainBody] = []
    for index, line in enumerate(lines):
        heading = LIST_HEADING.match(line) if line.startswith("#") else None
        if heading:
            body = _plain_body(lines, index, lead=heading.group("inputs") is None)
            if body is None:
                return None
            bodies.append(body)
    return bodies


def masked(lines: list[str], bodies: list[PlainBody]) -> str:
    """The page with the plain bodies' lines blanked: its other blocks stay where they are."""
    kept = list(lines)
    for body in bodies:
        kept[body.heading + 1 : body.end] = [""] * (body.end - body.heading - 1)
    return "\n".join(kept)


def _plain_body(lines: list[str], heading: int, lead: bool) -> PlainBody | None:
    """The body after a heading if plain; `lead`: it may open with lines of text."""
    starts: list[int] = []
    indent = content = -1
    end = len(lines)
    for index in _body_lines(lines, heading + 1):
        line = lines[index]
        depth = len(line) - len(line.lstrip(" "))
        if indent < 0 and ITEM.match(line):
            indent, content = depth, depth + 2
        elif indent < 0 and lead and TEXT.match(line):
            continue  # a paragraph: a list item ends it, and the section ignores it
        if depth == indent and ITEM.match(line):
            starts.append(index)
        elif 0 <= content <= depth <= content + MAX_DEPTH and CONTENT.match(line):
            continue
        elif (indent < 0 or depth < content) and ATX_HEADING.match(line):
            # Deeper, it would be a heading inside the item.
            end = index
            break
        else:
            return None
    ends = [*starts[1:], end] if starts else []
    items = tuple(zip(starts, ends, strict=True))
    return PlainBody(heading, end, items)


def _body_lines(lines: list[str], start: int) -> Iterator[int]:
    """Indexes of the non-blank lines from `start`; a tab or other whitespace is not plain."""
    for index in range(start, len(lines)):
        line = lines[index]
        if line.strip(" "):
            yield index

"""Reads a multi-line page: markdown-it finds the blocks, the page grammar reads their lines.

Field values are taken from the page's own lines (never from markdown-it's
rendered inline text), so escapes, NULs and markup survive exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from .grammar import (
    BASIC_KEY_PATTERN,
    INPUT_KEYS,
    LIST_KEYS,
    OPTION_KEYS,
    Section,
    basic_key,
    match_title,
)
from .plainlists import PlainBody, masked, plain_bodies
from .raw import RawEntry, RawFence, RawField, RawPage, RawSection
from .source import DecodedPage

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

LIST_MARKER = re.compile(r"[-*+][ \t]+|[-*+]$")
ENTRY_FIELD = re.compile(r"(?P<dash>- +)?(?P<key>[A-Za-z]+):(?: (?P<value>.*)|$)")
PAIR = re.compile(r"(?P<key>[A-Za-z_][A-Za-z0-9_]*)\s*:(?:\s(?P<value>.*)|$)")
CUT_OFF = "the end of the page (the page looks cut off)"
PAIR_SECTIONS = frozenset({Section.INSPIRES, Section.COMPLETED_STATUSES, Section.RUNNING_STATUSES})


@dataclass
class Block:
    """A top-level markdown block and the 0-based line range [start, end) it covers."""

    type: str
    start: int
    end: int
    title: str = ""
    info: str = ""
    items: list[tuple[int, int]] = field(default_factory=list)


def read_multiline(page: DecodedPage) -> RawPage:
    """The sections of a multi-line page, each read by its own grammar."""
    lines = page.text.split("\n")
    blocks = _page_blocks(page.text, lines)
    headings = [index for index, block in enumerate(blocks) if block.type == "heading"]
    sections: list[RawSection] = []
    for position, index in enumerate(headings):
        heading = blocks[index]
        following = headings[position + 1] if position + 1 < len(headings) else len(blocks)
        kind, _ = match_title(heading.title)
        end = blocks[following].start if following < len(blocks) else len(lines)
        section = RawSection(
            kind if _is_whole_title(kind, heading.title) else Section.UNKNOWN,
            heading.title,
            page.line_offset(heading.start),
            page.line_offset(heading.end),
            page.line_offset(end),
        )
        _read_section(page, lines, section, blocks[index + 1 : following])
        sections.append(section)
    preamble_end = blocks[headings[0]].start if headings else len(lines)
    return RawPage(page, "\n".join(lines[:preamble_end]).strip(), sections)


def _page_blocks(text: str, lines: list[str]) -> list[Block]:
    """The page's top-level blocks; plain list bodies are read by lines, not markdown-it."""
    bodies = plain_bodies(lines)
    if bodies:
        blocks = list(_blocks(_markdown().parse(masked(lines, bodies))))
        if all(_confirmed(blocks, body, len(lines)) for body in bodies):
            return _with_bodies(blocks, bodies)
    return list(_blocks(_markdown().parse(text)))


def _confirmed(blocks: list[Block], body: PlainBody, line_count: int) -> bool:
    """Whether markdown-it saw a heading where the body starts and where it ends."""
    heading = next(
        (index for index, block in enumerate(blocks) if block.start == body.heading), None
    )
    if heading is None or blocks[heading].type != "heading":
        return False
    if heading + 1 == len(blocks):
        return body.end == line_count
    following = blocks[heading + 1]
    return following.start == body.end and following.type == "heading"


def _with_bodies(blocks: list[Block], bodies: list[PlainBody]) -> list[Block]:
    """The blocks with each plain body's items as one list after its heading."""
    lists = {
        body.heading: Block("list", body.items[0][0], body.end, items=list(body.items))
        for body in bodies
        if body.items
    }
    merged: list[Block] = []
    for block in blocks:
        merged.append(block)
        if block.type == "heading" and block.start in lists:
            merged.append(lists[block.start])
    return merged


def _is_whole_title(kind: Section, title: str) -> bool:
    matched_kind, length = match_title(title)
    return matched_kind is kind and length == len(title.rstrip())


def _blocks(tokens: list[Token]) -> Iterator[Block]:
    """Top-level blocks only; a list keeps the line ranges of its own items."""
    index = 0
    while index < len(tokens):
        token = tokens[index]
        start, end = token.map or (0, 0)
        close = _closing(tokens, index) if token.nesting == 1 else index
        if token.type == "heading_open":
            yield Block("heading", start, end, title=tokens[index + 1].content.strip())
        elif token.type == "fence":
            yield Block("fence", start, end, info=token.info.strip())
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            items = [
                (item.map[0], item.map[1])
                for item in tokens[index:close]
                if item.type == "list_item_open" and item.level == token.level + 1 and item.map
            ]
            yield Block("list", start, end, items=items)
        elif token.map:
            yield Block(token.type.removesuffix("_open"), start, end)
        index = close + 1


def _closing(tokens: list[Token], index: int) -> int:
    depth = 0
    for position in range(index, len(tokens)):
        depth += tokens[position].nesting
        if depth == 0:
            return position
    return len(tokens) - 1


def _read_section(
    page: DecodedPage, lines: list[str], section: RawSection, blocks: list[Block]
) -> None:
    for block in blocks:
        if block.type == "fence":
            section.fences.append(_fence(page, lines, section, block))
    if section.kind is Section.BASIC:
        section.fields = _basic_fields(page, lines, blocks)
    elif section.kind is Section.INPUTS:
        section.entries = _inputs(page, lines, section, blocks)
    elif section.kind in PAIR_SECTIONS:
        section.fields = _pairs(page, lines, blocks)


def _fence(page: DecodedPage, lines: list[str], section: RawSection, block: Block) -> RawFence:
    opener = lines[block.start].strip()
    marker = opener[: len(opener) - len(opener.lstrip(opener[0]))]
    closer = lines[block.end - 1].strip() if block.end - 1 > block.start else ""
    if not (closer.startswith(marker) and closer.strip(marker[0]) == ""):
        raise page.error(
            page.line_offset(block.start), section.title, f"a closing {marker}", CUT_OFF
        )
    content = "\n".join(lines[block.start + 1 : block.end - 1]).strip()
    return RawFence(block.info, content, page.line_offset(block.start))


def _lines(page: DecodedPage, lines: list[str], start: int, end: int) -> Iterator[tuple[str, int]]:
    """Non-blank lines stripped of indentation, with their offsets."""
    for index in range(start, end):
        line = lines[index]
        stripped = line.strip()
        if stripped:
            yield stripped, page.line_offset(index) + len(line) - len(line.lstrip())


def _item_lines(
    page: DecodedPage, lines: list[str], item: tuple[int, int]
) -> list[tuple[str, int]]:
    """A list item's lines, its marker removed from the first."""
    found = list(_lines(page, lines, *item))
    if found:
        first, offset = found[0]
        marker = LIST_MARKER.match(first)
        if marker:
            found[0] = (first[marker.end() :], offset + marker.end())
    return found


def _basic_fields(page: DecodedPage, lines: list[str], blocks: list[Block]) -> list[RawField]:
    fields: list[RawField] = []
    for block in blocks:
        if block.type == "list":
            for item in block.items:
                text = "\n".join(line for line, _ in _item_lines(page, lines, item))
                if fields and fields[-1].key in LIST_KEYS:
                    fields[-1].items.append(text)
            continue
        for line, offset in _lines(page, lines, block.start, block.end):
            key = BASIC_KEY_PATTERN.match(line)
            if key:
                fields.append(RawField(basic_key(key), line[key.end() :].strip(), offset))
            elif fields:
                fields[-1].value = f"{fields[-1].value}\n{line}".strip()
    return fields


def _inputs(
    page: DecodedPage, lines: list[str], section: RawSection, blocks: list[Block]
) -> list[RawEntry]:
    entries: list[RawEntry] = []
    for block in blocks:
        if block.type != "list":
            offset = page.line_offset(block.start)
            raise page.error(
                offset, section.title, "'- name:' starting an input", page.excerpt(offset)
            )
        for item in block.items:
            entries.append(_input(page, section, _item_lines(page, lines, item)))
    return entries


def _input(page: DecodedPage, section: RawSection, item: list[tuple[str, int]]) -> RawEntry:
    first, offset = item[0]
    start = ENTRY_FIELD.fullmatch(first)
    if start is None or start.group("key") != "name" or start.group("dash"):
        expected = "'- name: ' (a space after the colon) starting an input"
        raise page.error(offset, section.title, expected, page.excerpt(offset))
    entry = RawEntry(offset)
    current = entry
    for line, line_offset in item:
        found = ENTRY_FIELD.fullmatch(line)
        if found is None or not _starts_field(found, entry):
            if not current.fields:  # an option's `- value:` line that is not one
                expected = "'- value: ' (a space after the colon) starting an option"
                raise page.error(line_offset, section.title, expected, page.excerpt(line_offset))
            current.fields[-1].value = f"{current.fields[-1].value}\n{line}"
            continue
        key = found.group("key")
        if found.group("dash") and entry.options is not None:
            current = RawEntry(line_offset)
            entry.options.append(current)
        elif current.get(key):
            name = entry.value("name")
            raise page.error(
                line_offset, section.title, f"one '{key}:' in {name!r}", "a second one"
            )
        elif key == "options":
            entry.options = []
        current.fields.append(RawField(key, (found.group("value") or "").strip(), line_offset))
    return entry


def _starts_field(found: re.Match[str], entry: RawEntry) -> bool:
    """Whether a `key:` line starts a field here; any other line continues the last value."""
    key, dash = found.group("key"), bool(found.group("dash"))
    if entry.options is None:
        return not dash and key in INPUT_KEYS
    return key == "value" if dash else key in OPTION_KEYS


def _pairs(page: DecodedPage, lines: list[str], blocks: list[Block]) -> list[RawField]:
    """`- key: value` list items (inspires and status lists); other items continue the last."""
    fields: list[RawField] = []
    for block in blocks:
        for item in block.items:
            found_lines = _item_lines(page, lines, item)
            text = "\n".join(line for line, _ in found_lines)
            pair = PAIR.match(text)
            if pair:
                value = text[pair.start("value") :] if pair.group("value") is not None else ""
                fields.append(RawField(pair.group("key"), value.strip(), found_lines[0][1]))
            elif fields:
                fields[-1].value = f"{fields[-1].value}\n{text}".strip()
    return fields


@cache
def _markdown() -> MarkdownIt:
    # Pages hold no HTML: a line like `<pre` must not swallow the rest of the page (so the
    # html_block rule, which matches nothing without the html option, is not even tried).
    # Only the block structure is used, so inline parsing is skipped. Imported on first
    # use: runs that reuse every module never parse a page.
    from markdown_it import MarkdownIt

    rules = ["inline", "text_join", "html_block"]
    return MarkdownIt("commonmark", {"html": False}).disable(rules)

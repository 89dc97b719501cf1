"""Reads a whitespace-collapsed page (the whole page on one line) by its grammar.

Free text may hold `-`, `:`, `#` and keywords, so nothing is split naively:
fields are read in their documented order, each value ending where the next
key that may legally follow it begins.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from .grammar import (
    BASIC_KEY_PATTERN,
    INSPIRE_ENTRY,
    JSON_OPTION_KEYS,
    LIST_KEYS,
    STATUS_ENTRY,
    Section,
    basic_key,
    match_title,
)
from .raw import RawEntry, RawFence, RawField, RawPage, RawSection
from .source import DecodedPage

FENCE = "```"
FENCE_INFO = re.compile(r"[A-Za-z0-9_+-]*")
HEADING = re.compile(r"(?<!\S)#{2,3} (?=\S)")
LIST_ITEM = re.compile(r"(?<!\S)- ")
CUT_OFF = "the end of the page (the page looks cut off)"
_JSON = json.JSONDecoder()


def _key(name: str, follows: str = r"(?=\s|$)") -> re.Pattern[str]:
    return re.compile(rf"(?<!\S){name}:{follows}")


@dataclass(frozen=True)
class FieldRule:
    key: str
    pattern: re.Pattern[str]
    required: bool = False


# A type is one token followed by the next field, the next input, or the end;
# so `file type: png or jpg` in a help text is not mistaken for the type.
_TYPE_FOLLOWS = r"(?= *\S*(?:\s+(?:default:|options:|- name:)|\s*$))"

INPUT_RULES = (
    FieldRule("name", _key("- name"), required=True),
    FieldRule("label", _key("label")),
    FieldRule("help", _key("help")),
    FieldRule("type", _key("type", _TYPE_FOLLOWS), required=True),
    FieldRule("default", _key("default")),
    FieldRule("options", _key("options")),
)
OPTION_RULES = (
    FieldRule("value", _key("- value"), required=True),
    FieldRule("label", _key("label")),
    FieldRule("description", _key("description")),
    FieldRule("triggerwords", _key("triggerwords")),
    FieldRule("generatesettings", _key("generatesettings")),
)
NEXT_INPUT = INPUT_RULES[0].pattern
NEXT_OPTION = OPTION_RULES[0].pattern


def read_collapsed(page: DecodedPage) -> RawPage:
    """The sections of a collapsed page, each read by its own grammar."""
    sections = _split_sections(page)
    preamble_end = sections[0].offset if sections else len(page.text)
    for section in sections:
        _read_section(page, section, sections)
    return RawPage(page, page.text[:preamble_end].strip(), sections)


def _split_sections(page: DecodedPage) -> list[RawSection]:
    """Headings and code blocks, scanned left to right so a `#` in a code block is no heading."""
    text = page.text
    sections: list[RawSection] = []
    position = 0
    while True:
        heading = HEADING.search(text, position)
        fence_start = text.find(FENCE, position)
        if heading and (fence_start < 0 or heading.start() < fence_start):
            kind, title_length = match_title(text[heading.end() :])
            body = heading.end() + title_length
            title = text[heading.end() : body] if title_length else _unknown_title(text, body)
            if sections:
                sections[-1].end = heading.start()
            sections.append(RawSection(kind, title.strip(), heading.start(), body, len(text)))
            position = body
        elif fence_start >= 0:
            section = sections[-1].title if sections else "preamble"
            fence, position = _read_fence(page, fence_start, section)
            if sections:
                sections[-1].fences.append(fence)
        else:
            return sections


def _unknown_title(text: str, start: int) -> str:
    return " ".join(text[start : start + 200].split()[:6])


def _read_fence(page: DecodedPage, start: int, section: str) -> tuple[RawFence, int]:
    text = page.text
    info_end = FENCE_INFO.match(text, start + len(FENCE)).end()  # type: ignore[union-attr]
    close = text.find(FENCE, info_end)
    if close < 0:
        raise page.error(start, section, "a closing ``` for this code block", CUT_OFF)
    info = text[start + len(FENCE) : info_end]
    return RawFence(info, text[info_end:close].strip(), start), close + len(FENCE)


def _read_section(page: DecodedPage, section: RawSection, sections: list[RawSection]) -> None:
    end = section.fences[0].offset if section.fences else section.end
    if section.kind is Section.BASIC:
        section.fields = _read_basic(page, section.body, end)
    elif section.kind is Section.INPUTS:
        section.entries = _read_inputs(page, section, end)
    elif section.kind is Section.INSPIRES:
        names = [e.value("name") for s in sections if s.kind is Section.INPUTS for e in s.entries]
        section.fields = _read_inspires(page, section.body, end, names)
    elif section.kind in (Section.COMPLETED_STATUSES, Section.RUNNING_STATUSES):
        section.fields = _read_statuses(page, section.body, end)


def _read_basic(page: DecodedPage, start: int, end: int) -> list[RawField]:
    text = page.text
    keys = list(BASIC_KEY_PATTERN.finditer(text, start, end))
    fields: list[RawField] = []
    for index, found in enumerate(keys):
        value_end = keys[index + 1].start() if index + 1 < len(keys) else end
        value = text[found.end() : value_end].strip()
        key = basic_key(found)
        if key in LIST_KEYS:
            items = [item.strip() for item in LIST_ITEM.split(value) if item.strip()]
            fields.append(RawField(key, "", found.start(), items))
        else:
            fields.append(RawField(key, value, found.start()))
    return fields


def _read_inputs(page: DecodedPage, section: RawSection, end: int) -> list[RawEntry]:
    entries: list[RawEntry] = []
    position = _skip_space(page.text, section.body, end)
    while position < end:
        entry, position = _read_entry(page, section, position, end, INPUT_RULES, NEXT_INPUT)
        entries.append(entry)
        position = _skip_space(page.text, position, end)
    return entries


def _read_entry(
    page: DecodedPage,
    section: RawSection,
    start: int,
    end: int,
    rules: tuple[FieldRule, ...],
    sibling: re.Pattern[str],
) -> tuple[RawEntry, int]:
    """One input or option: fields in documented order, each ending where a later key begins.

    The entry ends where its next sibling (`- name:` or `- value:`) begins; a JSON
    value is read whole first, so a sibling-like text inside it does not end it.
    """
    text = page.text
    first = rules[0].pattern.match(text, start)
    if first is None:
        _refuse_squeezed_sibling(page, section, rules[0].key, start, start + len(rules[0].key) + 4)
        expected = f"'- {rules[0].key}:' starting the next entry"
        raise page.error(start, section.title, expected, page.excerpt(start))
    limit = _find(sibling, text, first.end(), end)
    _refuse_squeezed_sibling(page, section, rules[0].key, first.end(), limit)
    entry = RawEntry(start)
    index, key_start, value_start = 0, start, first.end()
    while True:
        rule = rules[index]
        if rule.key == "options":
            entry.fields.append(RawField("options", "", key_start))
            entry.options = _read_options(page, section, value_start, limit)
            return entry, limit
        search_from = value_start
        json_end = _json_end(text, value_start, end) if rule.key in JSON_OPTION_KEYS else None
        if json_end is not None:
            search_from = json_end
            if json_end > limit:
                limit = _find(sibling, text, json_end, end)
        following = _following_key(text, search_from, limit, rules, index)
        if following is None:
            _require_rest(page, section, entry, rules, index, value_start, limit)
            entry.fields.append(RawField(rule.key, text[value_start:limit].strip(), key_start))
            return entry, limit
        index, found = following
        value = text[value_start : found.start()].strip()
        entry.fields.append(RawField(rule.key, value, key_start))
        key_start, value_start = found.start(), found.end()


def _refuse_squeezed_sibling(
    page: DecodedPage, section: RawSection, key: str, start: int, end: int
) -> None:
    """`- name:foo` (no space) is a broken sibling entry, not text of this one's last field."""
    squeezed = re.compile(rf"(?<!\S)- {key}:(?=\S)").search(page.text, start, end)
    if squeezed:
        expected = f"'- {key}: ' (a space after the colon) starting an entry"
        raise page.error(squeezed.start(), section.title, expected, page.excerpt(squeezed.start()))


def _read_options(page: DecodedPage, section: RawSection, start: int, end: int) -> list[RawEntry]:
    options: list[RawEntry] = []
    position = _skip_space(page.text, start, end)
    while position < end:
        option, position = _read_entry(page, section, position, end, OPTION_RULES, NEXT_OPTION)
        options.append(option)
        position = _skip_space(page.text, position, end)
    return options


def _find(pattern: re.Pattern[str], text: str, start: int, end: int) -> int:
    """Where `pattern` next matches in text[start:end], or `end`."""
    found = pattern.search(text, start, end)
    return found.start() if found else end


def _following_key(
    text: str, start: int, limit: int, rules: tuple[FieldRule, ...], index: int
) -> tuple[int, re.Match[str]] | None:
    """The earliest key that may follow rules[index]: any later one up to the next required one."""
    best: tuple[int, re.Match[str]] | None = None
    for later in range(index + 1, len(rules)):
        match = rules[later].pattern.search(text, start, limit)
        if match and (best is None or match.start() < best[1].start()):
            best = (later, match)
        if rules[later].required:
            break
    return best


def _require_rest(
    page: DecodedPage,
    section: RawSection,
    entry: RawEntry,
    rules: tuple[FieldRule, ...],
    index: int,
    value_start: int,
    limit: int,
) -> None:
    """An entry may end early only when no required field is still to come."""
    missing = [rule.key for rule in rules[index + 1 :] if rule.required]
    if not missing:
        return
    name = entry.fields[0].value if entry.fields else page.text[value_start:limit].strip()
    found = CUT_OFF if limit >= len(page.text.rstrip()) else page.excerpt(limit)
    expected = f"a '{missing[0]}:' field in the entry {name!r} (after '{rules[index].key}:')"
    raise page.error(limit, section.title, expected, found)


def _json_end(text: str, start: int, end: int) -> int | None:
    """Where a JSON value starting at `start` ends, or None when it is not JSON."""
    position = _skip_space(text, start, end)
    try:
        _, value_end = _JSON.raw_decode(text, position)
    except ValueError:
        return None
    return int(value_end) if value_end <= end else None


def _skip_space(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def _read_inspires(
    page: DecodedPage, start: int, end: int, input_names: list[str]
) -> list[RawField]:
    """`- key: value` pairs; a key must begin some input's name, so prompts may hold `- word:`."""
    keys = [
        match
        for match in INSPIRE_ENTRY.finditer(page.text, start, end)
        if not input_names or any(name.startswith(match.group("key")) for name in input_names)
    ]
    return _pairs(page.text, keys, "key", end)


def _read_statuses(page: DecodedPage, start: int, end: int) -> list[RawField]:
    return _pairs(page.text, list(STATUS_ENTRY.finditer(page.text, start, end)), "status", end)


def _pairs(text: str, keys: list[re.Match[str]], group: str, end: int) -> list[RawField]:
    return [
        RawField(
            match.group(group),
            text[match.end() : keys[i + 1].start() if i + 1 < len(keys) else end].strip(),
            match.start(),
        )
        for i, match in enumerate(keys)
    ]

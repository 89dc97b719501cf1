"""What a layout reader finds on a page, before it is checked and typed.

Both readers (multi-line and collapsed) produce this same shape, so one
builder turns either into the IR.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .grammar import Section
from .source import DecodedPage


@dataclass
class RawField:
    """`key: value` as written (value stripped), where its key starts."""

    key: str
    value: str
    offset: int
    items: list[str] = field(default_factory=list)


@dataclass
class RawEntry:
    """An input item or an option: its fields in page order."""

    offset: int
    fields: list[RawField] = field(default_factory=list)
    options: list[RawEntry] | None = None

    def get(self, key: str) -> RawField | None:
        for entry_field in self.fields:
            if entry_field.key == key:
                return entry_field
        return None

    def value(self, key: str) -> str:
        found = self.get(key)
        return found.value if found else ""


@dataclass
class RawFence:
    """A code block: its info word, its content, and where its opening ``` is."""

    info: str
    text: str
    offset: int


@dataclass
class RawSection:
    """One `##`/`###` section; which lists are filled depends on its kind."""

    kind: Section
    title: str
    offset: int
    body: int
    end: int
    fields: list[RawField] = field(default_factory=list)
    entries: list[RawEntry] = field(default_factory=list)
    fences: list[RawFence] = field(default_factory=list)


@dataclass
class RawPage:
    page: DecodedPage
    preamble: str
    sections: list[RawSection]

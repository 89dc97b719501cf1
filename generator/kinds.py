"""What each documented input type means, independent of how it is rendered."""

from __future__ import annotations

import enum


class InputKind(enum.Enum):
    """The behaviour behind an input `type:`; several page types share one kind."""

    TEXT = "text"
    NUMBER = "number"
    FLOAT = "float"
    BOOLEAN = "boolean"
    SELECT = "select"
    MULTISELECT = "multiselect"
    FILE = "file"
    MULTIFILE = "multifile"
    COMBINEFILE = "combinefile"
    UNKNOWN = "unknown"

    @property
    def is_file(self) -> bool:
        return self in (InputKind.FILE, InputKind.MULTIFILE, InputKind.COMBINEFILE)

    @property
    def is_list(self) -> bool:
        return self in (InputKind.MULTISELECT, InputKind.MULTIFILE, InputKind.COMBINEFILE)

    @property
    def has_options(self) -> bool:
        return self in (InputKind.SELECT, InputKind.MULTISELECT)


TYPE_KINDS: dict[str, InputKind] = {
    "text": InputKind.TEXT,
    "textarea": InputKind.TEXT,
    "number": InputKind.NUMBER,
    "range": InputKind.NUMBER,
    "float": InputKind.FLOAT,
    "checkbox": InputKind.BOOLEAN,
    "boolean": InputKind.BOOLEAN,
    "bool": InputKind.BOOLEAN,
    "select": InputKind.SELECT,
    "selectwithcover": InputKind.SELECT,
    "multiselect": InputKind.MULTISELECT,
    "fileinput": InputKind.FILE,
    "multifileinput": InputKind.MULTIFILE,
    "combinefileinput": InputKind.COMBINEFILE,
}


def kind_of(type_name: str) -> InputKind:
    """The kind of a page `type:`; types wirogen does not know are UNKNOWN."""
    return TYPE_KINDS.get(type_name.lower(), InputKind.UNKNOWN)

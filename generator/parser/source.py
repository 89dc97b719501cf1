"""A page's text, its layout, and positions within it."""

from __future__ import annotations

import bisect
import hashlib
import itertools
from dataclasses import dataclass, field

from ..ir import Layout
from .errors import ParseError

BOM = "\ufeff"


@dataclass(frozen=True)
class DecodedPage:
    """Decoded page text with line ends normalised, and how to locate an offset in it."""

    name: str
    text: str
    sha256: str
    layout: Layout
    _line_starts: list[int] = field(repr=False, compare=False, default_factory=list)

    @classmethod
    def from_bytes(cls, name: str, data: bytes) -> DecodedPage:
        digest = hashlib.sha256(data).hexdigest()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            prefix = data[: error.start].decode("utf-8", errors="replace")
            line = prefix.count("\n") + 1
            column = len(prefix) - (prefix.rfind("\n") + 1) + 1
            raise ParseError(
                name,
                line,
                column,
                error.start,
                "page",
                "UTF-8 text",
                f"the invalid byte 0x{data[error.start]:02x}",
            ) from None
        return cls.from_text(name, text, digest)

    @classmethod
    def from_text(cls, name: str, text: str, sha256: str | None = None) -> DecodedPage:
        digest = sha256 or hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        text = text.removeprefix(BOM).replace("\r\n", "\n")
        layout: Layout = "multiline" if "\n" in text.strip() else "collapsed"
        if layout == "multiline":
            # markdown-it treats a lone CR as a line end; positions must agree with it.
            text = text.replace("\r", "\n")
        lines = text.split("\n")[:-1]
        starts = [0, *itertools.accumulate(len(line) + 1 for line in lines)]
        return cls(name, text, digest, layout, starts)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def line_offset(self, line_index: int) -> int:
        """Offset of the start of a 0-based line (the end of the text past the last line)."""
        if line_index >= len(self._line_starts):
            return len(self.text)
        return self._line_starts[line_index]

    def error(self, offset: int, section: str, expected: str, found: str = "") -> ParseError:
        line, column = self.position(offset)
        return ParseError(self.name, line, column, offset, section, expected, found)

    def excerpt(self, offset: int, width: int = 40) -> str:
        """What the page holds at an offset, quoted for an error message."""
        if offset >= len(self.text.rstrip()):
            return "the end of the page"
        snippet = self.text[offset : offset + width].split("\n", 1)[0]
        return repr(snippet + ("..." if len(snippet) == width else ""))

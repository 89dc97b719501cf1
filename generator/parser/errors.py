"""The one error a page that cannot be read raises."""

from __future__ import annotations


class ParseError(Exception):
    """A page that cannot be read: where, in which section, and what was expected."""

    def __init__(
        self,
        file: str,
        line: int,
        column: int,
        offset: int,
        section: str,
        expected: str,
        found: str = "",
    ) -> None:
        self.file = file
        self.line = line
        self.column = column
        self.offset = offset
        self.section = section
        self.expected = expected
        self.found = found
        super().__init__(self.message)

    def __reduce__(self) -> tuple[type[ParseError], tuple[str, int, int, int, str, str, str]]:
        # Rebuilt from its fields, so it survives a trip through a process pool.
        fields = (self.file, self.line, self.column, self.offset, self.section, self.expected)
        return ParseError, (*fields, self.found)

    @property
    def message(self) -> str:
        found = f", found {self.found}" if self.found else ""
        return (
            f"{self.file}:{self.line}:{self.column}: in section {self.section!r}: "
            f"expected {self.expected}{found}"
        )


class NotAPageError(ParseError):
    """A file that is not a Wiro tool page at all (a README beside the pages, say).

    A page that is cut off still has its `## Basic tool info` heading or its Run Task
    Endpoint and fails as a page; this file has neither, so a folder of pages may skip it.
    """

    EXPECTED = "a Wiro tool page: a '## Basic tool info' section or a 'Run Task Endpoint'"

    def __init__(self, file: str) -> None:
        super().__init__(file, 1, 1, 0, "page", self.EXPECTED, "neither")

    def __reduce__(self) -> tuple[type[NotAPageError], tuple[str]]:  # type: ignore[override]
        return NotAPageError, (self.file,)

    @property
    def note(self) -> str:
        """What a command that reads a folder of pages says when it skips this file."""
        return (
            f"skipped {self.file}: not a Wiro tool page "
            "(no '## Basic tool info' section, no 'Run Task Endpoint')"
        )

"""The generation pipeline, step by step: find pages, parse, render, format."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .ir import ToolSpec
from .output.formatting import format_source
from .output.tree import GeneratedFile
from .parser import ParseError, parse_page
from .render import render_package

PAGE_SUFFIXES = (".md", ".txt")

Progress = Callable[[Iterable[Path], str], Iterable[Path]]


def find_pages(sources: Sequence[Path]) -> list[Path]:
    """Page files: each file given, and the `*.md`/`*.txt` files of each directory, sorted."""
    pages: dict[Path, None] = {}
    for source in sources:
        if source.is_dir():
            found = sorted(p for p in source.iterdir() if p.suffix in PAGE_SUFFIXES and p.is_file())
            pages.update(dict.fromkeys(found))
        else:
            pages[source] = None
    return list(pages)


@dataclass
class Generation:
    """What one run produced: the files, the specs they came from, and what went wrong."""

    files: list[GeneratedFile] = field(default_factory=list)
    specs: list[ToolSpec] = field(default_factory=list)
    failures: list[ParseError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Project:
    """Drives the steps of a generation for one package layout."""

    package: str = "wiro_tools"
    templates: Path | None = None

    def parse(self, pages: Sequence[Path], progress: Progress | None = None) -> Generation:
        """Every page parsed; failures are collected, not raised, so all are reported."""
        result = Generation()
        for page in progress(pages, "parsing") if progress else pages:
            try:
                result.specs.append(parse_page(page))
            except ParseError as error:
                result.failures.append(error)
        return result

    def generate(
        self, pages: Sequence[Path], progress: Progress | None = None, keep_going: bool = False
    ) -> Generation:
        """Parse, render and format; nothing is rendered when a page failed, unless keep_going."""
        result = self.parse(pages, progress)
        if keep_going or not result.failures:
            self.render(result)
        return result

    def render(self, result: Generation) -> None:
        """Render and format the package of `result.specs` into `result.files`."""
        rendered = render_package(result.specs, package=self.package, templates=self.templates)
        page_of = {tool.path: tool.spec.source.sha256 for tool in rendered.tools}
        result.notes.extend(rendered.notes)
        result.files = [
            GeneratedFile(path, format_source(path, source), page_of.get(path))
            for path, source in rendered.files.items()
        ]

    def package_dir(self, output: Path) -> Path:
        return output.joinpath(*self.package.split("."))

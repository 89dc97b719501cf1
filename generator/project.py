"""The generation pipeline: find pages, parse, plan the package, render and format.

Each generated file has an input key (see fingerprint): a file whose key and content
match what the last run recorded in the manifest is reused as it is, so only new and
changed pages are parsed, rendered and formatted. The rest runs in a process pool.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .fingerprint import generator_fingerprint, input_key
from .jobs import BuiltPage, FileJob, PageJob, Progress, tool_key
from .output.files import read_owned
from .output.manifest import GeneratedFile, Manifest
from .parser import read_page
from .parser.errors import NotAPageError, ParseError
from .prices import clean_key, files_digest, load_prices, price_files, price_key
from .render.planning import (
    DuplicateToolError,
    PageRef,
    PlannedTool,
    owners_of,
    plan_tools,
    runtime_files,
)

if TYPE_CHECKING:
    from .ir import ToolSpec
    from .prices import Entry

PAGE_SUFFIXES = (".md", ".txt")
T = TypeVar("T")


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
    """What one run produced: the files, the tools they hold, and what went wrong.

    `specs` is filled by `Project.parse`; generation keeps only refs to the pages.
    `previous` is the manifest of the package generation started from.
    """

    files: list[GeneratedFile] = field(default_factory=list)
    tools: list[PlannedTool] = field(default_factory=list)
    specs: list[ToolSpec] = field(default_factory=list)
    failures: list[ParseError | DuplicateToolError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    fingerprint: str = ""
    previous: Manifest = field(default_factory=Manifest)
    prices: dict[str, Entry] = field(default_factory=dict)
    """Each tool's prices by clean slug, from the price files beside the pages."""


@dataclass(frozen=True)
class Project:
    """Drives the steps of a generation for one package layout."""

    package: str = "wiro_tools"
    templates: Path | None = None

    def package_dir(self, output: Path) -> Path:
        return output.joinpath(*self.package.split("."))

    def parse(self, paths: Sequence[Path], progress: Progress | None = None) -> Generation:
        """Every page parsed; failures are collected, not raised, so all are reported.

        Pages that share a slug are failures too: none of them is kept.
        """
        from .workers import parse_pages  # the parser: imported by runs that parse

        result = Generation()
        outcomes = zip(paths, parse_pages(list(paths), progress), strict=True)
        specs = {
            path: spec
            for path, outcome in outcomes
            if (spec := _succeeded(outcome, result)) is not None
        }
        unique = _unique_slugs({path: spec.slug for path, spec in specs.items()}, result)
        result.specs = [spec for path, spec in specs.items() if path in unique]
        return result

    def generate(
        self,
        paths: Sequence[Path],
        output: Path | None = None,
        progress: Progress | None = None,
        keep_going: bool = False,
    ) -> Generation:
        """The package for `paths`, reusing what the package already in `output` holds.

        Nothing is rendered when a page fails to parse, unless `keep_going`. Each tool's
        prices come from the price file beside its page, when there is one; raises
        prices.PriceDataError for a price file that cannot be read.
        """
        fingerprint = generator_fingerprint(self.templates)
        package_dir = self.package_dir(output) if output else None
        previous = Manifest.read(package_dir) if package_dir else Manifest()
        files = tuple(price_files(paths))
        result = Generation(fingerprint=fingerprint, previous=previous, prices=load_prices(files))
        refs, built = self._page_refs(paths, previous, result, progress, files)
        if result.failures and not keep_going:
            return result
        result.tools, notes = plan_tools(list(refs))
        result.notes += notes
        jobs = self._jobs(result, refs)
        result.files = self._reuse_or_build(jobs, built, previous, package_dir, result, progress)
        return result

    def _page_refs(
        self,
        paths: Sequence[Path],
        previous: Manifest,
        result: Generation,
        progress: Progress | None,
        prices: tuple[Path, ...] = (),
    ) -> tuple[dict[PageRef, Path], dict[PageRef, BuiltPage]]:
        """Each page's ref and path, and the modules built from the pages it parsed.

        Only pages the manifest does not know are parsed, each once: its module is built
        in the same step. Pages that share a slug are failures: none of them is kept.
        """
        known = previous.slugs_by_page() if previous.fingerprint == result.fingerprint else {}
        refs: dict[Path, PageRef | None] = {}
        for path in paths:
            sha256 = _sha256(path, result)
            if sha256 is not None:
                refs[path] = PageRef(known[sha256], path.name, sha256) if sha256 in known else None
        digest = files_digest(prices) if prices else ""
        jobs = [
            PageJob(path, result.fingerprint, self.package, self.templates, prices, digest)
            for path, ref in refs.items()
            if ref is None
        ]
        built: dict[PageRef, BuiltPage] = {}
        for job, outcome in zip(jobs, _built_pages(jobs, progress), strict=True):
            page = _succeeded(outcome, result)
            if page is not None:
                refs[job.path] = page.ref
                built[page.ref] = page
        found = {path: ref for path, ref in refs.items() if ref is not None}
        unique = _unique_slugs({path: ref.slug for path, ref in found.items()}, result)
        return {ref: path for path, ref in found.items() if path in unique}, built

    def _jobs(self, result: Generation, refs: dict[PageRef, Path]) -> list[FileJob]:
        fingerprint, package = result.fingerprint, self.package
        jobs = []
        for tool in result.tools:
            prices = price_key(result.prices.get(clean_key(tool.page.slug)))
            key = tool_key(fingerprint, package, tool, prices)
            page = refs[tool.page]
            jobs.append(FileJob(tool.path, key, package, self.templates, (tool,), page, prices))
        for owner, owned in owners_of(result.tools).items():
            layout = "\0".join(f"{tool.page.owner}/{tool.module}" for tool in owned)
            key = input_key(fingerprint, "owner", owner, layout)
            jobs.append(FileJob(f"{owner}/__init__.py", key, package, self.templates, tuple(owned)))
        registry = "\0".join(f"{t.page.slug}/{t.dotted}/{t.class_name}" for t in result.tools)
        jobs.append(
            FileJob(
                "__init__.py",
                input_key(fingerprint, "registry", package, registry),
                package,
                self.templates,
                tuple(result.tools),
            )
        )
        for path in (*runtime_files(), "__main__.py", "py.typed"):
            jobs.append(FileJob(path, input_key(fingerprint, path), package, self.templates))
        return jobs

    def _reuse_or_build(
        self,
        jobs: list[FileJob],
        built: dict[PageRef, BuiltPage],
        previous: Manifest,
        package_dir: Path | None,
        result: Generation,
        progress: Progress | None,
    ) -> list[GeneratedFile]:
        files: dict[str, GeneratedFile] = {}
        to_build = []
        for job in jobs:
            page = _prebuilt(job, built)
            reused = page.module if page else _reusable(job, previous, package_dir)
            if page:
                result.notes += page.notes
            if reused is None:
                to_build.append(job)
            else:
                files[job.path] = reused
        for file, notes in _built_files(to_build, progress):
            files[file.path] = file
            result.notes += notes
        return [files[path] for path in sorted(files)]


# The parser and the renderer are imported only by runs that have something to build:
# a no-op regeneration or `check` of a fresh package never loads them.


def _built_pages(jobs: list[PageJob], progress: Progress | None) -> list[BuiltPage | ParseError]:
    if not jobs:
        return []
    from .workers import build_pages

    return build_pages(jobs, progress)


def _built_files(
    jobs: list[FileJob], progress: Progress | None
) -> list[tuple[GeneratedFile, list[str]]]:
    if not jobs:
        return []
    from .workers import build_files

    return build_files(jobs, progress)


def _succeeded(outcome: T | ParseError, result: Generation) -> T | None:
    """`outcome`, or None when it is a ParseError, recorded in `result`.

    A file that is not a Wiro page at all (a README in the specs folder) only gets a note.
    """
    if isinstance(outcome, NotAPageError):
        result.notes.append(outcome.note)
        return None
    if isinstance(outcome, ParseError):
        result.failures.append(outcome)
        return None
    return outcome


def _unique_slugs(slugs: dict[Path, str], result: Generation) -> set[Path]:
    """The pages whose slug no other page has; each other one is reported with the first."""
    first: dict[str, Path] = {}
    shared: set[str] = set()
    for path, slug in slugs.items():
        if slug in first:
            message = f"{first[slug]} and {path} both describe {slug!r}"
            result.failures.append(DuplicateToolError(message))
            shared.add(slug)
        else:
            first[slug] = path
    return {path for path, slug in slugs.items() if slug not in shared}


def _sha256(path: Path, result: Generation) -> str | None:
    try:
        return hashlib.sha256(read_page(path)).hexdigest()
    except ParseError as error:
        result.failures.append(error)
        return None


def _prebuilt(job: FileJob, built: dict[PageRef, BuiltPage]) -> BuiltPage | None:
    """The page whose module was built as it was parsed, if planning put its tool there."""
    page = built.get(job.tools[0].page) if job.page else None
    return page if page is not None and page.tool == job.tools[0] else None


def _reusable(job: FileJob, previous: Manifest, package_dir: Path | None) -> GeneratedFile | None:
    """The file as the last run left it, when it was made from the same inputs and is intact.

    A tool module recorded without its API record (by an older wirogen) is built again,
    and so is a file replaced by a symlink (not wirogen's to reuse).
    """
    record = previous.files.get(job.path)
    if package_dir is None or record is None or record.inputs != job.key:
        return None
    path = package_dir / job.path
    if (job.page is not None and record.api is None) or path.is_symlink():
        return None
    try:
        data = read_owned(path)  # never through a symlink, never waiting on a FIFO
        content = "" if data is None else data.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    reused = GeneratedFile(
        job.path, content, job.key, record.page_sha256, record.slug, record.api, on_disk=True
    )
    return reused if reused.sha256 == record.sha256 else None

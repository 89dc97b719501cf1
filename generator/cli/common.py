"""What the commands share: arguments, error reporting, progress and summaries."""

from __future__ import annotations

import keyword
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import click

from ..parser import ParseError
from ..project import Generation, Project, find_pages
from ..render.planning import DuplicateToolError
from ..wording import counted

EXIT_INVALID = 1
DEFAULT_SPECS = Path("specs")
DEFAULT_PAGES_URL = "https://wiro.ai/models"
# Every path a command reads: a missing one is a usage error (exit 2) with click's message.
EXISTING_PATH = click.Path(exists=True, path_type=Path)
# The epilog of every command that reads pages, so each help says what exit 2 means there.
READS_PAGES = (
    "A path that does not exist, or holds no Wiro tool pages, is a usage error (exit 2); "
    "files that are not Wiro pages (a README) are skipped with a note."
)
T = TypeVar("T")


def failure(message: str) -> click.exceptions.Exit:
    """Print `message` to stderr; raise the result to exit with status 1."""
    click.echo(message, err=True)
    return click.exceptions.Exit(EXIT_INVALID)


def check_http_url(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """A click callback: `value` unless it is not an http(s) URL with a host."""
    try:
        url = urlsplit(value)
        valid = url.scheme in ("http", "https") and bool(url.hostname) and url.port != -1
    except ValueError:  # a bad port or IPv6 address
        valid = False
    if not valid:
        raise click.BadParameter(f"{value!r} is not an http(s) URL")
    return value


def specs_argument(function: Callable[..., Any]) -> Callable[..., Any]:
    """SPECS...: page files and directories, ./specs when none is given; each must exist."""
    return click.argument("specs", nargs=-1, type=EXISTING_PATH, default=(DEFAULT_SPECS,))(function)


def directory_option(function: Callable[..., Any]) -> Callable[..., Any]:
    """-d/--directory: the specs folder `fetch` and `sync` write pages into."""
    return click.option(
        "-d",
        "--directory",
        type=click.Path(file_okay=False, path_type=Path),
        default=DEFAULT_SPECS,
        show_default=True,
        help="The specs folder the pages are written into; created when missing.",
    )(function)


def pages_url_option(function: Callable[..., Any]) -> Callable[..., Any]:
    """--pages-url (or --base-url): where `fetch` and `sync` download pages from."""
    return click.option(
        "--pages-url",
        "--base-url",
        "pages_url",
        default=DEFAULT_PAGES_URL,
        show_default=True,
        callback=check_http_url,
        help="Where pages are served: {pages-url}/{owner}/{slug}/llms.txt.",
    )(function)


def output_option(function: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "-o",
        "--output",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("generated"),
        show_default=True,
        help="Directory the package is generated into.",
    )(function)


def _check_package(ctx: click.Context, param: click.Parameter, value: str) -> str:
    parts = value.split(".")
    if not all(part.isidentifier() and not keyword.iskeyword(part) for part in parts):
        raise click.BadParameter(f"{value!r} is not a dotted Python package name")
    return value


def package_option(function: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--package",
        default="wiro_tools",
        show_default=True,
        callback=_check_package,
        help="Package name; dotted names (myapp.vendor.wiro) nest it.",
    )(function)


def templates_option(function: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--templates",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        help="Directory of templates that override the built-in ones by file name.",
    )(function)


NO_PAGES = "no pages found: give page files or directories holding Wiro tool pages (*.md/*.txt)"


def pages_of(specs: Sequence[Path]) -> list[Path]:
    """The page files named by SPECS, or a usage error when there are none."""
    pages = find_pages(specs)
    if not pages:
        raise click.UsageError(NO_PAGES)
    return pages


def require_pages(result: Generation, tools: int) -> None:
    """A usage error when every file was skipped as not a Wiro page (a folder holding only a
    README): the same error as a folder without files, after the notes naming them."""
    if not tools and not result.failures:
        report_notes(result.notes)
        raise click.UsageError(NO_PAGES)


def parse_specs(specs: Sequence[Path]) -> Generation:
    """Every page of SPECS parsed, failures collected; a usage error when there is none."""
    result = Project().parse(pages_of(specs))
    require_pages(result, len(result.specs))
    return result


def report_failures(failures: Sequence[ParseError | DuplicateToolError]) -> None:
    for error in failures:
        click.echo(f"error: {error}", err=True)


def failed_pages(failures: Sequence[ParseError | DuplicateToolError]) -> str:
    """How many pages failed, and how: `2 pages failed to parse, 2 pages share a slug...`."""
    unparsed = sum(isinstance(failure, ParseError) for failure in failures)
    counts = [f"{counted(unparsed, 'page')} failed to parse"] if unparsed else []
    shared = len(failures) - unparsed
    if shared:
        counts.append(
            f"{counted(shared, 'page')} {'shares' if shared == 1 else 'share'} a slug with another"
        )
    return ", ".join(counts)


def report_notes(notes: Sequence[str], quiet: bool = False) -> None:
    if not quiet:
        for note in notes:
            click.echo(f"note: {note}", err=True)


def progress(quiet: bool) -> Callable[[Iterable[T], str, int], Iterable[T]] | None:
    """A progress bar over stderr when it is a terminal, unless quiet."""
    if quiet or not sys.stderr.isatty():
        return None

    def bar(items: Iterable[T], label: str, length: int) -> Iterable[T]:
        with click.progressbar(items, length=length, label=label, file=sys.stderr) as shown:
            yield from shown

    return bar

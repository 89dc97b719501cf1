"""`wirogen diff OLD NEW`: the tools' API changes between two sets of pages, classified."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal, cast

import click

from ..wording import counted
from .common import EXISTING_PATH, failure, report_failures, report_notes

if TYPE_CHECKING:
    from ..apidiff import Severity, ToolApi

# The severities of generator.apidiff, spelled out so --help needs no import.
SEVERITY_NAMES = ("breaking", "non-breaking", "info")


@click.command()
@click.argument("old", type=EXISTING_PATH)
@click.argument("new", type=EXISTING_PATH)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="text for people, json for programs, markdown for a pull-request comment.",
)
@click.option(
    "--fail-on",
    type=click.Choice([*SEVERITY_NAMES, "price"]),
    help="Exit 1 when a change is at least this severe (breaking > non-breaking > info), "
    "or with `price` when a price changed.",
)
def diff(old: Path, new: Path, output_format: str, fail_on: str | None) -> None:
    """Report what changed in the tools' APIs from OLD to NEW (page files or directories).

    Breaking: a tool or input removed, an input's type changed, a select option removed.
    Non-breaking: a tool, input or option added. Info: a default, label, help text,
    description or the statuses changed. A renamed input is removed plus added.
    Prices (from the prices.json beside the pages, as `sync` keeps them) are reported
    per tool, old and new, rises first: kind `price`, severity info.
    Exit 1 when a page fails to parse, or with --fail-on when a change is that severe;
    an OLD or NEW that does not exist is a usage error (exit 2). Files that are not Wiro
    pages (a README) are skipped with a note; a folder without pages has no tools.
    """
    from ..apidiff import compare, fails
    from ..apireport import FORMATS

    changes = compare(_apis(old), _apis(new))
    click.echo(FORMATS[output_format](changes), nl=False)
    if fail_on is not None and fails(changes, cast("Severity | Literal['price']", fail_on)):
        raise click.exceptions.Exit(1)


def _apis(path: Path) -> dict[str, ToolApi]:
    from ..apidiff import ToolApi
    from ..prices import PRICE_FILE, PriceDataError, clean_key, load_prices, price_files
    from ..project import Project, find_pages

    pages = find_pages([path])
    try:
        prices = load_prices(price_files([path if path.is_file() else path / PRICE_FILE]))
    except PriceDataError as error:
        raise failure(f"error: {error}") from None
    result = Project().parse(pages)
    report_notes(result.notes)
    if result.failures:
        report_failures(result.failures)
        raise failure(
            f"cannot compare: {counted(len(result.failures), 'page')} in {path} failed to parse"
        )
    return {spec.slug: ToolApi.of(spec, prices.get(clean_key(spec.slug))) for spec in result.specs}

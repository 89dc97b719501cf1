"""`wirogen sync`: bring the specs folder in line with Wiro's catalogue."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..wording import counted
from .common import (
    EXIT_INVALID,
    check_http_url,
    directory_option,
    failure,
    pages_url_option,
    progress,
    report_notes,
)

if TYPE_CHECKING:
    from ..catalogue import Filters, ListedTool, Listing
    from ..runtime._auth import Signer
    from ..sync import SyncReport

DEFAULT_API_URL = "https://api.wiro.ai/v1"


@click.command()
@directory_option
@click.option(
    "--api-url",
    default=DEFAULT_API_URL,
    show_default=True,
    callback=check_http_url,
    help="The Wiro API the catalogue is read from (Tool/List).",
)
@pages_url_option
@click.option("--owner", help="Only the tools of this owner.")
@click.option("--category", help="Only the tools in this category.")
@click.option("--search", help="Only the tools matching this text.")
@click.option("--prune", is_flag=True, help="Delete the pages of tools gone from the catalogue.")
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
@click.option(
    "--generate", "then_generate", is_flag=True, help="Run `generate` on DIRECTORY after."
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, no per-page lines.")
@click.pass_context
def sync(
    ctx: click.Context,
    directory: Path,
    api_url: str,
    pages_url: str,
    owner: str | None,
    category: str | None,
    search: str | None,
    prune: bool,
    dry_run: bool,
    then_generate: bool,
    quiet: bool,
) -> None:
    """Download the page of every tool in Wiro's catalogue into DIRECTORY.

    The catalogue is read through Tool/List with $WIRO_API_KEY (and $WIRO_API_SECRET
    for signature-mode projects). A page is stored only if it parses, under the name
    `fetch` gives it, atomically; a page that fails leaves its file as it was. Pages
    of tools no longer listed are reported and kept, or deleted with --prune (only
    after a complete listing). With a filter only the listed tools are synced and
    nothing counts as gone. A page already held by another file of DIRECTORY is
    updated in that file. --generate keeps generated/pyproject.toml in step when it
    is wirogen's.
    The prices the catalogue lists (`dynamicprice`, else `cps` and `approximatelycost`)
    are kept in DIRECTORY/prices.json, sorted, for `generate`, `diff` and `mock-server`.
    Exit 1 when the catalogue cannot be read or is listed short of its total, or any
    page failed; a bad URL, missing or malformed credentials or a DIRECTORY that is a
    file is a usage error (exit 2). Files in DIRECTORY that are not Wiro pages (a
    README) are skipped with a note.
    """
    from ..catalogue import CatalogueError, Filters, catalogue_client, list_tools

    filters = Filters(owner, category, search)
    if prune and filters.any:
        raise click.UsageError("--prune needs the whole catalogue: not with a filter")
    if then_generate and dry_run:
        raise click.UsageError("--generate writes the package: not with --dry-run")
    started = time.perf_counter()
    signer = _credentials(api_url)
    try:
        with catalogue_client(api_url, signer) as client:
            listing = list_tools(client, filters)
    except CatalogueError as error:
        raise failure(f"error: cannot read the catalogue: {error}") from None
    report = _sync_pages(listing, directory, pages_url, filters, prune, dry_run, quiet)
    # Prices of tools no longer listed go only with --prune, after a complete listing.
    replace = not filters.any and prune and listing.complete
    prices_kept = _keep_prices(listing.tools, directory, replace, dry_run)
    click.echo(_summary(report, prune, dry_run, time.perf_counter() - started))
    if then_generate:
        _generate(ctx, directory, quiet)
    if report.failed or not listing.complete or not prices_kept:
        raise click.exceptions.Exit(EXIT_INVALID)


def _generate(ctx: click.Context, directory: Path, quiet: bool) -> None:
    """`generate` on `directory`, with --meta when the output holds wirogen's pyproject.toml."""
    from ..output.ownership import has_provenance
    from .generate import generate

    output = Path("generated")
    click.echo(f"generating from {directory}")
    meta = has_provenance(output / "pyproject.toml")
    ctx.invoke(generate, specs=(directory,), output=output, meta=meta, quiet=quiet)


def _credentials(api_url: str) -> Signer:
    """The signer of the environment's credentials, checked as the generated clients
    check them (never shown), once `api_url` may carry them."""
    from ..runtime._auth import checked_base_url, credentials
    from ..runtime._errors import ConfigurationError

    try:
        checked_base_url(api_url, allow_insecure=False)
    except ConfigurationError:
        raise click.BadParameter(
            f"{api_url!r} is plain http to another host: credentials go only over https "
            "(or to a loopback address)",
            param_hint="'--api-url'",
        ) from None
    if not os.environ.get("WIRO_API_KEY"):
        raise click.UsageError(
            "set WIRO_API_KEY (and WIRO_API_SECRET for a signature-mode project) "
            "to read the catalogue"
        )
    try:
        return credentials(None, None)
    except ConfigurationError as error:
        raise click.UsageError(str(error)) from None


def _sync_pages(
    listing: Listing,
    directory: Path,
    pages_url: str,
    filters: Filters,
    prune: bool,
    dry_run: bool,
    quiet: bool,
) -> SyncReport:
    from ..fetch import FetchError
    from ..sync import SyncReport, download_pages, gone_pages, homes_of, local_pages, store

    report = SyncReport()
    local, others = local_pages(directory)
    report_notes([other.note for other in others], quiet)
    homes = homes_of(local)
    slugs = []
    tools = listing.tools
    for tool, page in download_pages(tools, pages_url, homes, directory, progress(quiet)):
        if isinstance(page, FetchError):
            _failed(report, tool, str(page))
            continue
        if isinstance(page, Path):
            report.stored["unchanged"].append(page)
            continue
        try:
            path, outcome = store(page, directory, homes, dry_run)
        except OSError as error:
            _failed(report, tool, f"cannot write {page.file_name}: {error.strerror or error}")
            continue
        slugs.append(page.spec.slug)
        report.stored[outcome].append(path)
        if outcome != "unchanged" and not quiet:
            click.echo(f"{outcome}: {tool.display} -> {path}")
    if filters.any:
        return report  # unlisted tools are outside the filter, not gone
    if not listing.complete:
        click.echo(
            f"error: {listing.shortfall}: no page counts as gone"
            + (", none removed" if prune else ""),
            err=True,
        )
        return report
    report.gone = gone_pages(local, tools, slugs)
    for gone in report.gone:
        if prune and not dry_run:
            gone.path.unlink(missing_ok=True)
        verb = ("would be removed" if dry_run else "removed") if prune else "kept"
        click.echo(f"gone from the catalogue: {gone.slug} ({gone.path}, {verb})")
    return report


def _keep_prices(tools: list[ListedTool], directory: Path, replace: bool, dry_run: bool) -> bool:
    """The listed tools' prices stored beside the pages; False when that failed."""
    from ..syncprices import keep_prices

    try:
        kept = keep_prices(directory, tools, replace, dry_run)
    except OSError as error:
        click.echo(f"error: cannot write the prices: {error.strerror or error}", err=True)
        return False
    for warning in kept.warnings:
        click.echo(f"warning: {warning}", err=True)
    verb = f"would be {kept.outcome}" if dry_run and kept.outcome != "unchanged" else kept.outcome
    click.echo(f"prices of {counted(kept.priced, 'tool')}: {kept.path} ({verb})")
    return True


def _failed(report: SyncReport, tool: ListedTool, reason: str) -> None:
    report.failed.append((tool, reason))
    click.echo(f"error: {tool.display}: {reason}", err=True)


def _summary(report: SyncReport, prune: bool, dry_run: bool, elapsed: float) -> str:
    counts = [f"{len(paths)} {outcome}" for outcome, paths in report.stored.items()]
    counts.append(f"{len(report.failed)} failed")
    gone = f"{len(report.gone)} gone from the catalogue"
    if report.gone and prune:
        gone += " (would be removed)" if dry_run else " (removed)"
    counts.append(gone)
    text = f"synced {counted(report.synced, 'tool')}: {', '.join(counts)} in {elapsed:.1f} s"
    return text + (" (dry run: nothing written)" if dry_run else "")

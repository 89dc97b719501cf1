"""`wirogen fetch`: download tool pages into the specs directory, keeping those that parse."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import click

from ..fetch import FetchedPage, FetchError, fetch_page, page_client, split_slug
from ..wording import counted
from .common import EXIT_INVALID, directory_option, pages_url_option


def _check_slugs(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> list[tuple[str, str]]:
    try:
        return [split_slug(value) for value in values]
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


@click.command()
@click.argument("slugs", nargs=-1, required=True, metavar="OWNER/SLUG...", callback=_check_slugs)
@directory_option
@pages_url_option
@click.option(
    "--force",
    is_flag=True,
    help="Write a page whose run URL names another tool even over that tool's page.",
)
def fetch(slugs: list[tuple[str, str]], directory: Path, pages_url: str, force: bool) -> None:
    """Download the pages of OWNER/SLUG... into DIRECTORY as {owner}__{slug}.md.

    A page is written only if it parses, and only if it changed; the file is named
    after the page's own run-URL slug (characters unsafe in file names %XX-encoded).
    A page that fails leaves any existing file as it was; the others are still
    written, and the exit status is 1. A page served for OWNER/SLUG whose run URL
    names another tool is reported, and not written over that tool's page unless
    --force. Each page must arrive within 60 seconds, however slowly it is sent.
    A malformed OWNER/SLUG or a DIRECTORY that is a file is a usage error (exit 2).
    """
    started = time.perf_counter()
    fetched: list[FetchedPage] = []
    failed = 0
    with page_client() as client:
        for owner, slug in slugs:
            try:
                page = fetch_page(client, pages_url, owner, slug, directory, force)
            except FetchError as error:
                click.echo(f"error: {owner}/{slug}: {error}", err=True)
                failed += 1
                continue
            fetched.append(page)
            if page.other_slug:
                note = f"its run URL names {page.other_slug}, stored under that name"
                click.echo(f"warning: {owner}/{slug}: {note}", err=True)
            click.echo(f"fetched {owner}/{slug} -> {page.path} ({_details(page)})")
    summary = f"fetched {counted(len(fetched), 'page')} ({_outcomes(fetched)})"
    if failed:
        summary += f", {failed} failed"
    summary += f" in {time.perf_counter() - started:.1f} s"
    click.echo(summary)
    if failed:
        raise click.exceptions.Exit(EXIT_INVALID)


def _details(page: FetchedPage) -> str:
    return f"{page.outcome}, {counted(page.warnings, 'warning')}"


def _outcomes(pages: list[FetchedPage]) -> str:
    counts = Counter(page.outcome for page in pages)
    return ", ".join(f"{counts[outcome]} {outcome}" for outcome in ("new", "changed", "unchanged"))

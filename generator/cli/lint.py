"""`wirogen lint`: the parser's warnings about each page, grouped per page."""

from __future__ import annotations

import time
from pathlib import Path

import click

from ..parser import ParseError
from ..wording import counted
from .common import READS_PAGES, failure, parse_specs, report_failures, report_notes, specs_argument


@click.command(epilog=READS_PAGES)
@specs_argument
@click.option("--strict", is_flag=True, help="Exit 1 when any page has a warning.")
def lint(specs: tuple[Path, ...], strict: bool) -> None:
    """Print what is questionable on each page of SPECS (default ./specs).

    Warnings do not stop generation: duplicate options, defaults outside their
    options, inputs missing from the run example, mojibake, invalid example JSON...
    Pages that cannot be read and pages that share a slug are errors (exit 1); files
    in a folder that are not Wiro pages at all are skipped with a note.
    """
    started = time.perf_counter()
    result = parse_specs(specs)
    warned = [spec for spec in result.specs if spec.warnings]
    for spec in warned:
        click.echo(
            f"{spec.source.file_name} ({spec.slug}): {counted(len(spec.warnings), 'warning')}"
        )
        for warning in spec.warnings:
            click.echo(f"  - {warning}")
    report_notes(result.notes)
    report_failures(result.failures)
    count = sum(len(spec.warnings) for spec in warned)
    unreadable = sum(isinstance(error, ParseError) for error in result.failures)
    shared = len(result.failures) - unreadable
    summary = (
        f"linted {counted(len(result.specs) + len(result.failures), 'page')}: "
        f"{counted(count, 'warning')} on {counted(len(warned), 'page')}, {unreadable} unreadable"
        + (f", {shared} sharing a slug" if shared else "")
        + f" in {time.perf_counter() - started:.1f} s"
    )
    if result.failures or (strict and count):
        raise failure(summary)
    click.echo(summary)

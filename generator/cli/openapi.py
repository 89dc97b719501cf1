"""`wirogen openapi`: one OpenAPI 3.1 document for a set of tools."""

from __future__ import annotations

import time
from pathlib import Path

import click

from ..extras import missing_extra
from ..openapi import (
    FORMATS,
    build_document,
    dump_yaml,
    dumper_for,
    operation_ids,
    write_document,
)
from ..wording import counted
from .common import (
    READS_PAGES,
    failed_pages,
    failure,
    parse_specs,
    report_failures,
    report_notes,
    specs_argument,
)


def _check_suffix(ctx: click.Context, param: click.Parameter, value: Path) -> Path:
    try:
        dumper = dumper_for(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None
    problem = missing_extra("yaml", "writing YAML") if dumper is dump_yaml else None
    if problem:
        raise click.UsageError(f"{problem} (or write {value.with_suffix('.json').name})")
    return value


@click.command(epilog=READS_PAGES)
@specs_argument
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    callback=_check_suffix,
    help=f"File to write; its suffix ({', '.join(FORMATS)}) picks JSON or YAML.",
)
def openapi(specs: tuple[Path, ...], output: Path) -> None:
    """Write one OpenAPI 3.1 document describing the tools of SPECS.

    SPECS are page files or directories (default ./specs). The document holds a Run
    operation per tool, the task endpoints, authentication and the shared responses.

    The document is the same, byte for byte, for the same pages in any order, and is
    written atomically. Nothing is written when a page fails to parse.
    """
    started = time.perf_counter()
    result = parse_specs(specs)
    report_notes(result.notes)
    if result.failures:
        report_failures(result.failures)
        raise failure(f"nothing written: {failed_pages(result.failures)}")
    document = build_document(result.specs)
    try:
        write_document(document, output)
    except OSError as error:
        raise failure(f"error: cannot write {output}: {error.strerror or error}") from None
    click.echo(
        f"wrote {output}: {counted(len(result.specs), 'tool')}, "
        f"{counted(len(operation_ids(document)), 'operation')} "
        f"in {time.perf_counter() - started:.1f} s"
    )

"""`wirogen inspect`: what wirogen reads from one page."""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

from ..ir import ToolSpec, spec_to_json
from ..parser import ParseError, parse_page
from ..wording import counted
from .common import EXISTING_PATH, failure


@click.command()
@click.argument("page", type=EXISTING_PATH)
@click.option("--json", "as_json", is_flag=True, help="Print the IR as JSON (the public contract).")
def inspect(page: Path, as_json: bool) -> None:
    """Show what wirogen reads from one PAGE.

    Exit 1 when PAGE fails to parse or is not a Wiro tool page at all; a PAGE that does
    not exist is a usage error (exit 2).
    """
    started = time.perf_counter()
    try:
        spec = parse_page(page)
    except ParseError as error:
        raise failure(f"error: {error}") from None
    if as_json:
        click.echo(json.dumps(spec_to_json(spec), indent=2, ensure_ascii=False))
    else:
        click.echo(summary(spec))
    # With --json, stdout holds only the JSON: the summary line goes to stderr.
    click.echo(
        f"inspected {spec.slug}: {counted(len(spec.inputs), 'input')}, "
        f"{counted(len(spec.warnings), 'warning')} "
        f"in {time.perf_counter() - started:.1f} s",
        err=as_json,
    )


def summary(spec: ToolSpec) -> str:
    """A short human-readable account of a spec: endpoints, inputs, statuses, warnings."""
    lines = [f"{spec.slug}  ({spec.source.file_name}, {spec.source.layout} layout)"]
    if spec.name != spec.slug:
        lines.append(f"name: {spec.name}")
    lines += [_clip(spec.description, 100), "", "endpoints:"]
    identifiers = {
        "detail": spec.identifiers.detail,
        "kill": spec.identifiers.kill,
        "cancel": spec.identifiers.cancel,
    }
    for endpoint in ("run", "detail", "kill", "cancel"):
        url = getattr(spec.endpoints, endpoint) or "-"
        keys = identifiers.get(endpoint, ())
        lines.append(f"  {endpoint:<7} {url}" + (f"  ({', '.join(keys)})" if keys else ""))
    lines += ["", f"inputs ({len(spec.inputs)}):"]
    rows = [("NAME", "TYPE", "DEFAULT", "OPTIONS", "LABEL")] + [
        (
            item.name,
            item.type,
            _clip(item.default, 24),
            str(len(item.options)) if item.options else "",
            _clip(item.label, 30),
        )
        for item in spec.inputs
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines += [
        "  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines += [
        "",
        f"statuses: completed {', '.join(spec.statuses.completed)}",
        f"          running {', '.join(spec.statuses.running)}",
        f"examples: {len(spec.examples)}",
        f"warnings ({len(spec.warnings)}):" if spec.warnings else "warnings: none",
    ]
    lines += [f"  - {warning}" for warning in spec.warnings]
    return "\n".join(lines)


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"

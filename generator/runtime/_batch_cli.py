"""`python -m <package> batch JOBS --out DIR`: many tasks from a JSON Lines file,
resumably (the runner is `arun_batch`; this is its command line)."""

from __future__ import annotations

import asyncio
import itertools
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Final

import click

from ._batch import BatchResult, arun_batch
from ._batch_budget import CostLimitError
from ._batch_jobs import InvalidJobsError
from ._cli import USAGE_ERROR
from ._cli_group import Settings, fail, reported, settings

INTERRUPTED: Final = 130
LEFT_SHOWN: Final = 10


@click.command(
    "batch",
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Exit status: 0 every job succeeded; 1 some failed, were cancelled or are "
    "unknown; 2 bad jobs, usage or over --max-cost (nothing sent); 3 stopped for "
    "balance (code 97) or --max-cost; "
    "130 interrupted (rerun to go on).",
)
@click.argument("jobs", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--out",
    "out",
    required=True,
    metavar="DIR",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where the journal, results.jsonl and each job's outputs (DIR/<id>/) go.",
)
@click.option(
    "--concurrency",
    type=click.IntRange(1),
    metavar="N",
    help="At most N tasks at once. Default: as many as Wiro allows the account, "
    "learnt from its refusals (code 96).",
)
@click.option(
    "--retries",
    type=click.IntRange(0),
    default=1,
    show_default=True,
    help="Times a failed task (not billed) is sent again.",
)
@click.option(
    "--resend-unknown",
    is_flag=True,
    help="Send again the jobs whose Run went out but whose answer was lost. They may "
    "be running, and billed: check the account's tasks first.",
)
@click.option(
    "--no-download",
    is_flag=True,
    help="Do not download outputs; results.jsonl lists their URLs.",
)
@click.option(
    "--max-cost",
    metavar="USD",
    callback=lambda _ctx, _param, text: None if text is None else _usd(text),
    help="Refuse the batch before any Run when the jobs' estimates (their high end, "
    "by Wiro's prices) pass USD; stop sending when billed plus the estimates in "
    "flight would.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress or summary on stderr.")
def batch(
    jobs: Path,
    out: Path,
    concurrency: int | None,
    retries: int,
    resend_unknown: bool,
    no_download: bool,
    max_cost: Decimal | None,
    quiet: bool,
) -> None:
    """Run every job of JOBS (JSON Lines), recording each in DIR; run it again after a
    crash or Ctrl-C to go on where it stopped, without sending any job twice.

    One job a line: {"id": "cat-1", "tool": "owner/slug", "inputs": {...}}, with
    optional "extra_body" and "project_id". Inputs go by run()'s argument names or their
    wire names; a file input takes a URL or a path relative to JOBS. Every line is checked
    before anything is sent.
    """
    config = settings()
    options = (concurrency, retries, resend_unknown, not no_download, quiet, max_cost)
    try:
        with reported():
            try:
                result = asyncio.run(_batch(config, jobs, out, *options))
            except (InvalidJobsError, CostLimitError) as error:
                fail(str(error), USAGE_ERROR)
    except KeyboardInterrupt:
        click.echo(
            f"Interrupted: the journal in {out} is consistent; run the same command "
            "again to go on.",
            err=True,
        )
        raise SystemExit(INTERRUPTED) from None
    click.echo(str(result.results_path))
    if result.stopped_for:
        click.echo(f"Stopped sending: {result.stopped_for}. {_left(result)}", err=True)
    if result.exit_code:
        raise SystemExit(result.exit_code)


async def _batch(
    config: Settings,
    jobs: Path,
    out: Path,
    concurrency: int | None,
    retries: int,
    resend_unknown: bool,
    download: bool,
    quiet: bool,
    max_cost: Decimal | None,
) -> BatchResult:
    async with config.client() as client:
        return await arun_batch(
            client,
            jobs,
            out,
            concurrency=concurrency,
            retries=retries,
            resend_unknown=resend_unknown,
            download=download,
            registry=config.registry,
            progress=None if quiet else sys.stderr,
            max_cost=max_cost,
        )


def _left(result: BatchResult) -> str:
    """The jobs not sent, named (the first few)."""
    left = (r.id for r in result.results() if r.status == "not_run")
    shown = list(itertools.islice(left, LEFT_SHOWN + 1))
    more = result.counts.get("not_run", 0) - LEFT_SHOWN
    names = ", ".join(shown[:LEFT_SHOWN]) + (f" and {more} more" if more > 0 else "")
    then = (
        "rerun with a higher --max-cost"
        if result.stopped_for.startswith("--max-cost")
        else "add funds and rerun"
    )
    return f"{result.counts.get('not_run', 0)} jobs not sent ({names}); {then}."


def _usd(text: str) -> Decimal:
    """--max-cost's amount, exactly as written."""
    try:
        amount = Decimal(text.strip().removeprefix("$"))
    except InvalidOperation:
        amount = Decimal("NaN")
    if not amount.is_finite() or amount < 0:
        raise click.BadParameter(f"expected an amount in USD (0.50), got {text!r}")
    return amount

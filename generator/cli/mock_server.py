"""`wirogen mock-server`: serve a local Wiro API for the given tool pages until Ctrl-C."""

from __future__ import annotations

import logging
import os
import time
from decimal import Decimal
from pathlib import Path

import click

from ..mockserver.auth import AUTH_MODES, AuthMode
from ..mockserver.catalogue import CatalogueError, load_catalogue
from ..mockserver.lifecycle import MAX_MISSING_POLLS, RUNNING_STATUSES
from ..mockserver.server import LOOPBACK, serve_forever
from ..mockserver.state import MockWiro, Settings
from ..parser import NotAPageError, ParseError
from .common import NO_PAGES, READS_PAGES, failure, pages_of, report_notes, specs_argument


@click.command("mock-server", epilog=READS_PAGES)
@specs_argument
@click.option("--host", default=LOOPBACK, show_default=True, help="Address to listen on.")
@click.option("--port", default=0, show_default=True, help="Port to listen on; 0 picks a free one.")
@click.option(
    "--auth",
    type=click.Choice(AUTH_MODES),
    default="signature",
    show_default=True,
    help="signature: x-api-key, x-nonce, x-signature; key: x-api-key alone.",
)
@click.option(
    "--key",
    envvar="WIRO_API_KEY",
    default="mock-api-key",
    show_default=True,
    help="The API key clients must send ($WIRO_API_KEY).",
)
@click.option(
    "--secret",
    envvar="WIRO_API_SECRET",
    default="mock-api-secret",
    help="The API secret signatures are made with ($WIRO_API_SECRET; default mock-api-secret).",
)
@click.option(
    "--missing-polls",
    type=click.IntRange(0, MAX_MISSING_POLLS),
    default=0,
    show_default=True,
    help='Polls of each new task that answer "There is no task yet." (Wiro\'s race after Run).',
)
@click.option(
    "--concurrency-limit",
    type=click.IntRange(1),
    default=None,
    help="Tasks the account runs at once; a Run beyond them is refused with code 96 "
    "and Wiro's message. Default: no limit.",
)
@click.option(
    "--balance",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    help="USD the account holds; tasks that succeed are billed from it, and once it is "
    "spent a Run is refused with code 97. Default: no balance is kept.",
)
@click.option(
    "--task-seconds",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    help="Wall time a task takes from task_queue to its end, polled or not. Default: a "
    "task moves one status per poll of it.",
)
def mock_server(
    specs: tuple[Path, ...],
    host: str,
    port: int,
    auth: AuthMode,
    key: str,
    secret: str,
    missing_polls: int,
    concurrency_limit: int | None,
    balance: float | None,
    task_seconds: float | None,
) -> None:
    """Serve a local Wiro API for the tool pages in SPECS (files or directories; default: specs).

    The API is under /v1 (use the printed URL where a client expects https://api.wiro.ai/v1),
    pages at /{owner}/{slug}/llms.txt, the admin API at /__admin/. Stop it with Ctrl-C.
    """
    pages = pages_of(specs)
    skipped: list[NotAPageError] = []
    try:
        catalogue = load_catalogue(pages, skipped.append)
    except (ParseError, CatalogueError) as error:
        if len(skipped) == len(pages):
            raise click.UsageError(NO_PAGES) from None
        raise failure(f"error: {error}") from None
    finally:
        report_notes([page.note for page in skipped])
    settings = Settings(
        auth=auth,
        api_key=key,
        api_secret=secret,
        missing_polls=missing_polls,
        concurrency_limit=concurrency_limit,
        balance=None if balance is None else Decimal(str(balance)),
        # A task reaches its last status RUNNING_STATUSES ticks after its Run.
        tick_seconds=(task_seconds or 0.0) / len(RUNNING_STATUSES),
    )
    state = MockWiro(catalogue, settings)
    started = time.perf_counter()
    shown_key = _shown_key(key)

    def announce(origin: str) -> None:
        click.echo(f"Wiro mock server listening on {origin}/v1")
        click.echo(f"  task socket on ws{origin.removeprefix('http')}/v1")
        click.echo(f"  {len(catalogue.specs)} tools, {auth} auth, key {shown_key}; Ctrl-C to stop")
        if concurrency_limit is not None or balance is not None:
            at_once = f"{concurrency_limit} at once" if concurrency_limit else "no limit"
            kept = f"${balance:g}" if balance is not None else "not kept"
            click.echo(f"  account: tasks {at_once}, balance {kept}")
        for spec in catalogue.specs:
            click.echo(f"  {origin}/{spec.slug}/llms.txt")

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        serve_forever(state, host, port, announce, access_log=logging.getLogger("wirogen.mock"))
    except OSError as error:
        reason = os.strerror(error.errno) if error.errno else str(error)
        raise failure(f"error: cannot listen on {host}:{port}: {reason}") from None
    except KeyboardInterrupt:
        pass  # Ctrl-C is the way to stop it
    served = sum(state.journal.counts().values())
    click.echo(
        f"Wiro mock server stopped: {served} requests, {len(state.tasks)} tasks "
        f"in {time.perf_counter() - started:.1f} s"
    )


def _shown_key(key: str) -> str:
    """The key as the banner shows it: never one taken from the environment."""
    source = click.get_current_context().get_parameter_source("key")
    if source == click.core.ParameterSource.ENVIRONMENT:
        return "from $WIRO_API_KEY"
    return repr(key)

"""`wirogen mock-server`: serve a local Wiro API for the given tool pages until Ctrl-C."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import click

from ..mockserver.auth import AUTH_MODES, AuthMode
from ..mockserver.catalogue import CatalogueError, load_catalogue
from ..mockserver.lifecycle import MAX_MISSING_POLLS
from ..mockserver.server import LOOPBACK, serve_forever
from ..mockserver.state import MockWiro, Settings
from ..parser import NotAPageError
from ..wording import counted
from .common import NO_PAGES, READS_PAGES, failure, pages_of, report_notes, specs_argument


@click.command("mock-server", epilog=READS_PAGES)
@specs_argument
@click.option("--host", default=LOOPBACK, show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=0,
    show_default=True,
    help="Port to listen on (0-65535); 0 picks a free one.",
)
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
def mock_server(
    specs: tuple[Path, ...],
    host: str,
    port: int,
    auth: AuthMode,
    key: str,
    secret: str,
    missing_polls: int,
) -> None:
    """Serve a local Wiro API for the tool pages in SPECS (files or directories; default: specs).

    The API is under /v1 (use the printed URL where a client expects https://api.wiro.ai/v1),
    pages at /{owner}/{slug}/llms.txt, the admin API at /__admin/. Stop it with Ctrl-C.
    """
    pages = pages_of(specs)
    skipped: list[NotAPageError] = []
    try:
        catalogue = load_catalogue(pages, skipped.append)
    except CatalogueError as error:
        if len(skipped) == len(pages):
            raise click.UsageError(NO_PAGES) from None
        raise failure("\n".join(f"error: {problem}" for problem in error.problems)) from None
    finally:
        report_notes([page.note for page in skipped])
    settings = Settings(auth=auth, api_key=key, api_secret=secret, missing_polls=missing_polls)
    state = MockWiro(catalogue, settings)
    started = time.perf_counter()
    shown_key = _shown_key(key)

    def announce(origin: str) -> None:
        click.echo(f"Wiro mock server listening on {origin}/v1")
        click.echo(f"  task socket on ws{origin.removeprefix('http')}/v1")
        click.echo(
            f"  {counted(len(catalogue.specs), 'tool')}, {auth} auth, key {shown_key}; Ctrl-C to stop"
        )
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
        f"Wiro mock server stopped: {counted(served, 'request')}, "
        f"{counted(len(state.tasks), 'task')} "
        f"in {time.perf_counter() - started:.1f} s"
    )


def _shown_key(key: str) -> str:
    """The key as the banner shows it: never one taken from the environment."""
    source = click.get_current_context().get_parameter_source("key")
    if source == click.core.ParameterSource.ENVIRONMENT:
        return "from $WIRO_API_KEY"
    return repr(key)

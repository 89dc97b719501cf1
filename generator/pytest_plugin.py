"""A pytest plugin: the `wiro_mock` fixture, a Wiro mock server for each test.

Installed with wirogen and registered through the `pytest11` entry point, so a project's
tests use it without importing wirogen:

    def test_my_pipeline(wiro_mock):
        wiro_mock.queue_faults("/v1/Task/Detail", "503")
        with WiroClient() as client:          # WIRO_API_KEY, _SECRET, _BASE_URL point at it
            ...

The pages come from the `wiro_mock_specs` ini option (default: `specs`, beside the
rootdir's ini file); `@pytest.mark.wiro_mock(auth="key", missing_polls=1, ...)` sets the
server's `Settings` for one test. The server module is imported only when a test asks
for the fixture, so loading the plugin costs a project nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from .extras import missing_extra

if TYPE_CHECKING:
    from .mockserver.catalogue import Catalogue
    from .mockserver.server import RunningMockServer

SPECS_OPTION = "wiro_mock_specs"
MARKER = "wiro_mock"
API_KEY = "wiro-mock-key"
API_SECRET = "wiro-mock-secret"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        SPECS_OPTION,
        "Wiro tool pages (files or directories) the wiro_mock fixture serves",
        type="paths",
        default=[],
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", f"{MARKER}(**settings): settings of the wiro_mock server (auth, api_key, ...)"
    )


@pytest.fixture(scope="session")
def wiro_mock_catalogue(pytestconfig: pytest.Config) -> Catalogue:
    """The tools the `wiro_mock` server knows, read once per session."""
    problem = missing_extra("aiohttp", "the wiro_mock fixture")
    if problem:
        pytest.fail(problem, pytrace=False)
    from .mockserver.catalogue import load_catalogue

    paths: list[Path] = pytestconfig.getini(SPECS_OPTION) or [pytestconfig.rootpath / "specs"]
    return load_catalogue(paths)


@pytest.fixture
def wiro_mock(
    request: pytest.FixtureRequest,
    wiro_mock_catalogue: Catalogue,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[RunningMockServer]:
    """A Wiro mock server on a free loopback port, stopped after the test.

    WIRO_API_KEY, WIRO_API_SECRET and WIRO_BASE_URL are set for the test, so a client
    made with no arguments talks to it. The handle scripts faults and tasks, drives the
    clock and reads what the server received (see docs/mock-server.md).
    """
    from .mockserver.server import start_mock_server
    from .mockserver.state import Settings

    marker = request.node.get_closest_marker(MARKER)
    settings = Settings(**{"api_key": API_KEY, "api_secret": API_SECRET, **_marked(marker)})
    catalogue = wiro_mock_catalogue
    server = start_mock_server(catalogue.specs, catalogue.pages, settings, prices=catalogue.prices)
    monkeypatch.setenv("WIRO_API_KEY", settings.api_key)
    monkeypatch.setenv("WIRO_BASE_URL", server.base_url)
    if settings.auth == "signature":
        monkeypatch.setenv("WIRO_API_SECRET", settings.api_secret)
    else:
        monkeypatch.delenv("WIRO_API_SECRET", raising=False)
    with server:
        yield server


def _marked(marker: pytest.Mark | None) -> dict[str, Any]:
    """The Settings fields a `wiro_mock` marker sets; a usage error for any other name."""
    from .mockserver.state import Settings

    if marker is None:
        return {}
    known = {field.name for field in fields(Settings)}
    unknown = sorted(set(marker.kwargs) - known)
    if marker.args or unknown:
        raise pytest.UsageError(
            f"@pytest.mark.{MARKER} takes keyword settings ({', '.join(sorted(known))}); "
            f"got {', '.join(unknown) or 'positional arguments'}"
        )
    return dict(marker.kwargs)

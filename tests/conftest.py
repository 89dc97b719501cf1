"""Session fixtures: the committed generated package and a package of every input kind."""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import settings

from .support.fakewiro import Driver
from .support.genpkg import ALL_KINDS_PAGE, generate, import_package
from .support.paths import ROOT

# Hypothesis: small in CI, thorough with WIROGEN_HYPOTHESIS=long.
# `ci` draws the same examples every run (a red CI is reproducible and never a coin toss);
# `long` draws new ones each time, to explore.
settings.register_profile("ci", max_examples=80, deadline=None, derandomize=True)
settings.register_profile("long", max_examples=3000, deadline=None)
settings.load_profile(os.environ.get("WIROGEN_HYPOTHESIS", "ci"))

# The mock server's fixtures (mock_wiro, start_mock_wiro, wiro) for every test module.
pytest_plugins = ["tests.support.mockserver_fixture", "pytester"]


@pytest.fixture(scope="session")
def wiro_tools() -> ModuleType:
    """The committed `generated/wiro_tools`."""
    return import_package(ROOT / "generated", "wiro_tools")


@pytest.fixture(scope="session")
def allkinds_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("allkinds")
    generate([ALL_KINDS_PAGE], output, package="allkinds")
    return output


@pytest.fixture(scope="session")
def allkinds(allkinds_dir: Path) -> ModuleType:
    """A package generated from the page with one input of every kind."""
    return import_package(allkinds_dir, "allkinds")


@pytest.fixture(scope="session")
def all_kinds_module(allkinds: ModuleType) -> ModuleType:
    return importlib.import_module("allkinds.wirogen.all_kinds")


@pytest.fixture(params=["sync", "async"])
def driver(request: pytest.FixtureRequest, allkinds: ModuleType) -> Driver:
    return Driver(allkinds, request.param)

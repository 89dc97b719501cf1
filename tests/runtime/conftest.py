"""The runtime is tested as it sits in generator/runtime, sync and async."""

from __future__ import annotations

import pytest

from generator import runtime

from ..support.fakewiro import Driver


@pytest.fixture(params=["sync", "async"])
def driver(request: pytest.FixtureRequest) -> Driver:
    """generator.runtime's sync or async client behind a scripted Wiro."""
    return Driver(runtime, request.param)

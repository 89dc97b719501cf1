"""`wirogen mock-server` refuses options it cannot serve with as usage errors."""

from __future__ import annotations

import pytest

from ..support.clirun import wirogen
from ..support.paths import SPECS


@pytest.mark.parametrize("port", ["99999", "65536", "-1"])
def test_a_port_outside_0_to_65535_is_a_usage_error(port: str) -> None:
    result = wirogen("mock-server", SPECS, "--port", port)
    assert result.exit_code == 2
    assert f"Invalid value for '--port': {port} is not in the range 0<=x<=65535." in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)

"""`python -m <package> run SLUG ... --estimate`: the price of that run, and nothing run."""

from __future__ import annotations

import json
from decimal import Decimal
from types import ModuleType

import pytest

from generator.mockserver import RunningMockServer

from ..pkgcli.conftest import Shell

PIXART = "wiro/PixArt-Sigma"
SIZE = ("--width", "2048", "--height", "1024", "--samples", "2")


@pytest.fixture
def shell(wiro_tools: ModuleType, mock_wiro: RunningMockServer) -> Shell:
    return Shell("wiro_tools", mock_wiro)


def test_estimate_prints_the_price_and_sends_no_run(
    shell: Shell, mock_wiro: RunningMockServer
) -> None:
    result = shell(
        "run", "wiro/cartoonify", "--input-image-url", "https://x.test/a.png", "--estimate"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "$0.03 (cpr, exact)\n"
    assert mock_wiro.requests() == []


def test_estimate_needs_no_credentials(shell: Shell) -> None:
    shell.env = {"WIRO_API_KEY": None, "WIRO_API_SECRET": None}
    result = shell("run", "--estimate", PIXART, *SIZE)
    assert result.exit_code == 0, result.output
    assert result.stdout == "$0.014 (cp-pixel, exact)\n"


def test_estimate_with_json_prints_exact_decimal_text(shell: Shell) -> None:
    result = shell("run", PIXART, *SIZE, "--estimate", "--json")
    assert json.loads(result.stdout) == {
        "low": "0.014",
        "high": "0.014",
        "exact": True,
        "method": "cp-pixel",
    }


def test_a_run_the_prices_cannot_tell_is_unknown(shell: Shell) -> None:
    result = shell("run", "arsmachina/baroque-space-opera-v1", "--estimate")
    assert result.exit_code == 0
    assert result.stdout.startswith("unknown: ")
    assert (
        json.loads(shell("run", "arsmachina/baroque-space-opera-v1", "--estimate", "--json").stdout)
        is None
    )


def test_the_estimate_is_what_the_run_is_billed(shell: Shell) -> None:
    estimate = json.loads(shell("run", PIXART, *SIZE, "--estimate", "--json").stdout)
    task = json.loads(shell("run", PIXART, *SIZE, "--json").stdout)
    assert Decimal(task["cost"]) == Decimal(estimate["low"])

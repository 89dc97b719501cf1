"""`wirogen diff` and `check` report changed prices: kind `price`, per tool, rises first."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.prices import PRICE_FILE

from ..support.clirun import private_specs, wirogen
from ..support.paths import SPECS


def edit_prices(specs: Path, **changes: Any) -> None:
    """Set each tool's entry (slug with `__` for `/`; None removes it) in specs' price file."""
    path = specs / PRICE_FILE
    document = json.loads(path.read_text())
    for key, entry in changes.items():
        slug = key.replace("__", "/").replace("_", "-")
        if entry is None:
            del document["tools"][slug]
        else:
            document["tools"][slug] = entry
    path.write_text(json.dumps(document))


def cpr(price: str) -> dict[str, Any]:
    return {"dynamicprice": [{"inputs": {}, "price": price, "priceMethod": "cpr"}]}


@pytest.fixture
def new(tmp_path: Path) -> Path:
    specs = private_specs(tmp_path)
    edit_prices(
        specs,
        wiro__cartoonify=cpr("0.02"),
        wiro__professional_headshot=cpr("0.09"),
        wiro__avatarmotion=None,
    )
    return specs


def test_price_changes_are_listed_per_tool_old_and_new_rises_first(new: Path) -> None:
    result = wirogen("diff", SPECS, new, "--format", "json")
    assert result.exit_code == 0, result.output
    changes = [change for change in json.loads(result.stdout) if change["kind"] == "price"]
    assert [(c["tool"], c["old"], c["new"]) for c in changes] == [
        ("wiro/professional-headshot", "$0.04 a run", "$0.09 a run"),
        ("wiro/cartoonify", "$0.03 a run", "$0.02 a run"),
        ("wiro/avatarmotion", "$0.05 to $0.33 a run, by outputType", "none"),
    ]
    assert changes[0]["message"] == "price rose: $0.04 a run -> $0.09 a run"


def test_the_text_report_has_a_prices_section_and_counts_the_rises(new: Path) -> None:
    result = wirogen("diff", SPECS, new)
    lines = result.stdout.splitlines()
    assert lines[0] == "prices (rises first)"
    assert lines[1] == "  wiro/professional-headshot: price rose: $0.04 a run -> $0.09 a run"
    assert lines[-1].endswith("; 3 prices changed (1 rose)")


def test_fail_on_price_exits_1_when_a_price_changed(new: Path) -> None:
    assert wirogen("diff", SPECS, new, "--fail-on", "price").exit_code == 1


def test_fail_on_price_exits_0_when_no_price_changed(tmp_path: Path) -> None:
    specs = private_specs(tmp_path)
    assert wirogen("diff", SPECS, specs, "--fail-on", "price").exit_code == 0


def test_fail_on_breaking_ignores_a_price_change(new: Path) -> None:
    assert wirogen("diff", SPECS, new, "--fail-on", "breaking").exit_code == 0


def test_check_names_the_price_changes_since_generation(tmp_path: Path) -> None:
    specs = private_specs(tmp_path)
    assert wirogen("generate", specs, "-o", tmp_path / "out", "-q").exit_code == 0
    edit_prices(specs, wiro__cartoonify=cpr("0.05"))
    result = wirogen("check", specs, "-o", tmp_path / "out", "-q")
    assert result.exit_code == 1
    assert "  wiro/cartoonify: price rose: $0.03 a run -> $0.05 a run" in result.stdout


def test_a_changed_price_regenerates_only_that_tools_module(tmp_path: Path) -> None:
    specs = private_specs(tmp_path)
    wirogen("generate", specs, "-o", tmp_path / "out", "-q")
    edit_prices(specs, wiro__cartoonify=cpr("0.05"))
    result = wirogen("generate", specs, "-o", tmp_path / "out")
    assert "generated 0 new, 1 changed, 0 removed" in result.stdout
    module = (tmp_path / "out" / "wiro_tools" / "wiro" / "cartoonify.py").read_text()
    assert "Price (Wiro's catalogue): $0.05 a run;" in module


def test_an_unreadable_price_file_fails_generate_naming_it(tmp_path: Path) -> None:
    specs = private_specs(tmp_path)
    (specs / PRICE_FILE).write_text('{"format": 1, "tools": {"wiro/cartoonify": {"cps": "x"}}}')
    result = wirogen("generate", specs, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert f"{specs / PRICE_FILE}: tools['wiro/cartoonify']: cps: expected an amount" in (
        result.output
    )
    assert not (tmp_path / "out" / "wiro_tools" / "__init__.py").exists()

"""Prices in a generated module: catalogue text only as literals, black's layout, exact."""

from __future__ import annotations

import ast
import importlib
import json
from decimal import Decimal
from pathlib import Path

import pytest

from generator.output.formatting import format_source
from generator.prices import PRICE_FILE

from ..support.genpkg import generate, import_package
from ..support.paths import SPECS

HOSTILE = '"""\\n\'); import os #'
TIERS = [
    {"inputs": {HOSTILE: HOSTILE, "size": "QUANTITY:2"}, "price": "0.25", "priceMethod": "cpr"},
    {
        "inputs": {"resolution": "1080p", "a-rather-long-input-name-to-wrap": "x" * 60},
        "price": "1.5",
        "priceMethod": "cp-pixel",
        "priceExtra": "0.0001",
        "priceInput": "0.02",
    },
]


@pytest.fixture(scope="module")
def module_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    specs = tmp_path_factory.mktemp("specs")
    page = specs / "wiro__cartoonify.md"
    page.write_bytes((SPECS / page.name).read_bytes())
    prices = {"wiro/cartoonify": {"dynamicprice": TIERS, "cps": "0.001"}}
    (specs / PRICE_FILE).write_text(json.dumps({"format": 1, "tools": prices}))
    output = tmp_path_factory.mktemp("hostileprices")
    generate([page], output, package="hostileprices")
    return output / "hostileprices" / "wiro" / "cartoonify.py"


def test_catalogue_text_reaches_the_module_only_as_string_literals(module_path: Path) -> None:
    tree = ast.parse(module_path.read_text())
    imports = [node for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom)]
    assert all(node.names[0].name != "os" for node in imports)


def test_the_prices_are_laid_out_as_black_lays_them_out(module_path: Path) -> None:
    source = module_path.read_text()
    assert format_source(module_path.name, source) == source


def test_the_module_carries_the_prices_exactly(module_path: Path) -> None:
    import_package(module_path.parents[2], "hostileprices")
    tool = importlib.import_module("hostileprices.wiro.cartoonify").TOOL
    tiers = tool.prices.tiers
    assert dict(tiers[0].inputs) == {HOSTILE: HOSTILE, "size": "QUANTITY:2"}
    assert (tiers[1].extra, tiers[1].per_input, tool.prices.cps) == ("0.0001", "0.02", "0.001")
    assert Decimal(tiers[1].price) == Decimal("1.5")

"""The mock server lists the prices of the price file beside its pages, as Wiro does."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from generator.mockserver import CatalogueError, RunningMockServer, load_catalogue
from generator.prices import PRICE_FILE, read_price_file

from ..support.clirun import private_specs
from ..support.paths import SPECS


def listing(wiro: httpx.Client) -> dict[str, dict[str, object]]:
    tools = wiro.post("/Tool/List", json={"start": "0", "limit": "100"}).json()["tool"]
    return {f"{tool['cleanslugowner']}/{tool['cleanslugproject']}": tool for tool in tools}


def test_tool_list_carries_dynamicprice_as_a_json_string_of_tiers(wiro: httpx.Client) -> None:
    item = listing(wiro)["wiro/avatarmotion"]
    assert isinstance(item["dynamicprice"], str)
    tiers = json.loads(item["dynamicprice"], parse_float=Decimal)
    expected = read_price_file(SPECS / PRICE_FILE)["wiro/avatarmotion"]["dynamicprice"]
    assert [(t["inputs"], t["priceMethod"], t["price"]) for t in tiers] == [
        (t["inputs"], t["priceMethod"], Decimal(t["price"])) for t in expected
    ]


def test_tool_list_carries_cps_and_approximatelycost_without_tiers(wiro: httpx.Client) -> None:
    item = listing(wiro)["desertpixel/flat-pixel-art-flux"]
    assert (item["dynamicprice"], item["cps"], item["approximatelycost"]) == (
        "",
        "0.000585",
        "0.0117",
    )


def test_a_tool_without_prices_lists_an_empty_dynamicprice(wiro: httpx.Client) -> None:
    item = listing(wiro)["arsmachina/baroque-space-opera-v1"]
    assert item["dynamicprice"] == "" and "cps" not in item


def test_a_failed_task_costs_nothing(mock_wiro: RunningMockServer, wiro: httpx.Client) -> None:
    mock_wiro.queue_task_scripts("pexit", slug="wiro/cartoonify")
    body = {"inputImageUrl": "https://files.test/a.png"}
    taskid = wiro.post("/Run/wiro/cartoonify", json=body).json()["taskid"]
    for _ in range(30):
        task = wiro.post("/Task/Detail", json={"taskid": taskid}).json()["tasklist"][0]
        if task["status"] == "task_postprocess_end":
            break
    assert (task["pexit"], task["totalcost"]) == ("1", "0")


def test_an_unreadable_price_file_stops_the_catalogue_naming_it(tmp_path: Path) -> None:
    specs = private_specs(tmp_path)
    (specs / PRICE_FILE).write_text("[")
    with pytest.raises(CatalogueError, match=f"{specs / PRICE_FILE}: not JSON"):
        load_catalogue([specs])

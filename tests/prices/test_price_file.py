"""The price file (generator/prices.py): Wiro's price fields checked, kept exactly, read back."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from generator.prices import (
    PRICE_FILE,
    PriceDataError,
    entry_of_item,
    load_prices,
    price_file_text,
    price_files,
    prices_of_entry,
    read_price_file,
)

TIERS = '[{"inputs": {"resolution": "720p", "duration": 5}, "price": 0.1, "priceMethod": "cpr"}]'


def test_dynamicprice_text_becomes_tiers_with_exact_decimal_amounts() -> None:
    entry = entry_of_item({"dynamicprice": TIERS, "cps": 0.000585, "approximatelycost": "0.0117"})
    assert entry == {
        "dynamicprice": [
            {
                "inputs": {"resolution": "720p", "duration": "5"},
                "price": "0.1",
                "priceMethod": "cpr",
            }
        ],
        "cps": "0.000585",
        "approximatelycost": "0.0117",
    }
    assert prices_of_entry(entry).tiers[0].price == "0.1"
    assert Decimal(prices_of_entry(entry).tiers[0].price) * 3 == Decimal("0.3")


@pytest.mark.parametrize("item", [{}, {"dynamicprice": ""}, {"dynamicprice": "[]", "cps": ""}])
def test_an_item_without_price_data_has_no_entry(item: dict[str, object]) -> None:
    assert entry_of_item(item) is None


@pytest.mark.parametrize(
    ("dynamicprice", "named"),
    [
        ("[{", "dynamicprice is not JSON"),
        ('{"price": 1}', "dynamicprice: expected a list of tiers"),
        ('[{"price": 1}]', "dynamicprice[0]: priceMethod"),
        ('[{"price": "free", "priceMethod": "cpr"}]', "dynamicprice[0]: price: expected an amount"),
        ('[{"price": -1, "priceMethod": "cpr"}]', "dynamicprice[0]: price: expected an amount"),
        ('[{"price": 1, "priceMethod": "cpr", "inputs": {"a": [1]}}]', "inputs.a: expected"),
    ],
)
def test_malformed_price_data_is_refused_naming_the_place(dynamicprice: str, named: str) -> None:
    with pytest.raises(PriceDataError, match=named.replace("[", r"\[").replace("]", r"\]")):
        entry_of_item({"dynamicprice": dynamicprice})


def test_the_file_text_is_sorted_and_the_same_for_the_same_prices() -> None:
    table = {
        "wiro/b": entry_of_item({"dynamicprice": TIERS}),
        "wiro/a": entry_of_item({"cps": "0.001", "approximatelycost": "0.02"}),
    }
    text = price_file_text({slug: entry for slug, entry in table.items() if entry})
    reversed_text = price_file_text(
        {slug: entry for slug, entry in reversed(table.items()) if entry}
    )
    assert text == reversed_text
    assert list(json.loads(text)["tools"]) == ["wiro/a", "wiro/b"]


def test_a_written_file_reads_back_by_clean_slug(tmp_path: Path) -> None:
    entry = entry_of_item({"dynamicprice": TIERS})
    assert entry is not None
    path = tmp_path / PRICE_FILE
    path.write_text(price_file_text({"Wiro/Some Tool": entry}))
    assert read_price_file(path) == {"wiro/some-tool": entry}


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("{", "not JSON"),
        ('{"tools": {}}', "expected"),
        ('{"format": 1, "tools": {"wiro/a": 3}}', "tools\\['wiro/a'\\]: expected an object"),
        (
            '{"format": 1, "tools": {"wiro/a": {"cps": "x"}}}',
            "tools\\['wiro/a'\\]: cps: expected an amount",
        ),
    ],
)
def test_an_unreadable_price_file_is_refused_naming_it(
    tmp_path: Path, text: str, named: str
) -> None:
    path = tmp_path / PRICE_FILE
    path.write_text(text)
    with pytest.raises(PriceDataError, match=named) as raised:
        read_price_file(path)
    assert str(path) in str(raised.value)


def test_the_price_file_beside_the_pages_is_found_once_per_folder(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / PRICE_FILE).write_text('{"format": 1, "tools": {}}')
    pages = [tmp_path / "a" / "x.md", tmp_path / "a" / "y.md", tmp_path / "b" / "z.md"]
    assert price_files(pages) == [tmp_path / "a" / PRICE_FILE]
    assert load_prices(price_files(pages)) == {}

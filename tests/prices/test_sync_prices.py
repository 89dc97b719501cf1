"""`wirogen sync` keeps each listed tool's prices in prices.json beside the pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.catalogue import ListedTool
from generator.cli import main
from generator.mockserver import RunningMockServer
from generator.output.files import NotOurFileError
from generator.prices import PRICE_FILE, price_file_text, read_price_file
from generator.syncprices import keep_prices

from ..support.paths import SPECS

pytestmark = pytest.mark.usefixtures("mock_credentials")


def sync(server: RunningMockServer, specs: Path, *args: str) -> Result:
    options = ["-d", str(specs), "--api-url", server.base_url, "--pages-url", server.origin]
    return CliRunner().invoke(main, ["sync", *options, *args])


def test_sync_keeps_the_listed_prices_as_the_catalogue_serves_them(
    mock_wiro: RunningMockServer, tmp_path: Path
) -> None:
    result = sync(mock_wiro, tmp_path)
    assert result.exit_code == 0, result.output
    # The mock server lists the prices of specs/prices.json: kept, they are that file again.
    assert (tmp_path / PRICE_FILE).read_bytes() == (SPECS / PRICE_FILE).read_bytes()
    assert f"prices of 7 tools: {tmp_path / PRICE_FILE} (new)" in result.stdout


def test_a_second_sync_leaves_the_price_file_untouched(
    mock_wiro: RunningMockServer, tmp_path: Path
) -> None:
    sync(mock_wiro, tmp_path)
    stamp = (tmp_path / PRICE_FILE).stat().st_mtime_ns
    result = sync(mock_wiro, tmp_path)
    assert "(unchanged)" in result.stdout
    assert (tmp_path / PRICE_FILE).stat().st_mtime_ns == stamp


def test_a_filtered_sync_keeps_the_prices_of_tools_it_did_not_list(
    mock_wiro: RunningMockServer, tmp_path: Path
) -> None:
    other = {"approximatelycost": "0.5", "cps": "0.01"}
    (tmp_path / PRICE_FILE).write_text(price_file_text({"someone/else": other}))
    result = sync(mock_wiro, tmp_path, "--owner", "desertPixel")
    assert result.exit_code == 0, result.output
    assert set(read_price_file(tmp_path / PRICE_FILE)) == {
        "someone/else",
        "desertpixel/flat-pixel-art-flux",
    }


def test_a_dry_run_writes_no_price_file(mock_wiro: RunningMockServer, tmp_path: Path) -> None:
    result = sync(mock_wiro, tmp_path, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "(would be new)" in result.stdout
    assert not (tmp_path / PRICE_FILE).exists()


def test_a_pruning_sync_drops_the_prices_of_tools_gone_from_the_catalogue(tmp_path: Path) -> None:
    (tmp_path / PRICE_FILE).write_text(price_file_text({"wiro/gone": {"cps": "0.01"}}))
    listed = ListedTool("wiro", "cartoonify", "wiro/cartoonify", {"cps": "0.02"})
    keep_prices(tmp_path, [listed], replace=True, dry_run=False)
    assert list(read_price_file(tmp_path / PRICE_FILE)) == ["wiro/cartoonify"]


def test_unreadable_price_data_is_named_and_keeps_no_entry(tmp_path: Path) -> None:
    (tmp_path / PRICE_FILE).write_text(price_file_text({"wiro/cartoonify": {"cps": "0.01"}}))
    listed = ListedTool("wiro", "cartoonify", "wiro/cartoonify", {"dynamicprice": "[{"})
    kept = keep_prices(tmp_path, [listed], replace=False, dry_run=False)
    assert kept.warnings == [
        "wiro/cartoonify: dynamicprice is not JSON: Expecting property name enclosed in double "
        "quotes: line 1 column 3 (char 2); its prices are not kept"
    ]
    assert json.loads((tmp_path / PRICE_FILE).read_text())["tools"] == {}


def test_a_price_file_that_is_a_symlink_is_refused_not_written_through(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.json"
    target.write_text("precious")
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / PRICE_FILE).symlink_to(target)
    listed = ListedTool("wiro", "cartoonify", "wiro/cartoonify", {"cps": "0.02"})
    with pytest.raises(NotOurFileError, match="symlink"):
        keep_prices(tmp_path / "specs", [listed], replace=False, dry_run=False)
    assert target.read_text() == "precious"
    assert (tmp_path / "specs" / PRICE_FILE).is_symlink()

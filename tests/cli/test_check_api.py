"""`check` and `generate` say what the regeneration changes in the tools' APIs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ..support.clirun import private_specs, wirogen
from ..support.paths import SPECS

PIXART = "wiro__PixArt-Sigma.md"
SEED = " - name: seed label: seed help: seed-help type: text default: 123456"


@pytest.fixture
def specs(tmp_path: Path) -> Path:
    return private_specs(tmp_path)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """specs/ generated once for the module."""
    output = tmp_path_factory.mktemp("generated")
    result = wirogen("generate", SPECS, "-o", output)
    assert result.exit_code == 0, result.output
    return output


@pytest.fixture
def out(generated: Path, tmp_path: Path) -> Path:
    """A private copy of the package generated from specs/."""
    return Path(shutil.copytree(generated, tmp_path / "out"))


def drop_seed_and_cartoonify(specs: Path) -> None:
    page = specs / PIXART
    text = page.read_text(encoding="utf-8")
    assert SEED in text
    page.write_text(text.replace(SEED, ""), encoding="utf-8")
    (specs / "wiro__cartoonify.md").unlink()


# What dropping PixArt's seed and the cartoonify page changes, one change a line.
CHANGES = [
    "wiro/PixArt-Sigma",
    "  breaking      input 'seed' removed",
    "wiro/cartoonify",
    "  breaking      tool removed",
    "2 tools changed: 2 breaking, 0 non-breaking, 0 info",
]


def test_check_prints_the_classified_api_changes_before_the_diff(specs: Path, out: Path) -> None:
    drop_seed_and_cartoonify(specs)
    result = wirogen("check", specs, "-o", out)
    assert result.exit_code == 1
    summary = ["API changes since the package was generated:", *CHANGES]
    lines = result.stdout.splitlines()
    assert lines[: len(summary)] == summary
    assert any(line.startswith("--- ") for line in lines[len(summary) :])


def test_check_of_a_fresh_package_prints_no_api_changes(specs: Path, out: Path) -> None:
    result = wirogen("check", specs, "-o", out)
    assert result.exit_code == 0
    assert "API changes" not in result.stdout


def test_generate_names_the_api_changes_it_applied_as_check_does(specs: Path, out: Path) -> None:
    drop_seed_and_cartoonify(specs)
    result = wirogen("generate", specs, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:] == ["API changes applied:", *CHANGES]


def test_a_first_generate_prints_no_api_line(specs: Path, tmp_path: Path) -> None:
    result = wirogen("generate", specs, "-o", tmp_path / "first")
    assert "API changes" not in result.stdout


def test_the_manifest_keeps_an_api_record_for_tool_modules_only(out: Path) -> None:
    files = json.loads((out / "wiro_tools" / "_manifest.json").read_text())["files"]
    with_api = sorted(path for path, record in files.items() if "api" in record)
    assert with_api == sorted(path for path, record in files.items() if record["slug"])
    seed = next(i for i in files["wiro/pixart_sigma.py"]["api"]["inputs"] if i["name"] == "seed")
    assert seed["type"] == "text"


def test_a_long_default_is_recorded_as_a_digest(out: Path) -> None:
    files = json.loads((out / "wiro_tools" / "_manifest.json").read_text())["files"]
    prompt = files["wiro/pixart_sigma.py"]["api"]["inputs"][0]
    assert prompt["name"] == "prompt"
    assert prompt["default"].startswith("sha256:")


def test_a_manifest_without_api_records_gets_them_on_the_next_generate(
    specs: Path, out: Path
) -> None:
    manifest = out / "wiro_tools" / "_manifest.json"
    document = json.loads(manifest.read_text())
    for record in document["files"].values():
        record.pop("api", None)
    manifest.write_text(json.dumps(document))
    result = wirogen("generate", specs, "-o", out)
    assert result.exit_code == 0, result.output
    assert "API changes applied: none" in result.stdout
    files = json.loads(manifest.read_text())["files"]
    assert "api" in files["wiro/pixart_sigma.py"]


def test_check_against_a_manifest_without_api_records_reports_only_removed_tools(
    specs: Path, out: Path
) -> None:
    manifest = out / "wiro_tools" / "_manifest.json"
    document = json.loads(manifest.read_text())
    for record in document["files"].values():
        record.pop("api", None)
    manifest.write_text(json.dumps(document))
    drop_seed_and_cartoonify(specs)
    result = wirogen("check", specs, "-o", out)
    assert "  breaking      tool removed" in result.stdout
    assert "input 'seed' removed" not in result.stdout

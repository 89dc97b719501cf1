"""`wirogen generate` and `check`: incremental, complete, atomic, and honest about staleness."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator import __version__
from generator.output import tree as tree_module
from generator.render.planning import runtime_files

from ..support.clirun import private_specs, wirogen
from ..support.trees import stamps, tree

PIXART = "wiro__PixArt-Sigma.md"
# 8 tool modules, 3 owner packages, the registry, __main__.py, py.typed, and the runtime.
FILES = 14 + len(runtime_files())


@pytest.fixture
def specs(tmp_path: Path) -> Path:
    return private_specs(tmp_path)


@pytest.fixture
def package(specs: Path, tmp_path: Path) -> Path:
    """specs/ generated once into tmp_path/out; the package directory."""
    result = wirogen("generate", specs, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    return tmp_path / "out" / "wiro_tools"


def test_first_run_writes_every_file_and_summarises(specs: Path, tmp_path: Path) -> None:
    result = wirogen("generate", specs, "-o", tmp_path / "out")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"generated {FILES} new, 0 changed, 0 removed, 0 unchanged in ")
    files = set(tree(tmp_path / "out" / "wiro_tools"))
    assert {
        "__init__.py",
        "_runtime/__init__.py",
        "_runtime/_sync_client.py",
        "py.typed",
        "_manifest.json",
        "wiro/pixart_sigma.py",
    } <= files


def test_manifest_lists_every_generated_file_with_its_page(package: Path, specs: Path) -> None:
    import hashlib

    manifest = json.loads((package / "_manifest.json").read_text())
    assert manifest["version"] == __version__
    assert set(manifest["files"]) == set(tree(package)) - {"_manifest.json"}
    pixart = manifest["files"]["wiro/pixart_sigma.py"]
    assert pixart["page_sha256"] == hashlib.sha256((specs / PIXART).read_bytes()).hexdigest()
    assert (
        pixart["sha256"]
        == hashlib.sha256((package / "wiro/pixart_sigma.py").read_bytes()).hexdigest()
    )
    assert manifest["files"]["_runtime/_errors.py"]["page_sha256"] is None


def test_second_run_writes_nothing(package: Path, specs: Path) -> None:
    before = stamps(package.parent)
    result = wirogen("generate", specs, "-o", package.parent)
    assert f"0 new, 0 changed, 0 removed, {FILES} unchanged" in result.stdout
    assert stamps(package.parent) == before


def test_a_changed_page_rewrites_only_its_module(package: Path, specs: Path) -> None:
    before = stamps(package)
    page = specs / PIXART
    page.write_text(page.read_text().replace("default: 30", "default: 31", 1))
    result = wirogen("generate", specs, "-o", package.parent)
    assert f"0 new, 1 changed, 0 removed, {FILES - 1} unchanged" in result.stdout
    after = stamps(package)
    changed = {path for path in after if after[path] != before.get(path)}
    assert changed == {"wiro/pixart_sigma.py", "_manifest.json"}
    assert "steps: int = 31" in (package / "wiro/pixart_sigma.py").read_text()


def test_a_new_page_adds_its_module_and_registry_entry(package: Path, specs: Path) -> None:
    page = (specs / PIXART).read_text().replace("Run/wiro/PixArt-Sigma", "Run/acme/Sigma-Two")
    (specs / "acme__Sigma-Two.md").write_text(page)
    result = wirogen("generate", specs, "-o", package.parent)
    assert (
        f"2 new, 1 changed, 0 removed, {FILES - 1} unchanged" in result.stdout
    )  # module, owner package; registry
    assert (package / "acme" / "sigma_two.py").is_file()
    assert (
        '"acme/Sigma-Two": ("acme.sigma_two", "SigmaTwo")' in (package / "__init__.py").read_text()
    )


def test_a_removed_page_removes_its_module_and_nothing_else(package: Path, specs: Path) -> None:
    (package / "NOTES.md").write_text("mine")
    (package / "wiro" / "helpers.py").write_text("# mine too\n")
    (package.parent / "setup.cfg").write_text("[x]\n")
    (specs / "wiro__cartoonify.md").unlink()
    result = wirogen("generate", specs, "-o", package.parent)
    assert (
        f"0 new, 2 changed, 1 removed, {FILES - 3} unchanged" in result.stdout
    )  # registry, owner package
    assert not (package / "wiro" / "cartoonify.py").exists()
    assert (package / "NOTES.md").read_text() == "mine"
    assert (package / "wiro" / "helpers.py").read_text() == "# mine too\n"
    assert (package.parent / "setup.cfg").read_text() == "[x]\n"


def test_every_bad_page_is_reported_and_nothing_is_written(package: Path, specs: Path) -> None:
    before = tree(package)
    for name in (PIXART, "wiro__cartoonify.md"):
        page = specs / name
        page.write_text(page.read_text()[:1500])
    result = wirogen("generate", specs, "-o", package.parent)
    assert result.exit_code == 1
    assert result.stderr.count("error: ") == 2
    assert PIXART in result.stderr and "wiro__cartoonify.md" in result.stderr
    assert "no files written" in result.stderr and "Traceback" not in result.output
    assert tree(package) == before


def test_keep_going_generates_the_rest_and_still_fails(specs: Path, tmp_path: Path) -> None:
    (specs / PIXART).write_text((specs / PIXART).read_text()[:1500])
    result = wirogen("generate", specs, "-o", tmp_path / "out", "--keep-going")
    assert result.exit_code == 1
    assert f"generated {FILES - 1} new" in result.stdout and "1 page failed" in result.stderr
    assert (tmp_path / "out" / "wiro_tools" / "wiro" / "cartoonify.py").is_file()
    assert not (tmp_path / "out" / "wiro_tools" / "wiro" / "pixart_sigma.py").exists()


def test_a_write_failing_midway_leaves_the_old_tree(
    package: Path, specs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = tree(package.parent)
    (specs / "wiro__cartoonify.md").unlink()
    page = specs / PIXART
    page.write_text(page.read_text().replace("default: 30", "default: 31", 1))
    real_write = tree_module.write_new
    calls = []

    def failing_write(path: Path, data: bytes) -> None:
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_write(path, data)

    monkeypatch.setattr(tree_module, "write_new", failing_write)
    result = wirogen("generate", specs, "-o", package.parent)
    assert result.exit_code == 1 and "No space left on device" in result.stderr
    assert tree(package.parent) == before
    assert [p.name for p in package.parent.iterdir()] == ["wiro_tools"]


def test_a_file_wirogen_did_not_write_is_never_overwritten(specs: Path, tmp_path: Path) -> None:
    mine = tmp_path / "out" / "wiro_tools" / "wiro" / "cartoonify.py"
    mine.parent.mkdir(parents=True)
    mine.write_text("# hand-written\n")
    result = wirogen("generate", specs, "-o", tmp_path / "out")
    assert result.exit_code == 1 and "not generated by wirogen" in result.stderr
    assert mine.read_text() == "# hand-written\n"


def test_check_passes_on_a_fresh_tree(package: Path, specs: Path) -> None:
    result = wirogen("check", specs, "-o", package.parent)
    assert result.exit_code == 0
    assert result.stdout.startswith(f"fresh: {FILES} files up to date in ")


@pytest.mark.parametrize("command", [["check"], ["generate", "--check"]])
def test_check_shows_a_diff_and_writes_nothing(
    package: Path, specs: Path, command: list[str]
) -> None:
    page = specs / PIXART
    page.write_text(page.read_text().replace("default: 30", "default: 31", 1))
    (package / "wiro" / "cartoonify.py").unlink()
    (specs / "wiro__avatarmotion.md").unlink()
    before = tree(package.parent)
    result = wirogen(*command, specs, "-o", package.parent)
    assert result.exit_code == 1
    assert "-        steps: int = 30,\n+        steps: int = 31," in result.stdout
    assert f"missing: {package / 'wiro/cartoonify.py'}" in result.stdout
    assert f"orphaned: {package / 'wiro/avatarmotion.py'}" in result.stdout
    assert "stale: 1 new, 3 changed, 1 removed" in result.stderr  # module, registry, owner package
    assert tree(package.parent) == before


def test_templates_override_by_file_name(specs: Path, tmp_path: Path) -> None:
    custom = tmp_path / "templates"
    custom.mkdir()
    (custom / "owner_init.py.j2").write_text(
        '{{ header }}\n"""Tools of {{ owners|map("doc")|join(", ") }}, vendored by ACME."""\n'
    )
    result = wirogen("generate", specs, "-o", tmp_path / "out", "--templates", custom)
    assert result.exit_code == 0, result.output
    package = tmp_path / "out" / "wiro_tools"
    assert "vendored by ACME" in (package / "wiro" / "__init__.py").read_text()
    assert "class PixArtSigma(" in (package / "wiro" / "pixart_sigma.py").read_text()


def test_a_template_printing_page_text_raw_is_refused(specs: Path, tmp_path: Path) -> None:
    custom = tmp_path / "templates"
    custom.mkdir()
    (custom / "owner_init.py.j2").write_text('"""{{ owners|first }}"""\n')
    result = wirogen("generate", specs, "-o", tmp_path / "out", "--templates", custom)
    assert result.exit_code == 1
    assert "owner_init.py.j2" in result.stderr and "UnsafePageText" in result.stderr
    assert not (tmp_path / "out" / "wiro_tools").exists()


@pytest.mark.parametrize(
    "args",
    [["--package", "my-app"], ["--package", "class.tools"], ["no/such/dir"], ["--no-such-flag"]],
)
def test_usage_errors_exit_2(args: list[str], tmp_path: Path) -> None:
    assert wirogen("generate", "-o", tmp_path, *args).exit_code == 2


def test_no_pages_is_a_usage_error(tmp_path: Path) -> None:
    result = wirogen("generate", tmp_path, "-o", tmp_path / "out")
    assert result.exit_code == 2 and "no pages found" in result.output


def test_installed_command_generates_and_checks(specs: Path, tmp_path: Path) -> None:
    command = Path(sys.executable).with_name("wirogen")
    generated = subprocess.run(
        [command, "generate", specs, "-o", tmp_path / "out", "-q"], capture_output=True, text=True
    )
    assert generated.returncode == 0, generated.stderr
    assert generated.stdout.startswith(f"generated {FILES} new")
    checked = subprocess.run(
        [command, "check", specs, "-o", tmp_path / "out"], capture_output=True, text=True
    )
    assert checked.returncode == 0 and checked.stdout.startswith("fresh:")


def test_help_names_every_command_and_the_exit_codes() -> None:
    result = wirogen("--help")
    for command in (
        "generate",
        "check",
        "lint",
        "inspect",
        "fetch",
        "sync",
        "diff",
        "openapi",
        "mock-server",
    ):
        assert command in result.stdout
    assert "2 usage error (a bad option, a path that does not exist)" in " ".join(
        result.stdout.split()
    )


def test_progress_bar_only_on_a_terminal_and_not_when_quiet(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from generator.cli.common import progress

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    bar = progress(quiet=False)
    assert bar is not None and list(bar([1, 2, 3], "parsing", 3)) == [1, 2, 3]
    assert progress(quiet=True) is None
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    assert progress(quiet=False) is None

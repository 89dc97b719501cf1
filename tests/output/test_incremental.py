"""Reuse: a file is rebuilt only when something it is made from changed."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from generator import workers
from generator.fingerprint import OUTPUT_SOURCES, PACKAGE, generator_fingerprint
from generator.output.manifest import Manifest
from generator.output.tree import compare, write_package
from generator.project import Project, find_pages
from generator.render.planning import runtime_files

from ..support.clirun import private_specs

PIXART = "wiro__PixArt-Sigma.md"


class Spy:
    """Counts the files built and the pages parsed by the pipeline."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.built: list[str] = []
        self.parsed: list[str] = []
        build, build_page, parse = workers._build, workers._build_page, workers._parse

        def spy_build(job: workers.FileJob) -> object:
            self.built.append(job.path)
            return build(job)

        def spy_build_page(job: workers.PageJob) -> object:
            built = build_page(job)
            if isinstance(built, workers.BuiltPage):
                self.built.append(built.module.path)
            return built

        def spy_parse(path: Path) -> object:
            self.parsed.append(path.name)
            return parse(path)

        monkeypatch.setattr(workers, "_build", spy_build)
        monkeypatch.setattr(workers, "_build_page", spy_build_page)
        monkeypatch.setattr(workers, "_parse", spy_parse)


@pytest.fixture
def specs(tmp_path: Path) -> Path:
    return private_specs(tmp_path)


def run(specs: Path, output: Path, project: Project | None = None) -> Project:
    project = project or Project()
    result = project.generate(find_pages([specs]), output)
    assert not result.failures
    write_package(project.package_dir(output), result.files, result.fingerprint)
    return project


def test_a_second_run_parses_and_builds_nothing(
    specs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(specs, tmp_path / "out")
    spy = Spy(monkeypatch)
    run(specs, tmp_path / "out")
    assert (spy.parsed, spy.built) == ([], [])


def test_a_changed_page_is_the_only_one_parsed_and_built(
    specs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(specs, tmp_path / "out")
    page = specs / PIXART
    page.write_text(page.read_text().replace("default: 30", "default: 31", 1))
    spy = Spy(monkeypatch)
    run(specs, tmp_path / "out")
    assert spy.parsed == [PIXART]
    assert spy.built == ["wiro/pixart_sigma.py"]


def test_an_edited_generated_file_is_rebuilt_not_trusted(specs: Path, tmp_path: Path) -> None:
    run(specs, tmp_path / "out")
    module = tmp_path / "out" / "wiro_tools" / "wiro" / "cartoonify.py"
    module.write_text(module.read_text().replace("class Cartoonify(", "class Hacked("))
    result = Project().generate(find_pages([specs]), tmp_path / "out")
    changes = compare(tmp_path / "out" / "wiro_tools", result.files)
    assert changes.changed == ["wiro/cartoonify.py"]


def test_another_template_rebuilds_everything(
    specs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(specs, tmp_path / "out")
    custom = tmp_path / "templates"
    custom.mkdir()
    (custom / "owner_init.py.j2").write_text('{{ header }}\n"""Tools."""\n')
    spy = Spy(monkeypatch)
    run(specs, tmp_path / "out", Project(templates=custom))
    assert len(spy.built) == 14 + len(runtime_files()) and len(spy.parsed) == 8


def test_the_manifest_records_what_each_file_was_made_from(specs: Path, tmp_path: Path) -> None:
    run(specs, tmp_path / "out")
    manifest = Manifest.read(tmp_path / "out" / "wiro_tools")
    assert manifest.fingerprint == generator_fingerprint()
    pixart = manifest.files["wiro/pixart_sigma.py"]
    assert (pixart.slug, len(pixart.inputs)) == ("wiro/PixArt-Sigma", 64)
    assert manifest.slugs_by_page()[pixart.page_sha256 or ""] == "wiro/PixArt-Sigma"


def test_the_fingerprint_follows_the_templates(tmp_path: Path) -> None:
    (tmp_path / "tool_module.py.j2").write_text("{{ header }}\n")
    assert generator_fingerprint(tmp_path) != generator_fingerprint()
    assert generator_fingerprint() == generator_fingerprint()


def test_the_fingerprint_covers_every_module_generation_imports() -> None:
    covered = {
        path
        for name in OUTPUT_SOURCES
        for path in (
            (PACKAGE / name).rglob("*.py") if (PACKAGE / name).is_dir() else [PACKAGE / name]
        )
    }
    imported = {target for source in covered for target in _generator_imports(source)}
    assert imported - covered == set()


def _generator_imports(source: Path) -> set[Path]:
    """The files of `generator` that `source` imports relatively."""
    found = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = source.parents[node.level - 1].joinpath(*(node.module or "").split("."))
            for candidate in (base.with_suffix(".py"), base / "__init__.py"):
                if candidate.is_file():
                    found.add(candidate.resolve())
    return found

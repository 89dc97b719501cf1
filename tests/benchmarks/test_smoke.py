"""The benchmark code keeps working: its corpus is sound, and every measurement runs.

No timing is asserted. The smoke run uses a stand-in for openapi-python-client (the real
one lives in a virtualenv run.py installs from the network); everything else is real.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.corpus import TYPES, CorpusPage, build_corpus
from generator.ir import spec_to_json
from generator.kinds import UNKNOWN
from generator.parser import parse_page
from generator.render.names import module_name, owner_package_name

from ..support.irjson import squeeze
from ..support.paths import ROOT

# slow: runs benchmarks/run.py --smoke: dozens of timed processes, kept on one worker for its module fixtures.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("benchmarks-smoke")]

TOOLS = 20
BENCHMARKS = ROOT / "benchmarks"
# What a page says that the corpus decides; warnings and provenance are the parser's.
CHOSEN_KEYS = ("slug", "name", "description", "endpoints", "identifiers", "inputs", "examples")


def write_corpus(out: Path, seed: int = 1) -> subprocess.CompletedProcess[str]:
    command: list[str | Path] = [
        sys.executable,
        BENCHMARKS / "corpus.py",
        "--tools",
        str(TOOLS),
        "--out",
        out,
    ]
    return subprocess.run(
        [*command, "--seed", str(seed)], capture_output=True, text=True, check=True
    )


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    write_corpus(out)
    return out


@pytest.fixture(scope="module")
def corpus() -> list[CorpusPage]:
    return build_corpus(TOOLS)


def test_corpus_command_writes_the_pages_it_builds(
    corpus_dir: Path, corpus: list[CorpusPage]
) -> None:
    written = {path.name: path.read_text() for path in corpus_dir.iterdir()}
    assert written == {page.file_name: page.text for page in corpus}


def test_the_same_seed_writes_byte_identical_pages(corpus_dir: Path, tmp_path: Path) -> None:
    write_corpus(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.name for p in corpus_dir.iterdir()
    )
    for path in tmp_path.iterdir():
        assert path.read_bytes() == (corpus_dir / path.name).read_bytes(), path.name


def test_another_seed_writes_other_pages(corpus_dir: Path, tmp_path: Path) -> None:
    write_corpus(tmp_path, seed=2)
    assert {p.name for p in tmp_path.iterdir()} != {p.name for p in corpus_dir.iterdir()}


def test_every_page_parses_to_what_it_was_written_from(
    corpus_dir: Path, corpus: list[CorpusPage]
) -> None:
    for page in corpus:
        parsed = spec_to_json(parse_page(corpus_dir / page.file_name))
        intended = spec_to_json(page.spec)
        for key in CHOSEN_KEYS:
            assert squeeze(parsed[key]) == squeeze(intended[key]), (page.file_name, key)


def test_both_layouts_are_present(corpus_dir: Path) -> None:
    layouts = {parse_page(path).source.layout for path in corpus_dir.iterdir()}
    assert layouts == {"multiline", "collapsed"}


def test_every_input_type_is_present_and_an_unknown_one(corpus: list[CorpusPage]) -> None:
    types = {item.type for page in corpus for item in page.spec.inputs}
    assert set(TYPES) <= types
    assert any(item.kind is UNKNOWN for page in corpus for item in page.spec.inputs)


def test_option_lists_range_from_empty_to_sixty(corpus: list[CorpusPage]) -> None:
    sizes = [
        len(item.options) for page in corpus for item in page.spec.inputs if item.kind.has_options
    ]
    assert min(sizes) == 0
    assert max(sizes) == 60


def test_some_help_texts_are_long(corpus: list[CorpusPage]) -> None:
    assert max(len(item.help) for page in corpus for item in page.spec.inputs) > 1000


def test_a_share_of_tools_document_kill_and_cancel(corpus: list[CorpusPage]) -> None:
    killable = [page.spec.endpoints.kill is not None for page in corpus]
    cancellable = [page.spec.endpoints.cancel is not None for page in corpus]
    assert 0 < sum(killable) < len(corpus)
    assert 0 < sum(cancellable) < len(corpus)


def test_slugs_are_distinct_even_case_folded_and_as_module_names(
    corpus: list[CorpusPage],
) -> None:
    slugs = [page.spec.slug for page in corpus]
    modules = {
        (owner_package_name(s.owner), module_name(s.project)) for s in (p.spec for p in corpus)
    }
    assert len(set(slugs)) == len({slug.casefold() for slug in slugs}) == len(modules) == TOOLS


# A stand-in for `openapi-python-client generate`: checks the document names every tool.
STAND_IN = """\
#!{python}
import json
import sys
from pathlib import Path

arguments = sys.argv[1:]
if arguments == ["--version"]:
    print("openapi-python-client stand-in")
    raise SystemExit(0)
document = json.loads(Path(arguments[arguments.index("--path") + 1]).read_text())
runs = [path for path in document["paths"] if path.startswith("/Run/")]
if len(runs) != {tools}:
    raise SystemExit(f"expected {tools} Run paths, got {{len(runs)}}")
package = Path(arguments[arguments.index("--output-path") + 1], "client")
package.mkdir(parents=True)
(package / "__init__.py").write_text("")
"""


MEASUREMENTS = (
    "cold `wirogen generate`",
    "openapi-python-client generate",
    "wirogen / openapi-python-client",
    "no-op regeneration",
    "`wirogen check`, fresh tree",
    "one page changed",
    "lines per tool module (20 modules)",
    "`wirogen --help`",
    "× bare start-up",
    "`import wiro_tools`, above bare start-up",
    "one `get_tool()`",
    "sync: generated client",
    "sync: hand-written httpx loop",
    "sync: generated / hand-written throughput",
    "async, 4 at once: generated client",
    "async, 4 at once: hand-written httpx loop",
    "async, 4 at once: generated / hand-written throughput",
)


@pytest.fixture
def opc_stand_in(tmp_path: Path) -> Path:
    script = tmp_path / "openapi-python-client"
    script.write_text(STAND_IN.format(python=sys.executable, tools=TOOLS))
    script.chmod(0o755)
    return script


def test_smoke_run_measures_everything_and_writes_results(
    opc_stand_in: Path, tmp_path: Path
) -> None:
    results = tmp_path / "results.md"
    command: list[str | Path] = [
        sys.executable,
        BENCHMARKS / "run.py",
        "--smoke",
        "--opc",
        opc_stand_in,
    ]
    completed = subprocess.run(
        [*command, "--results", results], capture_output=True, text=True, cwd=tmp_path
    )
    assert completed.returncode == 0, completed.stderr
    written = results.read_text()
    for measure in MEASUREMENTS:
        assert measure in completed.stdout
        assert measure in written
    for section in ("| cores | ", "| Python | 3.", "| format (black) |", "## How it was measured"):
        assert section in written

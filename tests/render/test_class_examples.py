"""Every tool class's docstring example runs as written against the mock server.

The examples are generated for every real page (specs/, tests/data/wiro-pages) and the page with
one input of every kind; each runs in a fresh interpreter, from a folder holding the
placeholder files the example names (`image.png`...), with only `WiroClient()` pointed
at the mock server.
"""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.parser import parse_page
from generator.render.view import PLACEHOLDER_FILES

from ..support.genpkg import ALL_KINDS_PAGE, generate
from ..support.mockserver_fixture import KEY, SECRET, StartMockWiro
from ..support.paths import spec_pages, wiro_pages

# slow: runs every class example in fresh interpreters.
pytestmark = pytest.mark.slow

# Runs each example given on stdin ({module: source}); its last line is {module: error or ""}.
DRIVER = """
import json, sys, traceback
outcomes = {}
for module, source in json.load(sys.stdin).items():
    try:
        exec(compile(source, module, "exec"), {})
        outcomes[module] = ""
    except BaseException:
        outcomes[module] = traceback.format_exc(limit=3)
print(json.dumps(outcomes))
"""


def example_pages() -> dict[str, Path]:
    """One page per slug: specs/, the all-kinds page, then the real Wiro pages."""
    real = [page for folder in ("full", "assembled", "seeds") for page in wiro_pages(folder)]
    pages: dict[str, Path] = {}
    for page in [*spec_pages(), ALL_KINDS_PAGE, *real]:
        pages.setdefault(parse_page(page).slug, page)
    return pages


def example_of(module_file: Path) -> str:
    """The class example of a generated tool module, as a user would paste it."""
    source = module_file.read_text(encoding="utf-8")
    doc = source.split("Example::", 1)[1].split('"""', 1)[0]
    return inspect.cleandoc(doc)


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    output = tmp_path_factory.mktemp("examples")
    pages = example_pages()
    generate(list(pages.values()), output)
    return output, pages


def test_every_class_example_runs_against_the_mock_server(
    examples: tuple[Path, dict[str, Path]], start_mock_wiro: StartMockWiro, tmp_path: Path
) -> None:
    output, pages = examples
    beyond_specs = [parse_page(page) for page in pages.values() if page not in spec_pages()]
    server = start_mock_wiro(specs=beyond_specs)  # the mock serves specs/ already
    client = (
        f"WiroClient(api_key={KEY!r}, api_secret={SECRET!r}, "
        f"base_url={server.base_url!r}, sleep=lambda seconds: None)"
    )
    for _, name in PLACEHOLDER_FILES:
        (tmp_path / name).write_bytes(b"\x89PNG\r\n\x1a\n placeholder")
    (tmp_path / "input.bin").write_bytes(b"placeholder")
    sources = {
        str(path.relative_to(output)): example_of(path).replace("WiroClient()", client)
        for path in sorted((output / "wiro_tools").glob("*/*.py"))
        if path.name != "__init__.py" and path.parent.name != "_runtime"
    }
    assert len(sources) == len(pages)
    completed = subprocess.run(
        [sys.executable, "-c", DRIVER],
        input=json.dumps(sources),
        cwd=tmp_path,
        env={"PYTHONPATH": str(output), "NO_PROXY": "127.0.0.1", "PATH": ""},
        capture_output=True,
        text=True,
        check=True,
    )
    outcomes = json.loads(completed.stdout.splitlines()[-1])
    failed = {module: error for module, error in outcomes.items() if error}
    assert failed == {}

"""The README's Python samples run as written, the way the README says to try them: the
package generated from specs/, the mock server, and WIRO_BASE_URL, WIRO_SOCKET_URL,
WIRO_API_KEY and WIRO_API_SECRET pointing at it. Each runs in a fresh interpreter from
a directory of its own; the pytest sample runs under pytest from the repository root."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.ir import ToolSpec
from generator.mockserver import RunningMockServer
from generator.parser import parse_text

from ..support.genpkg import generate
from ..support.mockserver_fixture import KEY, SECRET, StartMockWiro
from ..support.paths import ROOT, spec_pages
from ..support.typecheck import run_mypy

# slow: each sample in a fresh interpreter (one under pytest), kept on one worker for its module fixtures.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("readme-samples")]

SAMPLES = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(), re.DOTALL)
# The stand-in language model the README's offline route for the streaming sample copies.
CHAT_PAGE = (ROOT / "docs" / "pages" / "openai__gpt-5-2.md").read_text(encoding="utf-8")


def sample_id(sample: str) -> str:
    calls = re.findall(r"\b(run_and_wait|stream_text|events|wait|def test_\w+)\(", sample)
    return "-".join(dict.fromkeys(calls)) or "sample"


@pytest.fixture(scope="module")
def chat_spec() -> ToolSpec:
    return parse_text("openai__gpt-5-2.md", CHAT_PAGE)


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What `make generate` installs, plus the language-model page the README asks for."""
    output = tmp_path_factory.mktemp("readme")
    (output / "openai__gpt-5-2.md").write_text(CHAT_PAGE)
    generate([*spec_pages(), output / "openai__gpt-5-2.md"], output)
    return output


@pytest.fixture
def server(start_mock_wiro: StartMockWiro, chat_spec: ToolSpec) -> RunningMockServer:
    # A $10 account on Wiro: one task at a time (the gather sample waits for its slot).
    return start_mock_wiro(
        specs=[chat_spec], pages={chat_spec.slug: CHAT_PAGE}, concurrency_limit=1
    )


def sample_environment(package: Path, server: RunningMockServer) -> dict[str, str]:
    """What the README says to set to try a sample against the mock server."""
    return {
        "PATH": "",
        "PYTHONPATH": f"{package}:{ROOT}",
        "NO_PROXY": "127.0.0.1",
        "WIRO_BASE_URL": server.base_url,
        "WIRO_SOCKET_URL": server.socket_url,
        "WIRO_API_KEY": KEY,
        "WIRO_API_SECRET": SECRET,
    }


def test_the_readme_has_python_samples() -> None:
    assert len(SAMPLES) >= 4


@pytest.mark.parametrize("sample", SAMPLES, ids=sample_id)
def test_a_readme_sample_runs_as_written(
    sample: str, package: Path, server: RunningMockServer, tmp_path: Path
) -> None:
    script = tmp_path / ("test_sample.py" if "def test_" in sample else "sample.py")
    script.write_text(sample)
    environment = sample_environment(package, server)
    if "def test_" in sample:
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(script)]
        where = ROOT  # its `load_catalogue(["specs"])` reads the repository's pages
    else:
        command, where = [sys.executable, str(script)], tmp_path
    completed = subprocess.run(
        command, cwd=where, env=environment, capture_output=True, text=True, timeout=120
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_the_gather_sample_waits_for_a_slot_on_a_one_task_account(
    package: Path, server: RunningMockServer, tmp_path: Path
) -> None:
    (sample,) = [sample for sample in SAMPLES if "asyncio.gather" in sample]
    script = tmp_path / "sample.py"
    script.write_text(sample)
    environment = sample_environment(package, server)
    completed = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, env=environment, capture_output=True,
        text=True, timeout=120,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    assert server.account()["refused"] == {"96": 1}
    assert server.account()["peak"] == 1


def test_the_readme_samples_pass_mypy_strict(package: Path, tmp_path: Path) -> None:
    scripts = []
    for number, sample in enumerate(SAMPLES):
        scripts.append(tmp_path / f"sample_{number}.py")
        scripts[-1].write_text(sample)
    # The project's configuration: its overrides for what the mock server imports.
    config = ["--config-file", ROOT / "pyproject.toml"]
    env = {"MYPYPATH": f"{package}:{ROOT}", "PATH": ""}
    completed = run_mypy("--strict", *config, *scripts, cwd=tmp_path, env=env)
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_the_readme_passes_a_local_file_as_a_path() -> None:
    uploading = [sample for sample in SAMPLES if "input_image_url=local" in sample]
    assert uploading and all("Path(" in sample for sample in uploading)

"""A generated package copied into another project works there with nothing but httpx."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

from ..support.paths import SPECS

# slow: pip installs a generated project.
pytestmark = pytest.mark.slow

CALL = """
import httpx
from myapp.vendor.wiro import WiroClient, get_tool

def handler(request):
    assert request.url.path == "/v1/Run/wiro/cartoonify", request.url
    return httpx.Response(200, json={"result": True, "errors": [], "taskid": "1", "socketaccesstoken": "t"})

with WiroClient("key", "secret", transport=httpx.MockTransport(handler)) as client:
    print(get_tool("wiro/cartoonify")(client).run().taskid)
"""


def run_python(code: str, cwd: Path, path: Path) -> subprocess.CompletedProcess[str]:
    """`code` in a fresh interpreter, run from `cwd`, importing from `path`."""
    env = {**os.environ, "PYTHONPATH": str(path)}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True
    )


def generate_dotted(project: Path, *options: str) -> None:
    result = CliRunner().invoke(
        main,
        ["generate", str(SPECS), "-o", str(project), "--package", "myapp.vendor.wiro", *options],
    )
    assert result.exit_code == 0, result.output


def test_dotted_package_imports_and_runs_in_its_project(tmp_path: Path) -> None:
    generate_dotted(tmp_path / "project")
    assert (
        tmp_path / "project" / "myapp" / "vendor" / "wiro" / "_runtime" / "__init__.py"
    ).is_file()
    completed = run_python(CALL, tmp_path / "project", tmp_path / "project")
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "1"


def test_the_tree_still_works_copied_elsewhere(tmp_path: Path) -> None:
    generate_dotted(tmp_path / "project")
    shutil.copytree(tmp_path / "project" / "myapp", tmp_path / "elsewhere" / "lib" / "myapp")
    shutil.rmtree(tmp_path / "project")
    completed = run_python(CALL, tmp_path, tmp_path / "elsewhere" / "lib")
    assert completed.returncode == 0, completed.stderr


def test_generated_code_uses_only_relative_imports_of_itself(tmp_path: Path) -> None:
    generate_dotted(tmp_path / "project")
    for module in (tmp_path / "project").rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("myapp"):
                raise AssertionError(f"{module}: absolute import of {node.module}")


def test_meta_makes_the_output_pip_installable(tmp_path: Path) -> None:
    generate_dotted(tmp_path / "project", "--meta")
    assert (tmp_path / "project" / "pyproject.toml").is_file()
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--target", str(tmp_path / "site"), str(tmp_path / "project")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    assert (tmp_path / "site" / "myapp" / "vendor" / "wiro" / "py.typed").is_file()
    completed = run_python(CALL, tmp_path, tmp_path / "site")
    assert completed.returncode == 0, completed.stderr

"""openapi-python-client on the `wirogen openapi` document of the same corpus.

It lives in its own virtualenv (benchmarks/.venv-opc, created on first use): its
dependencies may conflict with wirogen's. It formats what it writes by running ruff
(`ruff check --fix-only`, `ruff format`) from PATH, so that venv's bin directory goes
first on PATH: its own ruff is the one timed.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path

from generator.cli.openapi import openapi

from .measure import Command, Sample, environment, run_measured

REQUIREMENT = "openapi-python-client==0.29.1"
VENV = Path(__file__).resolve().parent / ".venv-opc"
EXECUTABLE = "openapi-python-client"
WARNING_MARK = "Warning(s) encountered"


def ensure_installed(venv: Path = VENV) -> Path:
    """The openapi-python-client executable of `venv`, installing it there when missing."""
    executable = venv / "bin" / EXECUTABLE
    if not executable.exists():
        print(f"installing {REQUIREMENT} into {venv} ...", file=sys.stderr)
        create: Command = [sys.executable, "-m", "venv", "--clear", venv]
        subprocess.run(create, check=True)
        pip: Command = [venv / "bin" / "python", "-m", "pip", "install", "--quiet"]
        subprocess.run([*pip, REQUIREMENT], check=True)
    return executable


def version_of(executable: Path) -> str:
    """What `openapi-python-client --version` says, e.g. `openapi-python-client version: 0.29.1`."""
    completed = subprocess.run(
        [executable, "--version"], capture_output=True, text=True, check=True
    )
    return completed.stdout.strip()


def write_document(corpus: Path, document: Path) -> None:
    """`wirogen openapi CORPUS -o DOCUMENT`, run in this process (its summary line dropped)."""
    with contextlib.redirect_stdout(io.StringIO()):
        status = openapi.main([str(corpus), "-o", str(document)], standalone_mode=False)
    if status:
        raise RuntimeError(f"wirogen openapi {corpus} failed with exit status {status}")


def run_opc(executable: Path, document: Path, output: Path) -> Sample:
    """Generate a client from `document` into `output` (a new directory) and measure it."""
    path = os.pathsep.join([str(executable.parent), os.environ.get("PATH", "")])
    command: Command = [executable, "generate", "--path", document, "--output-path", output]
    return run_measured([*command, "--overwrite"], cwd=output.parent, env=environment(PATH=path))


def describe_output(output: Path, samples: list[Sample]) -> str:
    """What openapi-python-client wrote, and whether it warned, for the results' notes."""
    files = sum(1 for _ in output.rglob("*.py"))
    warned = any(WARNING_MARK in sample.stdout for sample in samples)
    return f"wrote {files} Python files" + (
        " and warned (see its output)" if warned else ", no warnings"
    )

"""A generation killed at any moment leaves the previous tree exactly as it was."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ..support.paths import spec_pages
from ..support.trees import tree

# slow: wirogen processes killed with SIGKILL, kept on one worker for its module fixtures.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("interrupted")]

COPIES = 8  # 8 pages x 8 copies = 64 tools: a run long enough to be killed in each phase
KILL_AT = (0.1, 0.3, 0.5, 0.7, 0.85, 0.95)


def write_corpus(directory: Path, steps: int) -> None:
    """COPIES renamed copies of every page, with `default: 30` set to `steps`."""
    directory.mkdir(parents=True)
    for page in spec_pages():
        text = page.read_text().replace("default: 30", f"default: {steps}")
        slug = page.name.removesuffix(".md").replace("__", "/")
        for copy in range(COPIES):
            renamed = text.replace(f"/Run/{slug}", f"/Run/{slug}-{copy}")
            (directory / f"{copy}-{page.name}").write_text(renamed)


def start_generation(specs: Path, output: Path) -> subprocess.Popen[bytes]:
    wirogen = Path(sys.executable).with_name("wirogen")
    command = [str(wirogen), "generate", str(specs), "-o", str(output), "-q"]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class Corpus:
    """Pages before and after a change, the trees they generate, and how long a run takes."""

    def __init__(self, root: Path) -> None:
        self.before_pages, self.after_pages = root / "before", root / "after"
        write_corpus(self.before_pages, 30)
        write_corpus(self.after_pages, 31)
        self.before_output = root / "before-out"
        assert start_generation(self.before_pages, self.before_output).wait() == 0
        self.before = tree(self.before_output / "wiro_tools")
        scratch = root / "scratch"
        shutil.copytree(self.before_output, scratch)
        started = time.perf_counter()
        assert start_generation(self.after_pages, scratch).wait() == 0
        self.duration = time.perf_counter() - started
        self.after = tree(scratch / "wiro_tools")
        assert self.before != self.after

    def killed_run(self, output: Path, fraction: float) -> dict[str, bytes]:
        """The tree left by a run from `before` to `after` killed at `fraction` of its time."""
        shutil.copytree(self.before_output, output)
        process = start_generation(self.after_pages, output)
        time.sleep(self.duration * fraction)
        workers = children(process.pid)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        assert outlived(workers, seconds=5) == [], "worker processes outlived the run"
        return tree(output / "wiro_tools")


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (Linux /proc; none elsewhere)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def outlived(pids: list[int], seconds: float) -> list[int]:
    """Those of `pids` still running after up to `seconds`."""
    deadline = time.monotonic() + seconds
    alive = pids
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)
        alive = [pid for pid in alive if Path(f"/proc/{pid}").exists() and not _zombie(pid)]
    return alive


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return False


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return Corpus(tmp_path_factory.mktemp("interrupted"))


@pytest.mark.parametrize("fraction", KILL_AT)
def test_sigkill_leaves_the_previous_tree_or_the_whole_new_one(
    corpus: Corpus, fraction: float, tmp_path: Path
) -> None:
    found = corpus.killed_run(tmp_path / "out", fraction)
    assert found in (corpus.before, corpus.after), "a half-written tree"
    if fraction <= 0.5:
        assert found == corpus.before


def test_the_run_after_a_kill_completes_and_cleans_up(corpus: Corpus, tmp_path: Path) -> None:
    output = tmp_path / "out"
    assert corpus.killed_run(output, 0.3) == corpus.before
    assert start_generation(corpus.after_pages, output).wait() == 0
    assert tree(output / "wiro_tools") == corpus.after
    assert [path.name for path in output.iterdir()] == ["wiro_tools"], "no staging tree is left"

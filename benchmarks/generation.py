"""The `wirogen` runs the benchmark times, each in its own process.

Every run gets a working directory and an `XDG_CACHE_HOME` under the scratch
directory: a cold run gets new, empty ones (and an empty output directory), so no
cache wirogen might keep can make it warm; the later runs share one.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from generator.parser import parse_page
from tests.support.pagewriter import write_page

from .measure import Sample, environment, run_measured

WIROGEN = Path(sys.executable).with_name("wirogen")


@dataclass(frozen=True)
class GenerationBench:
    """Runs `wirogen` on one corpus, one measured process per call."""

    corpus: Path
    scratch: Path
    wirogen: Path = WIROGEN

    def cold(self) -> tuple[Sample, Path]:
        """Generate into a new, empty directory; returns the sample and the tree."""
        fresh = Path(tempfile.mkdtemp(prefix="cold-", dir=self.scratch))
        tree = fresh / "out"
        tree.mkdir()
        return self._wirogen("generate", tree, home=fresh), tree

    def noop(self, tree: Path) -> Sample:
        """Regenerate `tree` when nothing changed."""
        return self._wirogen("generate", tree)

    def check(self, tree: Path) -> Sample:
        """`wirogen check` on `tree`, which is fresh."""
        return self._wirogen("check", tree)

    def one_page_changed(self, tree: Path, revision: int) -> Sample:
        """Regenerate `tree` after revision `revision` of one page (a new one each call)."""
        revise_page(min(self.corpus.glob("*.md")), revision)
        return self._wirogen("generate", tree)

    def _wirogen(self, command: str, tree: Path, home: Path | None = None) -> Sample:
        home = home or self._shared_home()
        env = environment(XDG_CACHE_HOME=home / "cache")
        return run_measured(
            [self.wirogen, command, self.corpus, "-o", tree, "-q"], cwd=home, env=env
        )

    def _shared_home(self) -> Path:
        home = self.scratch / "warm"
        home.mkdir(exist_ok=True)
        return home


def revise_page(page: Path, revision: int) -> None:
    """Rewrite `page`, in its own layout, with revision `revision` of its description."""
    spec = parse_page(page)
    revised = replace(spec, description=f"{spec.description} Revision {revision}.")
    page.write_bytes(write_page(revised, spec.source.layout).encode())

"""Where each tool lands in the package: module and class names, decided from slugs alone.

Light on purpose: a run that reuses every file plans the package without importing
the renderer (or parsing a page).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..pagenames import slug_parts
from .escape import PageText
from .names import class_name, module_name, owner_package_name, unique

if TYPE_CHECKING:
    from ..ir import ToolSpec

RUNTIME_SOURCE = Path(__file__).resolve().parents[1] / "runtime"
"""generator/runtime: plain Python, shipped as the generated package's `_runtime`."""

RUNTIME_DIR = "_runtime"
"""Where the runtime's modules land in the package, each copied verbatim."""


class DuplicateToolError(ValueError):
    """Two pages describe the same `owner/slug`."""


@dataclass(frozen=True)
class PageRef:
    """What the layout of the package needs to know of a page: its slug and where it is."""

    slug: str
    file_name: str
    sha256: str

    @classmethod
    def of(cls, spec: ToolSpec) -> PageRef:
        return cls(spec.slug, spec.source.file_name, spec.source.sha256)

    @property
    def owner(self) -> str:
        return slug_parts(self.slug)[0]

    @property
    def project(self) -> str:
        return slug_parts(self.slug)[1]


@dataclass(frozen=True)
class PlannedTool:
    """Where one tool lands: `<owner>/<module>.py`, class `class_name`."""

    page: PageRef
    owner: str
    module: str
    class_name: str

    @property
    def path(self) -> str:
        return f"{self.owner}/{self.module}.py"

    @property
    def dotted(self) -> str:
        return f"{self.owner}.{self.module}"

    @property
    def slug(self) -> PageText:
        return PageText(self.page.slug)


def plan_tools(pages: Sequence[PageRef | ToolSpec]) -> tuple[list[PlannedTool], list[str]]:
    """Module and class names for every tool, deterministic whatever the page order.

    Slugs that normalise to the same module name are ordered by their exact text:
    the first keeps the name, the next get `_2`, `_3`... and a note says so.
    """
    refs = [page if isinstance(page, PageRef) else PageRef.of(page) for page in pages]
    seen: dict[str, PageRef] = {}
    for ref in refs:
        if ref.slug in seen:
            raise DuplicateToolError(
                f"{seen[ref.slug].file_name} and {ref.file_name} both describe {ref.slug!r}"
            )
        seen[ref.slug] = ref
    groups: dict[tuple[str, str], list[PageRef]] = defaultdict(list)
    for ref in sorted(refs, key=lambda ref: ref.slug):
        groups[(owner_package_name(ref.owner), module_name(ref.project))].append(ref)
    taken: dict[str, set[str]] = defaultdict(set)
    for owner, module in groups:
        taken[owner].add(module)
    planned, notes = [], []
    for (owner, module), group in sorted(groups.items()):
        for index, ref in enumerate(group):
            name = module if index == 0 else unique(module, taken[owner])
            if index:
                notes.append(
                    f"{ref.slug!r} and {group[0].slug!r} both map to {owner}/{module}.py; "
                    f"{ref.slug!r} is generated as {owner}/{name}.py"
                )
            planned.append(PlannedTool(ref, owner, name, class_name(ref.project)))
    return planned, notes


def owners_of(tools: Sequence[PlannedTool]) -> dict[str, list[PlannedTool]]:
    """Each owner package and its tools, in plan order."""
    owners: dict[str, list[PlannedTool]] = defaultdict(list)
    for tool in tools:
        owners[tool.owner].append(tool)
    return dict(owners)


def runtime_files() -> list[str]:
    """The runtime's modules as package paths (`_runtime/<name>.py`), sorted."""
    return [f"{RUNTIME_DIR}/{path.name}" for path in sorted(RUNTIME_SOURCE.glob("*.py"))]

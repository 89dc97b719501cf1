"""Lays out the generated package: a module per tool, owner packages, the registry, the runtime."""

from __future__ import annotations

import ast
import functools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..ir import ToolSpec, slug_parts
from .environment import environment
from .escape import PageText, UnsafePageText
from .names import class_name, module_name, owner_package_name, unique
from .view import tool_view

if TYPE_CHECKING:
    from jinja2 import Environment

RUNTIME_SOURCE = Path(__file__).resolve().parents[1] / "runtime"
"""generator/runtime: plain Python, shipped as the generated package's `_runtime`."""

SHARED_FILES = ("__init__.py", "py.typed")
RUNTIME_DIR = "_runtime"
"""Where the runtime's modules land in the package, each copied verbatim."""


class DuplicateToolError(ValueError):
    """Two pages describe the same `owner/slug`."""


class RenderError(Exception):
    """A template failed: a bug in it, or page text output without `py` or `doc`."""


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


def render_tool_module(
    spec: ToolSpec, tool: PlannedTool, package: str, templates: Path | None = None
) -> tuple[str, list[str]]:
    """The unformatted module of one tool, and notes about names it had to change."""
    view = tool_view(spec, tool.class_name)
    source = _render(
        environment(templates),
        "tool_module.py.j2",
        tool=view,
        header=_page_header(spec),
        package=package,
        module=tool.dotted,
    )
    return source, list(view.notes)


def render_owner_init(tools: Sequence[PlannedTool], templates: Path | None = None) -> str:
    return _render(
        environment(templates),
        "owner_init.py.j2",
        header=_derived_header(f"the package of {len(tools)} tools by one owner"),
        owners=sorted({PageText(tool.page.owner) for tool in tools}, key=repr),
        modules=[tool.module for tool in tools],
    )


def render_shared(
    path: str, tools: Sequence[PlannedTool], package: str, templates: Path | None = None
) -> str:
    """One of SHARED_FILES: the registry or the py.typed marker."""
    if path == "py.typed":
        return ""
    return _render(
        environment(templates),
        "package_init.py.j2",
        header=_derived_header(f"the registry of {len(tools)} tools"),
        package=package,
        tools=tools,
        runtime_names=sorted(runtime_names(), key=_isort_key),
        exports=sorted((*runtime_names(), "TOOLS", "get_tool", "get_async_tool"), key=_isort_key),
        example_slug=tools[0].slug if tools else PageText("owner/slug"),
    )


def runtime_files() -> list[str]:
    """The runtime's modules as package paths (`_runtime/<name>.py`), sorted."""
    return [f"{RUNTIME_DIR}/{path.name}" for path in sorted(RUNTIME_SOURCE.glob("*.py"))]


@functools.cache
def runtime_names() -> tuple[str, ...]:
    """The runtime's public names: its `__all__`, read without importing it (and httpx)."""
    tree = ast.parse((RUNTIME_SOURCE / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "__all__" for target in node.targets
        ):
            return tuple(ast.literal_eval(node.value))
    raise RenderError(f"{RUNTIME_SOURCE / '__init__.py'} has no __all__")


def render_runtime_file(path: str) -> str:
    """One runtime module: its source as it is, under the provenance header."""
    source = (RUNTIME_SOURCE / path.removeprefix(f"{RUNTIME_DIR}/")).read_text(encoding="utf-8")
    return _derived_header("the runtime every tool module shares") + "\n" + source


def render_project_metadata(package: str, tool_count: int, templates: Path | None = None) -> str:
    """A minimal pyproject.toml that makes the output directory pip-installable."""
    return _render(
        environment(templates),
        "pyproject.toml.j2",
        package=package,
        distribution=package.replace(".", "-").replace("_", "-"),
        tools=tool_count,
    )


def _render(env: Environment, name: str, **context: object) -> str:
    from jinja2 import TemplateError  # loaded already: `env` is a Jinja environment

    try:
        return env.get_template(name).render(**context)
    except (TemplateError, UnsafePageText) as error:
        raise RenderError(f"template {name}: {type(error).__name__}: {error}") from None


def _isort_key(name: str) -> tuple[int, str]:
    """isort's order: CONSTANTS, then Classes, then functions."""
    return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)


def _page_header(spec: ToolSpec) -> str:
    return (
        f"# Generated by wirogen {__version__} from a page with sha256 {spec.source.sha256}.\n"
        "# Do not edit: regenerate with `wirogen generate`."
    )


def _derived_header(what: str) -> str:
    return (
        f"# Generated by wirogen {__version__}: {what}.\n"
        "# Do not edit: regenerate with `wirogen generate`."
    )

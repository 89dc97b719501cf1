"""Lays out the generated package: a module per tool, owner packages, the registry, the runtime."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, TemplateError

from .. import __version__
from ..ir import ToolSpec
from .environment import environment
from .escape import PageText, UnsafePageText
from .names import class_name, module_name, owner_package_name, unique
from .view import tool_view

RUNTIME_NAMES = (  # sorted as isort sorts them
    "APIConnectionError", "APIError", "APITimeoutError", "AsyncTask", "AsyncTool",
    "AsyncWiroClient", "AuthenticationError", "ConcurrencyLimitError", "ConfigurationError",
    "FileInput", "HTTPStatusError", "InsufficientBalanceError", "InvalidInputError",
    "InvalidResponseError", "InvalidTokenError", "NotFoundError", "Output", "RateLimitError",
    "ServerError", "SignInRequiredError", "Task", "TaskCancelled", "TaskError", "TaskFailed",
    "TaskSnapshot", "TaskTimeout", "Timings", "Tool", "WiroClient", "WiroError",
)  # fmt: skip


class DuplicateToolError(ValueError):
    """Two pages describe the same `owner/slug`."""


class RenderError(Exception):
    """A template failed: a bug in it, or page text output without `py` or `doc`."""


@dataclass(frozen=True)
class PlannedTool:
    """Where one tool lands: `<owner>/<module>.py`, class `class_name`."""

    spec: ToolSpec
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
        return PageText(self.spec.slug)


@dataclass
class RenderedPackage:
    """Every file of the package (path relative to the package directory -> source)."""

    files: dict[str, str]
    tools: list[PlannedTool]
    notes: list[str] = field(default_factory=list)


def plan_tools(specs: Sequence[ToolSpec]) -> tuple[list[PlannedTool], list[str]]:
    """Module and class names for every tool, deterministic whatever the page order.

    Slugs that normalise to the same module name are ordered by their exact text:
    the first keeps the name, the next get `_2`, `_3`... and a note says so.
    """
    seen: dict[str, ToolSpec] = {}
    for spec in specs:
        if spec.slug in seen:
            raise DuplicateToolError(
                f"{seen[spec.slug].source.file_name} and {spec.source.file_name} "
                f"both describe {spec.slug!r}"
            )
        seen[spec.slug] = spec
    groups: dict[tuple[str, str], list[ToolSpec]] = defaultdict(list)
    for spec in sorted(specs, key=lambda spec: spec.slug):
        groups[(owner_package_name(spec.owner), module_name(spec.project))].append(spec)
    taken: dict[str, set[str]] = defaultdict(set)
    for owner, module in groups:
        taken[owner].add(module)
    planned, notes = [], []
    for (owner, module), group in sorted(groups.items()):
        for index, spec in enumerate(group):
            name = module if index == 0 else unique(module, taken[owner])
            if index:
                notes.append(
                    f"{spec.slug!r} and {group[0].slug!r} both map to {owner}/{module}.py; "
                    f"{spec.slug!r} is generated as {owner}/{name}.py"
                )
            planned.append(PlannedTool(spec, owner, name, class_name(spec.project)))
    return planned, notes


def render_package(
    specs: Sequence[ToolSpec], *, package: str = "wiro_tools", templates: Path | None = None
) -> RenderedPackage:
    """The unformatted source of every file of the package."""
    env = environment(templates)
    tools, notes = plan_tools(specs)
    files: dict[str, str] = {}
    for tool in tools:
        view = tool_view(tool.spec, tool.class_name)
        notes.extend(view.notes)
        files[tool.path] = _render(
            env,
            "tool_module.py.j2",
            tool=view,
            header=_page_header(tool.spec),
            package=package,
            module=tool.dotted,
        )
    owners: dict[str, list[PlannedTool]] = defaultdict(list)
    for tool in tools:
        owners[tool.owner].append(tool)
    for owner, owned in owners.items():
        files[f"{owner}/__init__.py"] = _render(
            env,
            "owner_init.py.j2",
            header=_derived_header(f"the package of {len(owned)} tools by one owner"),
            owners=sorted({PageText(tool.spec.owner) for tool in owned}, key=repr),
            modules=[tool.module for tool in owned],
        )
    files["__init__.py"] = _render(
        env,
        "package_init.py.j2",
        header=_derived_header(f"the registry of {len(tools)} tools"),
        package=package,
        tools=tools,
        runtime_names=RUNTIME_NAMES,
        exports=sorted((*RUNTIME_NAMES, "TOOLS", "get_tool", "get_async_tool"), key=_isort_key),
        example_slug=tools[0].slug if tools else PageText("owner/slug"),
    )
    files["_runtime.py"] = _render(
        env, "runtime.py.j2", header=_derived_header("the runtime every tool module shares")
    )
    files["py.typed"] = ""
    return RenderedPackage(dict(sorted(files.items())), tools, notes)


def _page_header(spec: ToolSpec) -> str:
    return (
        f"# Generated by wirogen {__version__} from a page with sha256 {spec.source.sha256}.\n"
        "# Do not edit: regenerate with `wirogen generate`."
    )


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
    try:
        return env.get_template(name).render(**context)
    except (TemplateError, UnsafePageText) as error:
        raise RenderError(f"template {name}: {type(error).__name__}: {error}") from None


def _isort_key(name: str) -> tuple[int, str]:
    """isort's order: CONSTANTS, then Classes, then functions."""
    return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)


def _derived_header(what: str) -> str:
    return (
        f"# Generated by wirogen {__version__}: {what}.\n"
        "# Do not edit: regenerate with `wirogen generate`."
    )

"""What a generated tool is, for programs that drive it from outside Python.

The package's command line, its batch runner (JSON jobs) and its MCP server all need a
tool's inputs with their kinds, defaults and documentation, and a way to turn untyped
values (command-line text, JSON) into run() arguments. Everything here is read from what a
tool module already has: its `TOOL` (ToolInfo), run()'s signature and docstrings; nothing
is copied from the page a second time. Plain Python: importing it loads no httpx.
"""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Final

from ._spec import FILE_KINDS, InputSpec, ToolInfo

MULTIPLE_KINDS: Final = frozenset({"multiselect", "multifile", "combinefile"})

_ARGS_ENTRY: Final = re.compile(r"^    ([A-Za-z_][A-Za-z0-9_]*): ?(.*)$")
_SENTENCE_END: Final = re.compile(r"(?<=[.!?])\s+(?=[A-Z`\"'(])")


@dataclass(frozen=True)
class InputDescription:
    """One input of a tool, as run() takes it."""

    spec: InputSpec
    """Its wire name, Python argument, kind and options."""
    default: object
    """run()'s default for it; None means not sent (Wiro applies its own, or refuses)."""
    description: str = ""
    """What run()'s docstring says of it ("" when the page says nothing more)."""

    @property
    def name(self) -> str:
        """The input's name on the wire."""
        return self.spec.name

    @property
    def argument(self) -> str:
        """run()'s keyword argument."""
        return self.spec.argument

    @property
    def kind(self) -> str:
        return self.spec.kind

    @property
    def options(self) -> tuple[str, ...]:
        return self.spec.options

    @property
    def is_file(self) -> bool:
        """Takes URLs or local files."""
        return self.spec.kind in FILE_KINDS

    @property
    def is_multiple(self) -> bool:
        """Takes a list of values."""
        return self.spec.kind in MULTIPLE_KINDS


@dataclass(frozen=True)
class ToolDescription:
    """A tool: its slug, one-line summary, page and inputs in run()'s order."""

    slug: str
    module: str
    """The tool's module (`wiro_tools.wiro.cartoonify`)."""
    class_name: str
    summary: str
    page_url: str
    categories: tuple[str, ...]
    inputs: tuple[InputDescription, ...]
    examples: Mapping[str, Mapping[str, object]]
    """The page's parameter inspires by name, as run() keyword arguments."""
    info: ToolInfo

    def input(self, name: str) -> InputDescription | None:
        """The input whose argument (or else wire name) is `name`; None when none is."""
        for item in self.inputs:
            if item.argument == name:
                return item
        return next((item for item in self.inputs if item.name == name), None)


def describe(tool_class: type[Any]) -> ToolDescription:
    """The description of a generated tool class, sync or async."""
    module = importlib.import_module(tool_class.__module__)
    class_name = tool_class.__name__.removeprefix("Async")
    # An async class takes run() from its sync twin; the docstrings are the sync class's.
    tool_class = getattr(module, class_name, tool_class)
    info: ToolInfo = tool_class.info
    run = tool_class.run
    parameters = inspect.signature(run).parameters
    documented = _argument_docs(inspect.getdoc(run) or "")
    inputs = tuple(
        InputDescription(
            spec,
            _default(parameters.get(spec.argument)),
            documented.get(spec.argument, ""),
        )
        for spec in info.inputs
    )
    summary, page_url = _class_doc(inspect.getdoc(tool_class) or "")
    examples: Mapping[str, Mapping[str, object]] = getattr(module, "EXAMPLES", {})
    return ToolDescription(
        slug=info.slug,
        module=module.__name__,
        class_name=class_name,
        summary=summary,
        page_url=page_url,
        categories=info.categories,
        inputs=inputs,
        examples=examples,
        info=info,
    )


@dataclass(frozen=True)
class ToolEntry:
    """A tool of a package's registry: its slug, module and class."""

    slug: str
    module: str
    class_name: str
    registry: ModuleType

    def load(self) -> type[Any]:
        """The tool class, importing its module (and the runtime, with httpx)."""
        module = importlib.import_module(f".{self.module}", self.registry.__name__)
        tool: type[Any] = getattr(module, self.class_name)
        return tool


def registry_entries(registry: ModuleType) -> Iterator[ToolEntry]:
    """Every tool of a generated package (its `__init__` module), sorted by slug,
    without importing any tool module."""
    tools: Mapping[str, tuple[str, str]] = registry.TOOLS
    for slug in sorted(tools, key=str.casefold):
        module, class_name = tools[slug]
        yield ToolEntry(slug, module, class_name, registry)


def _default(parameter: inspect.Parameter | None) -> object:
    if parameter is None or parameter.default is inspect.Parameter.empty:
        return None
    return parameter.default


def _argument_docs(doc: str) -> dict[str, str]:
    """Each argument's text in a Google-style `Args:` section, continuation lines
    dedented and kept on their own lines (option lists stay lists)."""
    found: dict[str, list[str]] = {}
    lines = iter(doc.splitlines())
    for line in lines:
        if line.strip() == "Args:":
            break
    current: list[str] | None = None
    for line in lines:
        entry = _ARGS_ENTRY.match(line)
        if entry:
            current = found.setdefault(entry.group(1), [])
            current.append(entry.group(2))
        elif line.startswith("        ") and current is not None:
            current.append(line[8:])
        elif line.strip():
            break  # the next section
    return {name: _joined(parts) for name, parts in found.items()}


def _joined(parts: list[str]) -> str:
    """Wrapped lines unwrapped; a line opening a list item (`- `) starts a new line."""
    out: list[str] = []
    for part in parts:
        if out and not part.startswith("- ") and not part.startswith("  "):
            out[-1] += " " + part
        elif out and part.startswith("  "):
            out[-1] += " " + part.strip()
        else:
            out.append(part)
    return "\n".join(out).strip()


def _class_doc(doc: str) -> tuple[str, str]:
    """(summary, page URL) from a generated class docstring: its first paragraph is
    `<name>: <description>`, a later line `Page: <url>`."""
    paragraph, _, rest = doc.partition("\n\n")
    text = " ".join(paragraph.split())
    _, colon, description = text.partition(": ")
    summary = _SENTENCE_END.split(description if colon else "", maxsplit=1)[0]
    page = next(
        (
            line[len("Page: ") :]
            for line in rest.splitlines()
            if line.startswith("Page: ")
        ),
        "",
    )
    return summary, page

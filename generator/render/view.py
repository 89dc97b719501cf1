"""What the tool-module template needs from one spec: names, aliases, properties, examples."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from ..ir import ToolSpec
from .escape import PageText, py_literal
from .names import TOOL_MODULE_NAMES, argument_name, pascal_case, unique
from .properties import Property, property_for

PAGE_BASE = "https://wiro.ai/models"
# Names a tool module binds itself; option aliases must not shadow them.
MODULE_NAMES = TOOL_MODULE_NAMES


@dataclass(frozen=True)
class OptionAlias:
    """`Name = Literal[...]`: the distinct option values of one or more inputs."""

    name: str
    values: tuple[PageText, ...]
    arguments: tuple[str, ...]


@dataclass(frozen=True)
class Example:
    """One parameter inspire as run() keyword arguments: (argument, Python literal) pairs."""

    name: str
    values: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ToolView:
    """One tool module, ready for the template."""

    spec: ToolSpec
    class_name: str
    properties: tuple[Property, ...]
    aliases: tuple[OptionAlias, ...]
    examples: tuple[Example, ...]
    notes: tuple[str, ...]

    @property
    def async_class_name(self) -> str:
        return f"Async{self.class_name}"

    @property
    def args_name(self) -> str:
        return f"{self.class_name}Args"

    @property
    def slug(self) -> PageText:
        return PageText(self.spec.slug)

    @property
    def name(self) -> PageText:
        return PageText(self.spec.name or self.spec.slug)

    @property
    def description(self) -> PageText:
        return PageText(self.spec.description)

    @property
    def categories(self) -> tuple[PageText, ...]:
        return tuple(PageText(category) for category in self.spec.categories)

    @property
    def page_url(self) -> str:
        return f"{PAGE_BASE}/{_segment(self.spec.owner)}/{_segment(self.spec.project)}"

    @property
    def run_path(self) -> str:
        return f"Run/{_segment(self.spec.owner)}/{_segment(self.spec.project)}"

    @property
    def urls(self) -> tuple[tuple[str, PageText | None], ...]:
        """The documented endpoint URLs as (constant name, URL or None)."""
        endpoints = self.spec.endpoints
        return tuple(
            (name, PageText(url) if url is not None else None)
            for name, url in (
                ("RUN_URL", endpoints.run),
                ("DETAIL_URL", endpoints.detail),
                ("KILL_URL", endpoints.kill),
                ("CANCEL_URL", endpoints.cancel),
            )
        )

    @property
    def completed_statuses(self) -> tuple[PageText, ...]:
        return tuple(PageText(status) for status in self.spec.statuses.completed)

    @property
    def running_statuses(self) -> tuple[PageText, ...]:
        return tuple(PageText(status) for status in self.spec.statuses.running)

    @property
    def task_paths(self) -> tuple[tuple[str, str], ...]:
        """ToolInfo path arguments for the task endpoints, relative to the API root."""
        endpoints = self.spec.endpoints
        return (
            ("detail_path", _task_path(endpoints.detail, "Task/Detail")),
            ("kill_path", _task_path(endpoints.kill, "Task/Kill")),
            ("cancel_path", _task_path(endpoints.cancel, "Task/Cancel")),
        )

    @property
    def detail_identifier(self) -> str:
        """`tasktoken` only when the page documents Task/Detail with nothing else."""
        return "tasktoken" if self.spec.identifiers.detail == ("tasktoken",) else "taskid"

    @property
    def kill_identifier(self) -> str:
        kill = self.spec.identifiers.kill
        return "socketaccesstoken" if kill == ("socketaccesstoken",) else "taskid"

    @property
    def uses_sequence(self) -> bool:
        return any("Sequence[" in prop.annotation for prop in self.properties)

    @property
    def uses_literal(self) -> bool:
        return bool(self.aliases)


def tool_view(spec: ToolSpec, class_name: str) -> ToolView:
    """The template's view of a spec whose tool class is `class_name`."""
    notes: list[str] = []
    arguments = _arguments(spec, notes)
    aliases, alias_of = _aliases(spec, arguments, class_name)
    properties = tuple(
        property_for(item, argument, alias_of.get(argument))
        for item, argument in zip(spec.inputs, arguments, strict=True)
    )
    examples = _examples(spec, properties, notes)
    return ToolView(spec, class_name, properties, aliases, examples, tuple(notes))


def _arguments(spec: ToolSpec, notes: list[str]) -> list[str]:
    taken: set[str] = set()
    arguments = []
    for item in spec.inputs:
        wanted = argument_name(item.name)
        argument = unique(wanted, taken)
        if argument != wanted:
            notes.append(
                f"{spec.slug}: input {item.name!r} is argument {argument!r} "
                f"({wanted!r} is taken by an earlier input)"
            )
        arguments.append(argument)
    return arguments


def _aliases(
    spec: ToolSpec, arguments: list[str], class_name: str
) -> tuple[tuple[OptionAlias, ...], dict[str, str]]:
    """One Literal alias per distinct option set, named after its first input."""
    taken = set(MODULE_NAMES) | {class_name, f"Async{class_name}", f"{class_name}Args"}
    by_values: dict[tuple[str, ...], tuple[str, list[str]]] = {}
    alias_of: dict[str, str] = {}
    for item, argument in zip(spec.inputs, arguments, strict=True):
        if not item.kind.has_options or not item.options:
            continue
        values = tuple(dict.fromkeys(option.value for option in item.options))
        if values not in by_values:
            by_values[values] = (unique(pascal_case(argument) or "Option", taken, ""), [])
        name, users = by_values[values]
        users.append(argument)
        alias_of[argument] = name
    aliases = tuple(
        OptionAlias(name, tuple(PageText(value) for value in values), tuple(users))
        for values, (name, users) in by_values.items()
    )
    return aliases, alias_of


def _examples(
    spec: ToolSpec, properties: tuple[Property, ...], notes: list[str]
) -> tuple[Example, ...]:
    """Inspires keyed by input name (or by it without `Url`), typed; what fits no input is left out."""
    by_key: dict[str, Property] = {}
    for prop in properties:
        by_key[prop.item.name] = prop
        by_key.setdefault(prop.item.name.removesuffix("Url"), prop)
    examples = []
    for number, inspire in enumerate(spec.examples, 1):
        values = []
        for key, text in inspire.items():
            target = by_key.get(key)
            value = target.example_value(text) if target else None
            if target is None or value is None:
                notes.append(f"{spec.slug}: example {number} leaves out {key}={text[:40]!r}")
                continue
            values.append((target.argument, py_literal(value)))
        if values:
            examples.append(Example(f"example_{number}", tuple(values)))
    return tuple(examples)


def _segment(text: str) -> str:
    return quote(text, safe="")


def _task_path(url: str | None, default: str) -> str:
    """`https://api.wiro.ai/v1/Task/Kill` -> `Task/Kill`, relative to whatever base URL is used."""
    path = urlsplit(url).path if url else ""
    marker = path.find("/Task/")
    return path[marker + 1 :] if marker >= 0 else default

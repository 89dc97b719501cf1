"""What the tool-module template needs from one spec: names, aliases, properties, examples.

Everything here is laid out as black would lay it out (see `layout`): the template only
places the pieces.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import quote, urlsplit

from ..ir import ToolSpec
from ..kinds import TypedValue
from ..runtime._constants import DEFAULT_COMPLETED_STATUSES
from ..runtime._prices import Prices
from ..runtime._spec import RUN_OPTIONS, RunOptions, ToolInfo
from . import docs
from .escape import PageText, doc_fragment, py_literal
from .layout import (
    DOC_WIDTH,
    FMT_OFF,
    FMT_ON,
    INDENT,
    assignment,
    bracket,
    fits,
    packed,
    width,
    wrap,
)
from .names import TOOL_MODULE_NAMES, argument_name, pascal_case, unique
from .pricing import price_sentence, prices_field
from .properties import Property, property_for

PAGE_BASE = "https://wiro.ai/models"
# The task endpoints a ToolInfo names only when the page's differ from the runtime's.
DEFAULT_PATHS: dict[str, str] = {
    name: getattr(ToolInfo, name) for name in ("detail_path", "kill_path", "cancel_path")
}
EXAMPLE_INDENT = " " * 8
"""Where the class example's code starts in the class docstring."""
# A placeholder a class example passes for a file input the caller must give.
PLACEHOLDER_FILES = (
    (("audio", "voice", "speech", "sound", "music", "song"), "audio.mp3"),
    (("video", "clip", "movie"), "video.mp4"),
    (("image", "img", "photo", "picture", "face", "mask", "pose"), "image.png"),
)


@dataclass(frozen=True)
class OptionAlias:
    """`Name = Literal[...]`: the distinct option values of one or more inputs."""

    name: str
    values: tuple[PageText, ...]
    arguments: tuple[str, ...]

    @property
    def line(self) -> str:
        items = [py_literal(value) for value in self.values]
        return packed(f"{self.name} = Literal[", items, "]")


@dataclass(frozen=True)
class TypeAlias:
    """`Name = Sequence[...]`: a composite argument type, named so signatures need no brackets.

    Black splits a too-long parameter line inside an annotation's brackets in ways that
    depend on the whole line; an annotation that is a bare name, or a name `| None`, it
    only ever parenthesises.
    """

    name: str
    definition: str
    union: bool
    """Whether `definition` is a union `X | Y` (its kind's `union_type`)."""

    @property
    def line(self) -> str:
        head, _, element = self.definition.partition("[")
        if not element or self.union:
            return f"{self.name} = {self.definition}"
        return bracket(0, f"{self.name} = {head}[", [element.removesuffix("]")], "]")


@dataclass(frozen=True)
class Example:
    """One parameter inspire as run() keyword arguments: (argument, value) pairs."""

    name: str
    values: tuple[tuple[str, TypedValue], ...]


@dataclass(frozen=True)
class ToolView:
    """One tool module, ready for the template."""

    spec: ToolSpec
    class_name: str
    properties: tuple[Property, ...]
    aliases: tuple[OptionAlias, ...]
    type_aliases: tuple[TypeAlias, ...]
    examples: tuple[Example, ...]
    notes: tuple[str, ...]
    prices: Prices | None = None

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
    def page_url(self) -> str:
        return f"{PAGE_BASE}/{_segment(self.spec.owner)}/{_segment(self.spec.project)}"

    # --- module-level constants ---------------------------------------------------------

    @property
    def slug_line(self) -> str:
        return assignment("SLUG: Final", py_literal(self.slug))

    @property
    def completed_line(self) -> str:
        """COMPLETED_STATUSES, when the page's list is not the runtime's default."""
        statuses = self.spec.statuses.completed
        if frozenset(statuses) == DEFAULT_COMPLETED_STATUSES:
            return ""
        items = [py_literal(PageText(status)) for status in statuses]
        return bracket(0, "COMPLETED_STATUSES: Final = (", items, ")", tuple_=True)

    @property
    def alias_block(self) -> str:
        """The option aliases, then the type aliases; those `packed` several values to a line
        share one `fmt: off` region rather than each opening its own."""
        lines = [alias.line for alias in self.aliases]
        lines = "\n".join([*lines, *(alias.line for alias in self.type_aliases)]).split("\n")
        if FMT_OFF in lines:
            lines = [FMT_OFF, *(line for line in lines if line not in (FMT_OFF, FMT_ON)), FMT_ON]
        return "\n".join(lines)

    # --- the runtime's table ------------------------------------------------------------

    @property
    def inputs_field(self) -> str:
        """`inputs=(...)`: one InputSpec per input, the fields left at their defaults left out."""
        specs = [_input_spec(prop) for prop in self.properties]
        return bracket(4, "inputs=(", specs, ")", ",", tuple_=True)

    @property
    def tool_fields(self) -> tuple[str, ...]:
        """ToolInfo keyword arguments after `inputs`, each only when it is not the default."""
        fields = []
        if frozenset(self.spec.statuses.completed) != DEFAULT_COMPLETED_STATUSES:
            fields.append("completed_statuses=frozenset(COMPLETED_STATUSES)")
        endpoints = self.spec.endpoints
        urls = {"detail_path": endpoints.detail, "kill_path": endpoints.kill}
        urls["cancel_path"] = endpoints.cancel
        for name, url in urls.items():
            path = _task_path(url, DEFAULT_PATHS[name])
            if path != DEFAULT_PATHS[name]:
                fields.append(f"{name}={py_literal(path)}")
        if self.detail_identifier != "taskid":
            fields.append(f"detail_identifier={py_literal(self.detail_identifier)}")
        if self.kill_identifier != "taskid":
            fields.append(f"kill_identifier={py_literal(self.kill_identifier)}")
        if self.spec.categories:
            items = [py_literal(PageText(category)) for category in self.spec.categories]
            # Measured with the comma the template puts after each field, as black counts it.
            field = bracket(4, "categories=(", items, ")", ",", tuple_=True)
            fields.append(field.removesuffix(","))
        if self.prices is not None:
            fields.append(prices_field(self.prices))
        return tuple(fields)

    @property
    def detail_identifier(self) -> str:
        """`tasktoken` only when the page documents Task/Detail with nothing else."""
        return "tasktoken" if self.spec.identifiers.detail == ("tasktoken",) else "taskid"

    @property
    def kill_identifier(self) -> str:
        kill = self.spec.identifiers.kill
        return "socketaccesstoken" if kill == ("socketaccesstoken",) else "taskid"

    # --- signatures and bodies ----------------------------------------------------------

    @property
    def typed_dict_fields(self) -> tuple[str, ...]:
        """The inputs as TypedDict fields (what run_and_wait passes on to run); the standard
        options come from the base, `_runtime.RunOptions`."""
        return tuple(_field(prop) for prop in self.properties)

    @property
    def args_class_line(self) -> str:
        return bracket(0, f"class {self.args_name}(", ["_runtime.RunOptions, total=False"], "):")

    @property
    def class_line(self) -> str:
        return bracket(0, f"class {self.class_name}(", ["_runtime.Tool"], "):")

    @property
    def async_class_line(self) -> str:
        return bracket(0, f"class {self.async_class_name}(", ["_runtime.AsyncTool"], "):")

    @property
    def async_members(self) -> tuple[str, ...]:
        """The async class's run and run_and_wait: the sync ones', awaited; its estimate."""
        members = [
            bracket(4, f"{name} = _runtime.awaited_{name}(", [f"{self.class_name}.{name}"], ")")
            for name in ("run", "run_and_wait")
        ]
        estimate = f"estimate = _runtime.estimator({self.class_name}.run)"
        return (*members, estimate if fits(INDENT + estimate) else bracket(4, *_split(estimate)))

    @property
    def parameters(self) -> tuple[str, ...]:
        """run()'s keyword parameters, one per line, each laid out as black lays it out."""
        lines = [_parameter(prop) for prop in self.properties]
        return (*lines, *COMMON_PARAMETERS)

    @property
    def option_docs(self) -> list[str]:
        """The `Args:` entries of the options every run() takes, from the runtime's table."""
        return [
            line
            for option in RUN_OPTIONS
            for line in wrap(f"{option.name}: {option.doc}", docs.ARG_INDENT, docs.MORE_INDENT)
        ]

    @property
    def uses_sequence(self) -> bool:
        return any(prop.kind.uses_sequence for prop in self.properties)

    @property
    def uses_literal(self) -> bool:
        return bool(self.aliases)

    @property
    def uses_get_args(self) -> bool:
        return any(prop.alias for prop in self.properties)

    @property
    def examples_assignment(self) -> str:
        """`EXAMPLES = {...}`, each inspire laid out at the dict's indentation."""
        head = f"EXAMPLES: Final[dict[str, {self.args_name}]] = {{"
        one_line = [f"{py_literal(e.name)}: {{{', '.join(_pairs(e, 0))}}}" for e in self.examples]
        if fits(f"{head}{', '.join(one_line)}}}"):
            return f"{head}{', '.join(one_line)}}}"
        entries = [
            INDENT + bracket(4, f"{py_literal(example.name)}: {{", _pairs(example, 8), "}", ",")
            for example in self.examples
        ]
        return "\n".join([head, *entries, "}"])

    # --- docstrings ---------------------------------------------------------------------

    @property
    def module_doc(self) -> list[str]:
        """One line: the tool and both classes when that fits in 100 columns, else the tool."""
        slug = doc_fragment(self.slug)
        text = (
            f"The Wiro tool {slug}: `{self.class_name}`, and `{self.async_class_name}` for asyncio."
        )
        if width(f'"""{text}"""') > DOC_WIDTH:
            text = f"The Wiro tool {slug}."
        return docs.docstring_lines(text, "")

    @property
    def args_doc(self) -> str:
        text = f"Keyword arguments of `{self.class_name}.run`, for `run_and_wait`."
        return docs.docstring(text, INDENT)

    @property
    def examples_doc(self) -> str:
        text = f"The page's parameter inspires: `{self.class_name}(client).run(**EXAMPLES[name])`."
        return docs.docstring(text, "")

    @property
    def async_doc(self) -> str:
        text = f"`{self.class_name}` for asyncio: the same arguments, awaited."
        return docs.docstring(text, INDENT)

    @property
    def run_summary(self) -> list[str]:
        """run()'s first docstring lines (more follow, so no closing quotes)."""
        text = f"Start a task on {doc_fragment(self.slug)} and return its handle."
        lines = docs.docstring_lines(text, INDENT * 2)
        price = price_sentence(self.prices)
        if price is not None:
            lines += ["", *wrap(price, INDENT * 2)]
        return lines

    @property
    def description_lines(self) -> list[str]:
        name = self.spec.name or self.spec.slug
        text = f"{doc_fragment(name)}: {doc_fragment(self.spec.description)}".rstrip(": ")
        return docs.docstring_lines(docs.sentence(text), INDENT)

    @property
    def example_call(self) -> tuple[list[str], list[str]]:
        """(lines before the call, run_and_wait's arguments) of the class example.

        Required file inputs (those sent only when given) come from an inspire that has
        them all, else from placeholder file names the example says to replace.
        """
        needed = [p for p in self.properties if p.kind.takes_files and p.sent_default is None]
        if not needed:
            return [], []
        arguments = {p.argument for p in needed}
        for example in self.examples:
            if arguments <= {argument for argument, _ in example.values}:
                return [], [f"**EXAMPLES[{py_literal(example.name)}]"]
        given = [f"{p.argument}={_placeholder(p)}" for p in needed]
        return ["# Your files (Path, bytes or a binary file) or their https:// URLs:"], given

    @property
    def example_stdlib_imports(self) -> list[str]:
        """`from pathlib import Path` (and a blank line) when the example passes files."""
        before, _ = self.example_call
        return [f"{EXAMPLE_INDENT}from pathlib import Path", ""] if before else []

    @property
    def example_lines(self) -> list[str]:
        """The class example's body under `with WiroClient() as client:`, laid out like code."""
        before, given = self.example_call
        call = bracket(12, f"result = {self.class_name}(client).run_and_wait(", given, ")")
        lines = [*before, *call.split("\n"), "print(result.outputs)"]
        # A laid-out call's later lines carry their indentation already.
        return [line if line.startswith(" ") else " " * 12 + line for line in lines]

    @property
    def example_imports(self) -> str:
        uses_examples = any(line.lstrip().startswith("**EXAMPLES") for line in self.example_lines)
        return f"EXAMPLES, {self.class_name}" if uses_examples else self.class_name

    def example_import(self, package: str, module: str) -> list[str]:
        """The example's import of the tool class, wrapped as black wraps an import, so
        the docstring stays within `DOC_WIDTH` columns."""
        names = self.example_imports.split(", ")
        head = f"{EXAMPLE_INDENT}from {doc_fragment(package)}.{module} import "
        if width(head + ", ".join(names)) <= DOC_WIDTH:
            return [head + ", ".join(names)]
        return [
            f"{head}(",
            *(f"{EXAMPLE_INDENT}{INDENT}{name}," for name in names),
            f"{EXAMPLE_INDENT})",
        ]

    @property
    def argument_docs(self) -> list[str]:
        lines: list[str] = []
        keys = docs.page_keys(self.spec.inputs)
        for prop in self.properties:
            lines += docs.argument_lines(prop, keys)
        return lines

    @property
    def none_not_sent(self) -> bool:
        return any(prop.sent_default is None for prop in self.properties)


def tool_view(spec: ToolSpec, class_name: str, prices: Prices | None = None) -> ToolView:
    """The template's view of a spec whose tool class is `class_name`, priced by `prices`."""
    notes: list[str] = []
    arguments = _arguments(spec, notes)
    taken = set(TOOL_MODULE_NAMES) | {class_name, f"Async{class_name}", f"{class_name}Args"}
    aliases, alias_of = _aliases(spec, arguments, taken)
    properties = [
        property_for(item, kind, argument, alias_of.get(argument))
        for item, kind, argument in zip(spec.inputs, spec.input_kinds, arguments, strict=True)
    ]
    type_aliases: dict[str, TypeAlias] = {}
    for index, prop in enumerate(properties):
        alias_name = prop.kind.type_alias_name(prop.alias)
        if alias_name is not None:
            element = prop.element_type()
            if element not in type_aliases:
                name = unique(alias_name, taken, "")
                type_aliases[element] = TypeAlias(name, element, prop.kind.union_type)
            properties[index] = replace(prop, type_alias=type_aliases[element].name)
    examples = _examples(spec, tuple(properties), notes)
    return ToolView(
        spec,
        class_name,
        tuple(properties),
        aliases,
        tuple(type_aliases.values()),
        examples,
        tuple(notes),
        prices,
    )


def _common_parameter(name: str, default: object) -> str:
    """`name: annotation = default,` as RunOptions annotates the option."""
    annotation = RunOptions.__annotations__[name]
    return f"{name}: {getattr(annotation, '__forward_arg__', annotation)} = {default!r},"


# What run() takes besides the page's inputs, in order: RunOptions' fields.
COMMON_PARAMETERS = tuple(_common_parameter(option.name, option.default) for option in RUN_OPTIONS)


def _split(call: str) -> tuple[str, list[str], str]:
    """`name = f(argument)` as bracket's (head, items, close)."""
    head, _, argument = call.partition("(")
    return f"{head}(", [argument.removesuffix(")")], ")"


def _parameter(prop: Property) -> str:
    """`name: annotation = default,` at 8 columns; too long, black splits the last bracket
    (a tuple default), or else parenthesises an annotation `X | None`."""
    items = prop.default_items
    default = prop.default if items is None else bracket(0, "(", items, ")", tuple_=True)
    line = f"{prop.argument}: {prop.annotation} = {default},"
    if fits(" " * 8 + line):
        return line
    if items is not None:
        head = f"{prop.argument}: {prop.annotation} = ("
        return bracket(8, head, items, ")", ",", tuple_=True)
    if prop.annotation_is_union:
        return f"{prop.argument}: (\n{' ' * 12}{prop.annotation}\n{' ' * 8}) = {default},"
    return line


def _field(prop: Property) -> str:
    """`name: annotation` in a class body at 4 columns, laid out as black lays it out: too
    long, the annotation goes in parentheses, split at `|` if it is too long even there."""
    name, annotation = prop.argument, prop.annotation
    line = f"{name}: {annotation}"
    if fits(INDENT + line):
        return line
    inner = " " * 8
    if fits(inner + annotation):
        return f"{name}: (\n{inner}{annotation}\n{INDENT})"
    if not prop.annotation_is_union:
        return line  # black leaves a name that fits nowhere as it is
    split = f"\n{inner}| ".join(annotation.split(" | "))
    return f"{name}: (\n{inner}{split}\n{INDENT})"


def _input_spec(prop: Property) -> str:
    fields = [py_literal(prop.wire_name), py_literal(prop.argument), py_literal(prop.runtime_kind)]
    if prop.alias:
        fields.append(f"get_args({prop.alias})")
    # Exploded, the tuple gives each spec its own line with a comma after it.
    return bracket(8, "InputSpec(", fields, ")", ",").removesuffix(",")


def _pairs(example: Example, indent: int) -> list[str]:
    """`"argument": value` items; a tuple value too long at `indent` is exploded."""
    pairs = []
    for argument, value in example.values:
        head = f"{py_literal(argument)}: "
        if isinstance(value, tuple):
            items = [py_literal(item) for item in value]
            laid_out = bracket(indent, f"{head}(", items, ")", ",", tuple_=True)
            pairs.append(laid_out.removesuffix(","))
        else:
            pairs.append(head + py_literal(value))
    return pairs


def _placeholder(prop: Property) -> str:
    words = prop.item.name.casefold()
    name = next(
        (file for keys, file in PLACEHOLDER_FILES if any(key in words for key in keys)), "input.bin"
    )
    return f'[Path("{name}")]' if prop.kind.takes_many else f'Path("{name}")'


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
    spec: ToolSpec, arguments: list[str], taken: set[str]
) -> tuple[tuple[OptionAlias, ...], dict[str, str]]:
    """One Literal alias per distinct option set, named after its first input; names taken."""
    by_values: dict[tuple[str, ...], tuple[str, list[str]]] = {}
    alias_of: dict[str, str] = {}
    for item, argument in zip(spec.inputs, arguments, strict=True):
        if not item.kind.has_options or not item.options:
            continue
        values = item.choices
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
    """Inspires keyed by input name (or by it without `Url`), typed; what fits no input is left out.

    Values run() sends anyway (its defaults) are left out: an example lists what it changes.
    """
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
            if value != target.sent_default:
                values.append((target.argument, value))
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

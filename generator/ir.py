"""The intermediate representation of one Wiro tool page.

Plain frozen dataclasses: the parser builds them, the renderers read them, and
`spec_to_json` exports them as the public JSON contract of `wirogen inspect --json`.
Nothing here knows about markdown or templates.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Literal, TypeAlias
from urllib.parse import unquote, urlsplit

from .kinds import Kind, TypedValue, kind_of
from .pagenames import slug_parts

SCHEMA_VERSION = 1

JsonValue: TypeAlias = bool | int | float | str | list["JsonValue"] | dict[str, "JsonValue"] | None
TypedDefault: TypeAlias = TypedValue
Layout: TypeAlias = Literal["multiline", "collapsed"]
TaskEndpoint: TypeAlias = Literal["run", "detail", "kill", "cancel"]


@dataclass(frozen=True)
class Option:
    """One choice of a select-like input, in page order."""

    value: str
    label: str
    description: str | None = None
    triggerwords: JsonValue = None
    generatesettings: JsonValue = None


@dataclass(frozen=True)
class Input:
    """One documented input: `default` is the page's text, `typed_default` its value."""

    name: str
    label: str
    help: str
    type: str
    default: str
    typed_default: TypedDefault
    options: tuple[Option, ...] = ()

    @property
    def kind(self) -> Kind:
        """The kind of the page's `type:` (`ToolSpec.input_kinds` has it in its page)."""
        return kind_of(self.type)

    @functools.cached_property
    def distinct_options(self) -> tuple[Option, ...]:
        """The first option of each distinct value, in page order (pages repeat some)."""
        firsts: dict[str, Option] = {}
        for option in self.options:
            firsts.setdefault(option.value, option)
        return tuple(firsts.values())

    @functools.cached_property
    def choices(self) -> tuple[str, ...]:
        """The distinct option values in page order."""
        return tuple(option.value for option in self.distinct_options)


@dataclass(frozen=True)
class Endpoints:
    run: str
    detail: str
    kill: str | None = None
    cancel: str | None = None


@dataclass(frozen=True)
class Identifiers:
    """The body keys each task endpoint is documented with (`taskid`, `tasktoken`, ...)."""

    detail: tuple[str, ...] = ()
    kill: tuple[str, ...] = ()
    cancel: tuple[str, ...] = ()


@dataclass(frozen=True)
class Statuses:
    completed: tuple[str, ...]
    running: tuple[str, ...]


@dataclass(frozen=True)
class ResponseExample:
    """A documented response: `body` is the parsed JSON, None when the page's JSON is invalid."""

    endpoint: TaskEndpoint
    text: str
    body: JsonValue = None


@dataclass(frozen=True)
class PageWarning:
    """A problem on the page that does not stop generation."""

    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.message} [{self.code}]"


@dataclass(frozen=True)
class PageSource:
    """Where the page came from; not part of what the page says."""

    file_name: str
    sha256: str
    layout: Layout


@dataclass(frozen=True)
class ToolSpec:
    """Everything one tool page says."""

    name: str
    description: str
    cover: str
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    endpoints: Endpoints
    identifiers: Identifiers
    inputs: tuple[Input, ...]
    statuses: Statuses
    source: PageSource
    wording: Literal["Tool", "Model"] = "Tool"
    preamble: str = ""
    examples: tuple[dict[str, str], ...] = ()
    run_example: JsonValue = None
    responses: tuple[ResponseExample, ...] = ()
    warnings: tuple[PageWarning, ...] = field(default=())

    @functools.cached_property
    def input_kinds(self) -> tuple[Kind, ...]:
        """The kind each input behaves as among this page's inputs, in `inputs` order."""
        names = {item.name for item in self.inputs}
        return tuple(item.kind.in_page(item, names) for item in self.inputs)

    @property
    def slug(self) -> str:
        """`owner/slug` exactly as in the run URL path, percent-decoded."""
        return run_url_slug(self.endpoints.run)

    @property
    def owner(self) -> str:
        return slug_parts(self.slug)[0]

    @property
    def project(self) -> str:
        return slug_parts(self.slug)[1]


def run_url_slug(url: str) -> str:
    """`owner/slug` from a `.../Run/{owner}/{slug}` URL, or "" when the URL has no such path."""
    path = urlsplit(url).path
    marker = "/Run/"
    if marker not in path:
        return ""
    segments = path.split(marker, 1)[1].strip("/").split("/")
    if len(segments) != 2 or not all(segments):
        return ""
    return "/".join(unquote(segment) for segment in segments)


def spec_to_json(spec: ToolSpec) -> dict[str, JsonValue]:
    """The public JSON form of a spec (`wirogen inspect --json`); keys are a stable contract."""
    return {
        "schema_version": SCHEMA_VERSION,
        "slug": spec.slug,
        "name": spec.name,
        "description": spec.description,
        "cover": spec.cover,
        "categories": list(spec.categories),
        "tags": list(spec.tags),
        "wording": spec.wording,
        "preamble": spec.preamble,
        "endpoints": {
            "run": spec.endpoints.run,
            "detail": spec.endpoints.detail,
            "kill": spec.endpoints.kill,
            "cancel": spec.endpoints.cancel,
        },
        "identifiers": {
            "detail": list(spec.identifiers.detail),
            "kill": list(spec.identifiers.kill),
            "cancel": list(spec.identifiers.cancel),
        },
        "inputs": [_input_to_json(item) for item in spec.inputs],
        "statuses": {
            "completed": list(spec.statuses.completed),
            "running": list(spec.statuses.running),
        },
        "examples": [dict(example) for example in spec.examples],
        "run_example": spec.run_example,
        "responses": [
            {"endpoint": r.endpoint, "body": r.body, "text": r.text} for r in spec.responses
        ],
        "warnings": [str(warning) for warning in spec.warnings],
        "source": {
            "file_name": spec.source.file_name,
            "sha256": spec.source.sha256,
            "layout": spec.source.layout,
        },
    }


def _input_to_json(item: Input) -> dict[str, JsonValue]:
    typed = item.typed_default
    return {
        "name": item.name,
        "label": item.label,
        "help": item.help,
        "type": item.type,
        "kind": item.kind.name,
        "default": item.default,
        "typed_default": list(typed) if isinstance(typed, tuple) else typed,
        "options": [
            {
                "value": option.value,
                "label": option.label,
                "description": option.description,
                "triggerwords": option.triggerwords,
                "generatesettings": option.generatesettings,
            }
            for option in item.options
        ],
    }

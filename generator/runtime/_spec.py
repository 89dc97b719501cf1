"""What a generated tool module describes: its inputs and endpoints."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import IO, Final, Literal, TypeAlias, TypedDict
from urllib.parse import quote

from ._constants import DEFAULT_COMPLETED_STATUSES
from ._prices import Prices

FileInput: TypeAlias = (
    str | os.PathLike[str] | bytes | IO[bytes] | tuple[str, bytes | IO[bytes]]
)
"""An http(s) URL (a str is always a URL, never a path); or a local file: a
pathlib.Path (or any os.PathLike), its bytes, a binary file object, or a (file name,
bytes or binary file) pair."""

InputKind: TypeAlias = Literal[
    "string",
    "integer",
    "float",
    "boolean",
    "select",
    "multiselect",
    "file",
    "multifile",
    "combinefile",
    "urlfile",
]
"""How a value is checked and sent. `urlfile` is an old page's `<base>Url` text input
with no `<base>` input: URLs go in `<base>Url`, local files upload as part `<base>`."""
FILE_KINDS: Final = frozenset({"file", "multifile", "combinefile", "urlfile"})
"""The kinds whose values are files (URLs or local files)."""


@dataclass(frozen=True)
class InputSpec:
    """One input of a tool: its wire name, Python argument, kind and accepted values."""

    name: str
    argument: str
    kind: InputKind
    options: tuple[str, ...] = ()
    default: object = None


@dataclass(frozen=True)
class ToolInfo:
    """What a generated tool module knows about its tool."""

    slug: str
    run_path: str = ""
    """Default: `Run/<owner>/<project>` of the slug, each part percent-encoded."""
    inputs: tuple[InputSpec, ...] = ()
    completed_statuses: frozenset[str] = DEFAULT_COMPLETED_STATUSES
    detail_path: str = "Task/Detail"
    kill_path: str = "Task/Kill"
    cancel_path: str = "Task/Cancel"
    detail_identifier: Literal["taskid", "tasktoken"] = "taskid"
    kill_identifier: Literal["taskid", "socketaccesstoken"] = "taskid"
    categories: tuple[str, ...] = ()
    """The page's categories (Wiro's catalogue filters tools by them)."""
    prices: Prices | None = None
    """Wiro's prices for the tool, as `wirogen sync` kept them; None: not known."""

    def __post_init__(self) -> None:
        if not self.run_path:
            owner, _, project = self.slug.partition("/")
            run_path = f"Run/{quote(owner, safe='')}/{quote(project, safe='')}"
            object.__setattr__(self, "run_path", run_path)  # frozen: set once, here


class RunOptions(TypedDict, total=False):
    """The keyword arguments every tool's `run` takes besides its inputs (documented there):
    the base of each tool's `...Args`."""

    extra_body: Mapping[str, object] | None
    project_id: str | None
    callback_url: str | None
    allow_unlisted: bool


@dataclass(frozen=True)
class RunOption:
    """One of RunOptions' fields: the default `run()` gives it and its line in run()'s
    docstring (wirogen writes both from here)."""

    name: str
    default: object
    doc: str


RUN_OPTIONS: Final = (
    RunOption(
        "extra_body",
        None,
        "Fields the page does not list, merged into the request body as given.",
    ),
    RunOption(
        "project_id", None, "Bill another of your projects (Wiro's `projectid`)."
    ),
    RunOption("callback_url", None, "A URL Wiro POSTs to when the task completes."),
    RunOption(
        "allow_unlisted",
        False,
        "Send select values the page does not list, not raise InvalidInputError.",
    ),
)
"""RunOptions' fields, in the order run() takes them."""

ANY_TOOL: Final = ToolInfo(slug="")
"""The tool of a task handle made from a bare taskid."""

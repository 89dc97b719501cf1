"""What changed in the tools' APIs between two sets of pages, and whether it breaks callers.

Each tool is reduced to a compact record of what callers depend on (`ToolApi`): the
inputs with their types, defaults and option values, and short digests of the
free texts. The records are what `wirogen diff` compares, and what the package's
manifest keeps so `wirogen check` can say what a regeneration would change.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal, TypeAlias

from .ir import Input, JsonValue, ToolSpec
from .pricechanges import PRICE, compare_prices

Severity: TypeAlias = Literal["breaking", "non-breaking", "info"]
SEVERITIES: tuple[Severity, ...] = ("breaking", "non-breaking", "info")


SHORT_TEXT = 80  # defaults up to this long are kept as they are, longer ones digested
DIGESTED = "sha256:"


def digest(text: str) -> str:
    """A short fingerprint of a free text: enough to see that it changed."""
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def _short(text: str) -> str:
    """`text` when short, else its marked digest (long defaults are prompts)."""
    return text if len(text) <= SHORT_TEXT else DIGESTED + digest(text)


@dataclass(frozen=True)
class InputApi:
    """One input as callers see it; `help` and `option_labels` are digests, and so is a
    long `default`."""

    name: str
    type: str
    kind: str
    label: str
    help: str
    default: str
    options: tuple[str, ...]
    option_labels: str

    @classmethod
    def of(cls, item: Input) -> InputApi:
        labels = "\0".join(option.label for option in item.options)
        return cls(
            item.name,
            item.type,
            item.kind.name,
            item.label,
            digest(item.help),
            _short(item.default),
            tuple(option.value for option in item.options),
            digest(labels),
        )


@dataclass(frozen=True)
class ToolApi:
    """A tool's API record: its inputs, statuses, a digest of its description, and its
    prices (the price file's entry) when known."""

    description: str
    inputs: tuple[InputApi, ...]
    completed: tuple[str, ...]
    running: tuple[str, ...]
    prices: dict[str, JsonValue] | None = None

    @classmethod
    def of(cls, spec: ToolSpec, prices: Mapping[str, JsonValue] | None = None) -> ToolApi:
        """The record of `spec`, with `prices` (its price file entry) when known."""
        inputs = tuple(InputApi.of(item) for item in spec.inputs)
        statuses = spec.statuses
        entry = None if prices is None else dict(prices)
        return cls(digest(spec.description), inputs, statuses.completed, statuses.running, entry)

    def to_json(self) -> dict[str, JsonValue]:
        inputs: list[JsonValue] = [
            {**vars(item), "options": list(item.options)} for item in self.inputs
        ]
        record: dict[str, JsonValue] = {
            "description": self.description,
            "inputs": inputs,
            "completed": list(self.completed),
            "running": list(self.running),
        }
        if self.prices is not None:
            record["prices"] = self.prices
        return record

    @classmethod
    def from_json(cls, document: object) -> ToolApi:
        """The record `to_json` wrote; raises ValueError for anything else."""
        if not isinstance(document, dict):
            raise ValueError("not an API record: expected an object")
        try:
            inputs = tuple(
                InputApi(**{**item, "options": tuple(_strings(item["options"]))})
                for item in document["inputs"]
            )
            prices = document.get("prices")
            return cls(
                str(document["description"]),
                inputs,
                tuple(_strings(document["completed"])),
                tuple(_strings(document["running"])),
                prices if isinstance(prices, dict) else None,
            )
        except (KeyError, TypeError) as error:
            raise ValueError(f"not an API record: {error}") from None


def _strings(values: object) -> list[str]:
    if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
        raise TypeError("expected a list of strings")
    return values


@dataclass(frozen=True)
class Change:
    """One difference: which tool, how serious, what kind, which input, in words."""

    tool: str
    severity: Severity
    kind: str
    input: str | None
    message: str
    old: str | None = None
    """A changed price: the old prices in words (and `new` the new ones)."""
    new: str | None = None

    def to_json(self) -> dict[str, JsonValue]:
        document: dict[str, JsonValue] = {
            "tool": self.tool,
            "severity": self.severity,
            "kind": self.kind,
            "input": self.input,
            "message": self.message,
        }
        if self.kind == PRICE:
            document.update(old=self.old, new=self.new)
        return document


def compare(old: Mapping[str, ToolApi | None], new: Mapping[str, ToolApi]) -> list[Change]:
    """Every change from `old` to `new` (tools by slug), by tool, most severe first.

    An old tool recorded as None is known to exist but not what its API was: only its
    removal is reported.
    """
    changes: list[Change] = []
    for slug in sorted(old.keys() | new.keys()):
        before, after = old.get(slug, ...), new.get(slug)
        if after is None:
            changes.append(Change(slug, "breaking", "tool-removed", None, "tool removed"))
        elif before is ...:
            changes.append(Change(slug, "non-breaking", "tool-added", None, "tool added"))
        elif before is not None:
            changes += sorted(_tool_changes(slug, before, after), key=_severity_rank)
    worst: dict[str, int] = {}
    for change in changes:
        worst[change.tool] = min(worst.get(change.tool, 9), _severity_rank(change))
    changes.sort(key=lambda change: (worst[change.tool], change.tool))
    return changes + price_changes(old, new)


def price_changes(old: Mapping[str, ToolApi | None], new: Mapping[str, ToolApi]) -> list[Change]:
    """The tools whose prices changed (kind `price`, severity info): rises first, then
    prices now listed, other changes, falls, and prices no longer listed."""
    found = []
    for slug in sorted(old.keys() & new.keys()):
        before = old[slug]
        change = None if before is None else compare_prices(before.prices, new[slug].prices)
        if change is not None:
            rank, message, was, now = change
            found.append((rank, Change(slug, "info", PRICE, None, message, was, now)))
    return [change for _, change in sorted(found, key=lambda item: item[0])]


def compare_records(old: Mapping[str, object], new: Mapping[str, object]) -> list[Change]:
    """`compare` of stored API records (tools by slug), as manifests keep them.

    An old record that is missing or unreadable only lets the tool's removal be seen;
    a tool whose new record is unreadable is left out.
    """
    # A tool recorded alike on both sides has no changes: not decoded (most of a no-op run).
    same = {slug for slug, document in new.items() if old.get(slug, ...) == document}
    before = {slug: _record(document) for slug, document in old.items() if slug not in same}
    after = {slug: _record(document) for slug, document in new.items() if slug not in same}
    unreadable = {slug for slug, api in after.items() if api is None}
    return compare(
        {slug: api for slug, api in before.items() if slug not in unreadable},
        {slug: api for slug, api in after.items() if api is not None},
    )


def _record(document: object) -> ToolApi | None:
    try:
        return ToolApi.from_json(document)
    except ValueError:
        return None


def _severity_rank(change: Change) -> int:
    return SEVERITIES.index(change.severity)


def _tool_changes(slug: str, old: ToolApi, new: ToolApi) -> Iterator[Change]:
    before = {item.name: item for item in old.inputs}
    after = {item.name: item for item in new.inputs}
    for name in before.keys() - after.keys():
        yield Change(slug, "breaking", "input-removed", name, f"input {name!r} removed")
    for name in after.keys() - before.keys():
        yield Change(slug, "non-breaking", "input-added", name, f"input {name!r} added")
    for name in sorted(before.keys() & after.keys()):
        for severity, kind, message in _input_changes(before[name], after[name]):
            yield Change(slug, severity, kind, name, message)
    if old.description != new.description:
        yield Change(slug, "info", "description-changed", None, "description changed")
    if (old.completed, old.running) != (new.completed, new.running):
        message = "statuses changed: " + _statuses(new)
        yield Change(slug, "info", "statuses-changed", None, message)


def _input_changes(old: InputApi, new: InputApi) -> Iterator[tuple[Severity, str, str]]:
    name = repr(old.name)
    if old.type != new.type:
        # A page type that maps to the same kind (textarea -> text) takes the same values.
        severity: Severity = "breaking" if old.kind != new.kind else "info"
        yield severity, "type-changed", f"type of {name} changed from {old.type} to {new.type}"
    if old.kind == new.kind or (old.options and new.options):
        for value in old.options:
            if value not in new.options:
                yield "breaking", "option-removed", f"option {value!r} removed from {name}"
        for value in new.options:
            if value not in old.options:
                yield "non-breaking", "option-added", f"option {value!r} added to {name}"
    if old.default != new.default:
        message = f"default of {name} changed"
        if not any(default.startswith(DIGESTED) for default in (old.default, new.default)):
            message += f" from {old.default!r} to {new.default!r}"
        yield "info", "default-changed", message
    if old.label != new.label:
        message = f"label of {name} changed from {old.label!r} to {new.label!r}"
        yield "info", "label-changed", message
    if old.help != new.help:
        yield "info", "help-changed", f"help of {name} changed"
    if old.option_labels != new.option_labels and old.options == new.options:
        yield "info", "option-labels-changed", f"option labels of {name} changed"


def _statuses(api: ToolApi) -> str:
    return f"completed {', '.join(api.completed)}; running {', '.join(api.running)}"


def count(changes: list[Change]) -> dict[Severity, int]:
    """How many changes of each severity, every severity present."""
    return {severity: sum(c.severity == severity for c in changes) for severity in SEVERITIES}


def fails(changes: list[Change], threshold: Severity | Literal["price"]) -> bool:
    """Whether any change is at least as severe as `threshold`, or with `price` any change
    of a price."""
    if threshold == PRICE:
        return any(change.kind == PRICE for change in changes)
    limit = SEVERITIES.index(threshold)
    return any(SEVERITIES.index(change.severity) <= limit for change in changes)

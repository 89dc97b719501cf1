"""Warnings about what a page says: problems worth knowing that do not stop generation."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ..ir import Input, PageWarning, ToolSpec

# Runs of characters that UTF-8 text decoded as Windows-1252 turns into (`Ã©`, `â€™`).
MOJIBAKE_RUN = re.compile(
    "[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013-\u203a\u20ac\u2122]{2,}"
)
CALLBACK_KEY = "callbackUrl"


def page_warnings(spec: ToolSpec) -> Iterator[PageWarning]:
    """Everything questionable about a parsed page, in page order."""
    if spec.name and spec.name != spec.slug:
        yield PageWarning(
            "name-differs-from-slug",
            f"name line {spec.name!r} differs from the run URL slug {spec.slug!r}",
        )
    for item in spec.inputs:
        yield from _option_warnings(item)
    yield from _run_example_warnings(spec)
    yield from _mojibake_warnings(spec)


def _option_warnings(item: Input) -> Iterator[PageWarning]:
    values = [option.value for option in item.options]
    for value, count in Counter(values).items():
        if count > 1:
            yield PageWarning(
                "duplicate-option",
                f"input {item.name!r}: option value {value!r} is listed {count} times",
            )
    if not values or not item.kind.has_options or item.typed_default is None:
        return
    typed = item.typed_default
    for choice in typed if isinstance(typed, tuple) else (str(typed),):
        if choice not in values:
            yield PageWarning(
                "default-not-an-option",
                f"input {item.name!r}: default {choice!r} is not among its options",
            )


def _run_example_warnings(spec: ToolSpec) -> Iterator[PageWarning]:
    if not isinstance(spec.run_example, dict):
        return
    example_keys = set(spec.run_example) - {CALLBACK_KEY}
    names = [item.name for item in spec.inputs]
    for name in names:
        if name not in example_keys:
            yield PageWarning(
                "input-missing-from-example", f"input {name!r} is missing from the run example"
            )
    for key in spec.run_example:
        if key != CALLBACK_KEY and key not in names:
            yield PageWarning("example-key-not-an-input", f"run example key {key!r} is no input")


def _mojibake_warnings(spec: ToolSpec) -> Iterator[PageWarning]:
    for place, text in _free_texts(spec):
        if not MOJIBAKE_RUN.search(text):  # most texts: no word to look at
            continue
        for word in text.split():
            repaired = MOJIBAKE_RUN.sub(lambda run: _repair(run.group()), word)
            if repaired != word:
                yield PageWarning(
                    "mojibake",
                    f"{place}: {word!r} looks like mojibake (UTF-8 read as {repaired!r})",
                )
                break


def _repair(run: str) -> str:
    """What a run of characters was before UTF-8 was mis-decoded; the run itself if not that."""
    try:
        return run.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return run


def _free_texts(spec: ToolSpec) -> Iterator[tuple[str, str]]:
    yield "name", spec.name
    yield "description", spec.description
    for item in spec.inputs:
        for field_name in ("label", "help", "default"):
            yield f"input {item.name!r} {field_name}", getattr(item, field_name)
        for option in item.options:
            place = f"input {item.name!r} option {option.value!r}"
            yield place, f"{option.label} {option.description or ''}"
    for number, example in enumerate(spec.examples, 1):
        for key, value in example.items():
            yield f"example {number} {key!r}", value

"""Docstring lines of a tool module, from the page's own text, wrapped at 100 columns.

Page text enters only through `doc_fragment`. Placeholders the pages carry (`prompt-help`,
a label that repeats the input's name, an option label that repeats its value) are left
out rather than printed.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Iterable, Iterator

from ..ir import Input, JsonValue, Option
from .escape import doc_fragment
from .layout import DOC_WIDTH, width, wrap
from .properties import Property

ARG_INDENT = " " * 12
MORE_INDENT = " " * 16
I18N_KEY = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)+")
HELP_KEY = re.compile(r"\S+-help", re.IGNORECASE)
# A word of a text that may be another input's help key (`Aspect ratio. guidancescale-help.`).
HELP_KEY_WORD = re.compile(r"(?<!\S)(\S+)-help[.,;]?(?!\S)", re.IGNORECASE)


def squashed(text: str) -> str:
    return "".join(filter(str.isalnum, text.casefold()))


def is_placeholder_label(label: str, name: str, help_text: str) -> bool:
    """A label that says nothing: the input's name again, or a translation key."""
    return (
        squashed(label) == squashed(name)
        or bool(I18N_KEY.fullmatch(label))
        or help_text.strip() == f"{label.strip()}-help"
    )


def is_placeholder_help(help_text: str, name: str, label: str) -> bool:
    squash = squashed(help_text)
    return bool(HELP_KEY.fullmatch(help_text)) or squash in (squashed(name), squashed(label))


def without_help_keys(text: str, keys: Collection[str]) -> str:
    """`text` without the help keys among its words: `<key>-help` where `key` is one of
    `keys`, the page's input names and labels squashed (so `self-help` stays)."""
    stripped = HELP_KEY_WORD.sub(lambda word: "" if squashed(word[1]) in keys else word[0], text)
    return text if stripped == text else " ".join(stripped.split())


def page_keys(items: Iterable[Input]) -> frozenset[str]:
    """What a page's help keys are made of: its input names and labels, squashed."""
    return frozenset(squashed(text) for item in items for text in (item.name, item.label))


def sentence(text: str) -> str:
    """`text` ending like a sentence (a period added unless it ends in punctuation)."""
    return text if not text or text[-1] in ".!?:;…)" else f"{text}."


def argument_lines(prop: Property, keys: Collection[str] = ()) -> list[str]:
    """The `Args:` entry of one input, then its options; none when the page says nothing.

    `keys` are the page's `page_keys`: help keys made of them are left out of help texts.
    """
    item = prop.item
    label = "" if is_placeholder_label(item.label, item.name, item.help) else item.label
    help_text = "" if is_placeholder_help(item.help, item.name, item.label) else item.help
    help_text = without_help_keys(help_text, keys)
    parts = [doc_fragment(text) for text in (label, help_text) if text.strip()]
    sentences = [sentence(" — ".join(parts))] if parts else []
    unsent = prop.unsent_default
    if unsent is not None:
        sentences.append(
            f"The page's default, `{doc_fragment(unsent)}`, is not among the options: it is"
            " not sent, Wiro applies its own."
        )
    if prop.where():
        sentences.append(doc_fragment(prop.where()))
    described = _described_options(prop) if prop.kind.has_options else []
    if described and not any(details for _, details in described):
        values = ", ".join(shown_value(value) for value, _ in described)
        sentences.append(f"{prop.kind.options_lead} {values}.")
        described = []
    if not sentences and not described:
        return []  # the page says nothing the signature does not
    summary = " ".join(sentences) or f"{prop.kind.options_lead}:"
    return [*wrap(f"{prop.argument}: {summary}", ARG_INDENT, MORE_INDENT), *option_lines(described)]


def _described_options(prop: Property) -> list[tuple[str, str]]:
    """(value, what the page says of it) of each distinct option, in page order."""
    return [(option.value, option_details(option)) for option in prop.item.distinct_options]


def option_lines(described: list[tuple[str, str]]) -> Iterator[str]:
    """A line per described option; consecutive options the page says nothing of share one."""
    for has_details, group in itertools.groupby(described, key=lambda pair: bool(pair[1])):
        if has_details:
            for value, details in group:
                text = f"- {shown_value(value)}: {details}"
                yield from wrap(text, MORE_INDENT, MORE_INDENT + "  ")
        else:
            text = f"- {', '.join(shown_value(value) for value, _ in group)}"
            yield from wrap(text, MORE_INDENT, MORE_INDENT + "  ")


def shown_value(value: str) -> str:
    return f"`{doc_fragment(value)}`" if value.strip() else '`""` (empty)'


def option_details(option: Option) -> str:
    label = option.label.strip()
    parts = [] if not label or label.casefold() == option.value.casefold() else [label]
    description = (option.description or "").strip()
    # A description that only repeats (part of) the label says nothing: left out.
    if description and squashed(description) not in squashed(label):
        parts.append(description)
    texts = [sentence(doc_fragment(part)) for part in parts]
    words = [word for word in _strings(option.triggerwords) if word.strip()]
    if words:
        texts.append(f"Trigger words: {', '.join(f'`{doc_fragment(w)}`' for w in words)}.")
    texts += [setting_sentence(setting) for setting in _settings(option.generatesettings)]
    return " ".join(texts)


def setting_sentence(setting: dict[str, JsonValue]) -> str:
    """A generate setting (a LoRA's scale...): sent through `extra_body` under its id."""
    facts = [doc_fragment(str(setting["type"]))] if setting.get("type") else []
    low, high = setting.get("minvalue"), setting.get("maxvalue")
    if low not in (None, "") and high not in (None, ""):
        facts.append(f"{doc_fragment(str(low))} to {doc_fragment(str(high))}")
    default = setting.get("defaultvalue", setting.get("value"))
    if default not in (None, ""):
        facts.append(f"default {doc_fragment(str(default))}")
    shown = f" ({', '.join(facts)})" if facts else ""
    return f"Setting `{doc_fragment(str(setting['id']))}`{shown}: send it in `extra_body`."


def _strings(value: JsonValue) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _settings(value: JsonValue) -> list[dict[str, JsonValue]]:
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, dict) and isinstance(item.get("id"), str)]


def docstring_lines(text: str, indent: str) -> list[str]:
    """A docstring's opening text (escaped): the first line follows the quotes, the rest indented."""
    opening = f'{indent}"""'
    lines = wrap(text, opening, indent)
    return [lines[0].removeprefix(opening), *lines[1:]] if lines else [""]


def docstring(text: str, indent: str) -> str:
    """A whole docstring of `text` (escaped) at `indent`, quotes included: on one line when it
    fits in `DOC_WIDTH` columns with both quotes, else wrapped, the closing quotes on a line
    of their own."""
    if width(f'{indent}"""{text}"""') <= DOC_WIDTH:
        return f'"""{text}"""'
    first, *rest = docstring_lines(text, indent)
    return "\n".join([f'"""{first}', *rest, f'{indent}"""'])

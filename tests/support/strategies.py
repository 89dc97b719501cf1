"""Hypothesis strategies for tool pages: random IRs the page grammar can express."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from generator.ir import (
    Endpoints,
    Identifiers,
    Input,
    JsonValue,
    Option,
    PageSource,
    Statuses,
    ToolSpec,
    spec_to_json,
)
from generator.kinds import TYPE_KINDS, kind_of

from .irjson import squeeze

# Words of free text: any letters, digits and punctuation, but no whitespace and nothing
# the collapsed layout reads as structure (a word ending in ":" is a key, "##" a heading,
# "-" a list item, ``` a fence).
WORD_CHARACTERS = st.characters(
    codec="utf-8",
    exclude_categories=("Cc", "Cs", "Zs", "Zl", "Zp"),
    exclude_characters="\u0085\u180e\u200b\ufeff",
)


def _is_plain(word: str) -> bool:
    return not (
        word.endswith(":")
        or set(word) == {"#"}
        or word == "-"
        or "```" in word
        or word != word.strip()
    )


words = st.text(WORD_CHARACTERS, min_size=1, max_size=12).filter(_is_plain)
text = st.lists(words, min_size=1, max_size=8).map(" ".join)
optional_text = st.one_of(st.just(""), text)
identifier = st.from_regex(r"[A-Za-z][A-Za-z0-9_]{0,15}", fullmatch=True)
slug_part = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,20}", fullmatch=True)
status = st.from_regex(r"task_[a-z]{1,10}", fullmatch=True)
known_types = st.sampled_from(sorted(TYPE_KINDS))
unknown_types = identifier.filter(lambda name: name.lower() not in TYPE_KINDS)
json_list: st.SearchStrategy[JsonValue] = st.lists(text, max_size=3).map(list)  # type: ignore[arg-type]


@st.composite
def options(draw: st.DrawFn) -> tuple[Option, ...]:
    values = draw(st.lists(words.filter(lambda w: '"' not in w), max_size=6))
    return tuple(
        Option(
            value=value,
            label=draw(text),
            description=draw(st.none() | text),
            triggerwords=draw(st.none() | json_list),
            generatesettings=draw(st.none() | st.just([])),
        )
        for value in values
    )


@st.composite
def inputs(draw: st.DrawFn, name: str) -> Input:
    type_name = draw(st.one_of(known_types, known_types, unknown_types))
    kind = kind_of(type_name)
    item_options = draw(options()) if kind.has_options else ()
    choices = [option.value for option in item_options]
    default = draw(
        st.one_of(
            st.just(""),
            text,
            st.integers(-1000, 10**6).map(str),
            st.sampled_from(choices) if choices else st.just("a.jpg,b.jpg"),
        )
    )
    typed, _ = kind.typed(default, choices)
    return Input(name, draw(text), draw(optional_text), type_name, default, typed, item_options)


@st.composite
def tool_specs(draw: st.DrawFn) -> ToolSpec:
    """A tool page's IR: every field the page grammar carries."""
    owner, project = draw(slug_part), draw(slug_part)
    names = draw(st.lists(identifier, min_size=1, max_size=6, unique=True))
    items = tuple(draw(inputs(name)) for name in names)
    # A repeated key starts the next example: every example begins with the first input.
    examples = [
        {
            names[0]: draw(text),
            **draw(st.dictionaries(st.sampled_from(names[1:] or names[:1]), text, max_size=2)),
        }
        for _ in range(draw(st.integers(0, 3)))
    ]
    kill, cancel = draw(st.booleans()), draw(st.booleans())
    return ToolSpec(
        name=draw(st.one_of(st.just(f"{owner}/{project}"), text)),
        description=draw(text),
        cover=f"https://cdn.wiro.ai/{project}.png",
        categories=tuple(draw(st.lists(text, min_size=1, max_size=4))),
        tags=tuple(draw(st.lists(text, max_size=3))),
        endpoints=Endpoints(
            run=f"https://api.wiro.ai/v1/Run/{owner}/{project}",
            detail="https://api.wiro.ai/v1/Task/Detail",
            kill="https://api.wiro.ai/v1/Task/Kill" if kill else None,
            cancel="https://api.wiro.ai/v1/Task/Cancel" if cancel else None,
        ),
        identifiers=Identifiers(
            detail=draw(st.sampled_from([("taskid",), ("tasktoken",), ("taskid", "tasktoken")])),
            kill=(
                draw(st.sampled_from([("taskid",), ("taskid", "socketaccesstoken")]))
                if kill
                else ()
            ),
            cancel=("taskid",) if cancel else (),
        ),
        inputs=items,
        statuses=Statuses(
            completed=tuple(draw(st.lists(status, min_size=1, max_size=3, unique=True))),
            running=tuple(draw(st.lists(status, min_size=1, max_size=5, unique=True))),
        ),
        source=PageSource("random.md", "", "multiline"),
        wording=draw(st.sampled_from(["Tool", "Model"])),
        preamble=draw(optional_text),
        examples=tuple(examples),
    )


def page_contents(spec: ToolSpec) -> dict[str, Any]:
    """What a page says, whitespace-folded: the export without provenance, examples or warnings."""
    exported = spec_to_json(spec)
    for derived in ("source", "warnings", "run_example", "responses"):
        del exported[derived]
    return squeeze(exported)  # type: ignore[return-value]

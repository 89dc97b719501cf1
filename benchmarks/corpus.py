"""A deterministic corpus of realistic, distinct Wiro tool pages, varied from the real ones.

    .venv/bin/python benchmarks/corpus.py --tools 1000 --out /tmp/corpus [--seed 1]

Each tool starts from a real page in specs/ and gets a new owner and slug, new and varied
inputs of every type (option lists of 0 to 60 entries, short to very long help texts),
Kill/Cancel sections on a share of the tools, and is written in one of the two layouts.
Tool `i` depends only on the seed and `i`, so a 100-tool corpus is the first 100 tools of
the 1000-tool one, and the same seed always gives byte-identical pages.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import quote

# Run as `python benchmarks/corpus.py`, only benchmarks/ is on sys.path: add the repository.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.vocabulary import (
    ASPECT_RATIOS,
    CASINGS,
    INPUT_NAMES,
    OWNERS,
    SAMPLE_FILES,
    SEPARATORS,
    SLUG_WORDS,
    UNKNOWN_INPUT_NAMES,
    Material,
    load_material,
)
from generator import kinds
from generator.ir import Endpoints, Input, Layout, Option, PageSource, ToolSpec
from generator.kinds import Kind, kind_of
from generator.pagenames import spec_file_name
from generator.render.names import unique
from tests.support.pagewriter import write_page

DEFAULT_SEED = 1
SPECS_DIR = Path(__file__).resolve().parents[1] / "specs"
RUN_URL = "https://api.wiro.ai/v1/Run/{owner}/{slug}"
COVER_URL = "https://cdn.wiro.ai/uploads/models/{owner}-{slug}-cover.jpeg"

# Tool i features an input of TYPES[i % len(TYPES)], so a corpus of 13+ tools has every
# type; "colorpicker" stands for the types wirogen does not know.
TYPES = (
    "text",
    "textarea",
    "number",
    "float",
    "range",
    "checkbox",
    "select",
    "selectwithcover",
    "multiselect",
    "fileinput",
    "multifileinput",
    "combinefileinput",
    "colorpicker",
)
OPTION_TYPES = frozenset({"select", "selectwithcover", "multiselect"})
OPTION_COUNTS = (0, 0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 14, 16, 20, 24, 30, 40, 50, 60)
LAYOUTS: tuple[Layout, ...] = ("multiline", "collapsed")
KILL_CANCEL_SHARE = 0.6  # as on the real pages: 5 of 8 document Kill and Cancel
KEPT_INPUT_SHARE = 0.7  # each input of the real page survives with this chance
MAX_NEW_INPUTS = 12
NUMBERS = (1, 2, 4, 8, 12, 20, 25, 30, 50, 512, 768, 1024)


@dataclass(frozen=True)
class CorpusPage:
    """One tool of the corpus: its file name, the IR it was written from, and its text."""

    file_name: str
    spec: ToolSpec
    text: str


def build_corpus(
    count: int, seed: int = DEFAULT_SEED, specs_dir: Path = SPECS_DIR
) -> list[CorpusPage]:
    """`count` tools varied from the pages of `specs_dir`; the same arguments, the same pages."""
    material = load_material(specs_dir)
    return [
        ToolMaker(material, random.Random(f"wirogen-corpus:{seed}:{index}"), index).page()
        for index in range(count)
    ]


def write_corpus(
    count: int, out: Path, seed: int = DEFAULT_SEED, specs_dir: Path = SPECS_DIR
) -> list[CorpusPage]:
    """Write the corpus into `out`, which must be new or empty; returns its pages."""
    out.mkdir(parents=True, exist_ok=True)
    if any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty: the corpus goes into a new directory")
    pages = build_corpus(count, seed, specs_dir)
    for page in pages:
        (out / page.file_name).write_bytes(page.text.encode())
    return pages


class ToolMaker:
    """Builds tool `index` from a real page, drawing every choice from its own `rng`."""

    def __init__(self, material: Material, rng: random.Random, index: int) -> None:
        self.material = material
        self.rng = rng
        self.index = index

    def page(self) -> CorpusPage:
        """The tool's page, in the layout its index gives (even: multi-line, odd: collapsed)."""
        layout = LAYOUTS[self.index % len(LAYOUTS)]
        spec = self.spec(layout)
        return CorpusPage(spec.source.file_name, spec, write_page(spec, layout))

    def spec(self, layout: Layout) -> ToolSpec:
        rng, material = self.rng, self.material
        base = rng.choice(material.seeds)
        owner, slug = rng.choice(OWNERS), self.slug()
        tasks = self.task_seed()
        inputs = self.inputs(base)
        return replace(
            base,
            name=self.display_name(owner, slug),
            description=self.text(1, 4),
            cover=COVER_URL.format(owner=owner, slug=quote(slug, safe="")),
            categories=self.sample(material.categories, 1, 6),
            tags=self.sample(material.tags, 0, 6),
            endpoints=Endpoints(
                run=RUN_URL.format(owner=quote(owner, safe=""), slug=quote(slug, safe="")),
                detail=tasks.endpoints.detail,
                kill=tasks.endpoints.kill,
                cancel=tasks.endpoints.cancel,
            ),
            identifiers=tasks.identifiers,
            statuses=tasks.statuses,
            responses=tasks.responses,
            inputs=inputs,
            wording=rng.choice(("Tool", "Model")),
            examples=self.examples(inputs),
            run_example=None,  # the writer documents the defaults, as real pages do
            warnings=(),
            source=PageSource(spec_file_name(owner, slug), "", layout),
        )

    def slug(self) -> str:
        """A slug in one of the real styles, unique by its version token `v{index + 1}`.

        The words are letters only, so no two tools share a module name, even lower-cased
        and with every run of other characters turned into `_`.
        """
        rng = self.rng
        words = rng.sample(SLUG_WORDS, rng.randint(1, 4))
        casing = rng.choice(CASINGS)
        if casing == "lower":
            words = [word.lower() for word in words]
        elif casing == "upper-last":
            words[-1] = words[-1].upper()
        version = f"v{self.index + 1}" + (".0" if rng.random() < 0.2 else "")
        return rng.choice(SEPARATORS).join([*words, version])

    def display_name(self, owner: str, slug: str) -> str:
        """Usually `owner/slug`; sometimes a display name whose case differs from the slug."""
        shown = slug.title() if self.rng.random() < 0.1 else slug
        return f"{owner}/{shown}"

    def task_seed(self) -> ToolSpec:
        """The real page whose task endpoints, statuses and responses the tool documents."""
        wants_kill = self.rng.random() < KILL_CANCEL_SHARE
        seeds = self.material.seeds
        return self.rng.choice(
            [s for s in seeds if (s.endpoints.kill is not None) == wants_kill] or seeds
        )

    def inputs(self, base: ToolSpec) -> tuple[Input, ...]:
        """Most of the base page's inputs, varied, with new ones placed among them."""
        rng = self.rng
        inputs = [self.varied(item) for item in base.inputs if rng.random() < KEPT_INPUT_SHARE]
        taken = {item.name for item in inputs}
        types = [TYPES[self.index % len(TYPES)]]
        types += [rng.choice(TYPES) for _ in range(rng.randint(0, MAX_NEW_INPUTS))]
        for type_name in types:
            inputs.insert(rng.randint(0, len(inputs)), self.new_input(type_name, taken))
        return tuple(inputs)

    def varied(self, item: Input) -> Input:
        """A real input with a new default for numbers and prompts, half of the time."""
        if not item.default or self.rng.random() < 0.5:
            return item
        if item.kind in (kinds.NUMBER, kinds.FLOAT, kinds.TEXT):
            return with_default(item, self.default(item.type, item.options))
        return item

    def new_input(self, type_name: str, taken: set[str]) -> Input:
        """A new input of `type_name`, named as Wiro pages name inputs of that type."""
        name = self.fresh_name(INPUT_NAMES.get(type_name, UNKNOWN_INPUT_NAMES), taken)
        options = self.options() if type_name in OPTION_TYPES else ()
        label = name if self.rng.random() < 0.5 else name.replace("_", " ").title()
        item = Input(name, label, self.help(label), type_name, "", None, options)
        return with_default(item, self.default(type_name, options))

    def fresh_name(self, names: Sequence[str], taken: set[str]) -> str:
        return unique(self.rng.choice(names), taken, suffix="")

    def options(self) -> tuple[Option, ...]:
        """0 to 60 options: real ones in turn from a random start, values kept unique."""
        pool = self.material.options
        count, start = self.rng.choice(OPTION_COUNTS), self.rng.randrange(len(pool))
        options, seen = [], set()
        for number in range(count):
            option = pool[(start + number) % len(pool)]
            value = option.value if option.value not in seen else f"{option.value}-{number}"
            seen.add(value)
            options.append(replace(option, value=value))
        return tuple(options)

    def default(self, type_name: str, options: Sequence[Option]) -> str:
        """A default as real pages write one for this type: sometimes empty or odd."""
        rng, draw = self.rng, self.rng.random()
        values = [option.value for option in options]
        kind = kind_of(type_name)
        if draw < 0.1:
            return ""
        if kind is kinds.SELECT:
            if draw < 0.15:
                return "1"  # a default that is not among the options, as on real pages
            return rng.choice(values) if values else rng.choice(ASPECT_RATIOS)
        if kind is kinds.MULTISELECT:
            return ",".join(rng.sample(values, min(len(values), rng.randint(1, 3))))
        if kind in (kinds.NUMBER, kinds.FLOAT):
            return self.number(kind, draw)
        if kind is kinds.BOOLEAN:
            return rng.choice(("true", "false"))
        if kind.takes_files:
            files = rng.sample(SAMPLE_FILES, 1 if kind is kinds.FILE else rng.randint(1, 3))
            return ",".join(files)
        if type_name == "textarea":
            return rng.choice(self.material.prompts)
        if kind is kinds.UNKNOWN:
            return rng.choice(("#ff8800", "0,0,512,512", "linear"))
        return str(rng.randint(0, 2**32)) if draw < 0.6 else self.text(1, 1)[:60]

    def number(self, kind: Kind, draw: float) -> str:
        if draw < 0.12:
            return "false"  # a real page's `false` on a number field
        if kind is kinds.NUMBER:
            return str(self.rng.choice(NUMBERS))
        return f"{self.rng.uniform(0, 10):.2f}".rstrip("0").rstrip(".")

    def help(self, label: str) -> str:
        """Help as real pages write it: a key, nothing, a sentence, or a long text."""
        draw = self.rng.random()
        if draw < 0.35:
            return f"{label}-help"
        if draw < 0.45:
            return ""
        return self.text(1, 2) if draw < 0.8 else self.text(5, 30)

    def text(self, least: int, most: int) -> str:
        """`least` to `most` sentences from the real pages (and their awkward characters)."""
        return " ".join(self.rng.choices(self.material.sentences, k=self.rng.randint(least, most)))

    def examples(self, inputs: Sequence[Input]) -> tuple[dict[str, str], ...]:
        """Parameter inspires for 40% of the tools: new prompts, other inputs' defaults."""
        shown = [item for item in inputs if item.kind.name in ("text", "number", "float")]
        shown = [item for item in shown if item.typed_default is not None]
        if not shown or self.rng.random() < 0.6:
            return ()
        return tuple(
            {
                item.name: (
                    self.rng.choice(self.material.prompts)
                    if item.type == "textarea"
                    else item.default
                )
                for item in shown
            }
            for _ in range(self.rng.randint(1, 13))
        )

    def sample(self, items: Sequence[str], least: int, most: int) -> tuple[str, ...]:
        return tuple(self.rng.sample(items, min(len(items), self.rng.randint(least, most))))


def with_default(item: Input, default: str) -> Input:
    """`item` with `default`, and the typed default the parser reads from it."""
    typed, _ = item.kind.typed(default, [option.value for option in item.options])
    return replace(item, default=default, typed_default=typed)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--tools", type=int, required=True, help="how many tools")
    parser.add_argument("--out", type=Path, required=True, help="a new or empty directory")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="default %(default)s")
    args = parser.parse_args(argv)
    pages = write_corpus(args.tools, args.out, args.seed)
    print(f"wrote {len(pages)} pages to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

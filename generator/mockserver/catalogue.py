"""The tools the server knows: looked up by slug, listed and detailed like Wiro's catalogue."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from pathlib import Path

from ..ir import JsonValue, ToolSpec
from ..parser import NotAPageError, ParseError, parse_page
from ..prices import Entry, PriceDataError, clean_key, load_prices, price_files
from ..project import find_pages


class CatalogueError(Exception):
    """Pages that cannot make one catalogue: none found, pages that fail to parse, or two
    documenting one slug. `problems` holds every one, each a line of its own."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = tuple(problems)


@dataclass(frozen=True)
class Catalogue:
    """Tool specs by `owner/slug`, with the page text each came from and their prices."""

    specs: tuple[ToolSpec, ...]
    pages: Mapping[str, str]
    prices: Mapping[str, Entry] = field(default_factory=dict)
    """Price file entries by clean slug (`prices.clean_key`)."""

    @classmethod
    def build(
        cls,
        specs: Iterable[ToolSpec],
        pages: Mapping[str, str],
        prices: Mapping[str, Entry] | None = None,
    ) -> Catalogue:
        """A catalogue of `specs`; `pages` maps a slug to its page's markdown, `prices` a
        clean slug to its price file entry."""
        specs = tuple(specs)
        seen: dict[str, str] = {}
        shared: list[str] = []
        for spec in specs:
            if spec.slug in seen:
                file_names = f"{seen[spec.slug]} and {spec.source.file_name}"
                shared.append(f"{file_names} both describe {spec.slug!r}")
            else:
                seen[spec.slug] = spec.source.file_name
        if shared:
            raise CatalogueError(shared)
        return cls(specs, dict(pages), dict(prices or {}))

    def prices_of(self, spec: ToolSpec) -> Entry | None:
        """The tool's price file entry, if the catalogue has one."""
        return self.prices.get(clean_key(spec.slug))

    def find(self, owner: str, project: str) -> ToolSpec | None:
        """The tool at `owner/project`: the exact slug, else one that differs only in case
        or is written in its clean (URL) form."""
        slug = f"{owner}/{project}"
        index = self._index
        return (
            index.get(slug)
            or index.get(slug.casefold())
            or index.get(f"{_clean(owner)}/{_clean(project)}")
        )

    @cached_property
    def _index(self) -> dict[str, ToolSpec]:
        """Each tool by its exact slug, its case-folded slug and its clean slug, in that
        order of precedence (the first tool wins a shared folded or clean form)."""
        index: dict[str, ToolSpec] = {}
        for form in (lambda s: s.slug, lambda s: s.slug.casefold(), _clean_slug):
            for spec in self.specs:
                index.setdefault(form(spec), spec)
        return index

    def search(self, text: str, categories: Sequence[str], owner: str = "") -> list[ToolSpec]:
        """Tools whose slug, name or description holds `text`, that have every category,
        and whose owner is `owner` (in any form) when given."""
        needle = text.casefold()
        wanted = {category.casefold() for category in categories}
        return [
            spec
            for spec in self.specs
            if needle in f"{spec.slug}\n{spec.name}\n{spec.description}".casefold()
            and wanted <= {category.casefold() for category in spec.categories}
            and (not owner or _clean(owner) == _clean(spec.owner))
        ]

    def summary(self, spec: ToolSpec) -> dict[str, JsonValue]:
        """A tool as /Tool/List shows it."""
        return {
            "id": str(self.specs.index(spec) + 1),
            "title": spec.name.split("/", 1)[-1],
            "slugowner": spec.owner,
            "slugproject": spec.project,
            "cleanslugowner": _clean(spec.owner),
            "cleanslugproject": _clean(spec.project),
            "description": spec.description,
            "image": spec.cover,
            "categories": list(spec.categories),
            "tags": list(spec.tags),
            **_price_fields(self.prices_of(spec)),
        }

    def detail(self, spec: ToolSpec) -> dict[str, JsonValue]:
        """A tool as /Tool/Detail shows it: the summary plus its inputs and examples."""
        items: list[JsonValue] = [
            {
                "id": item.name,
                "type": item.type,
                "label": item.label,
                "help": item.help,
                "default": item.default,
                "options": [{"value": o.value, "label": o.label} for o in item.options],
            }
            for item in spec.inputs
        ]
        inspire: list[JsonValue] = [dict(example) for example in spec.examples]
        parameters: list[JsonValue] = [{"title": "Inputs", "subtitle": "", "items": items}]
        return {**self.summary(spec), "parameters": parameters, "inspire": inspire}


def _price_fields(entry: Entry | None) -> dict[str, JsonValue]:
    """The price fields of a Tool/List item as Wiro sends them: `dynamicprice` a JSON
    string (amounts as numbers), `cps` and `approximatelycost` strings; "" when unknown."""
    if entry is None:
        return {"dynamicprice": ""}
    tiers = entry.get("dynamicprice")
    numbers = [{**tier, **_amounts(tier)} for tier in tiers or ()]
    fields: dict[str, JsonValue] = {"dynamicprice": json.dumps(numbers) if numbers else ""}
    for name in ("cps", "approximatelycost"):
        if name in entry:
            fields[name] = entry[name]
    return fields


def _amounts(tier: Entry) -> dict[str, float]:
    """A tier's amounts as JSON numbers (the file keeps them as exact text)."""
    names = ("price", "priceExtra", "priceInput")
    return {name: float(Decimal(tier[name])) for name in names if name in tier}


def _clean(slug_part: str) -> str:
    return "-".join(slug_part.lower().split())


def _clean_slug(spec: ToolSpec) -> str:
    return f"{_clean(spec.owner)}/{_clean(spec.project)}"


def load_catalogue(
    paths: Iterable[str | Path], skipped: Callable[[NotAPageError], object] | None = None
) -> Catalogue:
    """The catalogue of the pages at `paths` (files, or directories of `*.md`/`*.txt` pages).

    A file that is not a Wiro page at all (a README beside the pages) is passed to
    `skipped`; the price file beside the pages (`prices.json`) gives the tools' prices.
    Raises CatalogueError naming every page that cannot be read and every pair of pages
    documenting one slug, or saying no page was found or the price file is unreadable.
    """
    specs: dict[Path, ToolSpec] = {}
    unreadable: list[str] = []
    found = find_pages([Path(path) for path in paths])
    try:
        prices = load_prices(price_files(found))
    except PriceDataError as error:
        raise CatalogueError([str(error)]) from None
    for file in found:
        try:
            specs[file] = parse_page(file)
        except NotAPageError as error:
            if skipped is not None:
                skipped(error)
        except ParseError as error:
            unreadable.append(str(error))
    if unreadable:
        raise CatalogueError(unreadable)
    if not specs:
        raise CatalogueError(["no pages found (expected .md or .txt Wiro tool pages)"])
    # Served byte for byte: the parser has already refused pages that are not UTF-8.
    pages = {spec.slug: file.read_bytes().decode("utf-8") for file, spec in specs.items()}
    return Catalogue.build(specs.values(), pages, prices)

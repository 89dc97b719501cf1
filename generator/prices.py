"""The price file: each tool's prices from Wiro's catalogue, kept beside the pages.

`wirogen sync` writes `prices.json` from Tool/List; `generate` puts each tool's prices in
its module, `diff`/`check` compare them and the mock server lists and bills by them. One
JSON object, tools by clean slug, keys sorted, amounts as decimal strings (no float ever
holds money), so the same catalogue gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    from .runtime._prices import Prices

Entry: TypeAlias = dict[str, Any]
"""A tool's prices as the file keeps them (Wiro's field names, amounts as text).

Generation reads entries, not runtime objects: importing the runtime loads httpx, which a
no-op regeneration does without; `prices_of_entry` makes the runtime's Prices."""

PRICE_FILE = "prices.json"
FORMAT = 1
ABOUT = (
    "Wiro's prices of each tool, from Tool/List (wirogen sync): dynamicprice tiers, "
    "else cps and approximatelycost, in USD."
)
TIER_FIELDS = {"inputs", "price", "priceMethod", "priceExtra", "priceInput"}


class PriceDataError(ValueError):
    """Price data that cannot be read; the message says where and what was expected."""


def clean_key(slug: str) -> str:
    """A tool's key in the file: its `owner/project` in clean (URL) form."""
    owner, _, project = slug.partition("/")
    return f"{'-'.join(owner.lower().split())}/{'-'.join(project.lower().split())}"


def entry_of_item(item: Mapping[str, Any]) -> Entry | None:
    """The prices of a Tool/List or Tool/Detail item (or of a file entry), checked and in
    the file's form; None when it lists none.

    Raises PriceDataError when `dynamicprice` is not the documented list of tiers.
    """
    raw = item.get("dynamicprice")
    if isinstance(raw, str):
        try:
            raw = json.loads(raw, parse_float=Decimal, parse_int=Decimal) if raw.strip() else None
        except ValueError as error:
            raise PriceDataError(f"dynamicprice is not JSON: {error}") from None
    entry: Entry = {}
    if raw not in (None, [], {}):
        entry["dynamicprice"] = _tiers(raw, "dynamicprice")
    for name in ("cps", "approximatelycost"):
        amount = _amount(item.get(name), name, optional=True)
        if amount is not None:
            entry[name] = amount
    return entry or None


def prices_of_entry(entry: Mapping[str, Any]) -> Prices:
    """The runtime's Prices of a checked entry (`entry_of_item`)."""
    from .runtime._prices import Prices, PriceTier

    tiers = tuple(
        PriceTier(
            tier["priceMethod"],
            tier["price"],
            tier["inputs"],
            tier.get("priceExtra"),
            tier.get("priceInput"),
        )
        for tier in entry.get("dynamicprice", ())
    )
    return Prices(tiers, entry.get("cps"), entry.get("approximatelycost"))


def prices_of_item(item: Mapping[str, Any]) -> Prices | None:
    """`prices_of_entry(entry_of_item(item))`, None when the item lists no prices."""
    entry = entry_of_item(item)
    return None if entry is None else prices_of_entry(entry)


def price_key(entry: Entry | None) -> str:
    """An entry as one stable text (what a module's input key includes); "" for None."""
    return "" if entry is None else json.dumps(entry, sort_keys=True)


def price_file_text(table: Mapping[str, Entry]) -> str:
    """The file's text for `table` (clean slug -> entry): sorted, stable, one entry a tool."""
    tools = {slug: table[slug] for slug in sorted(table)}
    document = {"about": ABOUT, "format": FORMAT, "tools": tools}
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def read_price_file(path: Path) -> dict[str, Entry]:
    """The prices in `path` by clean slug; raises PriceDataError naming the file and tool."""
    try:
        document = json.loads(path.read_bytes(), parse_float=Decimal, parse_int=Decimal)
    except OSError as error:
        raise PriceDataError(f"{path}: cannot read: {error.strerror or error}") from None
    except ValueError as error:
        raise PriceDataError(f"{path}: not JSON: {error}") from None
    tools = document.get("tools") if isinstance(document, dict) else None
    if not isinstance(tools, dict) or document.get("format") != FORMAT:
        raise PriceDataError(f'{path}: expected {{"format": {FORMAT}, "tools": {{...}}}}')
    table: dict[str, Entry] = {}
    for slug, item in tools.items():
        if not isinstance(item, dict):
            raise PriceDataError(f"{path}: tools[{slug!r}]: expected an object")
        try:
            entry = entry_of_item(item)
        except PriceDataError as error:
            raise PriceDataError(f"{path}: tools[{slug!r}]: {error}") from None
        if entry is not None:
            table[clean_key(slug)] = entry
    return table


def price_files(pages: Iterable[Path]) -> list[Path]:
    """The price files beside `pages` (one per folder that has one), in page order."""
    folders = dict.fromkeys(page.parent for page in pages)
    return [folder / PRICE_FILE for folder in folders if (folder / PRICE_FILE).is_file()]


def load_prices(files: Sequence[Path]) -> dict[str, Entry]:
    """The entries of every file, a later file's entry over an earlier one's."""
    table: dict[str, Entry] = {}
    for path in files:
        table.update(read_price_file(path))
    return table


def files_digest(files: Sequence[Path]) -> str:
    """What identifies the contents of `files` (a worker's cache key)."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _tiers(raw: object, where: str) -> list[Entry]:
    if not isinstance(raw, list):
        raise PriceDataError(f"{where}: expected a list of tiers, got {type(raw).__name__}")
    return [_tier(tier, f"{where}[{index}]") for index, tier in enumerate(raw)]


def _tier(raw: object, where: str) -> Entry:
    if not isinstance(raw, dict):
        raise PriceDataError(f"{where}: expected an object, got {type(raw).__name__}")
    method, inputs = raw.get("priceMethod"), raw.get("inputs", {})
    if not isinstance(method, str) or not method.strip():
        raise PriceDataError(f"{where}: priceMethod: expected a method name (cpr, cpo, ...)")
    if not isinstance(inputs, dict):
        raise PriceDataError(f"{where}: inputs: expected an object of input values")
    tier: Entry = {
        "inputs": {
            str(name): _input_value(value, f"{where}: inputs.{name}")
            for name, value in inputs.items()
        },
        "price": _amount(raw.get("price"), f"{where}: price"),
        "priceMethod": method.strip(),
    }
    for name in ("priceExtra", "priceInput"):
        amount = _amount(raw.get(name), f"{where}: {name}", optional=True)
        if amount is not None:
            tier[name] = amount
    return tier


def _amount(value: object, where: str, optional: bool = False) -> Any:
    """A USD amount as a decimal string (`0.03`); None for a missing optional one."""
    if optional and (value is None or value == ""):
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        raise PriceDataError(f"{where}: expected an amount in USD, got {value!r}")
    try:
        amount = Decimal(repr(value) if isinstance(value, float) else str(value).strip())
    except InvalidOperation:
        raise PriceDataError(f"{where}: expected an amount in USD, got {value!r}") from None
    if not amount.is_finite() or amount < 0:
        raise PriceDataError(f"{where}: expected an amount in USD, got {value!r}")
    return _decimal_text(amount)


def _input_value(value: object, where: str) -> str:
    """A tier's input value as the engine compares it (`runtime._prices.value_text`)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return _decimal_text(Decimal(repr(value) if isinstance(value, float) else value))
    raise PriceDataError(f"{where}: expected text or a number, got {type(value).__name__}")


def _decimal_text(amount: Decimal) -> str:
    text = f"{amount.normalize():f}"
    return "0" if text in ("-0", "0") else text

"""`wirogen sync` keeps each listed tool's prices in the price file beside the pages.

Only the prices: the pages stay byte-exact as served. The file is written atomically
and only when its text changes; a tool whose price data cannot be read keeps no entry
(and is named in a warning) rather than a guessed one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .catalogue import ListedTool
from .output.files import Outcome, write_atomically
from .prices import (
    PRICE_FILE,
    Entry,
    PriceDataError,
    clean_key,
    entry_of_item,
    price_file_text,
    read_price_file,
)


@dataclass
class PriceSync:
    """What keeping the prices did (or, in a dry run, would do)."""

    path: Path
    outcome: Outcome
    priced: int
    warnings: list[str] = field(default_factory=list)


def keep_prices(
    directory: Path, tools: Iterable[ListedTool], replace: bool, dry_run: bool
) -> PriceSync:
    """Store the prices of `tools` in DIRECTORY's price file; raises OSError.

    `replace`: the listing is the whole catalogue and gone tools are pruned, so entries
    of tools not listed are dropped; otherwise they are kept, as their pages are.
    """
    path = directory / PRICE_FILE
    warnings: list[str] = []
    table = {} if replace else _current(path, warnings)
    for tool in tools:
        key = clean_key(tool.slug)
        try:
            entry = entry_of_item(tool.prices)
        except PriceDataError as error:
            warnings.append(f"{tool.display}: {error}; its prices are not kept")
            table.pop(key, None)
            continue
        if entry is None:
            table.pop(key, None)
        else:
            table[key] = entry
    data = price_file_text(table).encode()
    outcome = _outcome(path, data) if dry_run else write_atomically(path, data)
    return PriceSync(path, outcome, len(table), warnings)


def _current(path: Path, warnings: list[str]) -> dict[str, Entry]:
    """The entries already kept; none (with a warning) when the file cannot be read."""
    if not path.exists():
        return {}
    try:
        return read_price_file(path)
    except PriceDataError as error:
        warnings.append(f"{error}; written anew from the catalogue")
        return {}


def _outcome(path: Path, data: bytes) -> Outcome:
    try:
        current = path.read_bytes()
    except FileNotFoundError:
        return "new"
    return "unchanged" if current == data else "changed"

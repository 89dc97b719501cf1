"""How a tool's prices changed, in words: rose, fell, changed, now listed or no longer.

`apidiff` reports these as changes of kind `price`, rises first.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from .prices import PriceDataError, prices_of_item

if TYPE_CHECKING:
    from .runtime._prices import Prices

PRICE: Final = "price"
# The order price changes are reported in: what costs callers more first.
RISE, LISTED, CHANGED, FALL, UNLISTED = range(5)


def compare_prices(
    old: Mapping[str, Any] | None, new: Mapping[str, Any] | None
) -> tuple[int, str, str, str] | None:
    """(rank, message, old in words, new in words) when the prices differ, else None."""
    if old == new:
        return None
    before, after = _prices(old), _prices(new)
    old_text, new_text = _words(before), _words(after)
    if before is None or after is None:
        rank = LISTED if before is None else UNLISTED
        verb = "now listed" if before is None else "no longer listed"
        return (
            rank,
            f"prices {verb}: {new_text if before is None else old_text}",
            old_text,
            new_text,
        )
    rank = _direction(before, after)
    verb = {RISE: "rose", FALL: "fell"}.get(rank, "changed")
    return rank, f"price {verb}: {old_text} -> {new_text}", old_text, new_text


def _prices(entry: Mapping[str, Any] | None) -> Prices | None:
    if entry is None:
        return None
    try:
        return prices_of_item(entry)
    except PriceDataError:
        return None


def _words(prices: Prices | None) -> str:
    return "none" if prices is None else prices.summary() or "none"


def _direction(before: Prices, after: Prices) -> int:
    """RISE when the highest amount (then the lowest) went up, FALL when down."""
    old, new = before.bounds(), after.bounds()
    if old is None or new is None or old == new:
        return CHANGED
    return RISE if (new[1], new[0]) > (old[1], old[0]) else FALL

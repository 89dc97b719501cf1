"""What a run costs, by Wiro's published prices: exact Decimal arithmetic, never a guess.

A tool's prices are the tiers of Wiro's `dynamicprice` (`{inputs, price, priceMethod,
priceExtra?, priceInput?}`), else its `cps` and `approximatelycost`. A tier applies when
the run's inputs equal its `inputs` (`QUANTITY:n`: n files given to that file input); the
most specific applying tier prices the run. No applying tier, or a price that depends on
what only the run knows (tokens, seconds of audio), gives None.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final

QUANTITY: Final = "QUANTITY:"
MEGAPIXEL: Final = 1_048_576
"""The pixels of one `cp-pixel` tier."""
OUTPUT_COUNTS: Final = (
    "samples",
    "num_outputs",
    "num_images",
    "number_of_images",
    "num_samples",
    "batch_size",
)
"""Inputs that set how many outputs a run makes (the first a tool has counts)."""
PROMPT: Final = "prompt"
UNITS: Final = {
    "cpr": "a run",
    "cpo": "an output",
    "cps": "a second",
    "cpt": "a token",
    "cp-pixel": "a megapixel",
    "cp-audiosecondslength": "a second of input audio",
    "cp-promptlength": "a prompt character",
    "cp-outputVideoLength": "a second of output video",
    "cp-realtimeturn": "a turn",
    "cp-readoutput": "as the model reports",
}
"""What each `priceMethod` charges for, in words."""


@dataclass(frozen=True)
class PriceTier:
    """One tier of Wiro's `dynamicprice`; amounts are decimal strings (USD)."""

    method: str
    price: str
    inputs: Mapping[str, str] = field(default_factory=dict)
    extra: str | None = None
    """`priceExtra`: each 1-megapixel tier after the first (`cp-pixel`)."""
    per_input: str | None = None
    """`priceInput`: each input image, per tier (`cp-pixel`)."""


@dataclass(frozen=True)
class Prices:
    """A tool's prices as Wiro's catalogue lists them."""

    tiers: tuple[PriceTier, ...] = ()
    cps: str | None = None
    """USD per second of run time, when the tool has no `dynamicprice`."""
    approximate: str | None = None
    """Wiro's `approximatelycost`: its average run time times `cps`."""

    def summary(self) -> str | None:
        """The prices in words (`$0.28 to $0.56 a run, by resolution and duration`)."""
        methods: dict[str, list[PriceTier]] = {}
        for tier in self.tiers:
            methods.setdefault(tier.method, []).append(tier)
        parts = [_method_summary(method, tiers) for method, tiers in methods.items()]
        if not self.tiers and self.approximate is not None:
            per_second = f" ({usd(Decimal(self.cps))} a second)" if self.cps else ""
            parts.append(f"about {usd(Decimal(self.approximate))} a run{per_second}")
        elif not self.tiers and self.cps is not None:
            parts.append(f"{usd(Decimal(self.cps))} a second of run time")
        return "; ".join(parts) or None

    def bounds(self) -> tuple[Decimal, Decimal] | None:
        """The lowest and highest amount any tier (or the approximate cost) names."""
        amounts = [Decimal(tier.price) for tier in self.tiers]
        if not amounts and self.approximate is not None:
            amounts.append(Decimal(self.approximate))
        return (min(amounts), max(amounts)) if amounts else None


@dataclass(frozen=True)
class Estimate:
    """What a run will cost in USD: `low` to `high`; `exact` when it is what Wiro bills."""

    low: Decimal
    high: Decimal
    exact: bool
    method: str
    """Wiro's `priceMethod` that priced the run (`cpr`, `cpo`, `cp-pixel`, `cps`, ...)."""

    def __str__(self) -> str:
        amount = usd(self.low)
        if self.high != self.low:
            amount += f" to {usd(self.high)}"
        return amount if self.exact else f"about {amount}"


def usd(amount: Decimal) -> str:
    """`$0.03`, `$1.50`, `$0.0004`: at least cents, every significant digit kept."""
    whole, _, fraction = f"{amount.normalize():f}".partition(".")
    return f"${whole}.{fraction.ljust(2, '0')}"


def estimate(
    prices: Prices, values: Mapping[str, object], files: Mapping[str, int]
) -> Estimate | None:
    """The cost of a run sending `values` (wire name -> value; None: not sent) with
    `files[name]` files given to each file input; None when the prices cannot tell."""
    if not prices.tiers:
        return _approximately(prices)
    tier = _matching(prices.tiers, values, files)
    return None if tier is None else _priced(tier, prices, values, files)


def value_text(value: object) -> str | None:
    """A value as a tier names it: text, `true`/`false`, whole numbers without `.0`."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | tuple):
        return ",".join(str(value_text(item)) for item in value)
    return str(value)


def _matching(
    tiers: tuple[PriceTier, ...], values: Mapping[str, object], files: Mapping[str, int]
) -> PriceTier | None:
    """The applying tier that names the most inputs (the first of equals)."""
    found: PriceTier | None = None
    for tier in tiers:
        applies = all(
            _equals(n, want, values, files) for n, want in tier.inputs.items()
        )
        if applies and (found is None or len(tier.inputs) > len(found.inputs)):
            found = tier
    return found


def _equals(
    name: str, want: str, values: Mapping[str, object], files: Mapping[str, int]
) -> bool:
    if want.startswith(QUANTITY):
        return want[len(QUANTITY) :].strip() == str(files.get(name, 0))
    return value_text(values.get(name)) == want


def _priced(
    tier: PriceTier,
    prices: Prices,
    values: Mapping[str, object],
    files: Mapping[str, int],
) -> Estimate | None:
    price, method = Decimal(tier.price), tier.method
    if method == "cpr":
        return Estimate(price, price, True, method)
    if method == "cps":
        return _approximately(prices)
    if method == "cp-promptlength":
        prompt = values.get(PROMPT)
        if not isinstance(prompt, str):
            return None
        return _exact(price * len(prompt), method)
    asked, count = _output_count(values)
    if method == "cpo":
        if count is None:  # one output's price: the outputs are counted after the run
            return Estimate(price, price, False, method)
        return _exact(price * max(count, 1), method)
    if method == "cp-pixel":
        one = _pixel_price(tier, values, sum(files.values()))
        if one is None or (asked and count is None):
            return None
        return _exact(one * max(count or 1, 1), method)
    return None


def _pixel_price(
    tier: PriceTier, values: Mapping[str, object], images: int
) -> Decimal | None:
    """One output image's price: its 1-megapixel tiers (the first at `price`, each
    further one at `priceExtra`), plus `priceInput` per input image and tier."""
    size = [_whole(values.get(name)) for name in ("width", "height")]
    if size[0] is None or size[1] is None:
        return None
    tiers = max(1, math.ceil(size[0] * size[1] / MEGAPIXEL))
    price = Decimal(tier.price)
    extra = price if tier.extra is None else Decimal(tier.extra)
    per_input = Decimal(tier.per_input or "0")
    return price + extra * (tiers - 1) + per_input * images * tiers


def _output_count(values: Mapping[str, object]) -> tuple[bool, int | None]:
    """Whether an input sets how many outputs the run makes, and its value when known."""
    for name in OUTPUT_COUNTS:
        if name in values:
            return True, _whole(values[name])
    return False, None


def _whole(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


def _exact(amount: Decimal, method: str) -> Estimate:
    return Estimate(amount, amount, True, method)


def _approximately(prices: Prices) -> Estimate | None:
    """Wiro's own estimate of a `cps` run; billed by the second it really takes."""
    if prices.approximate is None:
        return None
    amount = Decimal(prices.approximate)
    return Estimate(amount, amount, False, "cps")


def _method_summary(method: str, tiers: list[PriceTier]) -> str:
    amounts = sorted(Decimal(tier.price) for tier in tiers)
    text = usd(amounts[0])
    if amounts[-1] != amounts[0]:
        text += f" to {usd(amounts[-1])}"
    text += f" {UNITS.get(method, f'({method})')}"
    varying = [
        name for name in _names(tiers) if len({t.inputs.get(name) for t in tiers}) > 1
    ]
    if varying:
        text += ", by " + (
            " and ".join(varying) if len(varying) < 3 else ", ".join(varying)
        )
    return text


def _names(tiers: list[PriceTier]) -> list[str]:
    names: dict[str, None] = {}
    for tier in tiers:
        names.update(dict.fromkeys(tier.inputs))
    return list(names)

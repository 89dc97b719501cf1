"""A tool module's prices: the `prices=` field of its ToolInfo and the sentence run() states.

Tier input names and values come from Wiro's catalogue: they reach the code only as
literals (`py_literal`) and the docstring only through `doc_fragment`.
"""

from __future__ import annotations

from ..runtime._prices import Prices, PriceTier
from .escape import PageText, doc_fragment, py_literal
from .layout import bracket

FIELD_INDENT = 4
"""The column `prices=` starts at, inside `TOOL = _runtime.ToolInfo(`."""


def prices_field(prices: Prices) -> str:
    """`prices=_runtime.Prices(...)` laid out as black lays it out at FIELD_INDENT."""
    arguments = []
    if prices.tiers:
        indent = FIELD_INDENT + 4
        tiers = [_tier(tier, indent + 4) for tier in prices.tiers]
        arguments.append(bracket(indent, "tiers=(", tiers, ")", tuple_=True))
    if prices.cps is not None:
        arguments.append(f"cps={py_literal(prices.cps)}")
    if prices.approximate is not None:
        arguments.append(f"approximate={py_literal(prices.approximate)}")
    # Measured with the comma the template puts after each field, as black counts it.
    field = bracket(FIELD_INDENT, "prices=_runtime.Prices(", arguments, ")", ",")
    return field.removesuffix(",")


def price_sentence(prices: Prices | None) -> str | None:
    """`Price (Wiro's catalogue): $0.03 a run; ...`, docstring-safe; None without prices."""
    summary = prices.summary() if prices is not None else None
    if summary is None:
        return None
    text = doc_fragment(PageText(summary))
    return f"Price (Wiro's catalogue): {text}; `estimate()` prices these arguments."


def _tier(tier: PriceTier, indent: int) -> str:
    inputs = [
        f"{py_literal(PageText(k))}: {py_literal(PageText(v))}" for k, v in tier.inputs.items()
    ]
    arguments = [py_literal(tier.method), py_literal(tier.price)]
    if inputs or tier.extra is not None or tier.per_input is not None:
        arguments.append(bracket(indent + 4, "{", inputs, "}"))
    if tier.extra is not None:
        arguments.append(f"extra={py_literal(tier.extra)}")
    if tier.per_input is not None:
        arguments.append(f"per_input={py_literal(tier.per_input)}")
    return bracket(indent, "_runtime.PriceTier(", arguments, ")")

"""What the mock server bills a task: by the tool's prices, with the runtime's own rules.

The prices come from the price file beside the pages (as `wirogen sync` keeps it); the
rules are `runtime._prices`, the ones `Tool.estimate` applies, so a client's estimate of
a run is what this server bills for it. Inputs a Run leaves out are priced at the page's
default, as Wiro applies its own. Only succeeded tasks are billed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from ..ir import JsonValue, ToolSpec
from ..prices import Entry, prices_of_entry
from ..runtime._prices import Estimate, estimate
from .journal import ReceivedRequest

COST_PER_SECOND: Final = Decimal("0.000585")
"""The rate of tools without prices (Wiro's common `cps`)."""


@dataclass(frozen=True)
class RunPrice:
    """A task's price, fixed when its Run is received."""

    estimate: Estimate | None
    cps: Decimal = COST_PER_SECOND


NO_PRICE: Final = RunPrice(None)
"""The price of a tool without prices: its run time at COST_PER_SECOND."""


def price_run(spec: ToolSpec, entry: Entry | None, received: ReceivedRequest) -> RunPrice:
    """The price of the Run `received` for `spec`, by the tool's prices when it has any."""
    if entry is None:
        return NO_PRICE
    prices = prices_of_entry(entry)
    values, files = _sent(spec, received)
    cps = Decimal(prices.cps) if prices.cps is not None else COST_PER_SECOND
    return RunPrice(estimate(prices, values, files), cps)


def total_cost(price: RunPrice, elapsed: float, succeeded: bool) -> str:
    """Task/Detail's `totalcost`: the exact price, else the run's seconds at `cps`."""
    if not succeeded:
        return "0"
    if price.estimate is not None and price.estimate.exact:
        return f"{price.estimate.low:f}"
    return f"{price.cps * Decimal(repr(elapsed)):f}"


def _sent(spec: ToolSpec, received: ReceivedRequest) -> tuple[dict[str, object], dict[str, int]]:
    """Each input's value as received (the page's default when left out), and how many
    files (URLs and uploads) each file input got."""
    values: dict[str, object] = {}
    files: dict[str, int] = {}
    fields = received.fields
    for item, kind in zip(spec.inputs, spec.input_kinds, strict=True):
        if kind.takes_files:
            files[item.name] = _file_count(item.name, kind.runtime_kind, received)
            continue
        sent = fields.get(item.name)
        values[item.name] = item.typed_default if sent is None else sent
    return values, files


def _file_count(name: str, runtime_kind: str, received: ReceivedRequest) -> int:
    part = name.removesuffix("Url") if runtime_kind == "urlfile" else name
    uploads = sum(upload.field == part for upload in received.files)
    url_field = name if runtime_kind in ("urlfile", "combinefile") else f"{name}Url"
    return uploads + len(_urls(received.fields.get(url_field)))


def _urls(value: JsonValue) -> list[str]:
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str) and item]
    return [url for url in value.split(",") if url.strip()] if isinstance(value, str) else []

"""What a task costs: the one place the mock server bills.

Task/Detail's `totalcost` and the account's balance both come from `task_cost`. A tool's
price is fixed when its Run is received (`price_run`), from the price file beside the
pages (as `wirogen sync` keeps it) and by the runtime's own rules (`runtime._prices`, the
ones `Tool.estimate` applies), so a client's estimate of a run is what this server bills.
Inputs a Run leaves out are priced at the page's default, as Wiro applies its own. A
tool without an exact price is billed its run time at `cps`. Only succeeded tasks cost.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from ..ir import JsonValue, ToolSpec
from ..prices import Entry, prices_of_entry
from ..runtime._prices import Estimate, estimate
from .journal import ReceivedRequest

if TYPE_CHECKING:
    from .lifecycle import Task

COST_PER_SECOND: Final = Decimal("0.000585")
"""Wiro's common `cps`: USD per second of run time of a tool without prices."""


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


def task_cost(task: Task, now: int) -> Decimal:
    """USD billed for `task` as of tick `now`: its exact price, else its seconds from
    task_start to its end at `cps`, once it has succeeded; failed, cancelled and running
    tasks cost nothing (Wiro bills only a run that succeeded)."""
    from .lifecycle import SUCCEEDED  # here: lifecycle imports this module (RunPrice)

    timeline = task.timeline(now)
    status, ended = timeline[-1]
    if status != SUCCEEDED or not task.script.succeeds:
        return Decimal(0)
    price = task.price
    if price.estimate is not None and price.estimate.exact:
        return price.estimate.low
    started = dict(timeline).get("task_start", ended)
    return price.cps * (ended - started)


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

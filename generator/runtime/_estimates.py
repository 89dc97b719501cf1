"""`Tool.estimate(**inputs)`: the price of a run, from run()'s own arguments and defaults.

The tool base classes give every generated class one, made from its `run` (the async
class's `run` has the sync class's signature). Offline: no client, no request.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import Any

from ._prices import Estimate, estimate
from ._spec import ToolInfo


class Estimator:
    """A tool class's `estimate`, callable on the class and on its instances alike; it
    takes run()'s keyword arguments (a wrong one raises TypeError, as run() would)."""

    def __init__(self, run: Callable[..., object]) -> None:
        self._run = run
        self._signature: inspect.Signature | None = None

    def __get__(self, tool: object, owner: type[Any]) -> Callable[..., Estimate | None]:
        info: ToolInfo = owner.info
        if self._signature is None:  # on first use: importing a module stays cheap
            self._signature = inspect.signature(self._run)
        signature = self._signature

        def estimate_run(*args: Any, **kwargs: Any) -> Estimate | None:
            """What a run with these arguments will cost (run()'s defaults for the rest);
            None when Wiro's prices cannot tell before the run."""
            bound = signature.bind(None, *args, **kwargs)
            bound.apply_defaults()
            return estimate_inputs(info, bound.arguments)

        estimate_run.__qualname__ = f"{owner.__qualname__}.estimate"
        return estimate_run


def estimate_inputs(info: ToolInfo, arguments: Mapping[str, Any]) -> Estimate | None:
    """The price of sending `arguments` (run()'s, by argument name) to the tool."""
    if info.prices is None:
        return None
    # Here, not at the top: a tool module loads this module, and must load fast.
    from ._encoding import FILE_KINDS, _file_items

    values = {spec.name: arguments.get(spec.argument) for spec in info.inputs}
    files = {
        spec.name: (
            0 if values[spec.name] is None else len(_file_items(values[spec.name]))
        )
        for spec in info.inputs
        if spec.kind in FILE_KINDS
    }
    return estimate(info.prices, values, files)

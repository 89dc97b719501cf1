"""`Tool.estimate(**inputs)`: the price of a run, from run()'s own arguments and defaults.

A generated class binds it once (`estimate = estimator(run)`): mypy takes the keyword
arguments from `run`, and the async class shares the sync class's. Offline: no client.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec

if TYPE_CHECKING:  # imported on first use: a tool module binds `estimator` on import
    from ._prices import Estimate
    from ._spec import ToolInfo

P = ParamSpec("P")


class Estimator(Generic[P]):
    """A tool class's `estimate`, callable on the class and on its instances alike."""

    def __init__(self, run: Callable[..., object]) -> None:
        self._run = run
        self._signature: inspect.Signature | None = None

    def __get__(self, tool: object, owner: type[Any]) -> Callable[P, Estimate | None]:
        info: ToolInfo = owner.info
        if self._signature is None:  # on first use: importing a module stays cheap
            self._signature = inspect.signature(self._run)
        signature = self._signature

        def estimate_run(*args: P.args, **kwargs: P.kwargs) -> Estimate | None:
            """What a run with these arguments will cost (run()'s defaults for the rest);
            None when Wiro's prices cannot tell before the run."""
            bound = signature.bind(None, *args, **kwargs)
            bound.apply_defaults()
            return estimate_inputs(info, bound.arguments)

        estimate_run.__qualname__ = f"{owner.__qualname__}.estimate"
        return estimate_run


def estimator(run: Callable[Concatenate[Any, P], object]) -> Estimator[P]:
    """A tool class's `estimate`, taking the arguments of its `run`."""
    return Estimator(run)


def estimate_inputs(info: ToolInfo, arguments: Mapping[str, Any]) -> Estimate | None:
    """The price of sending `arguments` (run()'s, by argument name) to the tool."""
    from ._encoding import _file_items
    from ._prices import estimate
    from ._spec import FILE_KINDS

    if info.prices is None:
        return None
    values = {spec.name: arguments.get(spec.argument) for spec in info.inputs}
    files = {
        spec.name: (
            0 if values[spec.name] is None else len(_file_items(values[spec.name]))
        )
        for spec in info.inputs
        if spec.kind in FILE_KINDS
    }
    return estimate(info.prices, values, files)

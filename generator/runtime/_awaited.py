"""The asynchronous tool classes' `run` and `run_and_wait`, made from the synchronous ones.

A generated module writes a tool's signatures and docstrings once, on its sync class;
its async class takes them over (`run = awaited_run(Tool.run)`): mypy sees the same
keyword arguments, and `help()` the same signature and docstring. Only asyncio code:
this module is not rewritten into a sync twin.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Coroutine, Mapping
from types import MethodType
from typing import (
    TYPE_CHECKING,
    Any,
    Concatenate,
    Generic,
    ParamSpec,
    TypeVar,
    overload,
)

from ._async_tools import AsyncTool

if TYPE_CHECKING:  # the clients load httpx; a tool module's import must not
    from ._async_client import AsyncTask
    from ._snapshot import TaskSnapshot
    from ._sync_client import Task

P = ParamSpec("P")
R = TypeVar("R")


class AwaitedMethod(Generic[P, R]):
    """A method of an async tool class: a coroutine function taking the arguments `P`.

    A descriptor rather than a bare function so that mypy takes `P` from the sync method
    (a plain callable would be typed as the base class's `run` is, `Callable[..., ...]`).
    """

    def __init__(self, function: Callable[..., Coroutine[Any, Any, R]]) -> None:
        self._function = function

    def __set_name__(self, owner: type[AsyncTool], name: str) -> None:
        self._function.__qualname__ = f"{owner.__qualname__}.{name}"

    @overload
    def __get__(
        self, tool: None, owner: type[AsyncTool]
    ) -> Callable[Concatenate[AsyncTool, P], Coroutine[Any, Any, R]]: ...

    @overload
    def __get__(
        self, tool: AsyncTool, owner: type[AsyncTool]
    ) -> Callable[P, Coroutine[Any, Any, R]]: ...

    def __get__(
        self, tool: AsyncTool | None, owner: type[AsyncTool]
    ) -> Callable[..., Coroutine[Any, Any, R]]:
        return self._function if tool is None else MethodType(self._function, tool)


def awaited_run(
    run: Callable[Concatenate[Any, P], Task],
) -> AwaitedMethod[P, AsyncTask]:
    """An async tool's `run`: the arguments and defaults of the sync class's `run`."""
    return AwaitedMethod(_awaited(run, AsyncTool._run, "_runtime.AsyncTask"))


def awaited_run_and_wait(
    run_and_wait: Callable[Concatenate[Any, P], TaskSnapshot],
) -> AwaitedMethod[P, TaskSnapshot]:
    """An async tool's `run_and_wait`: the arguments of the sync class's `run_and_wait`;
    `on_status` may be a coroutine function, whose coroutines are awaited."""
    return AwaitedMethod(_awaited(run_and_wait, AsyncTool._run_and_wait, None))


def _awaited(
    method: Callable[..., Any],
    body: Callable[[Any, Mapping[str, Any]], Coroutine[Any, Any, R]],
    returns: str | None,
) -> Callable[..., Coroutine[Any, Any, R]]:
    """A coroutine function that binds its call as `method` does (defaults applied, so
    what is sent is what the sync method sends) and awaits `body` with the arguments."""
    signature = inspect.signature(method)

    @functools.wraps(
        method
    )  # name, module, annotations; __wrapped__ for get_type_hints
    async def awaited(self: AsyncTool, /, *args: Any, **kwargs: Any) -> R:
        bound = signature.bind(self, *args, **kwargs)
        bound.apply_defaults()
        return await body(self, bound.arguments)

    if returns is not None:
        awaited.__annotations__ = {**method.__annotations__, "return": returns}
    pointer = f"`{method.__qualname__}`, awaited."
    awaited.__doc__ = "\n\n".join(filter(None, [pointer, inspect.getdoc(method)]))
    shown = signature.replace(return_annotation=returns or signature.return_annotation)
    awaited.__signature__ = shown  # type: ignore[attr-defined]
    return awaited

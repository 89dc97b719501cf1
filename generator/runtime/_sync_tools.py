"""The base of the generated synchronous tool classes, apart from the client.

A tool module subclasses it when it is imported: kept free of httpx (the client is only
named in annotations), so a tool module loads without it, as `python -m <package> run
SLUG --help` does. Written once: _sync_tools.py is derived by `python -m generator.unasync`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from ._spec import ToolInfo

if TYPE_CHECKING:  # the client, snapshots and estimates: annotations only
    from . import _estimates, _snapshot
    from ._sync_client import Task, WiroClient


class Tool:
    """Base of the generated synchronous tool classes: a tool bound to a client."""

    info: ClassVar[ToolInfo]
    run: Callable[..., Task]
    run_and_wait: Callable[..., _snapshot.TaskSnapshot]
    estimate: ClassVar[_estimates.Estimator[...]]
    """What a run with these arguments will cost (an Estimate), or None: offline."""

    def __init__(self, client: WiroClient) -> None:
        self._client = client

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.info.slug!r})"

    def _start(
        self,
        values: Mapping[str, object],
        callback_url: str | None = None,
        allow_unlisted: bool = False,
        extra_body: Mapping[str, object] | None = None,
        project_id: str | None = None,
    ) -> Task:
        """Start the tool with `values` (wire name -> value; None: not sent).

        `extra_body` holds fields the page does not list, merged into the body as
        given; `project_id` is sent as Wiro's `projectid`.
        """
        return self._client._start_task(
            self.info, values, callback_url, allow_unlisted, extra_body, project_id
        )

    def _run(self, arguments: Mapping[str, Any]) -> Task:
        """run()'s body, given its `locals()`: each input under its argument name (sent by
        its wire name, as `info.inputs` lists them), and the standard options."""
        return self._start(
            {spec.name: arguments[spec.argument] for spec in self.info.inputs},
            arguments["callback_url"],
            arguments["allow_unlisted"],
            arguments["extra_body"],
            arguments["project_id"],
        )

    def _run_and_wait(self, arguments: Mapping[str, Any]) -> _snapshot.TaskSnapshot:
        """run_and_wait()'s body, given its `locals()`: run(**inputs), then wait for the
        final state, with `timeout` counted from the call (the Run request included)."""
        started = self._client._clock()
        task = self.run(**arguments["inputs"])
        return task._wait(
            arguments["timeout"],
            arguments["poll_interval"],
            arguments["on_status"],
            started,
        )

"""The MCP tools that are not Wiro tools: following tasks, and the compact set.

`wait_for_task` and `cancel_task` are always offered. Above `--max-tools` tools the
server offers `search_tools`, `describe_tool` and `run_tool` in place of one tool per
Wiro tool: MCP clients handle a few dozen tools well, not hundreds.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from mcp import types

from ._mcp_results import TASK_SCHEMA

WAIT_FOR_TASK: Final = "wait_for_task"
CANCEL_TASK: Final = "cancel_task"
SEARCH_TOOLS: Final = "search_tools"
DESCRIBE_TOOL: Final = "describe_tool"
RUN_TOOL: Final = "run_tool"
DEFAULT_SEARCH_LIMIT: Final = 20

_TASKID: Final = {"type": "string", "minLength": 1, "description": "The task's id."}
_TOOL: Final = {
    "type": "string",
    "minLength": 1,
    "description": "The tool's name (as search_tools gives it) or its owner/slug.",
}


def _object(properties: dict[str, Any], *required: str) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(required),
        "additionalProperties": False,
    }


def task_tools(wait: float) -> list[types.Tool]:
    """wait_for_task and cancel_task; `wait` is the server's default wait in seconds."""
    return [
        types.Tool(
            name=WAIT_FOR_TASK,
            description=(
                "Wait for a task another call started (its taskid) and return its outputs,"
                " or its status again when the wait is over."
            ),
            input_schema=_object(
                {
                    "taskid": _TASKID,
                    "wait_seconds": {
                        "type": "number",
                        "minimum": 0,
                        "default": wait,
                        "description": "How long to wait at most, in seconds.",
                    },
                },
                "taskid",
            ),
            output_schema=TASK_SCHEMA,
        ),
        types.Tool(
            name=CANCEL_TASK,
            description="Stop a task: kill it while it runs, cancel it while queued.",
            input_schema=_object({"taskid": _TASKID}, "taskid"),
            output_schema=TASK_SCHEMA,
        ),
    ]


def compact_tools(count: int) -> list[types.Tool]:
    """search_tools, describe_tool and run_tool, for a server of `count` tools."""
    found = {"type": "object", "properties": {"tools": {"type": "array"}}}
    return [
        types.Tool(
            name=SEARCH_TOOLS,
            description=(
                f"Search the {count} Wiro tools this server runs by words of their name,"
                " summary or category; then describe_tool and run_tool."
            ),
            input_schema=_object(
                {
                    "query": {"type": "string", "description": "Words to look for."},
                    "limit": {
                        "type": "integer",
                        "minimum": 1,
                        "default": DEFAULT_SEARCH_LIMIT,
                    },
                },
                "query",
            ),
            output_schema={**found, "required": ["tools"]},
        ),
        types.Tool(
            name=DESCRIBE_TOOL,
            description="A Wiro tool's description and the JSON Schema of its arguments.",
            input_schema=_object({"tool": _TOOL}, "tool"),
            output_schema={
                "type": "object",
                "properties": {"inputSchema": {"type": "object"}},
                "required": ["tool", "slug", "description", "inputSchema"],
            },
        ),
        types.Tool(
            name=RUN_TOOL,
            description=(
                "Run a Wiro tool with arguments following its describe_tool schema;"
                " returns its outputs as links, or a taskid for wait_for_task."
            ),
            input_schema=_object(
                {"tool": _TOOL, "arguments": {"type": "object", "default": {}}}, "tool"
            ),
            output_schema=TASK_SCHEMA,
        ),
    ]


class ArgumentError(ValueError):
    """A meta tool's argument refused; the message names it."""


def argument(
    arguments: Mapping[str, Any],
    name: str,
    kind: type | tuple[type, ...],
    default: Any = None,
) -> Any:
    """One argument of a meta tool, checked; raises ArgumentError naming it."""
    value = arguments.get(name, default)
    if value is None or isinstance(value, bool) or not isinstance(value, kind):
        raise ArgumentError(
            f"argument {name!r}: expected {_kind_name(kind)}, got {value!r}"
        )
    return value


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {str: "text", int: "an integer", float: "a number", dict: "an object"}
    return " or ".join(names.get(k, k.__name__) for k in kinds)

"""Renders the IR into Python source with Jinja2 templates."""

from .package import (
    SHARED_FILES,
    DuplicateToolError,
    PageRef,
    PlannedTool,
    RenderError,
    owners_of,
    plan_tools,
    render_owner_init,
    render_project_metadata,
    render_shared,
    render_tool_module,
)

__all__ = [
    "SHARED_FILES",
    "DuplicateToolError",
    "PageRef",
    "PlannedTool",
    "RenderError",
    "owners_of",
    "plan_tools",
    "render_owner_init",
    "render_project_metadata",
    "render_shared",
    "render_tool_module",
]

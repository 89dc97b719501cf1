"""Renders the IR into Python source with Jinja2 templates."""

from .package import (
    RUNTIME_DIR,
    SHARED_FILES,
    DuplicateToolError,
    PageRef,
    PlannedTool,
    RenderError,
    owners_of,
    plan_tools,
    render_owner_init,
    render_project_metadata,
    render_runtime_file,
    render_shared,
    render_tool_module,
    runtime_files,
)

__all__ = [
    "RUNTIME_DIR",
    "SHARED_FILES",
    "DuplicateToolError",
    "PageRef",
    "PlannedTool",
    "RenderError",
    "owners_of",
    "plan_tools",
    "render_owner_init",
    "render_project_metadata",
    "render_runtime_file",
    "render_shared",
    "render_tool_module",
    "runtime_files",
]

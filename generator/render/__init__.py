"""Renders the IR into Python source with Jinja2 templates."""

from .package import (
    DuplicateToolError,
    PlannedTool,
    RenderedPackage,
    RenderError,
    plan_tools,
    render_package,
    render_project_metadata,
)

__all__ = [
    "DuplicateToolError",
    "PlannedTool",
    "RenderError",
    "RenderedPackage",
    "plan_tools",
    "render_package",
    "render_project_metadata",
]

"""Renders the IR into Python source with Jinja2 templates."""

from .package import DuplicateToolError, PlannedTool, RenderedPackage, plan_tools, render_package

__all__ = ["DuplicateToolError", "PlannedTool", "RenderedPackage", "plan_tools", "render_package"]

"""Renders the IR into Python source with Jinja2 templates.

`planning` lays out the package (light: no-op runs use only it); `package` renders files.
"""

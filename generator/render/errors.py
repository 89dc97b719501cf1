"""The error of a rendering that failed (light: commands catch it without loading the renderer)."""


class RenderError(Exception):
    """A template failed: a bug in it, or page text output without `py` or `doc`."""

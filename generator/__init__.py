"""wirogen: typed Python clients generated from Wiro tool pages."""

__version__ = "0.1.0"

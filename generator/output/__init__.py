"""Formatting generated sources and writing them to disk."""

"""What the runtime derives from a tool's table (`ToolInfo`) when a module leaves it out."""

from __future__ import annotations

from generator import runtime


def test_the_run_path_is_the_slug_percent_encoded_by_part() -> None:
    info = runtime.ToolInfo(slug="Ostris/Skin Tone Slider v1.0/x?")
    assert info.run_path == "Run/Ostris/Skin%20Tone%20Slider%20v1.0%2Fx%3F"


def test_a_given_run_path_is_kept() -> None:
    assert runtime.ToolInfo(slug="a/b", run_path="Run/c/d").run_path == "Run/c/d"

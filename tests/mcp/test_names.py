"""MCP tool names derived from slugs: valid, unique, stable."""

from __future__ import annotations

from mcp.shared.tool_name_validation import validate_tool_name

from generator.runtime._mcp_names import MAX_NAME_LENGTH, tool_names

SLUGS = [
    "wiro/PixArt-Sigma",
    "ArsMachina/Ars-Niji-Style-v1",
    "owner.with.dots/Model+Plus v2",
    "x/" + "very-long-project-name-" * 5,
]


def test_a_name_is_the_slug_in_lower_case_with_a_double_underscore() -> None:
    assert tool_names(["wiro/PixArt-Sigma"]) == {"wiro/PixArt-Sigma": "wiro__pixart-sigma"}


def test_characters_clients_refuse_become_underscores() -> None:
    assert tool_names(["owner.with.dots/Model+Plus v2"])["owner.with.dots/Model+Plus v2"] == (
        "owner_with_dots__model_plus_v2"
    )


def test_every_name_passes_the_sdks_validation() -> None:
    for name in tool_names(SLUGS).values():
        assert validate_tool_name(name).is_valid, name
        assert len(name) <= MAX_NAME_LENGTH


def test_slugs_differing_only_in_case_get_distinct_names() -> None:
    names = tool_names(["arsmachina/x", "ArsMachina/x"])
    assert len(set(names.values())) == 2
    assert all(name.startswith("arsmachina__x_") for name in names.values())


def test_names_do_not_depend_on_the_order_of_the_slugs() -> None:
    slugs = [*SLUGS, "arsmachina/x", "ArsMachina/x"]
    assert tool_names(slugs) == tool_names(reversed(slugs))


def test_a_long_slug_is_cut_and_ends_in_its_hash() -> None:
    (name,) = tool_names([SLUGS[-1]]).values()
    assert len(name) == MAX_NAME_LENGTH
    assert name != tool_names([SLUGS[-1] + "x"])[SLUGS[-1] + "x"]

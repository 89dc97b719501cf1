"""`coerce()`: command-line text and JSON values made run() arguments, or refused by name."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from generator.runtime import InvalidInputError
from generator.runtime._coerce import coerce, coerce_inputs
from generator.runtime._describe import InputDescription, ToolDescription, describe


@pytest.fixture(scope="module")
def tool(all_kinds_module: ModuleType) -> ToolDescription:
    return describe(all_kinds_module.AllKinds)


def _input(tool: ToolDescription, name: str) -> InputDescription:
    found = tool.input(name)
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("argument", "raw", "value"),
    [
        ("steps", "12", 12),
        ("steps", 12, 12),
        ("steps", " -3 ", -3),
        ("steps", 4.0, 4),
        ("guidance", "2.5", 2.5),
        ("guidance", 2, 2.0),
        ("enhance", "true", True),
        ("enhance", "No", False),
        ("enhance", "0", False),
        ("enhance", False, False),
        ("prompt", "a cat", "a cat"),
        ("color", 7, "7"),
        ("aspect_ratio", "1:1", "1:1"),
        ("loras", ["61", "62"], ("61", "62")),
        ("loras", ("62",), ("62",)),
        ("loras", "62", ("62",)),
        ("negative_prompt", None, None),
    ],
)
def test_a_value_becomes_its_run_argument(
    tool: ToolDescription, argument: str, raw: object, value: object
) -> None:
    coerced = coerce(_input(tool, argument), raw)
    assert coerced == value and type(coerced) is type(value)


@pytest.mark.parametrize(
    ("argument", "raw", "reason"),
    [
        ("steps", "1.5", "expected a whole number, got '1.5'"),
        ("steps", True, "expected a whole number, got True"),
        ("steps", "", "expected a whole number"),
        ("guidance", "nan", "expected a finite number, got 'nan'"),
        ("guidance", "inf", "expected a finite number"),
        ("guidance", "fast", "expected a finite number, got 'fast'"),
        ("enhance", "maybe", "expected true or false, got 'maybe'"),
        ("enhance", 1, "expected true or false, got 1"),
        ("prompt", ["a"], "expected text, got a list"),
        ("aspect_ratio", "7:5", "'7:5' is not one of"),
        ("loras", ["61", "99"], "'99' is not one of"),
        ("loras", {"a": 1}, "expected a list, got dict"),
    ],
)
def test_a_bad_value_is_refused_naming_the_input(
    tool: ToolDescription, argument: str, raw: object, reason: str
) -> None:
    item = _input(tool, argument)
    with pytest.raises(InvalidInputError, match=r"^argument ") as raised:
        coerce(item, raw)
    assert raised.value.argument == argument
    assert raised.value.input_name == item.name
    assert reason in raised.value.reason


def test_an_unlisted_choice_passes_when_allowed(tool: ToolDescription) -> None:
    assert coerce(_input(tool, "aspect_ratio"), "7:5", allow_unlisted=True) == "7:5"


def test_a_file_url_stays_text(tool: ToolDescription) -> None:
    url = "https://cdn.example.com/a.png"
    assert coerce(_input(tool, "input_image"), url) == url


def test_a_relative_file_path_resolves_against_the_base(
    tool: ToolDescription, tmp_path: Path
) -> None:
    (tmp_path / "a.png").write_bytes(b"x")
    assert coerce(_input(tool, "input_image"), "a.png", base=tmp_path) == tmp_path / "a.png"


def test_a_missing_file_is_refused_before_any_request(
    tool: ToolDescription, tmp_path: Path
) -> None:
    with pytest.raises(InvalidInputError, match="no such file") as raised:
        coerce(_input(tool, "input_image"), "gone.png", base=tmp_path)
    assert raised.value.argument == "input_image"


def test_a_directory_is_no_file(tool: ToolDescription, tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="no such file"):
        coerce(_input(tool, "input_image"), str(tmp_path))


def test_a_multifile_input_takes_a_list_of_urls_and_paths(
    tool: ToolDescription, tmp_path: Path
) -> None:
    (tmp_path / "b.jpg").write_bytes(b"x")
    value = coerce(_input(tool, "references"), ["https://x.test/a.jpg", "b.jpg"], base=tmp_path)
    assert value == ["https://x.test/a.jpg", tmp_path / "b.jpg"]


def test_a_lone_value_for_a_multifile_input_is_a_list_of_one(tool: ToolDescription) -> None:
    assert coerce(_input(tool, "input_images"), "https://x.test/a.jpg") == ["https://x.test/a.jpg"]


def test_a_dash_reads_stdin_only_when_the_caller_allows(tool: ToolDescription) -> None:
    item = _input(tool, "input_image")
    assert coerce(item, "-", stdin=lambda: b"PNG") == ("stdin", b"PNG")
    with pytest.raises(InvalidInputError, match="no such file"):
        coerce(item, "-")


def test_a_non_text_file_value_is_refused(tool: ToolDescription) -> None:
    with pytest.raises(InvalidInputError, match="expected an http"):
        coerce(_input(tool, "input_image"), 3)


def test_inputs_are_taken_by_argument_or_wire_name(tool: ToolDescription) -> None:
    arguments = coerce_inputs(tool, {"negativePrompt": "blur", "steps": "5", "class_": "x"})
    assert arguments == {"negative_prompt": "blur", "steps": 5, "class_": "x"}


def test_an_unknown_input_is_refused_listing_the_known_ones(tool: ToolDescription) -> None:
    with pytest.raises(InvalidInputError, match="has no such input") as raised:
        coerce_inputs(tool, {"stepz": 3})
    assert raised.value.input_name == "stepz"
    assert "negative_prompt" in raised.value.reason


def test_an_input_given_by_both_names_is_refused(tool: ToolDescription) -> None:
    with pytest.raises(InvalidInputError, match="given twice"):
        coerce_inputs(tool, {"negative_prompt": "a", "negativePrompt": "b"})

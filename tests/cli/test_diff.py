"""`wirogen diff`: every kind of API change, classified alike in both page layouts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main

from ..support.pagetext import LAYOUTS, STATUS_TAIL, collapse, make_page


def field(
    name: str = "prompt",
    *,
    label: str = "Prompt",
    help: str = "What to draw.",
    type: str = "textarea",
    default: str = "a cat",
    options: tuple[tuple[str, str], ...] = (),
) -> str:
    """One input item of a page, with `options` as (value, label) pairs."""
    lines = [f"- name: {name}", f"  label: {label}", f"  help: {help}"]
    lines += [f"  type: {type}", f"  default: {default}"]
    if options:
        lines.append("  options:")
        for value, option_label in options:
            lines += [f'    - value: "{value}"', f"      label: {option_label}"]
    return "\n".join(lines) + "\n"


MODES = (("fast", "Fast"), ("slow", "Slow"))


def mode(*options: tuple[str, str]) -> str:
    """A select input `mode` with these options."""
    return field("mode", label="Mode", type="select", default="fast", options=options)


MODE = mode(*MODES)
BASE = field() + MODE
RUNNING_TAIL = STATUS_TAIL.replace("- task_start :", "- task_accept : Accepted.\n- task_start :")

# (kind, severity, input, what the old page says, what the new page says)
CASES = [
    ("input-removed", "breaking", "mode", {"inputs": BASE}, {"inputs": field()}),
    ("input-added", "non-breaking", "seed", {"inputs": BASE}, {"inputs": BASE + field("seed")}),
    (
        "type-changed",
        "breaking",
        "prompt",
        {"inputs": BASE},
        {"inputs": field(type="number") + MODE},
    ),
    (
        "option-removed",
        "breaking",
        "mode",
        {"inputs": BASE},
        {"inputs": field() + mode(MODES[0])},
    ),
    (
        "option-added",
        "non-breaking",
        "mode",
        {"inputs": BASE},
        {"inputs": field() + mode(*MODES, ("best", "Best"))},
    ),
    (
        "default-changed",
        "info",
        "prompt",
        {"inputs": BASE},
        {"inputs": field(default="a dog") + MODE},
    ),
    ("label-changed", "info", "prompt", {"inputs": BASE}, {"inputs": field(label="Text") + MODE}),
    ("help-changed", "info", "prompt", {"inputs": BASE}, {"inputs": field(help="Say it.") + MODE}),
    (
        "option-labels-changed",
        "info",
        "mode",
        {"inputs": BASE},
        {"inputs": field() + mode(MODES[0], ("slow", "Careful"))},
    ),
    (
        "description-changed",
        "info",
        None,
        {"inputs": BASE},
        {"inputs": BASE, "description": "New."},
    ),
    ("statuses-changed", "info", None, {"inputs": BASE}, {"inputs": BASE, "tail": RUNNING_TAIL}),
]


def page(layout: str, **parts: str) -> str:
    text = make_page(**parts)
    return collapse(text) if layout == "collapsed" else text


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def diff(*args: str | Path) -> Result:
    return CliRunner().invoke(main, ["diff", *map(str, args)])


def changes(old: Path, new: Path) -> list[dict[str, object]]:
    result = diff(old, new, "--format", "json")
    assert result.exit_code == 0, result.output
    found: list[dict[str, object]] = json.loads(result.stdout)
    return found


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize(
    ("kind", "severity", "input_name", "old_parts", "new_parts"),
    CASES,
    ids=[case[0] for case in CASES],
)
def test_each_change_kind_is_classified_in_both_layouts(
    tmp_path: Path,
    layout: str,
    kind: str,
    severity: str,
    input_name: str | None,
    old_parts: dict[str, str],
    new_parts: dict[str, str],
) -> None:
    old = write(tmp_path / "old", "wiro__demo.md", page(layout, **old_parts))
    new = write(tmp_path / "new", "wiro__demo.md", page(layout, **new_parts))
    [change] = changes(old, new)
    assert (change["tool"], change["kind"], change["severity"], change["input"]) == (
        "wiro/demo",
        kind,
        severity,
        input_name,
    )


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_removed_tool_is_breaking_and_an_added_one_is_not(tmp_path: Path, layout: str) -> None:
    other = "https://api.wiro.ai/v1/Run/wiro/other"
    old = write(tmp_path / "old", "wiro__demo.md", page(layout))
    new = write(tmp_path / "new", "wiro__other.md", page(layout, name="wiro/other", run=other))
    assert [(c["tool"], c["kind"], c["severity"]) for c in changes(old, new)] == [
        ("wiro/demo", "tool-removed", "breaking"),
        ("wiro/other", "tool-added", "non-breaking"),
    ]


def test_a_renamed_input_is_reported_as_removed_and_added(tmp_path: Path) -> None:
    old = write(tmp_path / "old", "wiro__demo.md", make_page(BASE))
    new = write(tmp_path / "new", "wiro__demo.md", make_page(field("text") + MODE))
    assert [(c["kind"], c["input"]) for c in changes(old, new)] == [
        ("input-removed", "prompt"),
        ("input-added", "text"),
    ]


def test_a_type_of_the_same_kind_is_only_info(tmp_path: Path) -> None:
    old = write(tmp_path / "old", "wiro__demo.md", make_page(BASE))
    new = write(tmp_path / "new", "wiro__demo.md", make_page(field(type="text") + MODE))
    assert [(c["kind"], c["severity"]) for c in changes(old, new)] == [("type-changed", "info")]


def test_the_same_page_in_the_other_layout_changes_nothing(tmp_path: Path) -> None:
    old = write(tmp_path / "old", "wiro__demo.md", make_page(BASE))
    new = write(tmp_path / "new", "wiro__demo.md", collapse(make_page(BASE)))
    result = diff(old, new)
    assert result.exit_code == 0
    assert result.stdout == "no API changes\n"


@pytest.fixture
def changed(tmp_path: Path) -> tuple[Path, Path]:
    """Two versions of one page: an option removed, an input added, a default changed."""
    fewer_modes = mode(MODES[0])
    old = write(tmp_path / "old", "wiro__demo.md", make_page(BASE))
    new_inputs = field(default="a dog") + fewer_modes + field("seed", type="text")
    new = write(tmp_path / "new", "wiro__demo.md", make_page(new_inputs))
    return old, new


def test_text_groups_by_tool_breaking_first_then_summarises(changed: tuple[Path, Path]) -> None:
    result = diff(*changed)
    assert result.stdout.splitlines() == [
        "wiro/demo",
        "  breaking      option 'slow' removed from 'mode'",
        "  non-breaking  input 'seed' added",
        "  info          default of 'prompt' changed from 'a cat' to 'a dog'",
        "1 tool changed: 1 breaking, 1 non-breaking, 1 info",
    ]


def test_json_lists_tool_severity_kind_input_and_message(changed: tuple[Path, Path]) -> None:
    result = diff(*changed, "--format", "json")
    assert json.loads(result.stdout)[0] == {
        "tool": "wiro/demo",
        "severity": "breaking",
        "kind": "option-removed",
        "input": "mode",
        "message": "option 'slow' removed from 'mode'",
    }


def test_markdown_is_a_table_per_tool_with_breaking_in_bold(changed: tuple[Path, Path]) -> None:
    result = diff(*changed, "--format", "markdown")
    assert "#### wiro/demo" in result.stdout
    assert "| **breaking** | option 'slow' removed from 'mode' |" in result.stdout


def test_markdown_escapes_page_text_that_would_break_the_table(tmp_path: Path) -> None:
    old = write(tmp_path / "old", "wiro__demo.md", make_page(BASE))
    labelled = field(label="a | <b>`x`</b>") + MODE
    new = write(tmp_path / "new", "wiro__demo.md", make_page(labelled))
    result = diff(old, new, "--format", "markdown")
    assert "'a \\| &lt;b&gt;\\`x\\`&lt;/b&gt;'" in result.stdout


@pytest.mark.parametrize("threshold", ["breaking", "non-breaking", "info"])
def test_fail_on_exits_1_when_a_change_is_that_severe(
    changed: tuple[Path, Path], threshold: str
) -> None:
    assert diff(*changed, "--fail-on", threshold).exit_code == 1


def test_fail_on_breaking_passes_when_changes_are_only_additions(tmp_path: Path) -> None:
    old = write(tmp_path / "old", "wiro__demo.md", make_page(BASE))
    new = write(tmp_path / "new", "wiro__demo.md", make_page(BASE + field("seed")))
    assert diff(old, new, "--fail-on", "breaking").exit_code == 0
    assert diff(old, new, "--fail-on", "non-breaking").exit_code == 1


def test_without_fail_on_changes_exit_0(changed: tuple[Path, Path]) -> None:
    assert diff(*changed).exit_code == 0


def test_a_page_that_does_not_parse_is_named_and_exits_1(tmp_path: Path) -> None:
    old = write(tmp_path / "old", "wiro__demo.md", make_page(BASE))
    new = write(tmp_path / "new", "wiro__demo.md", make_page(BASE)[:120])  # cut off
    result = diff(old, new)
    assert result.exit_code == 1
    assert "wiro__demo.md" in result.stderr
    assert "failed to parse" in result.stderr

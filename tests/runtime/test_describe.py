"""`describe()`: a generated tool as programs see it, read from its module alone."""

from __future__ import annotations

import os
import subprocess
import sys
from types import ModuleType

from generator.runtime._describe import describe, registry_entries

from ..paths import ROOT


def test_inputs_come_in_run_order_with_their_specs(all_kinds_module: ModuleType) -> None:
    description = describe(all_kinds_module.AllKinds)
    assert [item.spec for item in description.inputs] == list(all_kinds_module.TOOL.inputs)


def test_defaults_are_run_signature_defaults(all_kinds_module: ModuleType) -> None:
    description = describe(all_kinds_module.AllKinds)
    defaults = {item.argument: item.default for item in description.inputs}
    assert defaults["steps"] == 30
    assert defaults["loras"] == ("61",)
    assert defaults["class_"] == "portrait"
    assert defaults["negative_prompt"] is None


def test_the_async_class_describes_like_the_sync_one(all_kinds_module: ModuleType) -> None:
    assert describe(all_kinds_module.AsyncAllKinds) == describe(all_kinds_module.AllKinds)


def test_slug_summary_page_and_categories_come_from_the_module(
    all_kinds_module: ModuleType,
) -> None:
    description = describe(all_kinds_module.AllKinds)
    assert description.slug == "wirogen/all-kinds"
    assert description.class_name == "AllKinds"
    assert description.page_url == "https://wiro.ai/models/wirogen/all-kinds"
    assert description.categories == ("tool", "test")
    assert description.summary and "\n" not in description.summary
    assert description.summary.endswith(".")


def test_an_input_description_is_its_args_entry_unwrapped(all_kinds_module: ModuleType) -> None:
    description = describe(all_kinds_module.AllKinds)
    loras = description.input("loras")
    assert loras is not None
    lines = loras.description.splitlines()
    assert lines[1].startswith("- `")  # an option per line, its wrapped text joined
    assert all("  " not in line for line in lines)


def test_file_and_multiple_inputs_are_flagged(all_kinds_module: ModuleType) -> None:
    description = describe(all_kinds_module.AllKinds)
    files = {item.argument: item.is_multiple for item in description.inputs if item.is_file}
    assert files == {"input_image": False, "references": True, "input_images": True}
    multiple = {item.argument for item in description.inputs if item.is_multiple}
    assert multiple == {"loras", "references", "input_images"}


def test_an_input_is_found_by_argument_then_wire_name(all_kinds_module: ModuleType) -> None:
    description = describe(all_kinds_module.AllKinds)
    by_wire = description.input("negativePrompt")
    assert by_wire is not None and by_wire.argument == "negative_prompt"
    by_argument = description.input("class_")
    assert by_argument is not None and by_argument.name == "class"
    assert description.input("nothing") is None


def test_examples_are_the_modules_inspires(all_kinds_module: ModuleType) -> None:
    description = describe(all_kinds_module.AllKinds)
    assert description.examples == all_kinds_module.EXAMPLES


def test_registry_entries_import_no_tool_module() -> None:
    code = (
        "import sys, wiro_tools\n"
        "from wiro_tools._runtime._describe import registry_entries\n"
        "entries = list(registry_entries(wiro_tools))\n"
        "print(len(entries), sorted(m for m in sys.modules if m.count('.') == 2"
        " and m.startswith('wiro_tools.') and '_runtime' not in m))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "generated")}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.split(" ", 1) == ["8", "[]\n"]


def test_a_registry_entry_loads_its_class(wiro_tools: ModuleType) -> None:
    entry = next(e for e in registry_entries(wiro_tools) if e.slug == "wiro/cartoonify")
    assert entry.load() is wiro_tools.get_tool("wiro/cartoonify")

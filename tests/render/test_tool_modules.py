"""What a generated tool module says and sends: signatures, defaults and docstrings."""

from __future__ import annotations

import asyncio
import inspect
import pydoc
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from benchmarks.corpus import build_corpus
from generator.parser import parse_page, parse_text
from generator.render.package import render_tool_module
from generator.render.planning import plan_tools

from ..support.mockserver_fixture import KEY, SECRET
from ..support.paths import spec_pages


def parameters(module: ModuleType, name: str) -> dict[str, inspect.Parameter]:
    return dict(inspect.signature(getattr(module, name).run).parameters)


def spec_of(module: ModuleType, argument: str) -> Any:
    return next(spec for spec in module.TOOL.inputs if spec.argument == argument)


def test_range_inputs_are_floats(all_kinds_module: ModuleType) -> None:
    strength = parameters(all_kinds_module, "AllKinds")["strength"]
    assert (strength.annotation, strength.default) == ("float", 7.0)
    assert spec_of(all_kinds_module, "strength").kind == "float"


def test_numbers_are_ints_unless_the_default_has_a_fraction(all_kinds_module: ModuleType) -> None:
    found = parameters(all_kinds_module, "AllKinds")
    assert (found["steps"].annotation, found["guidance"].annotation) == ("int", "float")


def test_sample_file_names_are_not_defaults(all_kinds_module: ModuleType) -> None:
    found = parameters(all_kinds_module, "AllKinds")
    for argument in ("references", "input_images"):  # pages give `a.jpg,b.jpg`, `x.jpg`
        assert found[argument].default is None
        assert found[argument].annotation.endswith("| None")


def test_select_default_outside_options_is_left_to_wiro(all_kinds_module: ModuleType) -> None:
    tool = all_kinds_module.AllKinds
    assert parameters(all_kinds_module, "AllKinds")["selected_model"].default is None
    assert "The page's default, `1`, is not among the options" in " ".join(tool.run.__doc__.split())


def test_multiselect_default_among_options_is_sent(all_kinds_module: ModuleType) -> None:
    assert parameters(all_kinds_module, "AllKinds")["loras"].default == ("61",)


def test_old_url_twin_is_a_file_input(wiro_tools: ModuleType) -> None:
    from wiro_tools.wiro import cartoonify

    assert spec_of(cartoonify, "input_image_url").kind == "urlfile"
    found = parameters(cartoonify, "Cartoonify")["input_image_url"]
    assert found.annotation == "_runtime.FileInput | None"
    doc = " ".join(cartoonify.Cartoonify.run.__doc__.split())
    assert (
        "A URL is sent in `inputImageUrl`; a local file (a `Path`, bytes or a binary file"
        " object; a `str` is a URL) is uploaded as `inputImage`." in doc
    )


def test_run_takes_extra_body_and_project_id(all_kinds_module: ModuleType) -> None:
    for name in ("AllKinds", "AsyncAllKinds"):
        found = parameters(all_kinds_module, name)
        assert found["extra_body"].annotation == "Mapping[str, object] | None"
        assert found["project_id"].annotation == "str | None"
    assert {"extra_body", "project_id"} <= set(all_kinds_module.AllKindsArgs.__annotations__)


def test_option_trigger_words_and_settings_are_documented(wiro_tools: ModuleType) -> None:
    from wiro_tools.wiro import text_to_image_sd_lora as lora

    doc = " ".join(lora.TextToImageSdLora.run.__doc__.split())
    assert "Trigger words: `reef-fish`" in doc
    assert (
        "Setting `Fish-out-of-Water-v1.0` (float, 0.00 to 1, default 0.3): send it in"
        " `extra_body`." in doc
    )


def test_docstrings_leave_placeholders_out(wiro_tools: ModuleType) -> None:
    from wiro_tools.wiro import text_to_image_sd_lora as lora

    doc = lora.TextToImageSdLora.run.__doc__
    assert "prompt-help" not in doc and "select-model" not in doc
    assert "- `EulerDiscreteScheduler`: EulerDiscreteScheduler" not in doc


def test_none_sentence_only_where_an_input_defaults_to_none() -> None:
    for page in spec_pages():
        spec = parse_page(page)
        (tool,), _ = plan_tools([spec])
        module, _ = render_tool_module(spec, tool, "wiro_tools")
        has_none = any(
            line.split(" = ")[-1] == "None,"
            for line in module.split("    ) -> _runtime.Task:")[0]
            .split("        *,\n")[1]
            .splitlines()
            if not line.lstrip().startswith(("extra_body", "project_id", "callback_url"))
        )
        assert ("Inputs left at None are not sent" in module) == has_none, page.name


def test_class_example_passes_required_files(all_kinds_module: ModuleType) -> None:
    doc = all_kinds_module.AllKinds.__doc__
    for argument in ("input_image=", "references=", "input_images="):
        assert argument in doc


@pytest.mark.slow
def test_class_example_runs(
    wiro_tools: ModuleType,
    mock_wiro: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Cartoonify's example, its placeholder file made real, runs against the mock server."""
    from wiro_tools.wiro import cartoonify

    example = inspect.cleandoc(cartoonify.Cartoonify.__doc__.split("Example::")[1])
    client = f"WiroClient(api_key={KEY!r}, api_secret={SECRET!r}, base_url={mock_wiro.base_url!r})"
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n a small png")
    monkeypatch.chdir(tmp_path)
    exec(compile(example.replace("WiroClient()", client), "example", "exec"), {})
    assert "Output(name=" in capsys.readouterr().out


def test_async_run_shows_the_sync_signature_and_docstring(all_kinds_module: ModuleType) -> None:
    sync_run, async_run = all_kinds_module.AllKinds.run, all_kinds_module.AsyncAllKinds.run
    shown = pydoc.plain(pydoc.render_doc(async_run))
    assert inspect.signature(async_run).return_annotation == "_runtime.AsyncTask"
    assert async_run.__qualname__ == "AsyncAllKinds.run"
    assert "async run(self, *, prompt: 'str' = " in shown
    assert str(inspect.getdoc(sync_run)).replace("\n", "\n    ") in shown


def test_async_run_refuses_positional_inputs(all_kinds_module: ModuleType) -> None:
    """Called on the class with the tool first, as a function; inputs are keyword-only."""
    tool = all_kinds_module.AsyncAllKinds(None)
    with pytest.raises(TypeError, match="too many positional arguments"):
        asyncio.run(all_kinds_module.AsyncAllKinds.run(tool, "a prompt"))


def test_packed_aliases_share_one_fmt_off_region() -> None:
    modules = []
    for page in build_corpus(60):
        spec = parse_text(page.file_name, page.text)
        (tool,), _ = plan_tools([spec])
        modules.append(render_tool_module(spec, tool, "wiro_tools")[0])
    assert any(module.count(" = Literal[\n") > 1 for module in modules), "no module packs two"
    assert all(module.count("# fmt: off") <= 1 for module in modules)


def test_a_class_example_passes_local_files_as_paths(wiro_tools: ModuleType) -> None:
    from wiro_tools.wiro import cartoonify

    example = (cartoonify.Cartoonify.__doc__ or "").split("Example::", 1)[1]
    assert "from pathlib import Path" in example
    assert 'input_image_url=Path("image.png")' in example


def test_a_class_example_without_files_imports_no_path(wiro_tools: ModuleType) -> None:
    from wiro_tools.wiro import pixart_sigma

    assert "pathlib" not in (pixart_sigma.PixArtSigma.__doc__ or "")

"""Names derived from pages: modules, classes, arguments, and what happens when they collide."""

from __future__ import annotations

import keyword

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.render.names import argument_name, class_name, module_name, owner_package_name
from generator.render.planning import plan_tools

from ..support.pagetext import make_page, parse


@pytest.mark.parametrize(
    ("segment", "expected"),
    [
        ("PixArt-Sigma", "pixart_sigma"),
        ("Skin Tone Slider v1.0", "skin_tone_slider_v1_0"),
        ("image-to-video-klingai-v1++6", "image_to_video_klingai_v1_6"),
        ("3d-animation", "_3d_animation"),
        ("import", "import_"),
        ("__init__", "_init_"),
        ("日本", "_"),
    ],
)
def test_module_names(segment: str, expected: str) -> None:
    assert module_name(segment) == expected


def test_owner_packages_keep_clear_of_the_runtime() -> None:
    assert owner_package_name("_runtime") == "_runtime_"
    assert owner_package_name("Wiro") == "wiro"


@pytest.mark.parametrize(
    ("segment", "expected"),
    [
        ("PixArt-Sigma", "PixArtSigma"),
        ("text-to-image-sd-lora", "TextToImageSdLora"),
        ("3d-animation", "Tool3dAnimation"),
        ("none", "None_"),
    ],
)
def test_class_names(segment: str, expected: str) -> None:
    assert class_name(segment) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("negativePrompt", "negative_prompt"),
        ("inputImage2Url", "input_image2_url"),
        ("HTTPProxy", "http_proxy"),
        ("Watermark", "watermark"),
        ("class", "class_"),
        ("callback_url", "callback_url_"),
        ("projectId", "project_id_"),
        ("extraBody", "extra_body_"),
        ("locals", "locals_"),
        ("self", "self_"),
        ("2ndImage", "input_2nd_image"),
        ("__dunder__", "dunder"),
        ("with space.and dot", "with_space_and_dot"),
    ],
)
def test_argument_names(name: str, expected: str) -> None:
    assert argument_name(name) == expected


@given(st.text())
def test_every_name_is_a_usable_identifier(text: str) -> None:
    for name in (module_name(text), class_name(text), argument_name(text)):
        assert name.isidentifier() and not keyword.iskeyword(name)


def _spec(run: str) -> object:
    return parse(make_page(name=run, run=f"https://api.wiro.ai/v1/Run/{run}"))


def test_colliding_slugs_resolve_by_their_exact_text() -> None:
    specs = [_spec("wiro/foo_bar"), _spec("wiro/Foo-Bar"), _spec("wiro/foo-bar")]
    planned, notes = plan_tools(specs)  # type: ignore[arg-type]
    paths = {tool.page.slug: tool.path for tool in planned}
    # Code point order: "Foo-Bar" < "foo-bar" < "foo_bar".
    assert paths == {
        "wiro/Foo-Bar": "wiro/foo_bar.py",
        "wiro/foo-bar": "wiro/foo_bar_2.py",
        "wiro/foo_bar": "wiro/foo_bar_3.py",
    }
    assert len(notes) == 2 and "wiro/foo_bar_2.py" in notes[0]


def test_collision_resolution_ignores_page_order() -> None:
    specs = [_spec("wiro/foo-bar"), _spec("wiro/foo_bar"), _spec("acme/x-2"), _spec("acme/x.2")]
    forward, _ = plan_tools(specs)  # type: ignore[arg-type]
    backward, _ = plan_tools(list(reversed(specs)))  # type: ignore[arg-type]
    assert [t.path for t in forward] == [t.path for t in backward]


def test_suffixes_avoid_names_that_are_taken() -> None:
    specs = [_spec("acme/x"), _spec("acme/X"), _spec("acme/x-2")]
    planned, _ = plan_tools(specs)  # type: ignore[arg-type]
    assert sorted(tool.path for tool in planned) == ["acme/x.py", "acme/x_2.py", "acme/x_3.py"]


def test_two_pages_for_one_slug_are_refused() -> None:
    from generator.render.planning import DuplicateToolError

    with pytest.raises(DuplicateToolError, match="wiro/demo"):
        plan_tools([_spec("wiro/demo"), _spec("wiro/demo")])  # type: ignore[list-item]

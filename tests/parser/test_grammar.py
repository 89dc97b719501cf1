"""Each variant the page README lists, read the same way from both layouts."""

from __future__ import annotations

import pytest

from generator import kinds
from generator.kinds import Kind

from ..support.pagetext import LAYOUTS, make_page, parse, request_section, run_section

pytestmark = pytest.mark.parametrize("layout", LAYOUTS)


def codes(spec: object) -> list[str]:
    return [warning.code for warning in spec.warnings]  # type: ignore[attr-defined]


def test_tool_wording_reads_basic_info(layout: str) -> None:
    spec = parse(make_page(), layout)
    assert spec.name == "wiro/demo"
    assert spec.description == "A demo tool."
    assert spec.cover == "https://cdn.wiro.ai/c.png"
    assert spec.categories == ("tool", "text-to-image")
    assert spec.tags == ("style", "demo")
    assert spec.wording == "Tool"


def test_model_wording_reads_the_same_fields(layout: str) -> None:
    spec = parse(make_page(wording="Model"), layout)
    assert (spec.name, spec.description, spec.wording) == ("wiro/demo", "A demo tool.", "Model")
    assert spec.tags == ("style", "demo")
    assert [item.name for item in spec.inputs] == ["prompt"]


def test_tags_are_optional(layout: str) -> None:
    assert parse(make_page(tags=None), layout).tags == ()


def test_preamble_before_basic_info_is_kept(layout: str) -> None:
    spec = parse(make_page(preamble="Please analyze the following documentation.\n"), layout)
    assert spec.preamble == "Please analyze the following documentation."
    assert spec.name == "wiro/demo"


def test_slug_comes_from_run_url_not_name_line(layout: str) -> None:
    page = make_page(
        name="wiro/Virtual Try-On", run="https://api.wiro.ai/v1/Run/wiro/virtual-try-on"
    )
    spec = parse(page, layout)
    assert spec.slug == "wiro/virtual-try-on"
    assert spec.name == "wiro/Virtual Try-On"
    assert "name-differs-from-slug" in codes(spec)


def test_name_differing_only_in_case_is_reported(layout: str) -> None:
    spec = parse(
        make_page(name="ArsMachina/Demo", run="https://api.wiro.ai/v1/Run/arsmachina/demo"), layout
    )
    assert spec.slug == "arsmachina/demo"
    assert "name-differs-from-slug" in codes(spec)


@pytest.mark.parametrize(
    ("run", "slug"),
    [
        (
            "https://api.wiro.ai/v1/Run/klingai/image-to-video-klingai-v1.6",
            "klingai/image-to-video-klingai-v1.6",
        ),
        ("https://api.wiro.ai/v1/Run/klingai/video-v1++6", "klingai/video-v1++6"),
        ("https://api.wiro.ai/v1/Run/futurist/CartoonMix%20v1.0", "futurist/CartoonMix v1.0"),
    ],
)
def test_slugs_keep_dots_plus_and_decoded_spaces(layout: str, run: str, slug: str) -> None:
    assert parse(make_page(name=slug, run=run), layout).slug == slug


def test_slug_with_a_literal_space_in_the_run_url(layout: str) -> None:
    run = "https://api.wiro.ai/v1/Run/futurist/CartoonMix v1.0"
    spec = parse(make_page(name="futurist/CartoonMix v1.0", run=run), layout)
    assert spec.slug == "futurist/CartoonMix v1.0"
    assert spec.endpoints.run == run


@pytest.mark.parametrize(
    ("type_name", "default", "kind", "typed"),
    [
        ("text", "42", kinds.TEXT, "42"),
        ("textarea", "a cat, 16:9", kinds.TEXT, "a cat, 16:9"),
        ("number", "30", kinds.NUMBER, 30),
        ("number", "4.5", kinds.NUMBER, 4.5),
        ("float", "3", kinds.FLOAT, 3.0),
        ("range", "7", kinds.FLOAT, 7.0),
        ("checkbox", "true", kinds.BOOLEAN, True),
        ("boolean", "false", kinds.BOOLEAN, False),
        ("fileinput", "https://x.test/a.png", kinds.FILE, "https://x.test/a.png"),
        ("multifileinput", "a.jpg,b.jpg", kinds.MULTIFILE, ("a.jpg", "b.jpg")),
        ("combinefileinput", "input-man-3.jpg", kinds.COMBINEFILE, ("input-man-3.jpg",)),
    ],
)
def test_input_types_give_kind_and_typed_default(
    layout: str, type_name: str, default: str, kind: Kind, typed: object
) -> None:
    page = make_page(
        f"- name: x\n  label: X\n  help: h\n  type: {type_name}\n  default: {default}\n"
    )
    (item,) = parse(page, layout).inputs
    assert (item.type, item.kind, item.default, item.typed_default) == (
        type_name,
        kind,
        default,
        typed,
    )
    assert type(item.typed_default) is type(typed)


def test_select_multiselect_and_selectwithcover(layout: str) -> None:
    page = make_page("""
        - name: size
          label: Size
          help: Output size.
          type: select
          default: 16:9
          options:
            - value: "16:9"
              label: 16:9 (wide)

            - value: "1:1"
              label: 1:1
        - name: loras
          label: LoRAs
          help: Pick some.
          type: multiselect
          default: "62"
          options:
            - value: "62"
              label: Happy
        - name: effect
          label: Effect
          help:
          type: selectwithcover
          default: 3d_figure_smashing
        """)
    size, loras, effect = parse(page, layout).inputs
    assert [(o.value, o.label) for o in size.options] == [("16:9", "16:9 (wide)"), ("1:1", "1:1")]
    assert (size.kind, size.typed_default) == (kinds.SELECT, "16:9")
    assert (loras.kind, loras.default, loras.typed_default) == (
        kinds.MULTISELECT,
        "62",
        ("62",),
    )
    assert (effect.kind, effect.options, effect.typed_default) == (
        kinds.SELECT,
        (),
        "3d_figure_smashing",
    )


def test_unknown_type_is_kept_as_written_with_a_warning(layout: str) -> None:
    page = make_page(
        "- name: colour\n  label: Colour\n  help: h\n  type: colorpicker\n  default: #ff0000\n"
    )
    spec = parse(page, layout)
    (item,) = spec.inputs
    assert (item.type, item.kind, item.typed_default) == (
        "colorpicker",
        kinds.UNKNOWN,
        "#ff0000",
    )
    assert "unknown-type" in codes(spec)


def test_option_details_are_parsed(layout: str) -> None:
    page = make_page("""
        - name: lora
          label: LoRA
          help: h
          type: select
          default: "62"
          options:
            - value: "62"
              label: Ostris/Emotion Happy Slider v1.0
              description: Simple LoRA - adjusts happiness: try it.
              triggerwords: ["happy", "smile, grin"]
              generatesettings: [{"type":"number","id":"Emotion-Happy","value":"5","options":[]}]
            - value: ""
              label: none
        """)
    first, empty = parse(page, layout).inputs[0].options
    assert first.description == "Simple LoRA - adjusts happiness: try it."
    assert first.triggerwords == ["happy", "smile, grin"]
    assert first.generatesettings == [
        {"type": "number", "id": "Emotion-Happy", "value": "5", "options": []}
    ]
    assert (empty.value, empty.label, empty.description, empty.triggerwords) == (
        "",
        "none",
        None,
        None,
    )


def test_repeated_option_values_are_kept_with_a_warning(layout: str) -> None:
    page = make_page("""
        - name: scheduler
          label: scheduler
          help: h
          type: select
          default: Euler
          options:
            - value: "Euler"
              label: Euler
            - value: "DDIM"
              label: DDIM
            - value: "Euler"
              label: Euler
        """)
    spec = parse(page, layout)
    assert [o.value for o in spec.inputs[0].options] == ["Euler", "DDIM", "Euler"]
    assert "duplicate-option" in codes(spec)


def test_empty_option_list(layout: str) -> None:
    page = make_page(
        '- name: private\n  label: p\n  help: h\n  type: select\n  default: ""\n  options:\n'
    )
    (item,) = parse(page, layout).inputs
    assert (item.options, item.default, item.typed_default) == ((), "", None)


@pytest.mark.parametrize(
    ("written", "default"),
    [
        ("", ""),
        ('"1"', "1"),
        ('""', ""),
        ("16:9", "16:9"),
        ("a.jpg,b.jpg", "a.jpg,b.jpg"),
        (r"a woman\'s hands, \"quoted\"", r"a woman\'s hands, \"quoted\""),
        ("'jpeg' or 'png'", "'jpeg' or 'png'"),
    ],
)
def test_defaults_are_kept_as_documented(layout: str, written: str, default: str) -> None:
    page = make_page(f"- name: x\n  label: X\n  help: h\n  type: text\n  default: {written}\n")
    assert parse(page, layout).inputs[0].default == default


def test_false_on_a_number_field_is_not_sent(layout: str) -> None:
    spec = parse(
        make_page("- name: seed\n  label: Seed\n  help: h\n  type: number\n  default: false\n"),
        layout,
    )
    assert (spec.inputs[0].default, spec.inputs[0].typed_default) == ("false", None)
    assert "bad-default" in codes(spec)


def test_select_default_outside_its_options_is_reported(layout: str) -> None:
    page = make_page(
        '- name: m\n  label: M\n  help: h\n  type: select\n  default: "1"\n  options:\n'
        '    - value: "482"\n      label: Realistic\n'
    )
    spec = parse(page, layout)
    assert spec.inputs[0].typed_default == "1"
    assert "default-not-an-option" in codes(spec)


def test_free_text_with_keywords_and_punctuation_survives(layout: str) -> None:
    help_text = (
        "Camera moves - e.g. [Pan left] type: select # not a heading label: “curly” é ü 你好"
    )
    default = "[Push in]Close up - tense woman: startled # sound - 16:9"
    page = make_page(
        f"- name: prompt\n  label: Prompt: main\n  help: {help_text}\n  type: textarea\n  default: {default}\n"
    )
    (item,) = parse(page, layout).inputs
    assert (item.label, item.help, item.type, item.default) == (
        "Prompt: main",
        help_text,
        "textarea",
        default,
    )


def test_mojibake_is_reported(layout: str) -> None:
    spec = parse(make_page(description="Perfect for rÃ©sumÃ©s and LinkedIn."), layout)
    assert spec.description == "Perfect for rÃ©sumÃ©s and LinkedIn."
    assert "mojibake" in codes(spec)


def test_real_non_ascii_is_not_mojibake(layout: str) -> None:
    spec = parse(make_page(description="PixArt-Σ — café, “quotes”, MiniMax’s 2560×1440"), layout)
    assert "mojibake" not in codes(spec)


def test_inspires_start_a_new_example_at_a_repeated_key(layout: str) -> None:
    inputs = """
    - name: prompt
      label: prompt
      help: h
      type: textarea
      default: a cat
    - name: steps
      label: steps
      help: h
      type: number
      default: 12
    - name: inputImageUrl
      label: image
      help: h
      type: text
      default:
    """
    middle = """
    ## Tool Parameter Inspires:

      - steps: 12
      - prompt: Frozen tundra, northern lights - wide: shot
      - steps: 30
      - prompt: cyberpunk alien
      - inputImage: https://cdn.wiro.ai/x.jpg
      - prompt: third
    """
    spec = parse(make_page(inputs, middle=middle), layout)
    assert spec.examples == (
        {"steps": "12", "prompt": "Frozen tundra, northern lights - wide: shot"},
        {"steps": "30", "prompt": "cyberpunk alien", "inputImage": "https://cdn.wiro.ai/x.jpg"},
        {"prompt": "third"},
    )


def test_run_example_is_parsed_and_compared_with_inputs(layout: str) -> None:
    body = '{\n  "prompt": "a cat",\n  "extra": 1,\n  "callbackUrl": "You can provide a callback URL"\n}'
    inputs = "- name: prompt\n  label: p\n  help: h\n  type: textarea\n  default: a cat\n"
    inputs += "- name: steps\n  label: s\n  help: h\n  type: number\n  default: 4\n"
    spec = parse(make_page(inputs, middle=run_section(body)), layout)
    assert spec.run_example == {
        "prompt": "a cat",
        "extra": 1,
        "callbackUrl": "You can provide a callback URL",
    }
    assert {"input-missing-from-example", "example-key-not-an-input"} <= set(codes(spec))


def test_invalid_run_example_json_is_a_warning(layout: str) -> None:
    spec = parse(
        make_page(middle=run_section('{ "prompt": "Add the dog as if it\'s lying", }')), layout
    )
    assert spec.run_example is None
    assert "invalid-json" in codes(spec)


def test_run_body_holding_quotes_is_read_whole(layout: str) -> None:
    spec = parse(make_page(middle=run_section('{ "prompt": "it\'s a \\"cat\\"" }')), layout)
    assert spec.run_example == {"prompt": 'it\'s a "cat"'}


@pytest.mark.parametrize(
    ("bodies", "identifiers"),
    [
        (['{ "taskid": "2221" }'], ("taskid",)),
        (['{ "tasktoken": "eDcC" }'], ("tasktoken",)),
        (['{ "taskid": "2221" }', '{ "tasktoken": "eDcC" }'], ("taskid", "tasktoken")),
    ],
)
def test_task_detail_identifiers(
    layout: str, bodies: list[str], identifiers: tuple[str, ...]
) -> None:
    url = "https://api.wiro.ai/v1/Task/Detail"
    middle = "".join(
        request_section("Get Task Detail - Make HTTP Post Request", url, b) for b in bodies
    )
    spec = parse(make_page(middle=middle), layout)
    assert spec.identifiers.detail == identifiers
    assert "invalid-json" not in codes(spec)


def test_invalid_task_detail_json_still_yields_identifiers(layout: str) -> None:
    url = "https://api.wiro.ai/v1/Task/Detail"
    middle = request_section(
        "Get Task Detail - Make HTTP Post Request", url, "{ \"tasktoken\": 'eDcC', }"
    )
    spec = parse(make_page(middle=middle), layout)
    assert spec.identifiers.detail == ("tasktoken",)
    assert "invalid-json" in codes(spec)


def test_kill_and_cancel_sections_give_urls_and_identifiers(layout: str) -> None:
    middle = request_section(
        "Kill Task - Make HTTP Post Request with Task ID",
        "https://api.wiro.ai/v1/Task/Kill",
        '{"taskid": "5"}',
    )
    middle += request_section(
        "Kill Task - Make HTTP Post Request with Socket Access Token",
        "https://api.wiro.ai/v1/Task/Kill",
        '{"socketaccesstoken": "Zp"}',
    )
    middle += request_section(
        "Cancel Task - Make HTTP Post Request (For tasks on queue)",
        "https://api.wiro.ai/v1/Task/Cancel",
        '{"taskid": "6"}',
    )
    spec = parse(make_page(middle=middle), layout)
    assert (spec.endpoints.kill, spec.identifiers.kill) == (
        "https://api.wiro.ai/v1/Task/Kill",
        ("taskid", "socketaccesstoken"),
    )
    assert (spec.endpoints.cancel, spec.identifiers.cancel) == (
        "https://api.wiro.ai/v1/Task/Cancel",
        ("taskid",),
    )


def test_pages_without_kill_or_cancel_have_none(layout: str) -> None:
    spec = parse(make_page(), layout)
    assert (spec.endpoints.kill, spec.endpoints.cancel) == (None, None)


def test_status_sets_come_from_the_page(layout: str) -> None:
    spec = parse(make_page(), layout)
    assert spec.statuses.completed == ("task_postprocess_end", "task_cancel")
    assert spec.statuses.running == ("task_queue", "task_start")


def test_response_examples_are_parsed(layout: str) -> None:
    middle = '## Run Command - Response\n```json\n{\n  "errors": [],\n  "taskid": "2221",\n  "result": true\n}\n```\n'
    spec = parse(make_page(middle=middle), layout)
    (response,) = spec.responses
    assert (response.endpoint, response.body) == (
        "run",
        {"errors": [], "taskid": "2221", "result": True},
    )


def test_unknown_sections_are_ignored_with_a_warning(layout: str) -> None:
    spec = parse(make_page(middle="## Pricing\nEach run costs $0.01.\n"), layout)
    assert "unknown-section" in codes(spec)
    assert spec.statuses.completed == ("task_postprocess_end", "task_cancel")

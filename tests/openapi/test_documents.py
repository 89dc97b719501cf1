"""`wirogen openapi`: one valid, deterministic OpenAPI 3.1 document describing the Wiro API."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from openapi_spec_validator import validate

from generator.cli.openapi import openapi
from generator.ir import ToolSpec
from generator.openapi import build_document, dump_json, dump_yaml, operation_ids, write_document
from generator.parser import parse_page
from generator.project import Project, find_pages
from generator.render.planning import DuplicateToolError

from ..support.genpkg import ALL_KINDS_PAGE
from ..support.pagetext import make_page, parse
from ..support.paths import ROOT, SPECS, wiro_page_params

PIXART = SPECS / "wiro__PixArt-Sigma.md"
ALL_KINDS_RUN = "/Run/wirogen/all-kinds"
COMMAND = (sys.executable, "-c", "from generator.cli.openapi import openapi; openapi()")


def specs_of(*sources: Path) -> list[ToolSpec]:
    result = Project().parse(find_pages(sources))
    assert not result.failures, [str(error) for error in result.failures]
    return result.specs


def document_of(specs: list[ToolSpec]) -> dict[str, Any]:
    return build_document(specs)


def invoke(*args: str) -> Result:
    return CliRunner().invoke(openapi, list(args))


@pytest.fixture(scope="module")
def all_kinds() -> dict[str, Any]:
    """The document of the page with one input of every kind."""
    return document_of([parse_page(ALL_KINDS_PAGE)])


def schema(document: dict[str, Any], name: str) -> dict[str, Any]:
    found: dict[str, Any] = document["components"]["schemas"][name]
    return found


def run_property(document: dict[str, Any], key: str, body: str = "Request") -> dict[str, Any]:
    found: dict[str, Any] = schema(document, f"Run_wirogen_all_kinds_{body}")["properties"][key]
    return found


# --- The document is valid OpenAPI ---------------------------------------------------


def test_document_of_the_spec_pages_is_valid_openapi() -> None:
    validate(document_of(specs_of(SPECS, ALL_KINDS_PAGE)))


@pytest.mark.parametrize("page", wiro_page_params("assembled"))
def test_document_of_each_wiro_page_is_valid_openapi(page: Path) -> None:
    validate(document_of([parse_page(page)]))


def test_document_declares_openapi_3_1_and_the_wiro_server(all_kinds: dict[str, Any]) -> None:
    assert all_kinds["openapi"] == "3.1.0"
    assert all_kinds["servers"] == [{"url": "https://api.wiro.ai/v1"}]


# --- One input of every kind ---------------------------------------------------------


def test_text_and_textarea_are_strings_with_their_default(all_kinds: dict[str, Any]) -> None:
    prompt, text = run_property(all_kinds, "prompt"), run_property(all_kinds, "class")
    assert (prompt["type"], prompt["default"]) == ("string", "a cat")
    assert (text["type"], text["default"]) == ("string", "portrait")


def test_description_joins_label_and_help(all_kinds: dict[str, Any]) -> None:
    assert run_property(all_kinds, "prompt")["description"] == "Prompt — What to draw."


def test_an_input_without_default_has_none(all_kinds: dict[str, Any]) -> None:
    assert "default" not in run_property(all_kinds, "negativePrompt")
    assert "default" not in run_property(all_kinds, "seed")


def test_number_is_an_integer(all_kinds: dict[str, Any]) -> None:
    steps = run_property(all_kinds, "steps")
    assert (steps["type"], steps["default"]) == ("integer", 30)


def test_number_whose_default_is_not_whole_is_a_number(all_kinds: dict[str, Any]) -> None:
    guidance = run_property(all_kinds, "guidance")
    assert (guidance["type"], guidance["default"]) == ("number", 4.5)


def test_float_is_a_number(all_kinds: dict[str, Any]) -> None:
    scale = run_property(all_kinds, "scale")
    assert (scale["type"], scale["default"]) == ("number", 3.0)


def test_range_is_a_number(all_kinds: dict[str, Any]) -> None:
    strength = run_property(all_kinds, "strength")
    assert (strength["type"], strength["default"]) == ("number", 7.0)


def test_checkbox_is_a_boolean(all_kinds: dict[str, Any]) -> None:
    enhance = run_property(all_kinds, "enhance")
    assert (enhance["type"], enhance["default"]) == ("boolean", True)


def test_select_is_a_string_enum_of_its_options(all_kinds: dict[str, Any]) -> None:
    aspect = run_property(all_kinds, "aspectRatio")
    assert (aspect["type"], aspect["enum"], aspect["default"]) == (
        "string",
        ["", "16:9", "1:1"],
        "16:9",
    )


def test_select_enum_admits_a_default_outside_the_options(all_kinds: dict[str, Any]) -> None:
    assert run_property(all_kinds, "selectedModel")["enum"] == ["482", "1087", "1"]


def test_select_options_are_described(all_kinds: dict[str, Any]) -> None:
    description = run_property(all_kinds, "selectedModel")["description"]
    assert '- "482": SG161222/Realistic Vision. A realistic model.' in description
    assert '- "1087": Doll-Like-Anime. Doll Like Anime' in description


def test_select_without_options_has_no_enum(all_kinds: dict[str, Any]) -> None:
    effect = run_property(all_kinds, "effect")
    assert (effect["type"], effect["default"]) == ("string", "smash")
    assert "enum" not in effect


def test_multiselect_is_an_array_of_the_option_enum(all_kinds: dict[str, Any]) -> None:
    loras = run_property(all_kinds, "loras")
    assert loras["type"] == "array"
    assert loras["items"] == {"type": "string", "enum": ["61", "62"]}
    assert loras["default"] == ["61"]


def test_fileinput_url_goes_in_the_url_property(all_kinds: dict[str, Any]) -> None:
    url = run_property(all_kinds, "inputImageUrl")
    assert (url["type"], url["format"]) == ("string", "uri")
    assert "inputImage" not in schema(all_kinds, "Run_wirogen_all_kinds_Request")["properties"]


def test_multifileinput_urls_go_comma_separated_in_the_url_property(
    all_kinds: dict[str, Any],
) -> None:
    urls = run_property(all_kinds, "referencesUrl")
    assert (urls["type"], urls["default"]) == ("string", "a.jpg,b.jpg")
    assert "comma-separated" in urls["description"]


def test_combinefileinput_is_an_array_of_urls(all_kinds: dict[str, Any]) -> None:
    images = run_property(all_kinds, "inputImages")
    assert images["items"] == {"type": "string", "format": "uri"}
    assert images["default"] == ["x.jpg"]


def test_unknown_input_type_is_a_string(all_kinds: dict[str, Any]) -> None:
    color = run_property(all_kinds, "color")
    assert (color["type"], color["default"]) == ("string", "#ffffff")


def test_every_run_body_accepts_a_callback_url() -> None:
    document = document_of(specs_of(SPECS, ALL_KINDS_PAGE))
    bodies = [name for name in document["components"]["schemas"] if name.startswith("Run_")]
    assert len(bodies) == 8 + 1 + 2  # the all-kinds page and avatarmotion take multipart too
    for name in bodies:
        assert schema(document, name)["properties"]["callbackUrl"]["format"] == "uri"


def test_no_run_input_is_required(all_kinds: dict[str, Any]) -> None:
    assert "required" not in schema(all_kinds, "Run_wirogen_all_kinds_Request")


# --- Multipart uploads ---------------------------------------------------------------


def test_tool_with_file_inputs_also_takes_multipart(all_kinds: dict[str, Any]) -> None:
    content = all_kinds["paths"][ALL_KINDS_RUN]["post"]["requestBody"]["content"]
    assert list(content) == ["application/json", "multipart/form-data"]
    assert content["multipart/form-data"]["encoding"] == {
        "loras": {"contentType": "application/json"}
    }


def test_multipart_file_parts_are_binary_beside_their_url(all_kinds: dict[str, Any]) -> None:
    assert run_property(all_kinds, "inputImage", "Form")["format"] == "binary"
    assert run_property(all_kinds, "inputImageUrl", "Form")["format"] == "uri"
    assert run_property(all_kinds, "references", "Form")["items"]["format"] == "binary"
    parts = run_property(all_kinds, "inputImages", "Form")["items"]["anyOf"]
    assert [part["format"] for part in parts] == ["binary", "uri"]


def test_tool_without_file_inputs_takes_json_only() -> None:
    document = document_of([parse_page(PIXART)])
    content = document["paths"]["/Run/wiro/PixArt-Sigma"]["post"]["requestBody"]["content"]
    assert list(content) == ["application/json"]
    assert "Run_wiro_PixArt_Sigma_Form" not in document["components"]["schemas"]


# --- Operations and names ------------------------------------------------------------


def test_run_path_is_the_percent_encoded_slug() -> None:
    spec = parse(make_page(name="wiro/a b+c", run="https://api.wiro.ai/v1/Run/wiro/a%20b%2Bc"))
    assert list(document_of([spec])["paths"]) == [
        "/Run/wiro/a%20b%2Bc",
        "/Task/Cancel",
        "/Task/Detail",
        "/Task/Kill",
    ]


def test_each_tool_has_a_named_run_operation(all_kinds: dict[str, Any]) -> None:
    operation = all_kinds["paths"][ALL_KINDS_RUN]["post"]
    assert operation["operationId"] == "run_wirogen_all_kinds"
    assert operation["tags"] == ["wirogen"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/Run_wirogen_all_kinds_Request"}


def test_operation_ids_are_unique_across_the_spec_pages() -> None:
    ids = operation_ids(document_of(specs_of(SPECS)))
    assert len(ids) == len(set(ids)) == 8 + 3


def test_names_that_differ_only_in_case_or_punctuation_are_made_distinct() -> None:
    specs = [
        parse(make_page(name=name, run=f"https://api.wiro.ai/v1/Run/{name}"), name=f"{i}.md")
        for i, name in enumerate(("wiro/pix-art", "wiro/Pix_Art", "Wiro/pixart"))
    ]
    document = document_of(specs)
    runs = [oid for oid in operation_ids(document) if oid.startswith("run_")]
    assert runs == ["run_Wiro_pixart", "run_wiro_Pix_Art_2", "run_wiro_pix_art_3"]
    assert "Run_wiro_pix_art_3_Request" in document["components"]["schemas"]


def test_two_pages_of_one_slug_are_an_error() -> None:
    spec = parse_page(PIXART)
    with pytest.raises(DuplicateToolError, match="both describe 'wiro/PixArt-Sigma'"):
        document_of([spec, spec])


def test_task_endpoints_take_their_identifiers() -> None:
    document = document_of([])
    bodies = {
        path: document["paths"][path]["post"]["requestBody"]["content"]["application/json"]
        for path in ("/Task/Detail", "/Task/Kill", "/Task/Cancel")
    }
    assert {path: body["schema"]["$ref"].rsplit("/", 1)[1] for path, body in bodies.items()} == {
        "/Task/Detail": "TaskDetailRequest",
        "/Task/Kill": "TaskKillRequest",
        "/Task/Cancel": "TaskCancelRequest",
    }
    assert set(schema(document, "TaskDetailRequest")["properties"]) == {"taskid", "tasktoken"}
    assert set(schema(document, "TaskKillRequest")["properties"]) == {"taskid", "socketaccesstoken"}
    assert schema(document, "TaskCancelRequest")["required"] == ["taskid"]


def test_task_endpoints_answer_with_the_task_list() -> None:
    document = document_of([])
    for path in ("/Task/Detail", "/Task/Kill", "/Task/Cancel"):
        answer = document["paths"][path]["post"]["responses"]["200"]["content"]
        assert answer["application/json"]["schema"]["$ref"].endswith("/TaskDetailResponse")


# --- Shared schemas and security -----------------------------------------------------


def test_task_values_are_strings_besides_parameters_and_outputs() -> None:
    task = schema(document_of([]), "Task")["properties"]
    non_strings = {name for name, field in task.items() if field.get("type") != "string"}
    assert non_strings == {"parameters", "outputs"}
    assert task["outputs"]["items"] == {"$ref": "#/components/schemas/TaskOutput"}


def test_detail_response_holds_a_task_list() -> None:
    detail = schema(document_of([]), "TaskDetailResponse")["properties"]
    assert detail["tasklist"]["items"] == {"$ref": "#/components/schemas/Task"}
    assert detail["total"] == {"type": "string"}


def test_error_response_lists_codes_and_messages() -> None:
    document = document_of([])
    errors = schema(document, "ErrorResponse")["properties"]["errors"]
    assert errors["items"] == {"$ref": "#/components/schemas/Error"}
    assert set(schema(document, "Error")["properties"]) == {"code", "message"}


def test_errors_answer_every_4xx_and_5xx(all_kinds: dict[str, Any]) -> None:
    responses = all_kinds["paths"][ALL_KINDS_RUN]["post"]["responses"]
    assert responses["4XX"] == responses["5XX"] == {"$ref": "#/components/responses/Error"}


def test_signature_headers_are_api_key_schemes() -> None:
    schemes = document_of([])["components"]["securitySchemes"]
    assert {name: (s["type"], s["in"], s["name"]) for name, s in schemes.items()} == {
        "apiKey": ("apiKey", "header", "x-api-key"),
        "nonce": ("apiKey", "header", "x-nonce"),
        "signature": ("apiKey", "header", "x-signature"),
    }
    assert "HMAC-SHA256(key = API key, message = API secret + nonce)" in (
        schemes["signature"]["description"]
    )


def test_security_is_signature_mode_or_key_only_mode() -> None:
    assert document_of([])["security"] == [
        {"apiKey": [], "nonce": [], "signature": []},
        {"apiKey": []},
    ]


# --- Determinism and formats ---------------------------------------------------------


def test_page_order_does_not_change_the_document() -> None:
    specs = specs_of(SPECS, ALL_KINDS_PAGE)
    assert dump_json(document_of(specs)) == dump_json(document_of(specs[::-1]))


def test_paths_and_schemas_are_sorted() -> None:
    document = document_of(specs_of(SPECS))
    assert list(document["paths"]) == sorted(document["paths"])
    assert list(document["components"]["schemas"]) == sorted(document["components"]["schemas"])


@pytest.mark.slow
def test_output_is_byte_identical_under_other_hash_seeds(tmp_path: Path) -> None:
    outputs = []
    for seed in ("0", "1", "random"):
        output = tmp_path / f"seed-{seed}.yaml"
        subprocess.run(
            [*COMMAND, str(SPECS), str(ALL_KINDS_PAGE), "-o", str(output)],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
            capture_output=True,
        )
        outputs.append(output.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]


def test_yaml_loads_as_the_json_document() -> None:
    document = document_of(specs_of(SPECS, ALL_KINDS_PAGE))
    assert yaml.safe_load(dump_yaml(document)) == json.loads(dump_json(document))


# --- Writing and the command line ----------------------------------------------------


def test_command_writes_json_and_prints_a_summary(tmp_path: Path) -> None:
    output = tmp_path / "openapi.json"
    result = invoke(str(SPECS), "-o", str(output))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote {output}: 8 tools, 11 operations in ")
    assert json.loads(output.read_text())["openapi"] == "3.1.0"


@pytest.mark.parametrize("suffix", [".yaml", ".yml"])
def test_command_writes_yaml_for_a_yaml_suffix(tmp_path: Path, suffix: str) -> None:
    output = tmp_path / f"openapi{suffix}"
    assert invoke(str(PIXART), "-o", str(output)).exit_code == 0
    assert yaml.safe_load(output.read_text())["paths"]["/Run/wiro/PixArt-Sigma"]


def test_two_runs_write_identical_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    invoke(str(SPECS), "-o", str(first))
    invoke(str(SPECS), "-o", str(second))
    assert first.read_bytes() == second.read_bytes()


def test_cut_off_page_exits_1_and_writes_nothing(tmp_path: Path) -> None:
    page = tmp_path / "cut.md"
    page.write_text(PIXART.read_text()[:1500])
    output = tmp_path / "openapi.json"
    result = invoke(str(page), str(PIXART), "-o", str(output))
    assert result.exit_code == 1
    assert f"{page}:1:" in result.stderr and "cut off" in result.stderr
    assert "Traceback" not in result.stderr
    assert not output.exists()


def test_duplicate_slug_exits_1_and_writes_nothing(tmp_path: Path) -> None:
    copy = tmp_path / "copy.md"
    copy.write_bytes(PIXART.read_bytes())
    output = tmp_path / "openapi.json"
    result = invoke(str(PIXART), str(copy), "-o", str(output))
    assert result.exit_code == 1
    assert "both describe 'wiro/PixArt-Sigma'" in result.stderr
    assert not output.exists()


def test_no_pages_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke(str(tmp_path), "-o", str(tmp_path / "openapi.json"))
    assert result.exit_code == 2
    assert "no pages found" in result.stderr


def test_output_is_required_and_needs_a_known_suffix(tmp_path: Path) -> None:
    assert invoke(str(PIXART)).exit_code == 2
    result = invoke(str(PIXART), "-o", str(tmp_path / "openapi.txt"))
    assert result.exit_code == 2
    assert ".json, .yaml, .yml" in result.stderr


def test_unwritable_output_exits_1_without_traceback(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("")
    output = tmp_path / "a-file" / "openapi.json"
    result = invoke(str(PIXART), "-o", str(output))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: cannot write {output}: ")
    assert "Traceback" not in result.output


def test_missing_directories_are_created(tmp_path: Path) -> None:
    output = tmp_path / "docs" / "api" / "openapi.json"
    assert invoke(str(PIXART), "-o", str(output)).exit_code == 0
    assert json.loads(output.read_text())["openapi"].startswith("3.1")


def test_failed_write_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "openapi.json"
    output.write_text("previous")

    def fail(source: object, target: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_document(document_of([]), output)
    assert output.read_text() == "previous"
    assert [path.name for path in tmp_path.iterdir()] == ["openapi.json"]

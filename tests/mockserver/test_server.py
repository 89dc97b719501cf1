"""The Wiro mock server, spoken to over raw HTTP as a client of api.wiro.ai would."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
from collections.abc import Generator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

# The fixture module is both imported here and loaded as a plugin: mark it before importing it.
from generator.cli.mock_server import mock_server
from generator.mockserver import RUNNING_STATUSES, RunningMockServer
from generator.parser import parse_text

from ..support.mockserver_fixture import KEY, SECRET, SignatureAuth, StartMockWiro, signed_client
from ..support.pagetext import make_page
from ..support.paths import ROOT, SPECS

PIXART = "/Run/wiro/PixArt-Sigma"
LORA = "/Run/wiro/text-to-image-sd-lora"
TRY_ON_SLUG = "wiro/Virtual Try-On+2.0"
TRY_ON = "/Run/wiro/Virtual%20Try-On%2B2.0"
TRY_ON_INPUTS = """
- name: prompt
  label: Prompt
  help: What to wear.
  type: textarea
  default: a coat
- name: garment
  label: Garment
  help: One image.
  type: fileinput
  default:
- name: poses
  label: Poses
  help: Several images.
  type: multifileinput
  default:
- name: references
  label: References
  help: Files or URLs.
  type: combinefileinput
  default:
- name: styles
  label: Styles
  help: Pick some.
  type: multiselect
  default: warm
  options:
    - value: "warm"
      label: Warm
    - value: "cold"
      label: Cold
- name: upscale
  label: Upscale
  help: Upscale it.
  type: checkbox
  default: false
- name: strength
  label: Strength
  help: How strong.
  type: float
  default: 0.5
"""
FINAL_STATUS = "task_postprocess_end"
HTTP_FAULTS = ["500", "502", "503", "429", "drop", "slow", "malformed"]
WIRO_CODE_FAULTS = ["96", "97", "98", "99"]


@pytest.fixture
def try_on(start_mock_wiro: StartMockWiro) -> RunningMockServer:
    """A server that also knows a tool with every kind of file input and a slug to encode."""
    page = make_page(TRY_ON_INPUTS, name=TRY_ON_SLUG, run=f"https://api.wiro.ai/v1{TRY_ON}")
    spec = parse_text("try-on.md", page)
    return start_mock_wiro(specs=[spec], pages={spec.slug: page})


@pytest.fixture
def try_on_client(try_on: RunningMockServer) -> Generator[httpx.Client, None, None]:
    with signed_client(try_on) as client:
        yield client


@pytest.fixture
def http() -> Generator[httpx.Client, None, None]:
    """A client that adds nothing: for unsigned requests, pages, outputs and the admin API."""
    with httpx.Client(timeout=5, verify=False) as client:
        yield client


def start_task(wiro: httpx.Client, path: str = PIXART, **inputs: Any) -> str:
    reply = wiro.post(path, json={"prompt": "a cat", **inputs}).json()
    assert reply["result"] is True, reply
    return str(reply["taskid"])


def detail(wiro: httpx.Client, taskid: str) -> dict[str, Any]:
    reply = wiro.post("/Task/Detail", json={"taskid": taskid}).json()
    assert reply["result"] is True, reply
    task: dict[str, Any] = reply["tasklist"][0]
    return task


def poll_to_the_end(wiro: httpx.Client, taskid: str, limit: int = 30) -> list[str]:
    """Every status Task/Detail reports until a terminal one."""
    statuses = [detail(wiro, taskid)["status"]]
    while statuses[-1] not in (FINAL_STATUS, "task_cancel", "task_error") and len(statuses) < limit:
        statuses.append(detail(wiro, taskid)["status"])
    return statuses


def error_messages(reply: httpx.Response) -> list[str]:
    body = reply.json()
    assert body["result"] is False
    return [error["message"] for error in body["errors"]]


def error_codes(reply: httpx.Response) -> list[int]:
    return [error["code"] for error in reply.json()["errors"]]


def admin(server: RunningMockServer, method: str, path: str, **kwargs: Any) -> httpx.Response:
    return httpx.request(
        method, f"{server.origin}/__admin/{path}", timeout=5, verify=False, **kwargs
    )


# Authentication


def test_a_correctly_signed_request_is_accepted(wiro: httpx.Client) -> None:
    reply = wiro.post("/Tool/List", json={})
    assert reply.status_code == 200
    assert reply.json()["result"] is True


def test_a_bad_signature_is_rejected_with_401_and_code_0(
    mock_wiro: RunningMockServer, http: httpx.Client
) -> None:
    headers = {**SignatureAuth().headers(), "x-signature": "0" * 64}
    reply = http.post(f"{mock_wiro.base_url}/Tool/List", json={}, headers=headers)
    assert reply.status_code == 401
    assert error_codes(reply) == [0]


def test_a_signature_made_with_another_secret_is_rejected(
    mock_wiro: RunningMockServer, http: httpx.Client
) -> None:
    headers = SignatureAuth(KEY, "not-the-secret").headers()
    reply = http.post(f"{mock_wiro.base_url}/Tool/List", json={}, headers=headers)
    assert (reply.status_code, error_codes(reply)) == (401, [0])


@pytest.mark.parametrize("missing", ["x-api-key", "x-nonce", "x-signature"])
def test_a_missing_auth_header_is_rejected(
    mock_wiro: RunningMockServer, missing: str, http: httpx.Client
) -> None:
    headers = SignatureAuth().headers()
    del headers[missing]
    reply = http.post(f"{mock_wiro.base_url}/Tool/List", json={}, headers=headers)
    assert reply.status_code == 401
    assert error_codes(reply) == [0]
    assert missing in error_messages(reply)[0]


def test_a_wrong_api_key_is_rejected(mock_wiro: RunningMockServer, http: httpx.Client) -> None:
    headers = SignatureAuth("other-key", SECRET).headers()
    reply = http.post(f"{mock_wiro.base_url}/Tool/List", json={}, headers=headers)
    assert (reply.status_code, error_codes(reply)) == (401, [0])


def test_a_reused_nonce_is_rejected(mock_wiro: RunningMockServer, http: httpx.Client) -> None:
    headers = SignatureAuth().headers()
    first = http.post(f"{mock_wiro.base_url}/Tool/List", json={}, headers=headers)
    again = http.post(f"{mock_wiro.base_url}/Tool/List", json={}, headers=headers)
    assert first.json()["result"] is True
    assert (again.status_code, error_codes(again)) == (401, [0])
    assert "Nonce" in error_messages(again)[0]


def test_key_mode_accepts_the_api_key_alone(
    start_mock_wiro: StartMockWiro, http: httpx.Client
) -> None:
    server = start_mock_wiro(auth="key")
    reply = http.post(f"{server.base_url}/Tool/List", json={}, headers={"x-api-key": KEY})
    assert reply.json()["result"] is True


def test_key_mode_rejects_a_wrong_api_key(
    start_mock_wiro: StartMockWiro, http: httpx.Client
) -> None:
    server = start_mock_wiro(auth="key")
    reply = http.post(f"{server.base_url}/Tool/List", json={}, headers={"x-api-key": "nope"})
    assert (reply.status_code, error_codes(reply)) == (401, [0])


def test_the_secret_never_comes_back_even_when_a_client_leaks_it(
    mock_wiro: RunningMockServer, wiro: httpx.Client
) -> None:
    leak = {"x-leak": SECRET}
    leaky = wiro.post(PIXART, json={"prompt": SECRET, "scheduler": SECRET}, headers=leak)
    good = wiro.post(PIXART, json={"prompt": f"a {SECRET} cat"}, headers=leak)
    taskid = good.json()["taskid"]
    replies = [leaky, good, wiro.post("/Task/Detail", json={"taskid": taskid})]
    replies += [admin(mock_wiro, "GET", f"tasks/{taskid}"), admin(mock_wiro, "GET", "requests")]
    assert all(SECRET not in reply.text for reply in replies)
    assert "[redacted secret]" in replies[-1].text
    assert SECRET not in repr(mock_wiro) + repr(mock_wiro.settings)


def test_a_short_secret_is_not_redacted_out_of_bodies(start_mock_wiro: StartMockWiro) -> None:
    # Redacting "s" would turn the key "steps" into an unknown input.
    server = start_mock_wiro(api_secret="s")
    with signed_client(server, SignatureAuth(KEY, "s")) as client:
        assert client.post(PIXART, json={"steps": 30}).json()["result"] is True


# Run: validation


def test_run_accepts_fields_the_page_does_not_list_and_records_them(
    mock_wiro: RunningMockServer, wiro: httpx.Client
) -> None:
    reply = wiro.post(PIXART, json={"prompt": "a cat", "colour": "red", "projectid": "77"})
    assert reply.json()["result"] is True
    record = admin(mock_wiro, "GET", f"tasks/{reply.json()['taskid']}").json()
    assert record["received"]["body"] == {"prompt": "a cat", "colour": "red", "projectid": "77"}
    parameters = record["task"]["parameters"]
    assert (parameters["colour"], parameters["projectid"]) == ("red", "77")


def test_run_rejects_a_value_outside_a_selects_options(wiro: httpx.Client) -> None:
    reply = wiro.post(PIXART, json={"scheduler": "FastScheduler"})
    assert error_codes(reply) == [0]
    assert "scheduler" in error_messages(reply)[0]


def test_run_accepts_a_select_default_that_is_not_among_its_options(wiro: httpx.Client) -> None:
    # selectedModel documents default "1", which its options do not list.
    assert wiro.post(LORA, json={"selectedModel": "1"}).json()["result"] is True


@pytest.mark.parametrize("name", ["steps", "scale"])
def test_run_rejects_a_non_numeric_number(wiro: httpx.Client, name: str) -> None:
    reply = wiro.post(PIXART, json={name: "many"})
    assert error_codes(reply) == [0]
    assert name in error_messages(reply)[0]


def test_run_accepts_numbers_as_json_numbers_or_numeric_strings(wiro: httpx.Client) -> None:
    reply = wiro.post(PIXART, json={"steps": 30, "samples": "2", "scale": 3.5, "width": "1024"})
    assert reply.json()["result"] is True


def test_run_rejects_a_multiselect_element_outside_its_options(wiro: httpx.Client) -> None:
    reply = wiro.post(LORA, json={"selectedLoraModel": ["61", "no-such-lora"]})
    assert error_codes(reply) == [0]
    assert "selectedLoraModel" in error_messages(reply)[0]


def test_run_accepts_a_callback_url(wiro: httpx.Client) -> None:
    reply = wiro.post(PIXART, json={"prompt": "a cat", "callbackUrl": "https://example.com/cb"})
    assert reply.json()["result"] is True


def test_run_of_an_unknown_tool_is_not_found(wiro: httpx.Client) -> None:
    assert error_codes(wiro.post("/Run/wiro/no-such-tool", json={})) == [1]


def test_run_matches_a_slug_case_insensitively(wiro: httpx.Client) -> None:
    assert wiro.post("/Run/WIRO/pixart-sigma", json={}).json()["result"] is True


def test_run_matches_a_percent_encoded_slug_with_a_space_and_a_plus(
    try_on_client: httpx.Client,
) -> None:
    assert try_on_client.post(TRY_ON, json={"prompt": "a coat"}).json()["result"] is True


def test_run_takes_file_urls_in_the_url_keys(try_on_client: httpx.Client) -> None:
    body = {
        "garmentUrl": "https://example.com/coat.png",
        "posesUrl": "https://example.com/a.png,https://example.com/b.png",
        "references": ["https://example.com/r1.png", "https://example.com/r2.png"],
    }
    assert try_on_client.post(TRY_ON, json=body).json()["result"] is True


def test_run_rejects_a_url_sent_where_a_file_upload_goes(try_on_client: httpx.Client) -> None:
    reply = try_on_client.post(TRY_ON, json={"garment": "https://example.com/coat.png"})
    assert "garment" in error_messages(reply)[0]


def test_run_rejects_a_file_uploaded_to_a_text_input(try_on_client: httpx.Client) -> None:
    reply = try_on_client.post(TRY_ON, files={"prompt": ("p.txt", b"text", "text/plain")})
    assert "prompt" in error_messages(reply)[0]


def test_run_rejects_a_non_boolean_for_a_checkbox(try_on_client: httpx.Client) -> None:
    reply = try_on_client.post(TRY_ON, json={"upscale": "yes"})
    assert "upscale" in error_messages(reply)[0]


# Run: what was received


def test_a_json_run_is_recorded_with_its_json_types(
    try_on: RunningMockServer, try_on_client: httpx.Client
) -> None:
    body = {"prompt": "a coat", "styles": ["warm", "cold"], "upscale": True, "strength": 0.7}
    taskid = try_on_client.post(TRY_ON, json=body).json()["taskid"]
    received = try_on.received(taskid)
    assert (received.method, received.path) == ("POST", f"/v1/Run/{TRY_ON_SLUG}")
    assert received.fields == body
    assert received.headers["x-api-key"] == "[redacted key]"
    assert received.headers["content-type"] == "application/json"


def test_a_multipart_run_records_its_fields_and_uploaded_files(
    try_on: RunningMockServer, try_on_client: httpx.Client
) -> None:
    data = {
        "prompt": "a coat",
        "styles": '["cold"]',
        "upscale": "false",
        "references": "https://example.com/r.png",
    }
    files = [
        ("garment", ("coat.png", b"coat-bytes", "image/png")),
        ("poses", ("a.jpg", b"pose-a", "image/jpeg")),
        ("poses", ("b.jpg", b"pose-b", "image/jpeg")),
        ("references", ("r2.png", b"ref-2", "image/png")),
    ]
    reply = try_on_client.post(TRY_ON, data=data, files=files)
    received = try_on.received(reply.json()["taskid"])
    assert received.fields == data
    uploaded = [(f.field, f.filename, f.content_type) for f in received.files]
    assert uploaded == [(name, file_name, kind) for name, (file_name, _, kind) in files]
    assert all(f.matches(file[1]) for f, (_, file) in zip(received.files, files, strict=True))


def test_a_multipart_run_of_two_files_for_a_single_file_input_is_rejected(
    try_on_client: httpx.Client,
) -> None:
    files = [("garment", ("a.png", b"a", "image/png")), ("garment", ("b.png", b"b", "image/png"))]
    reply = try_on_client.post(TRY_ON, files=files)
    assert "garment" in error_messages(reply)[0]


def test_the_admin_api_returns_what_a_task_received(
    try_on: RunningMockServer, try_on_client: httpx.Client
) -> None:
    files = {"garment": ("coat.png", b"coat-bytes", "image/png")}
    taskid = try_on_client.post(TRY_ON, data={"prompt": "x"}, files=files).json()["taskid"]
    record = admin(try_on, "GET", f"tasks/{taskid}").json()
    assert record["task"]["id"] == taskid
    assert record["received"]["body"] == {"prompt": "x"}
    upload = record["received"]["files"][0]
    assert (upload["field"], upload["filename"], upload["size"]) == ("garment", "coat.png", 10)
    assert upload["sha256"] == hashlib.sha256(b"coat-bytes").hexdigest()
    assert "base64" not in upload  # the bytes are not kept


def test_run_returns_a_task_id_and_socket_access_token_as_strings(wiro: httpx.Client) -> None:
    reply = wiro.post(PIXART, json={"prompt": "a cat"}).json()
    assert set(reply) == {"result", "errors", "taskid", "socketaccesstoken"}
    assert isinstance(reply["taskid"], str) and reply["taskid"].isdigit()
    assert isinstance(reply["socketaccesstoken"], str) and reply["socketaccesstoken"]


# Task lifecycle


def test_a_task_moves_one_status_per_detail_call_to_postprocess_end(wiro: httpx.Client) -> None:
    taskid = start_task(wiro)
    assert poll_to_the_end(wiro, taskid) == [*RUNNING_STATUSES, FINAL_STATUS]


def test_a_finished_task_reports_success_with_string_values(wiro: httpx.Client) -> None:
    taskid = start_task(wiro, steps=30)
    poll_to_the_end(wiro, taskid)
    task = detail(wiro, taskid)
    assert (task["status"], task["pexit"]) == (FINAL_STATUS, "0")
    assert task["parameters"] == {"prompt": "a cat", "steps": "30"}
    scalars = [value for value in task.values() if not isinstance(value, list | dict)]
    assert all(isinstance(value, str) for value in scalars)
    assert int(task["endtime"]) >= int(task["starttime"]) >= int(task["createtime"]) > 0


def test_a_finished_tasks_outputs_are_served(wiro: httpx.Client, http: httpx.Client) -> None:
    taskid = start_task(wiro)
    poll_to_the_end(wiro, taskid)
    output = detail(wiro, taskid)["outputs"][0]
    download = http.get(output["url"])
    assert download.status_code == 200
    assert download.headers["content-type"] == output["contenttype"] == "image/png"
    assert len(download.content) == int(output["size"])


def test_a_running_task_has_no_outputs(wiro: httpx.Client) -> None:
    assert detail(wiro, start_task(wiro))["outputs"] == []


def test_detail_finds_a_task_by_its_socket_access_token(wiro: httpx.Client) -> None:
    run = wiro.post(PIXART, json={}).json()
    reply = wiro.post("/Task/Detail", json={"tasktoken": run["socketaccesstoken"]}).json()
    assert (reply["total"], reply["tasklist"][0]["id"]) == ("1", run["taskid"])


def test_detail_accepts_a_multipart_body(wiro: httpx.Client) -> None:
    taskid = start_task(wiro)
    reply = wiro.post("/Task/Detail", files={"taskid": (None, taskid)})
    assert reply.json()["tasklist"][0]["id"] == taskid


def test_detail_of_an_unknown_task_is_code_1(wiro: httpx.Client) -> None:
    reply = wiro.post("/Task/Detail", json={"taskid": "999999"})
    assert (reply.status_code, error_codes(reply)) == (200, [1])


def test_a_frozen_clock_keeps_a_task_queued(
    mock_wiro: RunningMockServer, wiro: httpx.Client
) -> None:
    mock_wiro.clock(per_poll=0)
    taskid = start_task(wiro)
    assert {detail(wiro, taskid)["status"] for _ in range(3)} == {"task_queue"}


def test_stepping_the_clock_moves_tasks_without_polling(
    mock_wiro: RunningMockServer, wiro: httpx.Client
) -> None:
    mock_wiro.clock(per_poll=0)
    taskid = start_task(wiro)
    mock_wiro.clock(advance=len(RUNNING_STATUSES))
    assert mock_wiro.task(taskid)["status"] == FINAL_STATUS


def test_the_admin_clock_endpoint_sets_steps_and_freezes(
    mock_wiro: RunningMockServer, wiro: httpx.Client
) -> None:
    assert admin(mock_wiro, "POST", "clock", json={"per_poll": 0}).json()["per_poll"] == 0
    taskid = start_task(wiro)
    assert admin(mock_wiro, "POST", "clock", json={"advance": 5}).json()["now"] == 5
    assert detail(wiro, taskid)["status"] == RUNNING_STATUSES[5]
    admin(mock_wiro, "POST", "clock", json={"now": 0})
    assert detail(wiro, taskid)["status"] == "task_queue"


def test_many_ticks_per_poll_finish_a_task_on_its_second_poll(
    mock_wiro: RunningMockServer, wiro: httpx.Client
) -> None:
    mock_wiro.clock(per_poll=100)
    taskid = start_task(wiro)
    assert detail(wiro, taskid)["status"] == RUNNING_STATUSES[0]
    assert detail(wiro, taskid)["status"] == FINAL_STATUS


# Kill and Cancel


def test_kill_stops_a_running_task_as_task_cancel(wiro: httpx.Client) -> None:
    taskid = start_task(wiro)
    detail(wiro, taskid)
    reply = wiro.post("/Task/Kill", json={"taskid": taskid}).json()
    assert reply["result"] is True
    assert reply["tasklist"][0]["status"] == "task_cancel"
    assert detail(wiro, taskid)["status"] == "task_cancel"


def test_kill_finds_a_task_by_its_socket_access_token(wiro: httpx.Client) -> None:
    run = wiro.post(PIXART, json={}).json()
    reply = wiro.post("/Task/Kill", json={"socketaccesstoken": run["socketaccesstoken"]}).json()
    assert reply["tasklist"][0]["id"] == run["taskid"]


def test_kill_refuses_a_finished_task(wiro: httpx.Client) -> None:
    taskid = start_task(wiro)
    poll_to_the_end(wiro, taskid)
    reply = wiro.post("/Task/Kill", json={"taskid": taskid})
    assert error_codes(reply) == [0]
    assert detail(wiro, taskid)["status"] == FINAL_STATUS


def test_cancel_cancels_a_queued_task(wiro: httpx.Client) -> None:
    taskid = start_task(wiro)
    reply = wiro.post("/Task/Cancel", json={"taskid": taskid}).json()
    assert reply["tasklist"][0]["status"] == "task_cancel"


def test_cancel_refuses_a_task_that_left_the_queue(wiro: httpx.Client) -> None:
    taskid = start_task(wiro)
    detail(wiro, taskid)
    reply = wiro.post("/Task/Cancel", json={"taskid": taskid})
    assert error_messages(reply) == ["Task is not in a cancellable state."]


@pytest.mark.parametrize("endpoint", ["/Task/Kill", "/Task/Cancel"])
def test_kill_and_cancel_of_an_unknown_task_are_code_1(wiro: httpx.Client, endpoint: str) -> None:
    assert error_codes(wiro.post(endpoint, json={"taskid": "424242"})) == [1]


# Catalogue and pages


def test_tool_list_lists_every_loaded_page(wiro: httpx.Client) -> None:
    reply = wiro.post("/Tool/List", json={"start": "0", "limit": "50"}).json()
    slugs = {f"{tool['slugowner']}/{tool['slugproject']}" for tool in reply["tool"]}
    assert reply["total"] == str(len(list(SPECS.glob("*.md")))) == str(len(slugs))
    assert "wiro/PixArt-Sigma" in slugs


def test_tool_list_searches_filters_by_category_and_pages(wiro: httpx.Client) -> None:
    found = wiro.post("/Tool/List", json={"search": "pixart", "categories": ["tool"]}).json()
    assert [tool["slugproject"] for tool in found["tool"]] == ["PixArt-Sigma"]
    paged = wiro.post("/Tool/List", json={"start": "2", "limit": "3"}).json()
    assert (paged["total"], len(paged["tool"])) == ("8", 3)
    assert wiro.post("/Tool/List", json={"categories": ["no-such"]}).json()["total"] == "0"


def test_tool_detail_describes_a_tools_inputs(wiro: httpx.Client) -> None:
    body = {"slugowner": "wiro", "slugproject": "PixArt-Sigma"}
    tool = wiro.post("/Tool/Detail", json=body).json()["tool"][0]
    items = tool["parameters"][0]["items"]
    assert (tool["slugowner"], tool["slugproject"]) == ("wiro", "PixArt-Sigma")
    assert [item["id"] for item in items][:3] == ["prompt", "negativePrompt", "steps"]


def test_tool_detail_of_an_unknown_tool_is_code_1(wiro: httpx.Client) -> None:
    reply = wiro.post("/Tool/Detail", json={"slugowner": "wiro", "slugproject": "nope"})
    assert error_codes(reply) == [1]


@pytest.mark.parametrize("prefix", ["", "/models"])
def test_each_page_is_served_as_llms_txt(
    mock_wiro: RunningMockServer, prefix: str, http: httpx.Client
) -> None:
    reply = http.get(f"{mock_wiro.origin}{prefix}/wiro/PixArt-Sigma/llms.txt")
    assert reply.status_code == 200
    assert reply.text == (SPECS / "wiro__PixArt-Sigma.md").read_text(encoding="utf-8")


def test_an_unknown_page_is_404(mock_wiro: RunningMockServer, http: httpx.Client) -> None:
    assert http.get(f"{mock_wiro.origin}/wiro/nope/llms.txt").status_code == 404


# Scripted faults


@pytest.mark.parametrize("status", [500, 502, 503])
def test_a_fault_header_answers_with_that_http_status(wiro: httpx.Client, status: int) -> None:
    reply = wiro.post("/Tool/List", json={}, headers={"x-mock-fault": str(status)})
    assert reply.status_code == status
    assert reply.json()["result"] is False


def test_a_429_fault_carries_the_default_retry_after(
    start_mock_wiro: StartMockWiro, http: httpx.Client
) -> None:
    server = start_mock_wiro(retry_after=3)
    reply = http.post(f"{server.base_url}/Tool/List", headers={"x-mock-fault": "429"})
    assert (reply.status_code, reply.headers["retry-after"]) == (429, "3")


def test_a_429_fault_can_name_its_retry_after(wiro: httpx.Client) -> None:
    reply = wiro.post("/Tool/List", json={}, headers={"x-mock-fault": "429:7"})
    assert (reply.status_code, reply.headers["retry-after"]) == (429, "7")


def test_a_drop_fault_closes_the_connection_without_a_response(wiro: httpx.Client) -> None:
    with pytest.raises(httpx.RemoteProtocolError):
        wiro.post("/Tool/List", json={}, headers={"x-mock-fault": "drop"})


def test_a_slow_fault_outlasts_a_client_timeout(wiro: httpx.Client) -> None:
    with pytest.raises(httpx.ReadTimeout):
        wiro.post("/Tool/List", json={}, headers={"x-mock-fault": "slow:1"}, timeout=0.1)
    assert wiro.post("/Tool/List", json={}).json()["result"] is True


def test_a_slow_fault_answers_normally_after_its_delay(wiro: httpx.Client) -> None:
    reply = wiro.post("/Tool/List", json={}, headers={"x-mock-fault": "slow:0.05"})
    assert reply.json()["result"] is True


def test_a_malformed_fault_answers_200_with_a_body_that_is_not_json(wiro: httpx.Client) -> None:
    reply = wiro.post("/Tool/List", json={}, headers={"x-mock-fault": "malformed"})
    assert reply.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        reply.json()


@pytest.mark.parametrize(("code", "status"), [(96, 200), (97, 200), (98, 401), (99, 401)])
def test_a_wiro_code_fault_answers_result_false_with_that_code(
    wiro: httpx.Client, code: int, status: int
) -> None:
    reply = wiro.post(PIXART, json={}, headers={"x-mock-fault": str(code)})
    assert (reply.status_code, error_codes(reply)) == (status, [code])


def test_queued_faults_hit_the_next_requests_to_their_path_in_order(
    mock_wiro: RunningMockServer, wiro: httpx.Client
) -> None:
    taskid = start_task(wiro)
    faults = {"path": "/v1/Task/Detail", "faults": ["503", "429"]}
    queued = admin(mock_wiro, "POST", "faults", json=faults)
    assert queued.json()["pending"] == {"/v1/task/detail": ["503", "429"]}
    statuses = [wiro.post("/Task/Detail", json={"taskid": taskid}).status_code for _ in range(3)]
    assert statuses == [503, 429, 200]
    assert admin(mock_wiro, "GET", "faults").json()["pending"] == {}


def test_queued_faults_leave_other_paths_alone(
    mock_wiro: RunningMockServer, wiro: httpx.Client
) -> None:
    mock_wiro.queue_faults("/v1/Task/Detail", "500")
    assert wiro.post(PIXART, json={}).status_code == 200


def test_a_queued_fault_on_a_run_path_matches_the_encoded_path(
    try_on: RunningMockServer, try_on_client: httpx.Client
) -> None:
    try_on.queue_faults(f"/v1/Run/{TRY_ON_SLUG}", "drop")
    with pytest.raises(httpx.RemoteProtocolError):
        try_on_client.post(TRY_ON, json={})


@pytest.mark.parametrize("fault", HTTP_FAULTS + WIRO_CODE_FAULTS)
def test_every_fault_can_be_queued_through_the_admin_api(
    mock_wiro: RunningMockServer, fault: str
) -> None:
    reply = admin(mock_wiro, "POST", "faults", json={"path": "/v1/Tool/List", "faults": [fault]})
    assert reply.json()["pending"] == {"/v1/tool/list": [fault]}


def test_an_unknown_fault_is_refused(mock_wiro: RunningMockServer, wiro: httpx.Client) -> None:
    reply = admin(mock_wiro, "POST", "faults", json={"path": "/v1/Tool/List", "faults": ["504x"]})
    assert reply.status_code == 400
    assert wiro.post("/Tool/List", json={}, headers={"x-mock-fault": "teapot"}).status_code == 400


# Scripted tasks


@pytest.mark.parametrize(
    ("script", "final", "pexit"),
    [("pexit", FINAL_STATUS, "1"), ("error", "task_error", "0"), ("cancel", "task_cancel", "0")],
)
def test_a_scripted_task_ends_as_scripted_without_outputs(
    mock_wiro: RunningMockServer, wiro: httpx.Client, script: str, final: str, pexit: str
) -> None:
    mock_wiro.queue_task_scripts(script)
    taskid = start_task(wiro)
    assert poll_to_the_end(wiro, taskid)[-1] == final
    task = detail(wiro, taskid)
    assert (task["pexit"], task["outputs"]) == (pexit, [])


def test_a_scripted_failure_reports_its_debug_output_and_error(
    mock_wiro: RunningMockServer, wiro: httpx.Client
) -> None:
    script = {"outcome": "pexit", "pexit": "137", "debugoutput": "step 3/30", "debugerror": "OOM"}
    admin(mock_wiro, "POST", "task-scripts", json={"scripts": [script]})
    taskid = start_task(wiro)
    poll_to_the_end(wiro, taskid)
    task = detail(wiro, taskid)
    assert (task["pexit"], task["debugoutput"], task["debugerror"]) == ("137", "step 3/30", "OOM")


def test_a_weird_task_passes_through_an_unknown_status_then_succeeds(
    mock_wiro: RunningMockServer, wiro: httpx.Client
) -> None:
    mock_wiro.queue_task_scripts("weird")
    statuses = poll_to_the_end(wiro, start_task(wiro))
    assert "task_weird" in statuses
    assert statuses[-1] == FINAL_STATUS


def test_a_task_script_for_a_slug_waits_for_a_run_of_that_tool(
    mock_wiro: RunningMockServer, wiro: httpx.Client
) -> None:
    mock_wiro.queue_task_scripts("error", slug="wiro/text-to-image-sd-lora")
    other, scripted = start_task(wiro, PIXART), start_task(wiro, LORA)
    assert poll_to_the_end(wiro, other)[-1] == FINAL_STATUS
    assert poll_to_the_end(wiro, scripted)[-1] == "task_error"


def test_a_task_script_header_scripts_that_run(wiro: httpx.Client) -> None:
    run = wiro.post(PIXART, json={}, headers={"x-mock-task": "cancel"}).json()
    assert poll_to_the_end(wiro, run["taskid"])[-1] == "task_cancel"


def test_an_invalid_run_does_not_use_up_a_task_script(
    mock_wiro: RunningMockServer, wiro: httpx.Client
) -> None:
    mock_wiro.queue_task_scripts("error")
    wiro.post(PIXART, json={"steps": "many"})
    assert poll_to_the_end(wiro, start_task(wiro))[-1] == "task_error"


# Request counts


def test_requests_are_counted_per_path_faulted_ones_included(
    mock_wiro: RunningMockServer, wiro: httpx.Client
) -> None:
    mock_wiro.queue_faults("/v1/Task/Detail", "502")
    taskid = start_task(wiro)
    wiro.post("/Task/Detail", json={"taskid": taskid})
    wiro.post("/Task/Detail", json={"taskid": taskid})
    assert mock_wiro.request_count("/v1/Run/wiro/PixArt-Sigma") == 1
    assert mock_wiro.request_count("/v1/Task/Detail") == 2
    counts = admin(mock_wiro, "GET", "requests").json()["counts"]
    assert counts == {"/v1/run/wiro/pixart-sigma": 1, "/v1/task/detail": 2}


def test_the_request_journal_keeps_each_requests_body(
    mock_wiro: RunningMockServer, wiro: httpx.Client
) -> None:
    start_task(wiro)
    wiro.post("/Task/Detail", json={"tasktoken": "abc"})
    journal = admin(mock_wiro, "GET", "requests", params={"path": "/v1/Task/Detail"}).json()
    assert [record["body"] for record in journal["requests"]] == [{"tasktoken": "abc"}]
    assert [r.fields for r in mock_wiro.requests(f"/v1{PIXART}")] == [{"prompt": "a cat"}]


# Command line


def test_the_command_reports_a_bad_page_in_one_line_and_exits_1(tmp_path: Path) -> None:
    page = tmp_path / "cut.md"
    page.write_text((SPECS / "wiro__PixArt-Sigma.md").read_text()[:1500])
    result = CliRunner().invoke(mock_server, [str(page)])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "cut.md" in result.stderr
    assert "Traceback" not in result.output


def test_the_command_serves_until_interrupted() -> None:
    wirogen = Path(sys.executable).with_name("wirogen")
    process = subprocess.Popen(
        [str(wirogen), "mock-server", str(SPECS), "--port", "0"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "WIRO_API_KEY": KEY, "WIRO_API_SECRET": SECRET},
    )
    try:
        assert process.stdout is not None
        first_line = process.stdout.readline()
        assert first_line.startswith("Wiro mock server listening on http://127.0.0.1:")
        base_url = first_line.split()[-1]
        reply = httpx.post(f"{base_url}/Tool/List", json={}, headers=SignatureAuth().headers())
        assert reply.json()["result"] is True
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=5)
    finally:
        process.kill()
    assert process.returncode == 0
    assert "Traceback" not in stderr and SECRET not in stdout + stderr

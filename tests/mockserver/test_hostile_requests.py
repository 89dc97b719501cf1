"""No request shape gets a 500: hostile bodies, numbers, paging values and fault settings."""

from __future__ import annotations

import json
import os
import tracemalloc
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.mockserver import RunningMockServer
from generator.mockserver.faults import parse_fault
from tests.support.hostile_json import JSON_TEXTS, deeply_nested, object_texts
from tests.support.mockserver_fixture import signed_client

from .conftest import UPLOAD_RUN
from .support import PIXART, admin, error_codes, error_messages, start_task

API_PATHS = [PIXART, "/Task/Detail", "/Task/Kill", "/Task/Cancel", "/Tool/List", "/Tool/Detail"]
BODY_KEYS = st.sampled_from(
    [
        *("prompt", "steps", "scale", "scheduler", "callbackUrl"),
        *("taskid", "tasktoken", "socketaccesstoken"),
        *("start", "limit", "search", "categories", "slugowner", "slugproject"),
    ]
)
CONTENT_TYPES = st.sampled_from(
    ["application/json", "multipart/form-data", "application/x-www-form-urlencoded", "text/plain"]
)
SERVER_ONCE = [HealthCheck.function_scoped_fixture]  # one server serves every example


def post_text(wiro: httpx.Client, path: str, text: str, content_type: str) -> httpx.Response:
    return wiro.post(path, content=text.encode(), headers={"content-type": content_type})


def assert_wiro_refusal(reply: httpx.Response, *words: str) -> None:
    """A Wiro error answer (code 0, HTTP 200) whose message holds each of `words`."""
    assert (reply.status_code, error_codes(reply)) == (200, [0])
    assert all(word in error_messages(reply)[0] for word in words)


@pytest.mark.slow
@settings(suppress_health_check=SERVER_ONCE)
@given(path=st.sampled_from(API_PATHS), body=object_texts(BODY_KEYS), kind=CONTENT_TYPES)
def test_no_api_request_body_gets_a_server_error(
    wiro: httpx.Client, path: str, body: str, kind: str
) -> None:
    reply = post_text(wiro, path, body, kind)
    assert reply.status_code < 500
    assert isinstance(reply.json()["result"], bool)


@pytest.mark.slow
@settings(suppress_health_check=SERVER_ONCE)
@given(path=st.sampled_from(API_PATHS), body=JSON_TEXTS)
def test_no_json_value_of_any_shape_gets_a_server_error(
    wiro: httpx.Client, path: str, body: str
) -> None:
    reply = post_text(wiro, path, body, "application/json")
    assert reply.status_code < 500
    assert isinstance(reply.json()["result"], bool)


@pytest.mark.slow
@settings(suppress_health_check=SERVER_ONCE)
@given(
    path=st.sampled_from(["faults", "task-scripts", "clock"]),
    body=object_texts(st.sampled_from(["path", "faults", "slug", "scripts", "now", "advance"])),
)
def test_no_admin_request_gets_a_server_error(
    mock_wiro: RunningMockServer, path: str, body: str
) -> None:
    reply = admin(mock_wiro, "POST", path, content=body.encode())
    assert reply.status_code in (200, 400)


@pytest.mark.parametrize("opener", ["[", "{"])
def test_a_body_nested_past_the_recursion_limit_is_refused(wiro: httpx.Client, opener: str) -> None:
    body = '{"prompt": ' + deeply_nested(100_000, opener) + "}"
    assert_wiro_refusal(post_text(wiro, PIXART, body, "application/json"), "nested")


def test_a_body_nested_a_little_too_deep_is_refused(wiro: httpx.Client) -> None:
    body = '{"prompt": ' + deeply_nested(40) + "}"
    assert_wiro_refusal(post_text(wiro, PIXART, body, "application/json"), "nested deeper")


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e999", "9" * 5000])
def test_a_number_python_cannot_hold_is_refused(wiro: httpx.Client, number: str) -> None:
    body = '{"steps": ' + number + "}"
    assert_wiro_refusal(post_text(wiro, PIXART, body, "application/json"), "not valid JSON")


def test_a_multiselect_text_nested_past_the_recursion_limit_is_refused(
    wiro: httpx.Client,
) -> None:
    reply = wiro.post("/Run/wiro/text-to-image-sd-lora", json={"selectedLoraModel": "[" * 50_000})
    assert_wiro_refusal(reply, "selectedLoraModel")


@pytest.mark.parametrize(
    "value", ["²", "٣", "-1", "1.5", "abc", "9" * 5000, 10**12, 1.5, True, [1], {"a": 1}]
)
@pytest.mark.parametrize("key", ["start", "limit"])
def test_bad_tool_list_paging_values_are_refused(
    wiro: httpx.Client, key: str, value: object
) -> None:
    assert_wiro_refusal(wiro.post("/Tool/List", json={key: value}), "start and limit")


def test_tool_list_pages_with_numbers_or_their_texts(wiro: httpx.Client) -> None:
    first = wiro.post("/Tool/List", json={"start": 0, "limit": "2"}).json()
    second = wiro.post("/Tool/List", json={"start": "2", "limit": 2}).json()
    assert len(first["tool"]) == len(second["tool"]) == 2
    assert first["tool"][0]["id"] != second["tool"][0]["id"]


@pytest.mark.parametrize("fault", ["slow:61", "slow:1e400", "slow:nan", "429:86401", "429:-1"])
def test_fault_delays_past_their_bounds_are_refused(fault: str) -> None:
    with pytest.raises(ValueError, match="seconds must be from 0 to"):
        parse_fault(fault, retry_after=1, slow_seconds=1.0)


@pytest.mark.parametrize("fault", ["slow:60", "429:86400"])
def test_fault_delays_at_their_bounds_are_accepted(fault: str) -> None:
    assert parse_fault(fault, retry_after=1, slow_seconds=1.0).seconds == float(fault.split(":")[1])


@pytest.mark.parametrize("fault", ["٥٠٣", "5030", "9" * 5000])
def test_fault_codes_that_are_not_statuses_are_unknown(fault: str) -> None:
    with pytest.raises(ValueError, match="unknown fault"):
        parse_fault(fault, retry_after=1, slow_seconds=1.0)


def test_a_fault_header_past_its_bound_is_a_clear_400(wiro: httpx.Client) -> None:
    reply = wiro.post("/Tool/List", json={}, headers={"x-mock-fault": "slow:3600"})
    assert reply.status_code == 400
    assert "seconds must be from 0 to 60" in error_messages(reply)[0]


@pytest.mark.parametrize("key", ["now", "advance", "per_poll"])
def test_clock_values_past_their_bound_are_refused(mock_wiro: RunningMockServer, key: str) -> None:
    reply = admin(mock_wiro, "POST", "clock", json={key: 10**4000 if key == "now" else 10**10})
    assert reply.status_code == 400
    assert key in reply.json()["error"]


def test_the_task_detail_of_a_task_run_with_hostile_values_is_json(wiro: httpx.Client) -> None:
    taskid = start_task(wiro, prompt="\u0000\ud7ff\U0010ffff" + "x" * 10_000, steps=10**300)
    reply = wiro.post("/Task/Detail", json={"taskid": taskid})
    assert json.loads(reply.text)["tasklist"][0]["parameters"]["steps"] == str(10**300)


def test_an_uploaded_file_is_recorded_by_size_and_hash_not_kept_in_memory(
    upload_server: RunningMockServer, tmp_path: Path
) -> None:
    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(1024) * 16 * 1024)  # 16 MiB
    tracemalloc.start()
    try:
        with signed_client(upload_server) as wiro, big.open("rb") as file:
            reply = wiro.post(UPLOAD_RUN, files={"garment": ("big.bin", file, "image/png")})
            taskid = reply.json()["taskid"]
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    (upload,) = upload_server.received(taskid).files
    assert upload.matches(big.read_bytes())
    assert held < 4 * 1024 * 1024


@pytest.mark.parametrize(
    ("key", "value"), [("outputs", 101), ("output_size", 2**40), ("advertised_size", 2**60)]
)
def test_a_task_script_asking_for_too_much_is_refused(
    mock_wiro: RunningMockServer, key: str, value: int
) -> None:
    reply = admin(mock_wiro, "POST", "task-scripts", json={"scripts": [{key: value}]})
    assert reply.status_code == 400
    assert key in reply.json()["error"]

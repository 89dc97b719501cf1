"""Every answer the API can give becomes a value or a WiroError: never another exception."""

from __future__ import annotations

import contextlib
import json
import sys
from datetime import datetime
from types import ModuleType
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.runtime._snapshot import snapshot_of
from tests.support.fakewiro import Driver, FakeWiro, detail, maybe, task
from tests.support.hostile_json import HOSTILE_NUMBER_TEXTS, JSON_TEXTS, deeply_nested, object_texts

from .waits import DETAIL, RUN_PATH, run_and_wait

TASK_FIELDS = st.sampled_from(
    [
        *("id", "status", "pexit", "outputs", "debugoutput", "debugerror", "uuid"),
        *("createtime", "starttime", "endtime", "canceltime", "elapsedseconds", "totalcost"),
    ]
)
ANSWER_FIELDS = st.sampled_from(["result", "errors", "tasklist", "total", "taskid"])
FIXTURES_ONCE = [HealthCheck.function_scoped_fixture]


def answer(text: str, status: int = 200) -> httpx.Response:
    return httpx.Response(
        status, content=text.encode(), headers={"content-type": "application/json"}
    )


def read_snapshot(text: str) -> Any:
    """The snapshot of a task object given as JSON text; hypothesis feeds any shape."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return snapshot_of(value) if isinstance(value, dict) else None


@pytest.mark.slow
@given(object_texts(TASK_FIELDS))
def test_any_task_object_reads_as_a_snapshot(text: str) -> None:
    snapshot = read_snapshot(text)
    if snapshot is not None:
        assert isinstance(snapshot.status, str) and isinstance(snapshot.outputs, tuple)
        assert isinstance(snapshot.text, str) and isinstance(snapshot.thinking, str)


@pytest.mark.slow
@given(st.sampled_from(["createtime", "starttime", "endtime"]), HOSTILE_NUMBER_TEXTS)
def test_any_timestamp_reads_as_a_time_or_unknown(field: str, number: str) -> None:
    snapshot = read_snapshot("{" + json.dumps(field) + ":" + number + "}")
    if snapshot is not None:
        timings = snapshot.timings
        assert all(t is None or isinstance(t, datetime) for t in vars(timings).values())


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1734513807", 2024),
        ("1734513807000", 2024),
        (1734513807000, 2024),
        ("-1", None),
        ("0", None),
        ("1e300", None),
        pytest.param("9" * 5000, None, id="text-of-5000-digits"),
        pytest.param(10**5000, None, id="int-of-5000-digits"),
        ("NaN", None),
        ([1734513807], None),
    ],
)
def test_timestamps_in_seconds_or_milliseconds_and_out_of_range_ones(
    value: object, expected: int | None
) -> None:
    created = snapshot_of({"createtime": value}).timings.created
    assert (created.year if created else None) == expected


@pytest.mark.slow
@settings(suppress_health_check=FIXTURES_ONCE)
@given(
    body=st.one_of(JSON_TEXTS, object_texts(ANSWER_FIELDS)),
    status=st.sampled_from([200, 400, 401, 404, 429, 500]),
)
def test_any_detail_answer_is_a_snapshot_or_a_wiro_error(
    driver: Driver, all_kinds_module: ModuleType, body: str, status: int
) -> None:
    driver.sleeps.clear()

    async def scenario(client: Any) -> Any:
        return await maybe(client.task("2221").detail())

    with contextlib.suppress(driver.package.WiroError):
        driver.run(FakeWiro().queue(DETAIL, answer(body, status)), scenario)


@pytest.mark.slow
@settings(suppress_health_check=FIXTURES_ONCE)
@given(body=st.one_of(JSON_TEXTS, object_texts(ANSWER_FIELDS)))
def test_any_run_answer_is_a_task_or_a_wiro_error(
    driver: Driver, all_kinds_module: ModuleType, body: str
) -> None:
    async def scenario(client: Any) -> Any:
        return await maybe(driver.tool(all_kinds_module, "AllKinds", client).run())

    try:
        started = driver.run(FakeWiro().queue(RUN_PATH, answer(body)), scenario)
    except driver.package.WiroError:
        return
    assert isinstance(started.taskid, str) and started.taskid


@pytest.mark.slow
@settings(suppress_health_check=FIXTURES_ONCE, max_examples=40)
@given(body=object_texts(TASK_FIELDS))
def test_any_task_in_a_wait_ends_in_a_snapshot_or_a_wiro_error(
    driver: Driver, all_kinds_module: ModuleType, body: str
) -> None:
    driver.sleeps.clear()
    fake = FakeWiro().queue(DETAIL, answer('{"result": true, "tasklist": [' + body + "]}"))
    with contextlib.suppress(driver.package.WiroError):
        run_and_wait(driver, all_kinds_module, fake, timeout=30)


def test_an_answer_nested_past_the_recursion_limit_is_an_invalid_response(
    driver: Driver, all_kinds_module: ModuleType
) -> None:
    deep = answer(
        '{"result": true, "tasklist": ' + deeply_nested(sys.getrecursionlimit() * 10) + "}"
    )

    async def scenario(client: Any) -> Any:
        return await maybe(client.task("2221").detail())

    with pytest.raises(driver.package.InvalidResponseError):
        driver.run(FakeWiro().queue(DETAIL, deep), scenario)


def test_a_run_answer_too_deep_to_read_still_names_its_task(
    driver: Driver, all_kinds_module: ModuleType
) -> None:
    deep = answer('{"result": true, "taskid": "2221", "x": ' + deeply_nested(100_000) + "}")

    async def scenario(client: Any) -> Any:
        return await maybe(driver.tool(all_kinds_module, "AllKinds", client).run())

    with pytest.raises(driver.package.InvalidResponseError) as caught:
        driver.run(FakeWiro().queue(RUN_PATH, deep), scenario)
    assert caught.value.taskid == "2221"


@pytest.mark.parametrize(
    "code", ["NaN", "Infinity", "1e400", "1.5", "true", '"x"', '"٩٦"', "[96]", "9" * 40]
)
def test_an_error_code_that_is_not_a_whole_number_is_an_api_error(
    driver: Driver, all_kinds_module: ModuleType, code: str
) -> None:
    refusal = answer('{"result": false, "errors": [{"code": ' + code + ', "message": "no"}]}')

    async def scenario(client: Any) -> Any:
        return await maybe(driver.tool(all_kinds_module, "AllKinds", client).run())

    with pytest.raises(driver.package.APIError, match="no"):
        driver.run(FakeWiro().queue(RUN_PATH, refusal), scenario)


@pytest.mark.parametrize("field", ["outputs", "errors", "tasklist"])
@pytest.mark.parametrize("value", ['"text"', "5", "{}", "null", "true"])
def test_lists_of_the_wrong_type_are_values_or_wiro_errors(
    driver: Driver, all_kinds_module: ModuleType, field: str, value: str
) -> None:
    fields = {"outputs": [], "errors": [], **task("task_postprocess_end")}
    body = json.dumps({"result": True, "errors": [], "tasklist": [fields]})
    body = body.replace(f'"{field}": []', f'"{field}": {value}', 1)
    fake = FakeWiro().queue(DETAIL, answer(body), detail(task("task_postprocess_end")))
    assert run_and_wait(driver, all_kinds_module, fake).status == "task_postprocess_end"

"""The API secret appears in no repr, no error message, no log record and no server echo."""

from __future__ import annotations

import logging
from types import ModuleType
from typing import Any

import httpx
import pytest

from generator.mockserver import RunningMockServer

from ..support.mockserver_fixture import KEY, SECRET, StartMockWiro

PIXART = "wiro/PixArt-Sigma"


def collect(wiro_tools: ModuleType, server: RunningMockServer, scenario: Any) -> list[str]:
    """The texts a user could see while `scenario(client)` runs: reprs and error messages."""
    seen: list[str] = []
    with wiro_tools.WiroClient(
        KEY, SECRET, base_url=server.base_url, timeout=1.0, sleep=lambda _: None
    ) as client:
        seen += [repr(client), str(client), repr(client._signer)]
        try:
            result = scenario(client)
            seen += [repr(result), str(result)]
        except wiro_tools.WiroError as error:
            seen += [repr(error), str(error), repr(error.__cause__), str(error.__cause__)]
            seen += [repr(vars(error))]
    return seen


@pytest.mark.parametrize(
    ("faults", "scripts"),
    [
        ((), ()),
        (("503", "503", "503", "503"), ()),
        (("drop",), ()),
        (("slow",), ()),
        (("malformed",), ()),
        (("99",), ()),
        ((), ("pexit",)),
        ((), ("error",)),
    ],
)
def test_key_and_secret_stay_out_of_every_outcome(
    wiro_tools: ModuleType,
    start_mock_wiro: StartMockWiro,
    caplog: pytest.LogCaptureFixture,
    faults: tuple[str, ...],
    scripts: tuple[str, ...],
) -> None:
    caplog.set_level(logging.DEBUG)
    server = start_mock_wiro(slow_seconds=1.5, retry_after=0)
    server.queue_faults("/v1/Task/Detail", *faults)
    server.queue_task_scripts(*scripts)

    def scenario(client: Any) -> Any:
        return wiro_tools.get_tool(PIXART)(client).run_and_wait(timeout=30)

    seen = collect(wiro_tools, server, scenario)
    seen += [record.getMessage() for record in caplog.records]
    seen += [repr(request) for request in server.requests()]
    assert seen and not [text for text in seen if SECRET in text or KEY in text]


def test_configuration_and_input_errors_hold_no_secret(wiro_tools: ModuleType) -> None:
    texts = []
    for attempt in (
        lambda: wiro_tools.WiroClient(KEY, SECRET, base_url="http://example.test/v1"),
        lambda: wiro_tools.get_tool(PIXART)(wiro_tools.WiroClient(KEY, SECRET)).run(steps="30"),
    ):
        with pytest.raises(wiro_tools.WiroError) as caught:
            attempt()
        texts += [str(caught.value), repr(caught.value)]
    assert not [text for text in texts if SECRET in text]


def test_a_secret_sent_to_the_server_is_not_echoed_back(
    mock_wiro: RunningMockServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    reply = httpx.post(
        f"{mock_wiro.base_url}/Run/{PIXART}",
        json={"prompt": SECRET, "nonsense": SECRET},
        headers={"x-api-key": SECRET, "x-nonce": "1", "x-signature": SECRET},
    )
    assert reply.status_code == 401
    assert SECRET not in reply.text
    assert all(SECRET not in repr(request) for request in mock_wiro.requests())
    assert all(SECRET not in record.getMessage() for record in caplog.records)


def test_the_server_compares_signatures_in_constant_time(
    mock_wiro: RunningMockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.mockserver import auth

    compared: list[tuple[bytes, bytes]] = []
    real = auth.hmac.compare_digest

    def spy(given: bytes, expected: bytes) -> bool:
        compared.append((given, expected))
        return real(given, expected)

    monkeypatch.setattr(auth.hmac, "compare_digest", spy)
    nonce = "1700000000123"
    signature = auth.signature_for(KEY, SECRET, nonce)
    headers = {"x-api-key": KEY, "x-nonce": nonce, "x-signature": signature}
    reply = httpx.post(f"{mock_wiro.base_url}/Tool/List", json={}, headers=headers)
    assert reply.json()["result"] is True
    assert (signature.encode(), signature.encode()) in compared

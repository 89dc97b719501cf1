"""Client set-up: credentials, base URL, nonces, secrecy, and sync/async parity."""

from __future__ import annotations

import asyncio
import inspect
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from types import ModuleType
from typing import Any

import httpx
import pytest

from ..support.fakewiro import KEY, SECRET, FakeWiro, detail, signature, task


def detail_fake() -> FakeWiro:
    return FakeWiro().queue("Task/Detail", detail(task("task_start")))


def test_credentials_fall_back_to_the_environment(
    allkinds: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WIRO_API_KEY", "env-key")
    monkeypatch.setenv("WIRO_API_SECRET", "env-secret")
    fake = detail_fake()
    with allkinds.WiroClient(transport=httpx.MockTransport(fake.handler)) as client:
        assert client.auth_mode == "signature"
        client.task("1").detail()
    sent = fake.requests[0].headers
    assert sent["x-api-key"] == "env-key"
    assert sent["x-signature"] == signature(sent["x-nonce"], "env-key", "env-secret")


def test_without_a_secret_the_client_uses_key_mode(
    allkinds: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WIRO_API_SECRET", raising=False)
    assert allkinds.WiroClient("k").auth_mode == "key"


def test_missing_key_is_a_configuration_error(
    allkinds: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WIRO_API_KEY", raising=False)
    with pytest.raises(allkinds.ConfigurationError, match="WIRO_API_KEY"):
        allkinds.WiroClient()


@pytest.mark.parametrize(
    "base_url",
    [
        "http://127.0.0.1:8080/v1",
        "http://localhost:1/v1",
        "http://[::1]:9/v1",
        "https://proxy.example/v1",
    ],
)
def test_https_or_loopback_base_urls_are_accepted(allkinds: ModuleType, base_url: str) -> None:
    fake = detail_fake()
    with allkinds.WiroClient(
        KEY, base_url=base_url, transport=httpx.MockTransport(fake.handler)
    ) as client:
        client.task("1").detail()
    assert str(fake.requests[0].url) == base_url.rstrip("/") + "/Task/Detail"


def test_plain_http_elsewhere_needs_the_explicit_opt_out(allkinds: ModuleType) -> None:
    with pytest.raises(allkinds.ConfigurationError, match="allow_insecure_base_url"):
        allkinds.WiroClient(KEY, base_url="http://api.example/v1")
    client = allkinds.WiroClient(
        KEY, base_url="http://api.example/v1", allow_insecure_base_url=True
    )
    assert client.base_url == "http://api.example/v1/"


def test_secret_is_in_no_repr_log_or_error(
    allkinds: ModuleType, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    fake = FakeWiro().queue(
        "Task/Detail",
        httpx.Response(503),
        httpx.Response(401, json={"result": False, "errors": [{"code": 99, "message": "bad"}]}),
    )
    client = allkinds.WiroClient(
        KEY, SECRET, transport=httpx.MockTransport(fake.handler), sleep=lambda _: None
    )
    with pytest.raises(allkinds.InvalidTokenError) as caught:
        client.task("1").detail()
    texts = [
        repr(client),
        str(client),
        repr(caught.value),
        str(caught.value),
        repr(client.task("1")),
    ]
    texts += [record.getMessage() for record in caplog.records]
    assert any("retrying" in text for text in texts), "the retry was logged"
    assert all(SECRET not in text for text in texts)


def test_nonces_are_strictly_increasing_across_threads(allkinds: ModuleType) -> None:
    lock, nonces = threading.Lock(), []

    def handler(request: httpx.Request) -> httpx.Response:
        nonce = request.headers["x-nonce"]
        assert request.headers["x-signature"] == signature(nonce)
        with lock:
            nonces.append(int(nonce))
        return detail(task("task_start"))

    transport = httpx.MockTransport(handler)
    with (
        allkinds.WiroClient(KEY, SECRET, transport=transport) as client,
        ThreadPoolExecutor(8) as pool,
    ):
        list(pool.map(lambda _: client.task("1").detail(), range(200)))
    assert len(set(nonces)) == 200


def test_nonces_are_unique_across_concurrent_async_tasks(allkinds: ModuleType) -> None:
    nonces: list[int] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        nonces.append(int(request.headers["x-nonce"]))
        await asyncio.sleep(0)
        return detail(task("task_start"))

    async def main() -> None:
        async with allkinds.AsyncWiroClient(
            KEY, SECRET, transport=httpx.MockTransport(handler)
        ) as client:
            await asyncio.gather(*(client.task("1").detail() for _ in range(100)))

    asyncio.run(main())
    assert len(set(nonces)) == 100
    assert sorted(nonces) == sorted(set(nonces))


def test_clients_close_their_pool_on_exit(allkinds: ModuleType) -> None:
    with allkinds.WiroClient(KEY) as client:
        pass
    assert client._http.is_closed

    async def main() -> Any:
        async with allkinds.AsyncWiroClient(KEY) as client:
            pass
        return client

    assert asyncio.run(main())._http.is_closed


@pytest.mark.parametrize(
    ("sync_name", "async_name"),
    [("WiroClient", "AsyncWiroClient"), ("Task", "AsyncTask"), ("Tool", "AsyncTool")],
)
def test_async_classes_mirror_the_sync_ones(
    allkinds: ModuleType, sync_name: str, async_name: str
) -> None:
    sync_class, async_class = getattr(allkinds, sync_name), getattr(allkinds, async_name)
    renamed = {"close": "aclose"}  # httpx's naming: close() / aclose()
    sync_methods = {renamed.get(name, name): m for name, m in _public_methods(sync_class).items()}
    assert sync_methods.keys() == _public_methods(async_class).keys()
    for name, method in sync_methods.items():
        twin = getattr(async_class, name)
        assert list(inspect.signature(method).parameters) == list(
            inspect.signature(twin).parameters
        )


def test_generated_tool_classes_mirror_each_other(all_kinds_module: ModuleType) -> None:
    sync_class, async_class = all_kinds_module.AllKinds, all_kinds_module.AsyncAllKinds
    for name in ("run", "run_and_wait"):
        sync_signature = inspect.signature(getattr(sync_class, name))
        async_signature = inspect.signature(getattr(async_class, name))
        assert sync_signature.parameters == async_signature.parameters
        assert inspect.iscoroutinefunction(getattr(async_class, name))


def _public_methods(cls: type) -> dict[str, Any]:
    return {
        name: member
        for name, member in inspect.getmembers(cls, inspect.isfunction)
        if not name.startswith("_") or name in ("__init__",)
    }

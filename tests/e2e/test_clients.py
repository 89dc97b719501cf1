"""Every generated client against the local Wiro mock server, over real HTTP on loopback."""

from __future__ import annotations

import asyncio
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.mockserver import RUNNING_STATUSES, RunningMockServer
from generator.parser import parse_page

from ..runtime.live import run_live
from ..support.fakewiro import maybe
from ..support.mockserver_fixture import KEY, SECRET, StartMockWiro
from ..support.paths import spec_pages

LIFECYCLE = [*RUNNING_STATUSES, "task_postprocess_end"]
TOOLS = [pytest.param(parse_page(page), id=page.name) for page in spec_pages()]
PIXART = "wiro/PixArt-Sigma"
PIXART_RUN = f"/v1/Run/{PIXART}"
DETAIL = "/v1/Task/Detail"


def tool_class(wiro_tools: ModuleType, slug: str, flavour: str) -> Any:
    return wiro_tools.get_tool(slug) if flavour == "sync" else wiro_tools.get_async_tool(slug)


def run_scenario(
    wiro_tools: ModuleType, server: RunningMockServer, flavour: str, scenario: Any, **options: Any
) -> Any:
    """`scenario(client)` with a client of the flavour on `server`, following tasks by
    polling (no socket), polls not slept."""
    return run_live(wiro_tools, server, flavour, scenario, socket_url=None, **options)


def explicit_values(tool: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """Arguments other than the defaults for every input, and the body fields they become."""
    arguments: dict[str, Any] = {}
    fields: dict[str, Any] = {}
    for spec in tool.info.inputs:
        if spec.kind == "string":
            value: Any = f"e2e {spec.name}"
        elif spec.kind == "integer":
            value = 7
        elif spec.kind == "float":
            value = 0.5
        elif spec.kind == "boolean":
            value = spec.default is not True
        elif spec.kind == "select":
            value = spec.options[-1] if spec.options else "e2e-choice"
        elif spec.kind == "multiselect":
            value = list(spec.options[:1])
        else:
            urls = [f"https://files.test/{spec.name}-{n}.png" for n in (1, 2)]
            single = spec.kind in ("file", "urlfile")
            arguments[spec.argument] = urls[0] if single else urls
            if spec.kind == "combinefile":
                fields[spec.name] = urls
            elif spec.kind == "urlfile":  # an old page's `<base>Url` input: the URL goes there
                fields[spec.name] = urls[0]
            else:
                fields[f"{spec.name}Url"] = ",".join(urls[:1] if single else urls)
            continue
        arguments[spec.argument] = value
        fields[spec.name] = value
    return arguments, fields


def _among_options(item: Any) -> bool:
    values = item.typed_default if isinstance(item.typed_default, tuple) else (item.typed_default,)
    return not item.options or all(value in [o.value for o in item.options] for value in values)


@pytest.mark.parametrize("flavour", ["sync", "async"])
@pytest.mark.parametrize("spec", TOOLS)
def test_defaults_reach_the_server_and_outputs_come_back(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, spec: Any, flavour: str
) -> None:
    seen: list[str] = []

    async def scenario(client: Any) -> Any:
        task = await maybe(tool_class(wiro_tools, spec.slug, flavour)(client).run())
        return task, await maybe(task.wait(on_status=lambda s: seen.append(s.status)))

    task, result = run_scenario(wiro_tools, mock_wiro, flavour, scenario)
    received = mock_wiro.received(task.taskid)
    assert received.path == f"/v1/Run/{spec.slug}"
    # Never sent: a file input's default (a sample file of the page), a select default
    # that is not among its options.
    defaults = {
        item.name: item.typed_default
        for item in spec.inputs
        if item.typed_default is not None and not item.kind.takes_files and _among_options(item)
    }
    assert received.fields == {
        k: list(v) if isinstance(v, tuple) else v for k, v in defaults.items()
    }
    assert seen == LIFECYCLE
    assert result.succeeded and result.taskid == task.taskid
    (output,) = result.outputs
    fetched = httpx.get(output.url)
    assert fetched.status_code == 200 and fetched.headers["content-type"] == output.contenttype


@pytest.mark.parametrize("flavour", ["sync", "async"])
@pytest.mark.parametrize("spec", TOOLS)
def test_explicit_values_reach_the_server(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, spec: Any, flavour: str
) -> None:
    tool = tool_class(wiro_tools, spec.slug, flavour)
    arguments, fields = explicit_values(tool)

    async def scenario(client: Any) -> Any:
        task = await maybe(tool(client).run(**arguments, callback_url="https://me.test/hook"))
        return task, await maybe(task.wait())

    task, result = run_scenario(wiro_tools, mock_wiro, flavour, scenario)
    assert mock_wiro.received(task.taskid).fields == {
        **fields,
        "callbackUrl": "https://me.test/hook",
    }
    assert result.succeeded


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_local_file_is_uploaded_as_multipart(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, tmp_path: Path, flavour: str
) -> None:
    picture = tmp_path / "man.jpg"
    picture.write_bytes(b"\xff\xd8 a small jpeg")

    async def scenario(client: Any) -> Any:
        tool = tool_class(wiro_tools, "wiro/avatarmotion", flavour)(client)
        return await maybe(tool.run(input_image=[picture, "https://files.test/b.jpg"], seed="7"))

    task = run_scenario(wiro_tools, mock_wiro, flavour, scenario)
    received = mock_wiro.received(task.taskid)
    (upload,) = received.files
    assert (upload.field, upload.filename) == ("inputImage", "man.jpg")
    assert upload.matches(b"\xff\xd8 a small jpeg")
    assert received.fields["inputImage"] == "https://files.test/b.jpg"
    assert received.fields["seed"] == "7"


# The fault matrix: what the client does when the server misbehaves.

DETAIL_RETRIED = ["500", "502", "503", "429", "drop", "slow", "malformed"]
RUN_FAULTS = [
    ("500", "ServerError"),
    ("503", "ServerError"),
    ("429", "RateLimitError"),
    ("drop", "APIConnectionError"),
    ("slow", "APITimeoutError"),
    ("malformed", "InvalidResponseError"),
    ("96", "ConcurrencyLimitError"),
    ("97", "InsufficientBalanceError"),
    ("98", "SignInRequiredError"),
    ("99", "InvalidTokenError"),
]
TASK_SCRIPTS = [("pexit", "TaskFailed"), ("error", "TaskFailed"), ("cancel", "TaskCancelled")]


def pixart_run_and_wait(
    wiro_tools: ModuleType, server: RunningMockServer, flavour: str, **options: Any
) -> Any:
    async def scenario(client: Any) -> Any:
        return await maybe(tool_class(wiro_tools, PIXART, flavour)(client).run_and_wait())

    return run_scenario(wiro_tools, server, flavour, scenario, timeout=1.0, **options)


@pytest.mark.parametrize("flavour", ["sync", "async"])
@pytest.mark.parametrize("fault", DETAIL_RETRIED)
def test_detail_faults_are_retried_to_success(
    wiro_tools: ModuleType, start_mock_wiro: StartMockWiro, fault: str, flavour: str
) -> None:
    server = start_mock_wiro(slow_seconds=1.5, retry_after=0)
    server.queue_faults(DETAIL, fault, fault)
    assert pixart_run_and_wait(wiro_tools, server, flavour).succeeded
    assert server.request_count(PIXART_RUN) == 1
    assert server.request_count(DETAIL) == 2 + len(LIFECYCLE)


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_malformed_detail_past_the_retries_is_an_invalid_response(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    mock_wiro.queue_faults(DETAIL, *["malformed"] * 4)
    with pytest.raises(wiro_tools.InvalidResponseError):
        pixart_run_and_wait(wiro_tools, mock_wiro, flavour)
    assert mock_wiro.request_count(DETAIL) == 4  # one poll and max_retries (3) more


@pytest.mark.parametrize("flavour", ["sync", "async"])
@pytest.mark.parametrize(("fault", "error"), RUN_FAULTS)
def test_run_faults_raise_and_run_is_sent_once(
    wiro_tools: ModuleType, start_mock_wiro: StartMockWiro, fault: str, error: str, flavour: str
) -> None:
    server = start_mock_wiro(slow_seconds=1.5, retry_after=0)
    server.queue_faults(PIXART_RUN, fault)
    with pytest.raises(getattr(wiro_tools, error)):
        # slot_timeout=0: a code 96 refusal raises at once instead of waiting for a slot.
        pixart_run_and_wait(wiro_tools, server, flavour, slot_timeout=0)
    assert server.request_count(PIXART_RUN) == 1
    assert server.request_count(DETAIL) == 0


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_run_refused_for_a_slot_is_sent_again_and_runs(
    wiro_tools: ModuleType, start_mock_wiro: StartMockWiro, flavour: str
) -> None:
    server = start_mock_wiro(retry_after=0)
    server.queue_faults(PIXART_RUN, "96")
    assert pixart_run_and_wait(wiro_tools, server, flavour).succeeded
    assert server.request_count(PIXART_RUN) == 2


@pytest.mark.parametrize("flavour", ["sync", "async"])
@pytest.mark.parametrize(("script", "error"), TASK_SCRIPTS)
def test_failed_tasks_raise_their_exception(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, script: str, error: str, flavour: str
) -> None:
    mock_wiro.queue_task_scripts(script)
    with pytest.raises(getattr(wiro_tools, error)) as caught:
        pixart_run_and_wait(wiro_tools, mock_wiro, flavour)
    assert caught.value.task.status in ("task_postprocess_end", "task_error", "task_cancel")
    assert mock_wiro.request_count(PIXART_RUN) == 1


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_unknown_statuses_are_waited_through(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    mock_wiro.queue_task_scripts("weird")
    assert pixart_run_and_wait(wiro_tools, mock_wiro, flavour).succeeded


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_wrong_secret_is_refused_as_an_invalid_token(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    async def scenario(client: Any) -> Any:
        return await maybe(tool_class(wiro_tools, PIXART, flavour)(client).run())

    async def main() -> Any:
        if flavour == "sync":
            with wiro_tools.WiroClient(KEY, "wrong", base_url=mock_wiro.base_url) as client:
                return await scenario(client)
        async with wiro_tools.AsyncWiroClient(KEY, "wrong", base_url=mock_wiro.base_url) as client:
            return await scenario(client)

    with pytest.raises(wiro_tools.AuthenticationError) as caught:
        asyncio.run(main())
    assert caught.value.status_code == 401
    assert "wrong" not in str(caught.value)


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_key_only_mode(
    wiro_tools: ModuleType, start_mock_wiro: StartMockWiro, flavour: str
) -> None:
    server = start_mock_wiro(auth="key")

    async def scenario(client: Any) -> Any:
        assert client.auth_mode == "key"
        return await maybe(tool_class(wiro_tools, PIXART, flavour)(client).run_and_wait())

    options = {"base_url": server.base_url, "sleep": lambda _: None}
    if flavour == "sync":
        with wiro_tools.WiroClient(KEY, **options) as client:
            result = asyncio.run(scenario(client))
    else:

        async def main() -> Any:
            async def no_sleep(_: float) -> None:
                return None

            async with wiro_tools.AsyncWiroClient(
                KEY, base_url=server.base_url, sleep=no_sleep
            ) as client:
                return await scenario(client)

        result = asyncio.run(main())
    assert result.succeeded


def test_kill_and_cancel_against_the_server(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer
) -> None:
    mock_wiro.clock(per_poll=0)  # frozen: tasks stay queued until the test moves them
    with wiro_tools.WiroClient(KEY, SECRET, base_url=mock_wiro.base_url) as client:
        tool = wiro_tools.get_tool(PIXART)(client)
        queued = tool.run()
        assert queued.cancel().status == "task_cancel"
        running = tool.run()
        mock_wiro.clock(advance=5)
        with pytest.raises(wiro_tools.NotCancellableError, match="not in a cancellable state"):
            running.cancel()
        assert running.kill().status == "task_cancel"
        with pytest.raises(wiro_tools.TaskCancelled):
            running.wait()


def test_fifty_concurrent_async_runs_succeed_with_unique_nonces(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer
) -> None:
    async def main() -> list[Any]:
        async def no_sleep(_: float) -> None:
            return None

        async with wiro_tools.AsyncWiroClient(
            KEY, SECRET, base_url=mock_wiro.base_url, sleep=no_sleep
        ) as client:
            tool = wiro_tools.get_async_tool(PIXART)(client)
            return list(await asyncio.gather(*(tool.run_and_wait(seed=str(n)) for n in range(50))))

    results = asyncio.run(main())
    assert all(result.succeeded for result in results)
    assert len({result.taskid for result in results}) == 50
    nonces = [request.headers["x-nonce"] for request in mock_wiro.requests()]
    assert (
        len(nonces)
        == len(set(nonces))
        == mock_wiro.request_count(PIXART_RUN) + mock_wiro.request_count(DETAIL)
    )
    assert mock_wiro.request_count(PIXART_RUN) == 50


def test_fetch_downloads_the_pages_the_server_serves(
    mock_wiro: RunningMockServer, tmp_path: Path
) -> None:
    origin = mock_wiro.base_url.removesuffix("/v1")
    slugs = [page.name.removesuffix(".md").replace("__", "/") for page in spec_pages()]
    result = CliRunner().invoke(main, ["fetch", *slugs, "-d", str(tmp_path), "--base-url", origin])
    assert result.exit_code == 0, result.output
    for page in spec_pages():
        assert (tmp_path / page.name).read_bytes() == page.read_bytes()

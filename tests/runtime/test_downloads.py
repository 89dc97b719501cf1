"""client.download() and client.save_outputs() against the mock server's output files."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator.mockserver import RunningMockServer

from ..support.fakewiro import maybe
from ..support.mockserver_fixture import KEY
from .live import FLAVOURS, run_live
from .test_events import start


@pytest.fixture(params=FLAVOURS)
def flavour(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def finished_task(
    wiro_tools: ModuleType, server: RunningMockServer, flavour: str, act: Any, script: Any
) -> Any:
    """Run PixArt-Sigma with `script` to the end, then `act(client, snapshot)`."""

    async def scenario(client: Any) -> Any:
        task = await maybe(start(wiro_tools, client))
        snapshot = await maybe(task.wait())
        return await maybe(act(client, snapshot))

    server.queue_task_scripts(script)
    return run_live(wiro_tools, server, flavour, scenario)


def test_save_outputs_writes_every_output_in_order(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str, tmp_path: Path
) -> None:
    paths = finished_task(
        wiro_tools,
        mock_wiro,
        flavour,
        lambda client, snapshot: client.save_outputs(snapshot, tmp_path / "out"),
        {"outputs": 3, "output_size": 50_000},
    )
    assert [path.name for path in paths] == ["0.png", "1.png", "2.png"]
    assert [path.stat().st_size for path in paths] == [50_000] * 3
    assert paths[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_download_into_a_directory_keeps_the_output_name(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str, tmp_path: Path
) -> None:
    path = finished_task(
        wiro_tools,
        mock_wiro,
        flavour,
        lambda client, snapshot: client.download(snapshot.outputs[0], tmp_path),
        "success",
    )
    assert path == tmp_path / "0.png" and path.is_file()


def test_a_downloaded_file_has_the_users_umask_permissions(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str, tmp_path: Path
) -> None:
    previous = os.umask(0o027)
    try:
        path = finished_task(
            wiro_tools,
            mock_wiro,
            flavour,
            lambda client, snapshot: client.download(snapshot.outputs[0], tmp_path),
            "success",
        )
    finally:
        os.umask(previous)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_download_to_a_file_path_uses_that_path(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str, tmp_path: Path
) -> None:
    path = finished_task(
        wiro_tools,
        mock_wiro,
        flavour,
        lambda client, snapshot: client.download(snapshot.outputs[0].url, tmp_path / "cat.png"),
        {"output_size": 1234},
    )
    assert path == tmp_path / "cat.png" and path.stat().st_size == 1234


def test_size_mismatch_fails_and_leaves_no_file(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str, tmp_path: Path
) -> None:
    with pytest.raises(wiro_tools.DownloadError, match="expected 2000 bytes, got 1000"):
        finished_task(
            wiro_tools,
            mock_wiro,
            flavour,
            lambda client, snapshot: client.download(snapshot.outputs[0], tmp_path),
            {"output_size": 1000, "advertised_size": 2000},
        )
    assert list(tmp_path.iterdir()) == []


def test_interrupted_download_leaves_no_file(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str, tmp_path: Path
) -> None:
    def cut_then_download(client: Any, snapshot: Any) -> Any:
        mock_wiro.queue_faults(snapshot.outputs[0].url.removeprefix(mock_wiro.origin), "cut")
        return client.download(snapshot.outputs[0], tmp_path)

    with pytest.raises(wiro_tools.DownloadError):
        finished_task(wiro_tools, mock_wiro, flavour, cut_then_download, {"output_size": 100_000})
    assert list(tmp_path.iterdir()) == []


def test_a_failed_download_keeps_a_file_already_there(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str, tmp_path: Path
) -> None:
    (tmp_path / "0.png").write_bytes(b"earlier")

    def cut_then_download(client: Any, snapshot: Any) -> Any:
        mock_wiro.queue_faults(snapshot.outputs[0].url.removeprefix(mock_wiro.origin), "cut")
        return client.download(snapshot.outputs[0], tmp_path)

    with pytest.raises(wiro_tools.DownloadError):
        finished_task(wiro_tools, mock_wiro, flavour, cut_then_download, "success")
    assert (tmp_path / "0.png").read_bytes() == b"earlier"


@pytest.mark.parametrize(
    "name", ["../../evil.png", "..\\..\\evil.png", "/etc/evil.png", "..evil.png"]
)
def test_an_output_name_cannot_escape_the_directory(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str, tmp_path: Path, name: str
) -> None:
    target = tmp_path / "out"
    target.mkdir()

    def download_renamed(client: Any, snapshot: Any) -> Any:
        output = wiro_tools.Output(
            name=name, contenttype="image/png", size=None, url=snapshot.outputs[0].url
        )
        return client.download(output, target)

    path = finished_task(wiro_tools, mock_wiro, flavour, download_renamed, "success")
    assert path == target / "evil.png"
    assert [p.name for p in tmp_path.rglob("*")] == ["out", "evil.png"]


def test_credentials_are_not_sent_to_the_output_host(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str, tmp_path: Path
) -> None:
    finished_task(
        wiro_tools,
        mock_wiro,
        flavour,
        lambda client, snapshot: client.download(snapshot.outputs[0], tmp_path),
        "success",
    )
    fetched = [r for r in mock_wiro.requests() if r.path.startswith("/files/")]
    assert len(fetched) == 1
    assert not {"x-api-key", "x-signature", "x-nonce"} & set(fetched[0].headers)
    assert KEY not in str(fetched[0].headers)


def test_plain_http_to_a_remote_host_is_refused_before_any_request(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str, tmp_path: Path
) -> None:
    with pytest.raises(wiro_tools.DownloadError, match="only https"):
        finished_task(
            wiro_tools,
            mock_wiro,
            flavour,
            lambda client, snapshot: client.download("http://files.example/0.png", tmp_path),
            "success",
        )


def test_an_output_without_url_cannot_be_downloaded(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str, tmp_path: Path
) -> None:
    with pytest.raises(wiro_tools.DownloadError, match=r"output\.content"):
        finished_task(
            wiro_tools,
            mock_wiro,
            flavour,
            lambda client, snapshot: client.download(snapshot.outputs[0], tmp_path),
            "llm",
        )

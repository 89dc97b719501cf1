"""Uploads, projectid and extra fields from the runtime's clients, as the mock server takes them."""

from __future__ import annotations

import asyncio
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from generator import runtime
from generator.mockserver import RunningMockServer
from tests.support.fakewiro import maybe
from tests.support.mockserver_fixture import KEY, SECRET

from .support import admin, error_messages

CARTOONIFY = runtime.ToolInfo(
    slug="wiro/cartoonify",
    run_path="Run/wiro/cartoonify",
    inputs=(runtime.InputSpec("inputImageUrl", "input_image_url", "urlfile"),),
)
GARMENT = runtime.ToolInfo(
    slug="wiro/mock-upload",
    run_path="Run/wiro/mock-upload",
    inputs=(
        runtime.InputSpec("prompt", "prompt", "string"),
        runtime.InputSpec("garment", "garment", "file"),
    ),
)
PNG = b"\x89PNG\r\n\x1a\n-cat"


def run(
    server: RunningMockServer,
    flavour: str,
    info: runtime.ToolInfo,
    values: dict[str, Any],
    **options: Any,
) -> str:
    """Start `info` with `values` through the runtime's sync or async client; the taskid."""
    base = runtime.Tool if flavour == "sync" else runtime.AsyncTool
    tool_class = type("Tool", (base,), {"info": info})

    async def main() -> Any:
        if flavour == "sync":
            with runtime.WiroClient(KEY, SECRET, base_url=server.base_url) as client:
                return tool_class(client)._start(values, **options)
        async with runtime.AsyncWiroClient(KEY, SECRET, base_url=server.base_url) as client:
            return await maybe(tool_class(client)._start(values, **options))

    return str(asyncio.run(main()).taskid)


@pytest.fixture(params=["sync", "async"])
def flavour(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_an_old_pages_url_input_takes_an_upload_under_its_base_name(
    mock_wiro: RunningMockServer, flavour: str, tmp_path: Path
) -> None:
    picture = tmp_path / "cat.png"
    picture.write_bytes(PNG)
    taskid = run(mock_wiro, flavour, CARTOONIFY, {"inputImageUrl": picture})
    received = mock_wiro.received(taskid)
    assert received.fields == {"inputImageUrl": ""}
    (upload,) = received.files
    assert (upload.field, upload.filename, upload.content_type) == (
        "inputImage",
        "cat.png",
        "image/png",
    )
    assert upload.matches(PNG)
    record = admin(mock_wiro, "GET", f"tasks/{taskid}").json()
    assert record["task"]["parameters"]["inputImage"] == ["cat.png"]


def test_a_file_input_takes_bytes_typed_by_their_leading_bytes(
    upload_server: RunningMockServer, flavour: str
) -> None:
    taskid = run(upload_server, flavour, GARMENT, {"garment": b"\xff\xd8\xff-coat"})
    received = upload_server.received(taskid)
    assert received.fields == {"garmentUrl": ""}
    assert [(f.field, f.filename, f.content_type) for f in received.files] == [
        ("garment", "garment.jpg", "image/jpeg")
    ]


def test_projectid_and_extra_fields_are_accepted_and_recorded_in_json(
    mock_wiro: RunningMockServer, flavour: str
) -> None:
    values = {"inputImageUrl": "https://x.test/in.png"}
    taskid = run(
        mock_wiro, flavour, CARTOONIFY, values, project_id="p-7", extra_body={"seedMode": "fixed"}
    )
    assert mock_wiro.received(taskid).fields == {
        "inputImageUrl": "https://x.test/in.png",
        "projectid": "p-7",
        "seedMode": "fixed",
    }


def test_projectid_and_extra_fields_are_accepted_and_recorded_beside_an_upload(
    upload_server: RunningMockServer, flavour: str
) -> None:
    taskid = run(
        upload_server,
        flavour,
        GARMENT,
        {"garment": ("coat.webp", b"RIFF")},
        project_id="p-7",
        extra_body={"strength_61": 0.5},
    )
    received = upload_server.received(taskid)
    assert received.fields == {"garmentUrl": "", "projectid": "p-7", "strength_61": "0.5"}
    assert received.files[0].content_type == "image/webp"
    parameters = admin(upload_server, "GET", f"tasks/{taskid}").json()["task"]["parameters"]
    assert (parameters["projectid"], parameters["strength_61"]) == ("p-7", "0.5")


def test_text_in_the_base_part_of_an_old_url_input_is_refused(wiro: httpx.Client) -> None:
    reply = wiro.post("/Run/wiro/cartoonify", json={"inputImage": "https://x.test/in.png"})
    assert "send a URL in 'inputImageUrl'" in error_messages(reply)[0]


def test_two_uploads_for_an_old_url_input_are_refused(wiro: httpx.Client) -> None:
    files = [("inputImage", ("a.png", PNG, "image/png"))] * 2
    reply = wiro.post("/Run/wiro/cartoonify", files=files)
    assert "takes one file, got 2" in error_messages(reply)[0]


def test_an_upload_under_a_part_no_input_names_is_refused(wiro: httpx.Client) -> None:
    reply = wiro.post("/Run/wiro/cartoonify", files={"inputPicture": ("a.png", PNG, "image/png")})
    assert "Unknown input 'inputPicture'" in error_messages(reply)[0]


def test_a_projectid_must_be_one_value(wiro: httpx.Client) -> None:
    reply = wiro.post("/Run/wiro/cartoonify", json={"projectid": ["1", "2"]})
    assert "projectid" in error_messages(reply)[0]


def generated_run(
    wiro_tools: ModuleType, server: RunningMockServer, flavour: str, slug: str, **arguments: Any
) -> str:
    """`run(**arguments)` of a generated tool module on `server`; the taskid."""

    async def main() -> Any:
        if flavour == "sync":
            with wiro_tools.WiroClient(KEY, SECRET, base_url=server.base_url) as client:
                return wiro_tools.get_tool(slug)(client).run(**arguments)
        async with wiro_tools.AsyncWiroClient(KEY, SECRET, base_url=server.base_url) as client:
            return await wiro_tools.get_async_tool(slug)(client).run(**arguments)

    return str(asyncio.run(main()).taskid)


def test_a_generated_old_page_tool_uploads_a_path_under_the_base_name(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str, tmp_path: Path
) -> None:
    picture = tmp_path / "face.jpg"
    picture.write_bytes(b"\xff\xd8\xff-face")
    taskid = generated_run(
        wiro_tools, mock_wiro, flavour, "wiro/cartoonify", input_image_url=picture
    )
    received = mock_wiro.received(taskid)
    assert received.fields["inputImageUrl"] == ""
    assert [(f.field, f.filename, f.content_type) for f in received.files] == [
        ("inputImage", "face.jpg", "image/jpeg")
    ]


def test_a_generated_tool_sends_project_id_and_extra_body(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    taskid = generated_run(
        wiro_tools,
        mock_wiro,
        flavour,
        "wiro/PixArt-Sigma",
        prompt="a heron",
        project_id="p-9",
        extra_body={"seedMode": "fixed"},
    )
    fields = mock_wiro.received(taskid).fields
    assert (fields["prompt"], fields["projectid"], fields["seedMode"]) == (
        "a heron",
        "p-9",
        "fixed",
    )

"""Driving the runtime itself (generator.runtime) with hand-written tools, and reading what it sent."""

from __future__ import annotations

import json
from dataclasses import dataclass
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any

import httpx

from generator import runtime

from ..support.fakewiro import RUN_OK, Driver, FakeWiro, maybe

RUN_PATH = "Run/wirogen/uploads"

TOOL = runtime.ToolInfo(
    slug="wirogen/uploads",
    run_path=RUN_PATH,
    inputs=(
        runtime.InputSpec("prompt", "prompt", "string", default="a cat"),
        runtime.InputSpec("steps", "steps", "integer", default=30),
        runtime.InputSpec("inputImage", "input_image", "file"),
        runtime.InputSpec("references", "references", "multifile", default=("a.jpg", "b.jpg")),
        runtime.InputSpec("inputImages", "input_images", "combinefile"),
        runtime.InputSpec("inputAudioUrl", "input_audio_url", "urlfile"),
    ),
)


class SyncUploads(runtime.Tool):
    info = TOOL


class AsyncUploads(runtime.AsyncTool):
    info = TOOL


@dataclass(frozen=True)
class Part:
    """One part of a multipart body."""

    name: str
    filename: str | None
    content_type: str | None
    content: bytes


def start(driver: Driver, *args: Any, **kwargs: Any) -> httpx.Request:
    """`_start(*args, **kwargs)` on the test tool; the one Run request it sent."""
    fake = FakeWiro().queue(RUN_PATH, RUN_OK)

    async def scenario(client: Any) -> Any:
        tool = SyncUploads(client) if driver.flavour == "sync" else AsyncUploads(client)
        return await maybe(tool._start(*args, **kwargs))

    driver.run(fake, scenario)
    (request,) = fake.sent(RUN_PATH)
    return request


def refused(driver: Driver, *args: Any, **kwargs: Any) -> tuple[Exception, list[httpx.Request]]:
    """The error `_start(*args, **kwargs)` raised, and the requests sent (should be none)."""
    fake = FakeWiro().queue(RUN_PATH, RUN_OK)

    async def scenario(client: Any) -> Any:
        tool = SyncUploads(client) if driver.flavour == "sync" else AsyncUploads(client)
        return await maybe(tool._start(*args, **kwargs))

    try:
        driver.run(fake, scenario)
    except runtime.InvalidInputError as error:
        return error, fake.requests
    raise AssertionError("the call was not refused")


def json_body(request: httpx.Request) -> Any:
    assert request.headers["content-type"] == "application/json"
    return json.loads(request.content)


def parts(request: httpx.Request) -> list[Part]:
    """The parts of a multipart request, in order, read by the standard email parser."""
    content_type = request.headers["content-type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    message = BytesParser(policy=HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + request.content
    )
    found = []
    for part in message.iter_parts():
        found.append(
            Part(
                name=part.get_param("name", header="content-disposition"),
                filename=part.get_filename(),
                content_type=part["content-type"],
                content=part.get_payload(decode=True),
            )
        )
    return found


def fields(request: httpx.Request) -> dict[str, list[str]]:
    """The plain (non-file) fields of a multipart request: name -> values in order."""
    found: dict[str, list[str]] = {}
    for part in parts(request):
        if part.filename is None:
            found.setdefault(part.name, []).append(part.content.decode())
    return found


def uploads(request: httpx.Request) -> list[tuple[str, str, str, bytes]]:
    """The file parts of a multipart request: (part, file name, content type, bytes)."""
    return [
        (part.name, part.filename, part.content_type or "", part.content)
        for part in parts(request)
        if part.filename is not None
    ]

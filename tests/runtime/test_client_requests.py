"""The requests a generated client sends: URL, headers, signature and body."""

from __future__ import annotations

import io
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from ..support.fakewiro import KEY, RUN_OK, Driver, FakeWiro, maybe, signature

RUN_PATH = "Run/wirogen/all-kinds"


def start(driver: Driver, module: ModuleType, fake: FakeWiro, **arguments: Any) -> httpx.Request:
    """Run AllKinds with `arguments` and return the one Run request sent."""

    async def scenario(client: Any) -> Any:
        return await maybe(driver.tool(module, "AllKinds", client).run(**arguments))

    fake.queue(RUN_PATH, RUN_OK)
    task = driver.run(fake, scenario)
    assert task.taskid == "2221" and task.socketaccesstoken == "eDcCm5yy"
    (request,) = fake.sent(RUN_PATH)
    return request


def test_valid_defaults_are_sent_under_wire_names(
    driver: Driver, all_kinds_module: ModuleType
) -> None:
    # Not sent: selectedModel's default "1" (not an option), the sample file names.
    request = start(driver, all_kinds_module, FakeWiro())
    assert request.method == "POST"
    assert str(request.url) == "https://api.wiro.ai/v1/Run/wirogen/all-kinds"
    assert request.headers["content-type"] == "application/json"
    assert FakeWiro.body(request) == {
        "prompt": "a cat",
        "steps": 30,
        "guidance": 4.5,
        "scale": 3.0,
        "strength": 7.0,
        "enhance": True,
        "aspectRatio": "16:9",
        "loras": ["61"],
        "effect": "smash",
        "color": "#ffffff",
        "class": "portrait",
    }


def test_request_is_signed_with_a_fresh_nonce(driver: Driver, all_kinds_module: ModuleType) -> None:
    request = start(driver, all_kinds_module, FakeWiro())
    nonce = request.headers["x-nonce"]
    assert request.headers["x-api-key"] == KEY
    assert nonce.isdigit()
    assert request.headers["x-signature"] == signature(nonce)


def test_key_only_mode_sends_the_key_alone(driver: Driver, all_kinds_module: ModuleType) -> None:
    fake = FakeWiro().queue(RUN_PATH, RUN_OK)

    async def scenario(client: Any) -> Any:
        assert client.auth_mode == "key"
        return await maybe(driver.tool(all_kinds_module, "AllKinds", client).run())

    driver.run(fake, scenario, api_secret=None)
    (request,) = fake.sent(RUN_PATH)
    assert request.headers["x-api-key"] == KEY
    assert "x-nonce" not in request.headers and "x-signature" not in request.headers


def test_explicit_arguments_replace_defaults(driver: Driver, all_kinds_module: ModuleType) -> None:
    request = start(
        driver,
        all_kinds_module,
        FakeWiro(),
        prompt="a fox",
        negative_prompt="blur",
        steps=4,
        guidance=2,
        enhance=False,
        aspect_ratio="",
        loras=["61", "62"],
        input_image="https://x.test/in.png",
        references=["https://x.test/1.png", "https://x.test/2.png"],
        input_images="https://x.test/only.png",
        seed=7,
        class_="landscape",
        callback_url="https://me.test/hook",
    )
    body = FakeWiro.body(request)
    assert body["prompt"] == "a fox" and body["negativePrompt"] == "blur"
    assert (body["steps"], body["guidance"], body["enhance"]) == (4, 2, False)
    assert body["aspectRatio"] == "" and body["loras"] == ["61", "62"]
    assert body["inputImageUrl"] == "https://x.test/in.png"
    assert body["referencesUrl"] == "https://x.test/1.png,https://x.test/2.png"
    assert body["inputImages"] == ["https://x.test/only.png"]
    assert (body["seed"], body["class"]) == (7, "landscape")
    assert body["callbackUrl"] == "https://me.test/hook"


def test_none_leaves_an_input_out(driver: Driver, all_kinds_module: ModuleType) -> None:
    body = FakeWiro.body(start(driver, all_kinds_module, FakeWiro(), prompt=None, loras=None))
    assert "prompt" not in body and "loras" not in body
    assert "negativePrompt" not in body and "seed" not in body


def test_local_files_go_as_multipart(
    driver: Driver, all_kinds_module: ModuleType, tmp_path: Path
) -> None:
    picture = tmp_path / "cat.png"
    picture.write_bytes(b"\x89PNG-cat")
    request = start(
        driver,
        all_kinds_module,
        FakeWiro(),
        input_image=picture,
        references=[b"raw-bytes", "https://x.test/ref.png"],
        input_images=[io.BytesIO(b"stream"), "https://x.test/a.png", "https://x.test/b.png"],
        loras=["62"],
    )
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    parts = _multipart(request)
    assert parts["inputImage"] == [("cat.png", b"\x89PNG-cat")]
    assert parts["inputImageUrl"] == [(None, b"")]
    assert parts["references"] == [("references.bin", b"raw-bytes")]
    assert parts["referencesUrl"] == [(None, b"https://x.test/ref.png")]
    # httpx puts form fields before files: compare each group in its own order.
    urls = [part for part in parts["inputImages"] if part[0] is None]
    uploads = [part for part in parts["inputImages"] if part[0] is not None]
    assert urls == [(None, b"https://x.test/a.png"), (None, b"https://x.test/b.png")]
    assert uploads == [("inputImages.bin", b"stream")]
    assert parts["steps"] == [(None, b"30")] and parts["enhance"] == [(None, b"true")]
    assert json.loads(parts["loras"][0][1]) == ["62"]


def _multipart(request: httpx.Request) -> dict[str, list[tuple[str | None, bytes]]]:
    """Form parts by name: (file name or None for a field, content)."""
    boundary = request.headers["content-type"].split("boundary=")[1].encode()
    parts: dict[str, list[tuple[str | None, bytes]]] = {}
    for chunk in request.content.split(b"--" + boundary)[1:-1]:
        head, _, content = chunk.strip(b"\r\n").partition(b"\r\n\r\n")
        disposition = head.split(b"\r\n")[0].decode()
        name = disposition.split('name="')[1].split('"')[0]
        filename = (
            disposition.split('filename="')[1].split('"')[0] if "filename=" in disposition else None
        )
        parts.setdefault(name, []).append((filename, content))
    return parts


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        ({"aspect_ratio": "4:3"}, "aspectRatio"),
        ({"loras": ["61", "99"]}, "loras"),
        ({"steps": "30"}, "steps"),
        ({"steps": True}, "steps"),
        ({"scale": "3"}, "scale"),
        ({"enhance": 1}, "enhance"),
        ({"prompt": 5}, "prompt"),
        ({"loras": "61"}, "loras"),
        ({"input_image": 3.5}, "inputImage"),
        ({"guidance": float("nan")}, "guidance"),
    ],
)
def test_invalid_values_are_refused_before_any_request(
    driver: Driver, all_kinds_module: ModuleType, arguments: dict[str, Any], named: str
) -> None:
    fake = FakeWiro()

    async def scenario(client: Any) -> Any:
        return await maybe(driver.tool(all_kinds_module, "AllKinds", client).run(**arguments))

    with pytest.raises(driver.package.InvalidInputError) as caught:
        driver.run(fake, scenario)
    assert caught.value.input_name == named
    assert named in str(caught.value)
    assert fake.requests == []


def test_unknown_keyword_is_a_type_error_naming_it(
    driver: Driver, all_kinds_module: ModuleType
) -> None:
    async def scenario(client: Any) -> Any:
        return await maybe(driver.tool(all_kinds_module, "AllKinds", client).run(stepz=3))

    with pytest.raises(TypeError, match="stepz"):
        driver.run(FakeWiro(), scenario)


def test_unlisted_values_pass_with_the_opt_out(
    driver: Driver, all_kinds_module: ModuleType
) -> None:
    async def scenario(client: Any) -> Any:
        tool = driver.tool(all_kinds_module, "AllKinds", client)
        return await maybe(tool.run(aspect_ratio="4:3", loras=["99"], allow_unlisted=True))

    fake = FakeWiro().queue(RUN_PATH, RUN_OK)
    driver.run(fake, scenario)
    body = FakeWiro.body(fake.sent(RUN_PATH)[0])
    assert (body["aspectRatio"], body["loras"]) == ("4:3", ["99"])


def test_examples_are_valid_run_arguments(driver: Driver, all_kinds_module: ModuleType) -> None:
    examples = all_kinds_module.EXAMPLES
    assert set(examples) == {"example_1", "example_2"}
    body = FakeWiro.body(start(driver, all_kinds_module, FakeWiro(), **examples["example_2"]))
    assert (body["prompt"], body["enhance"], body["loras"]) == ("a bird", False, ["62"])
    assert body["inputImageUrl"] == "https://cdn.wiro.ai/x.jpg"


def test_slug_with_a_space_is_percent_encoded(tmp_path: Path) -> None:
    from ..support.genpkg import DATA, generate, import_package

    page = (
        (DATA / "wirogen__all-kinds.md")
        .read_text()
        .replace("Run/wirogen/all-kinds", "Run/futurist/CartoonMix v1.0")
    )
    (tmp_path / "page.md").write_text(page)
    generate([tmp_path / "page.md"], tmp_path / "out", package="spacepkg")
    package = import_package(tmp_path / "out", "spacepkg")
    fake = FakeWiro().queue("Run/futurist/CartoonMix v1.0", RUN_OK)
    with package.WiroClient(KEY, transport=httpx.MockTransport(fake.handler)) as client:
        package.get_tool("futurist/cartoonmix V1.0")(client).run()
    assert fake.requests[0].url.raw_path == b"/v1/Run/futurist/CartoonMix%20v1.0"

"""Every kind of input as a command-line option, sent as the runtime sends it."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.mockserver import RunningMockServer

from .conftest import Shell, only_run

SLUG = "wirogen/all-kinds"
URL = "https://cdn.example.com/a.png"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 24


@pytest.fixture
def image(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cat.png").write_bytes(PNG)
    return tmp_path / "cat.png"


def sent(shell: Shell, server: RunningMockServer, *args: str, stdin: bytes | None = None) -> dict:
    result = shell("run", SLUG, "--no-wait", *args, stdin=stdin)
    assert result.exit_code == 0, result.output
    return only_run(server, SLUG)


@pytest.mark.parametrize(
    ("args", "wire", "value"),
    [
        (("--steps", "12"), "steps", 12),
        (("--guidance", "2.5"), "guidance", 2.5),
        (("--strength", "3"), "strength", 3.0),
        (("--enhance",), "enhance", True),
        (("--no-enhance",), "enhance", False),
        (("--aspect-ratio", "1:1"), "aspectRatio", "1:1"),
        (("--loras", "61", "--loras", "62"), "loras", ["61", "62"]),
        (("--prompt", "a dog"), "prompt", "a dog"),
        (("--class", "studio"), "class", "studio"),
        (("--seed", "-5"), "seed", -5),
    ],
)
def test_each_kind_of_option_is_sent_typed(
    kinds_shell: Shell,
    allkinds_server: RunningMockServer,
    args: tuple[str, ...],
    wire: str,
    value: object,
) -> None:
    assert sent(kinds_shell, allkinds_server, *args)[wire] == value


def test_a_file_url_is_sent_as_a_url(
    kinds_shell: Shell, allkinds_server: RunningMockServer
) -> None:
    assert sent(kinds_shell, allkinds_server, "--input-image", URL)["inputImageUrl"] == URL


def test_a_local_path_is_uploaded(
    kinds_shell: Shell, allkinds_server: RunningMockServer, image: Path
) -> None:
    kinds_shell("run", SLUG, "--no-wait", "--input-image", "cat.png")
    (request,) = allkinds_server.requests(f"/v1/Run/{SLUG}")
    (upload,) = request.files
    assert (upload.field, upload.filename, upload.size) == ("inputImage", "cat.png", len(PNG))


def test_a_multifile_option_mixes_urls_and_paths(
    kinds_shell: Shell, allkinds_server: RunningMockServer, image: Path
) -> None:
    kinds_shell("run", SLUG, "--no-wait", "--references", URL, "--references", "cat.png")
    (request,) = allkinds_server.requests(f"/v1/Run/{SLUG}")
    assert request.fields["referencesUrl"] == URL
    assert [upload.filename for upload in request.files] == ["cat.png"]


def test_a_combinefile_option_sends_its_urls_as_a_list(
    kinds_shell: Shell, allkinds_server: RunningMockServer
) -> None:
    body = sent(kinds_shell, allkinds_server, "--input-images", URL, "--input-images", URL + "?2")
    assert body["inputImages"] == [URL, URL + "?2"]


def test_dash_uploads_standard_input(
    kinds_shell: Shell, allkinds_server: RunningMockServer
) -> None:
    kinds_shell("run", SLUG, "--no-wait", "--input-image", "-", stdin=PNG)
    (request,) = allkinds_server.requests(f"/v1/Run/{SLUG}")
    (upload,) = request.files
    assert upload.size == len(PNG) and upload.content_type == "image/png"


def test_a_missing_file_exits_2_naming_the_option(
    kinds_shell: Shell, allkinds_server: RunningMockServer, image: Path
) -> None:
    result = kinds_shell("run", SLUG, "--input-image", "dog.png")
    assert result.exit_code == 2
    assert "--input-image" in result.stderr and "no such file" in result.stderr
    assert allkinds_server.request_count(f"/v1/Run/{SLUG}") == 0


def test_an_option_outside_a_multiselect_exits_2(kinds_shell: Shell) -> None:
    result = kinds_shell("run", SLUG, "--loras", "99")
    assert result.exit_code == 2 and "--loras" in result.stderr


def test_an_example_is_the_start_and_options_override_it(
    kinds_shell: Shell, allkinds_server: RunningMockServer
) -> None:
    body = sent(kinds_shell, allkinds_server, "--example", "example_1", "--steps", "3")
    assert (body["prompt"], body["aspectRatio"], body["steps"]) == ("a dog", "1:1", 3)


def test_an_unknown_example_exits_2_listing_the_known(kinds_shell: Shell) -> None:
    result = kinds_shell("run", SLUG, "--example", "nope")
    assert result.exit_code == 2 and "example_1, example_2" in result.stderr


def test_the_options_left_out_keep_run_defaults(
    kinds_shell: Shell, allkinds_server: RunningMockServer
) -> None:
    body = sent(kinds_shell, allkinds_server)
    assert (body["prompt"], body["steps"], body["loras"]) == ("a cat", 30, ["61"])
    assert "negativePrompt" not in body

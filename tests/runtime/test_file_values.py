"""What a file input accepts: a URL, or a local file named and typed for upload."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from generator.runtime import InvalidInputError
from generator.runtime._uploads import LocalFile, file_value, sniffed_type

# The first bytes of real files of each kind.
HEADS = {
    "image/png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "image/jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
    "image/webp": b"RIFF\x24\x00\x00\x00WEBPVP8 ",
    "image/gif": b"GIF89a\x01\x00\x01\x00",
    "video/mp4": b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00",
    "audio/wav": b"RIFF\x24\x08\x00\x00WAVEfmt ",
    "audio/mpeg": b"ID3\x04\x00\x00\x00\x00\x00\x00",
}


@pytest.mark.parametrize("url", ["https://cdn.wiro.ai/in.png", "http://x.test/a.mp3"])
def test_http_and_https_strings_are_urls(url: str) -> None:
    assert file_value("inputImage", "inputImage", url) == url


def test_a_str_naming_an_existing_file_is_refused_not_uploaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "passwd").write_bytes(b"root:x:0:0")
    monkeypatch.chdir(tmp_path)
    for value in ("passwd", str(tmp_path / "passwd")):
        with pytest.raises(InvalidInputError, match=r"pass a local file as Path\("):
            file_value("inputImage", "inputImage", value)


def test_a_pathlike_is_a_local_file_typed_by_its_extension(tmp_path: Path) -> None:
    path = tmp_path / "voice.wav"
    path.write_bytes(b"")
    assert file_value("inputAudio", "inputAudio", path) == LocalFile("voice.wav", path, "audio/wav")


def test_a_path_without_a_known_extension_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "upload"
    path.write_bytes(HEADS["image/webp"])
    assert file_value("inputImage", "inputImage", path).content_type == "image/webp"  # type: ignore[union-attr]


@pytest.mark.parametrize("value", ["cat.png", "input-man-3.jpg", "ftp://x.test/a.png", ""])
def test_a_string_that_is_no_url_is_refused_naming_the_input(value: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        file_value("inputImage", "inputImage", value)
    assert caught.value.input_name == "inputImage"
    assert f"{value!r} is not an http(s):// URL" in str(caught.value)
    assert f"Path({value!r})" in str(caught.value)


def test_a_long_refused_string_is_shown_cut_short() -> None:
    with pytest.raises(InvalidInputError) as caught:
        file_value("inputImage", "inputImage", "x" * 10_000)
    assert len(str(caught.value)) < 400


def test_a_missing_pathlike_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="no such file"):
        file_value("inputImage", "inputImage", tmp_path / "gone.png")


def test_a_directory_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="is a directory, not a file"):
        file_value("inputImage", "inputImage", tmp_path)


def test_a_directory_given_as_a_path_is_refused_as_a_directory(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError) as caught:
        file_value("inputImage", "inputImage", tmp_path)
    assert str(caught.value).endswith(f"{str(tmp_path)!r} is a directory, not a file")


@pytest.mark.parametrize(("content_type", "head"), sorted(HEADS.items()))
def test_leading_bytes_give_the_content_type(content_type: str, head: bytes) -> None:
    assert sniffed_type(head) == content_type


def test_an_mpeg_audio_frame_sync_is_mp3() -> None:
    assert sniffed_type(b"\xff\xfb\x90\x64\x00") == "audio/mpeg"


@pytest.mark.parametrize("head", [b"hello", b"", b"\xff\xfe\x00h", b"RIFF\x00\x00\x00\x00JUNK"])
def test_unknown_leading_bytes_are_octet_stream(head: bytes) -> None:
    assert sniffed_type(head) == "application/octet-stream"


@pytest.mark.parametrize(
    ("content_type", "name"),
    [
        ("image/png", "inputImage.png"),
        ("audio/mpeg", "inputImage.mp3"),
        ("video/mp4", "inputImage.mp4"),
    ],
)
def test_bare_bytes_are_named_after_the_part_with_the_sniffed_extension(
    content_type: str, name: str
) -> None:
    content = HEADS[content_type] + b"rest"
    assert file_value("inputImage", "inputImage", content) == LocalFile(name, content, content_type)


def test_bytes_of_no_known_kind_are_a_bin_file() -> None:
    assert file_value("x", "inputImage", b"plain") == LocalFile(
        "inputImage.bin", b"plain", "application/octet-stream"
    )


def test_a_named_pair_keeps_its_file_name_and_is_typed_by_it() -> None:
    assert file_value("x", "inputImage", ("dir/photo.webp", b"...")) == LocalFile(
        "photo.webp", b"...", "image/webp"
    )


def test_a_named_pair_with_an_unknown_extension_is_sniffed() -> None:
    value = file_value("x", "inputImage", ("scan.data", HEADS["image/gif"]))
    assert (value.name, value.content_type) == ("scan.data", "image/gif")  # type: ignore[union-attr]


def test_a_file_object_is_named_by_its_name(tmp_path: Path) -> None:
    path = tmp_path / "clip.mp4"
    path.write_bytes(b"x")
    with path.open("rb") as file:
        assert file_value("x", "inputVideo", file) == LocalFile("clip.mp4", file, "video/mp4")


def test_an_unnamed_file_object_is_sniffed_and_left_where_it_was() -> None:
    stream = io.BytesIO(b"skip" + HEADS["image/png"])
    stream.seek(4)
    value = file_value("x", "inputImage", stream)
    assert value == LocalFile("inputImage.png", stream, "image/png")
    assert stream.tell() == 4


def test_a_stream_that_cannot_seek_is_read_whole() -> None:
    class Pipe(io.RawIOBase):
        def __init__(self) -> None:
            self.content = io.BytesIO(HEADS["image/jpeg"])

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
            data = self.content.read(len(buffer))
            buffer[: len(data)] = data
            return len(data)

    value = file_value("x", "inputImage", io.BufferedReader(Pipe()))
    assert value == LocalFile("inputImage.jpg", HEADS["image/jpeg"], "image/jpeg")


def test_a_text_mode_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hi")
    with path.open() as file, pytest.raises(InvalidInputError, match="'rb'"):
        file_value("inputFile", "inputFile", file)


@pytest.mark.parametrize("value", [3.5, None, {"url": "https://x.test"}, bytearray(b"x")])
def test_other_types_are_refused_naming_what_is_accepted(value: object) -> None:
    with pytest.raises(InvalidInputError, match="expected an http"):
        file_value("inputImage", "inputImage", value)

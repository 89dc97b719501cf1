"""Run requests with file inputs, exactly as sent, from the sync and the async client."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from ..support.fakewiro import Driver
from .support import fields, json_body, refused, start, uploads

PNG = b"\x89PNG\r\n\x1a\n-cat"


class PathLike:
    """An os.PathLike that is not a pathlib.Path."""

    def __init__(self, path: str) -> None:
        self._path = path

    def __fspath__(self) -> str:
        return self._path


@pytest.fixture
def cat(tmp_path: Path) -> Path:
    path = tmp_path / "cat.png"
    path.write_bytes(PNG)
    return path


def test_a_url_goes_in_the_url_field_of_a_json_body(driver: Driver) -> None:
    body = json_body(start(driver, {"inputImage": "https://x.test/in.png"}))
    assert body == {"inputImageUrl": "https://x.test/in.png"}


@pytest.mark.parametrize(
    "form", ["path", "pathlike", "bytes", "file object", "named bytes", "named file"]
)
def test_each_local_file_form_uploads_under_the_input_name(
    driver: Driver, cat: Path, form: str
) -> None:
    values: dict[str, Any] = {
        "path": cat,
        "pathlike": PathLike(str(cat)),
        "bytes": PNG,
        "file object": io.BytesIO(PNG),
        "named bytes": ("cat.png", PNG),
        "named file": ("cat.png", io.BytesIO(PNG)),
    }
    request = start(driver, {"inputImage": values[form]})
    name = "inputImage.png" if form in ("bytes", "file object") else "cat.png"
    assert uploads(request) == [("inputImage", name, "image/png", PNG)]


def test_the_url_field_is_sent_empty_beside_an_upload(driver: Driver, cat: Path) -> None:
    request = start(driver, {"inputImage": cat, "prompt": "a dog", "steps": 4})
    assert fields(request) == {"prompt": ["a dog"], "steps": ["4"], "inputImageUrl": [""]}


def test_an_opened_file_is_uploaded_from_where_it_stands(driver: Driver, cat: Path) -> None:
    with cat.open("rb") as file:
        request = start(driver, {"inputImage": file})
    assert uploads(request) == [("inputImage", "cat.png", "image/png", PNG)]


def test_a_str_path_of_an_existing_file_is_refused_before_any_request(
    driver: Driver, cat: Path
) -> None:
    error, sent = refused(driver, {"inputImage": str(cat)})
    assert error.input_name == "inputImage" and "Path(" in str(error)  # type: ignore[attr-defined]
    assert sent == []


def test_a_str_path_in_a_list_of_files_is_refused_before_any_request(
    driver: Driver, cat: Path
) -> None:
    error, sent = refused(driver, {"references": ["https://x.test/1.png", cat, str(cat)]})
    assert error.input_name == "references" and sent == []  # type: ignore[attr-defined]


def test_multifile_urls_join_in_the_url_field_and_files_repeat_the_part(
    driver: Driver, cat: Path
) -> None:
    value = ["https://x.test/1.png", cat, ("b.jpg", b"\xff\xd8\xff-b"), "https://x.test/2.png"]
    request = start(driver, {"references": value})
    assert fields(request) == {"referencesUrl": ["https://x.test/1.png,https://x.test/2.png"]}
    assert uploads(request) == [
        ("references", "cat.png", "image/png", PNG),
        ("references", "b.jpg", "image/jpeg", b"\xff\xd8\xff-b"),
    ]


def test_combinefile_sends_urls_and_files_under_its_own_name(driver: Driver, cat: Path) -> None:
    request = start(driver, {"inputImages": ["https://x.test/1.png", cat]})
    assert fields(request) == {"inputImages": ["https://x.test/1.png"]}
    assert uploads(request) == [("inputImages", "cat.png", "image/png", PNG)]


def test_combinefile_urls_alone_are_a_json_array(driver: Driver) -> None:
    body = json_body(start(driver, {"inputImages": ["https://x.test/1.png"]}))
    assert body == {"inputImages": ["https://x.test/1.png"]}


def test_urlfile_sends_a_url_in_its_own_field(driver: Driver) -> None:
    body = json_body(start(driver, {"inputAudioUrl": "https://x.test/a.mp3"}))
    assert body == {"inputAudioUrl": "https://x.test/a.mp3"}


def test_urlfile_uploads_a_local_file_under_the_base_name(driver: Driver, tmp_path: Path) -> None:
    song = tmp_path / "song.mp3"
    song.write_bytes(b"ID3-song")
    request = start(driver, {"inputAudioUrl": song})
    assert uploads(request) == [("inputAudio", "song.mp3", "audio/mpeg", b"ID3-song")]
    assert fields(request) == {"inputAudioUrl": [""]}


def test_urlfile_takes_one_value(driver: Driver) -> None:
    error, sent = refused(driver, {"inputAudioUrl": ["https://x.test/a.mp3"] * 2})
    assert error.input_name == "inputAudioUrl" and sent == []  # type: ignore[attr-defined]


def test_an_empty_list_of_files_sends_nothing(driver: Driver) -> None:
    body = json_body(start(driver, {"prompt": "a cat", "references": []}))
    assert body == {"prompt": "a cat"}


def test_inputs_left_at_none_are_not_sent(driver: Driver) -> None:
    body = json_body(start(driver, {"prompt": None, "inputImage": None, "steps": 3}))
    assert body == {"steps": 3}

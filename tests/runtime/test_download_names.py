"""The plain logic under downloads: safe names, distinct names, allowed URLs, whole files."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.runtime._downloads import (
    DownloadError,
    all_or_nothing,
    checked_url,
    name_of,
    sanitise,
    unique_names,
)


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("0.png", "0.png"),
        ("../../etc/passwd", "passwd"),
        ("..\\..\\boot.ini", "boot.ini"),
        ("..", "output"),
        ("", "output"),
        (".hidden", "hidden"),
        ("a\x00b\nc.png", "abc.png"),
        ('what?:"*.png', "what.png"),
    ],
)
def test_sanitise_keeps_a_name_inside_its_directory(name: str, safe: str) -> None:
    assert sanitise(name) == safe


def test_a_url_gives_its_last_path_part_as_name() -> None:
    assert name_of("https://cdn1.wiro.ai/abc/my%20image.png?sig=1") == "my image.png"


def test_repeated_names_are_told_apart() -> None:
    assert unique_names(["0.png", "0.png", "x", "x"]) == ["0.png", "0-1.png", "x", "x-1"]


@pytest.mark.parametrize("url", ["https://cdn1.wiro.ai/0.png", "http://127.0.0.1:8/0.png"])
def test_https_and_loopback_http_may_be_fetched(url: str) -> None:
    assert checked_url(url, allow_insecure=False) == url


@pytest.mark.parametrize("url", ["http://cdn.example/0.png", "file:///etc/passwd", "ftp://x/y"])
def test_other_urls_are_refused(url: str) -> None:
    with pytest.raises(DownloadError, match="only https"):
        checked_url(url, allow_insecure=False)


def test_all_or_nothing_leaves_nothing_when_the_block_fails(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), all_or_nothing(tmp_path / "x.bin") as file:
        file.write(b"half")
        raise RuntimeError("connection lost")
    assert list(tmp_path.iterdir()) == []


def test_all_or_nothing_renames_into_place_when_done(tmp_path: Path) -> None:
    with all_or_nothing(tmp_path / "x.bin") as file:
        file.write(b"whole")
    assert [p.name for p in tmp_path.iterdir()] == ["x.bin"]
    assert (tmp_path / "x.bin").read_bytes() == b"whole"

"""A huge file or a FIFO among the pages fails as that page, without being read whole or
waited on (issue 19 item 11)."""

from __future__ import annotations

import os
from pathlib import Path

from generator.parser import MAX_PAGE_BYTES

from ..output.support import copy_pages
from ..support.clirun import wirogen


def test_a_page_larger_than_the_cap_fails_naming_it(tmp_path: Path) -> None:
    pages = copy_pages(tmp_path / "specs")
    huge = pages / "huge.txt"
    with huge.open("wb") as stream:  # sparse: 3 GB on paper, nothing on disk
        stream.truncate(3 * 1024**3)
    result = wirogen("generate", pages, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert f"{huge}" in result.stderr and f"at most {MAX_PAGE_BYTES} bytes" in result.stderr
    assert not (tmp_path / "out" / "wiro_tools").exists()


def test_a_page_at_the_cap_is_read(tmp_path: Path) -> None:
    page = tmp_path / "blank.txt"
    page.write_bytes(b" " * MAX_PAGE_BYTES)
    result = wirogen("generate", page, "-o", tmp_path / "out")
    assert "at most" not in result.stderr and "an empty file" in result.stderr
    assert os.path.getsize(page) == MAX_PAGE_BYTES


def test_a_fifo_given_as_a_page_fails_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "page.md"
    os.mkfifo(fifo)
    result = wirogen("generate", fifo, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert f"{fifo}" in result.stderr and "not a regular file" in result.stderr

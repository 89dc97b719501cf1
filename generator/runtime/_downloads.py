"""Downloading outputs: names, targets, URL rules and all-or-nothing files (no I/O loops;
the streaming is in _async_downloads.py)."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator, Sequence
from pathlib import Path, PurePosixPath
from typing import IO, Final
from urllib.parse import unquote, urlsplit

from ._auth import is_loopback
from ._errors import WiroError
from ._snapshot import Output

FALLBACK_NAME: Final = "output"
_UNSAFE: Final = frozenset('<>:"|?*')


class DownloadError(WiroError):
    """An output could not be downloaded; nothing was left at `path`."""

    def __init__(self, message: str, url: str, path: Path | None = None) -> None:
        self.url = url
        self.path = path
        super().__init__(message)


def url_of(source: Output | str) -> str:
    url = source.url if isinstance(source, Output) else source
    if not url:
        raise DownloadError(
            "this output has no URL (a language model's answer is in output.content)",
            url,
        )
    return url


def name_of(source: Output | str) -> str:
    """The file name an output is saved under: its own name, else its URL's, sanitised."""
    name = source.name if isinstance(source, Output) else ""
    return sanitise(name or PurePosixPath(unquote(urlsplit(url_of(source)).path)).name)


def sanitise(name: str) -> str:
    """A name safe to join to a directory: its last path part, no control or reserved
    characters, no leading dots (so never `..`, nor a hidden file)."""
    last = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(c for c in last if c.isprintable() and c not in _UNSAFE).strip()
    return cleaned.lstrip(".").strip() or FALLBACK_NAME


def unique_names(names: Sequence[str]) -> list[str]:
    """`names` with repeats told apart: `0.png`, `0-1.png`, ..."""
    taken: set[str] = set()
    unique = []
    for name in names:
        candidate, number = name, 0
        while candidate in taken:
            number += 1
            stem, dot, suffix = name.partition(".")
            candidate = f"{stem}-{number}{dot}{suffix}"
        taken.add(candidate)
        unique.append(candidate)
    return unique


def target_path(dest: str | os.PathLike[str], name: str) -> Path:
    """Where a download goes: inside `dest` when it is a directory, else `dest` itself."""
    path = Path(dest)
    return path / name if path.is_dir() else path


def checked_url(url: str, allow_insecure: bool) -> str:
    """`url` when it may be fetched: https, or http to a loopback address (a local server)."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return url
    if (
        parts.scheme == "http"
        and parts.hostname
        and (allow_insecure or is_loopback(parts.hostname))
    ):
        return url
    raise DownloadError(
        f"refusing to download from {url!r}: only https URLs are followed", url
    )


def check_size(url: str, expected: int | None, written: int) -> None:
    if expected is not None and written != expected:
        raise DownloadError(f"{url}: expected {expected} bytes, got {written}", url)


@contextlib.contextmanager
def all_or_nothing(target: Path) -> Iterator[IO[bytes]]:
    """A file to write that appears at `target` only when the block ends without error: it
    is written beside it under a temporary name, then renamed into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.parent / f".{target.name}.{secrets.token_hex(6)}.part"
    # Not mkstemp: its 0600 would stick; the kernel applies the user's umask to 0666.
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(handle, "wb") as file:
            yield file
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise

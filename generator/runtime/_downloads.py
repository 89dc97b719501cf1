"""Downloading outputs: names, targets, URL rules and all-or-nothing files (no I/O loops;
the streaming is in _async_downloads.py)."""

from __future__ import annotations

import contextlib
import os
import secrets
import time
from collections.abc import Iterator, Sequence
from pathlib import Path, PurePosixPath
from typing import IO, Final
from urllib.parse import unquote, urlsplit

from ._auth import is_loopback
from ._errors import WiroError
from ._snapshot import Output

FALLBACK_NAME: Final = "output"
MAX_NAME_BYTES: Final = (
    200  # file systems allow 255; room for the temporary name's parts
)
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
    return _shortened(cleaned.lstrip(".").strip()) or FALLBACK_NAME


def _shortened(name: str) -> str:
    """`name` cut to MAX_NAME_BYTES of UTF-8, keeping a short suffix (`.png`)."""
    if len(name.encode("utf-8", "surrogatepass")) <= MAX_NAME_BYTES:
        return name
    stem, dot, suffix = name.rpartition(".")
    if not dot or not stem or len(suffix) > 16:
        stem, dot, suffix = name, "", ""
    room = MAX_NAME_BYTES - len((dot + suffix).encode("utf-8", "surrogatepass"))
    cut = stem.encode("utf-8", "surrogatepass")[:room].decode("utf-8", "ignore")
    return cut + dot + suffix


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
    """Where a download goes: inside `dest` when it is a directory or ends with a path
    separator (`"outputs/"`: made if needed), else `dest` itself."""
    text = os.fspath(dest)
    path = Path(text)
    separators = (os.sep, os.altsep) if os.altsep else (os.sep,)
    if path.is_dir() or text.endswith(separators):
        return path / name
    return path


def checked_redirect(origin: str, target: str, allow_insecure: bool) -> str:
    """`target` when a download from `origin` may follow a redirect there: never from
    https down to plain http (not even to a loopback address)."""
    if (
        urlsplit(origin).scheme == "https"
        and urlsplit(target).scheme != "https"
        and not allow_insecure
    ):
        raise DownloadError(
            f"refusing the redirect from {origin!r} to {target!r}: only https URLs are "
            "followed from an https one",
            origin,
        )
    return checked_url(target, allow_insecure)


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


class Budget:
    """What one download may write and how long it may take; `spend` stops it at once
    when the body passes the output's declared size, `max_bytes` or `timeout`."""

    def __init__(
        self, url: str, expected: int | None, max_bytes: int, timeout: float
    ) -> None:
        self.url, self.expected, self.max_bytes, self.timeout = (
            url,
            expected,
            max_bytes,
            timeout,
        )
        self.ends = time.monotonic() + timeout

    def spend(self, written: int) -> None:
        """Raise DownloadError when `written` bytes (so far) or the time is too much."""
        if self.expected is not None and written > self.expected:
            raise DownloadError(
                f"{self.url}: more than the {self.expected} bytes the output declares; "
                "stopped",
                self.url,
            )
        if written > self.max_bytes:
            raise DownloadError(
                f"{self.url}: more than max_bytes={self.max_bytes}; stopped", self.url
            )
        if time.monotonic() > self.ends:
            raise DownloadError(
                f"{self.url}: not downloaded within timeout={self.timeout:g} s "
                f"({written} bytes received)",
                self.url,
            )


@contextlib.contextmanager
def all_or_nothing(target: Path) -> Iterator[IO[bytes]]:
    """A file to write that appears at `target` only when the block ends without error: it
    is written beside it under a temporary name, then renamed into place. A symlink or
    anything but a regular file at `target` is refused, never written through."""
    if target.is_symlink() or (target.exists() and not target.is_file()):
        what = "a symlink" if target.is_symlink() else "not a regular file"
        raise DownloadError(f"{target} is {what}; not replaced", "", target)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.parent / f".{target.name}.{secrets.token_hex(6)}.part"
    # Not mkstemp: its 0600 would stick; the kernel applies the user's umask to 0666.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    handle = os.open(temporary, flags, 0o666)
    try:
        with os.fdopen(handle, "wb") as file:
            yield file
        if target.is_symlink():  # put there meanwhile: still not replaced
            raise DownloadError(f"{target} is a symlink; not replaced", "", target)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise

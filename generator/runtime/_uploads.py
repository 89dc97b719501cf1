"""File inputs: telling a URL from a local file, and naming and typing an upload.

Wiro serves an uploaded file back under the name it was sent with, so every part
gets a file name with an extension and a real content type: guessed from the name,
else sniffed from the file's first bytes.
"""

from __future__ import annotations

import functools
import io
import mimetypes
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Final, TypeAlias, cast

from ._errors import InvalidInputError

UploadSource: TypeAlias = bytes | IO[bytes] | Path
"""What a part is read from; a Path is opened only while the request is sent."""

OCTET_STREAM: Final = "application/octet-stream"
SNIFF_BYTES: Final = 32
URL_PREFIXES: Final = ("http://", "https://")
SHOWN_CHARACTERS: Final = 80
"""How much of a refused string an error message shows."""

# Types the standard table lacks or names differently; the rest come from mimetypes.
_TYPES_BY_SUFFIX: Final = {
    ".webp": "image/webp",
    ".heic": "image/heic",
    ".avif": "image/avif",
    ".wav": "audio/wav",
    ".m4a": "audio/mp4",
    ".flac": "audio/flac",
    ".ogg": "audio/ogg",
    ".opus": "audio/opus",
    ".mkv": "video/x-matroska",
}
_SUFFIXES_BY_TYPE: Final = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/webp": ".webp",
    "image/gif": ".gif",
    "image/heic": ".heic",
    "image/avif": ".avif",
    "video/mp4": ".mp4",
    "video/quicktime": ".mov",
    "video/webm": ".webm",
    "video/x-msvideo": ".avi",
    "audio/wav": ".wav",
    "audio/mpeg": ".mp3",
    "audio/mp4": ".m4a",
    "audio/ogg": ".ogg",
    "audio/flac": ".flac",
    "application/pdf": ".pdf",
    OCTET_STREAM: ".bin",
}
_ISO_BRANDS: Final = {
    b"M4A ": "audio/mp4",
    b"qt  ": "video/quicktime",
    b"heic": "image/heic",
    b"heix": "image/heic",
    b"mif1": "image/heic",
    b"avif": "image/avif",
}


@dataclass(frozen=True)
class LocalFile:
    """A file to upload: its name (extension kept), where to read it, its content type."""

    name: str
    source: UploadSource
    content_type: str


def is_url(value: str) -> bool:
    return value.lower().startswith(URL_PREFIXES)


def file_value(input_name: str, stem: str, value: object) -> str | LocalFile:
    """A URL as it is, or the local file `value` stands for.

    A `str` is always a URL, never a path: text that reaches a file input (a user's,
    forwarded by an app) must not upload whatever local file it happens to name.
    `stem` names bytes that come without a file name. Raises InvalidInputError for
    anything else, such as a string that is not an http(s):// URL.
    """
    if isinstance(value, str):
        if is_url(value):
            return value
        shown = (
            value
            if len(value) <= SHOWN_CHARACTERS
            else value[:SHOWN_CHARACTERS] + "..."
        )
        raise InvalidInputError(
            input_name,
            f"{shown!r} is not an http(s):// URL (a str is always a URL); pass a local "
            f"file as Path({shown!r}), bytes or a binary file",
        )
    if isinstance(value, os.PathLike):
        path = Path(value)
        if path.is_dir():
            raise InvalidInputError(
                input_name, f"{str(path)!r} is a directory, not a file"
            )
        if not path.is_file():
            raise InvalidInputError(input_name, f"no such file: {str(path)!r}")
        return _from_path(path)
    if is_named_file(value):
        name, content = cast(tuple[str, object], value)
        return _from_content(input_name, Path(name).name, content, stem)
    if isinstance(value, bytes) or hasattr(value, "read"):
        return _from_content(input_name, _file_name(value), value, stem)
    raise InvalidInputError(
        input_name,
        "expected an http(s):// URL, a Path, bytes, a binary file or "
        f"(file name, bytes or file), got {type(value).__name__}",
    )


def is_named_file(value: object) -> bool:
    """True for a `(file name, bytes or binary file)` pair."""
    return (
        isinstance(value, tuple)
        and len(value) == 2
        and isinstance(value[0], str)
        and (isinstance(value[1], bytes) or hasattr(value[1], "read"))
    )


def content_type_of(name: str) -> str | None:
    """The content type a file name's extension stands for, if it is known."""
    suffix = Path(name).suffix.lower()
    return _TYPES_BY_SUFFIX.get(suffix) or _mime_types().guess_type(f"x{suffix}")[0]


def sniffed_type(head: bytes) -> str:
    """The content type the first bytes of a file show, application/octet-stream if none."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head.startswith(b"RIFF") and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "image/webp", b"WAVE": "audio/wav"}.get(
            head[8:12], "video/x-msvideo"
        )
    if head[4:8] == b"ftyp":
        return _ISO_BRANDS.get(head[8:12], "video/mp4")
    if head.startswith(b"\x1aE\xdf\xa3"):
        return "video/webm"
    if head.startswith(b"ID3") or (
        len(head) > 1 and head[0] == 0xFF and head[1] & 0xE6 == 0xE2
    ):
        return "audio/mpeg"  # an ID3 tag, or the frame sync of MPEG audio layer III
    if head.startswith(b"OggS"):
        return "audio/ogg"
    if head.startswith(b"fLaC"):
        return "audio/flac"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    return OCTET_STREAM


def rewinder(sources: Iterable[UploadSource]) -> Callable[[], None]:
    """A function putting the file objects among `sources` back where they stand now, so a
    Run refused before it started a task (code 96) can send them again. Every such file
    is seekable: `_peek` reads one that is not into bytes."""
    positions = [
        (source, source.tell())
        for source in sources
        if not isinstance(source, bytes | Path)
    ]

    def rewind() -> None:
        for source, position in positions:
            source.seek(position)

    return rewind


def _from_path(path: Path) -> LocalFile:
    content_type = content_type_of(path.name)
    if content_type is None:
        with path.open("rb") as file:
            content_type = sniffed_type(file.read(SNIFF_BYTES))
    return LocalFile(path.name, path, content_type)


def _from_content(
    input_name: str, name: str | None, content: object, stem: str
) -> LocalFile:
    """An upload of bytes or a binary file object, named `name` or `stem` + extension."""
    if getattr(content, "closed", False) is True:
        raise InvalidInputError(
            input_name, "the file is closed (open it again to send it)"
        )
    known = content_type_of(name) if name else None
    if isinstance(content, bytes):
        source: bytes | IO[bytes] = content
        head = content[:SNIFF_BYTES]
    else:
        source, head = _peek(input_name, cast(IO[bytes], content))
    content_type = known or sniffed_type(head)
    if not name:
        name = stem + _SUFFIXES_BY_TYPE.get(content_type, ".bin")
    return LocalFile(name, source, content_type)


def _peek(input_name: str, file: IO[bytes]) -> tuple[bytes | IO[bytes], bytes]:
    """The first bytes of `file`, leaving it where it was (or read whole if it cannot seek)."""
    if isinstance(file, io.TextIOBase):
        raise InvalidInputError(
            input_name, "the file is open in text mode; open it with 'rb'"
        )
    if file.seekable():
        start = file.tell()
        head = file.read(SNIFF_BYTES)
        file.seek(start)
        return file, head
    content = file.read()
    return content, content[:SNIFF_BYTES]


def _file_name(value: object) -> str | None:
    name = getattr(value, "name", None)
    return Path(name).name if isinstance(name, str) and name else None


@functools.cache
def _mime_types() -> mimetypes.MimeTypes:
    # A private table of Python's defaults: the same answer on every machine.
    return mimetypes.MimeTypes()

"""The manifest in the package: every file wirogen generated, and what it was made from."""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from .files import read_owned

if TYPE_CHECKING:
    from ..ir import JsonValue

MANIFEST = "_manifest.json"
CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7})( |$)", re.MULTILINE)


@dataclass(frozen=True)
class GeneratedFile:
    """One file of the package: its path inside the package, its content, and its inputs.

    `inputs` is the key of everything the content was made from (see fingerprint); a
    tool module also records its page's sha256 and slug, and its tool's API record
    (generator.apidiff.ToolApi) so `check` can say what a regeneration changes.
    `on_disk`: the content was read from the package's regular file at `path` in this
    run (under its lock), so it is known to be there and wirogen's: not read again.
    """

    path: str
    content: str
    inputs: str = ""
    page_sha256: str | None = None
    slug: str | None = None
    api: JsonValue = None
    on_disk: bool = field(default=False, compare=False)

    @functools.cached_property
    def sha256(self) -> str:
        # Cached: a run compares it with the manifest, then records it in the new one.
        return hashlib.sha256(self.content.encode()).hexdigest()


@dataclass(frozen=True)
class FileRecord:
    sha256: str
    inputs: str = ""
    page_sha256: str | None = None
    slug: str | None = None
    api: JsonValue = None


@dataclass(frozen=True)
class Manifest:
    """What the last run wrote; empty when there is no (readable) manifest.

    `problem` says why a manifest that is there could not be read. Manifests compare by
    what they record, not byte for byte: a JSON formatter (a pre-commit hook) may lay
    the file out its own way without making the package stale.
    """

    fingerprint: str = ""
    files: Mapping[str, FileRecord] = field(default_factory=dict)
    problem: str | None = None
    version: str = __version__

    @classmethod
    def of(cls, fingerprint: str, files: Sequence[GeneratedFile]) -> Manifest:
        records = {
            item.path: FileRecord(item.sha256, item.inputs, item.page_sha256, item.slug, item.api)
            for item in sorted(files, key=lambda item: item.path)
        }
        return cls(fingerprint, records)

    @classmethod
    def read(cls, package_dir: Path) -> Manifest:
        """The manifest, or an empty one (with its `problem` when one is there)."""
        path = package_dir / MANIFEST
        try:
            data = read_owned(path)
            if data is None:
                return cls()
            text = data.decode("utf-8")
        except (OSError, ValueError) as error:
            return cls(problem=f"{path} is unreadable ({error})")
        try:
            document = json.loads(text)
            files = {path: FileRecord(**record) for path, record in document["files"].items()}
            fingerprint, version = document.get("fingerprint", ""), document.get("version", "")
            return cls(str(fingerprint), files, version=str(version))
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            # Searched only when the text is not a manifest: the search costs a no-op run.
            if CONFLICT_MARKER.search(text):
                return cls(problem=f"{path} holds git merge conflict markers")
            return cls(
                problem=f"{path} is not a wirogen manifest ({type(error).__name__}: {error})"
            )

    def text(self) -> str:
        """The manifest as stored: a JSON object with one line per file, so a diff shows
        which files changed (and json's C encoder, used without `indent`, writes it fast)."""
        head = {"fingerprint": self.fingerprint, "generator": "wirogen", "version": self.version}
        lines = [f"  {json.dumps(key)}: {json.dumps(value)}," for key, value in head.items()]
        records = [
            f"    {json.dumps(path)}: {json.dumps(_record_json(record), sort_keys=True)}"
            for path, record in self.files.items()
        ]
        files = "{\n" + ",\n".join(records) + "\n  }" if records else "{}"
        return "\n".join(["{", *lines, f'  "files": {files}', "}\n"])

    def apis(self) -> dict[str, JsonValue]:
        """slug -> API record (None when this manifest's writer recorded none), per tool."""
        return {record.slug: record.api for record in self.files.values() if record.slug}

    def slugs_by_page(self) -> dict[str, str]:
        """page sha256 -> slug, for the tool modules the manifest records."""
        return {
            record.page_sha256: record.slug
            for record in self.files.values()
            if record.page_sha256 and record.slug
        }


def _record_json(record: FileRecord) -> dict[str, JsonValue]:
    """A record as stored; `api` only where there is one (tool modules)."""
    document: dict[str, JsonValue] = {
        "inputs": record.inputs,
        "page_sha256": record.page_sha256,
        "sha256": record.sha256,
        "slug": record.slug,
    }
    if record.api is not None:
        document["api"] = record.api
    return document

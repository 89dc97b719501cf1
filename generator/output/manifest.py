"""The manifest in the package: every file wirogen generated, and what it was made from."""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .. import __version__
from ..ir import JsonValue

MANIFEST = "_manifest.json"
CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7})( |$)", re.MULTILINE)


@dataclass(frozen=True)
class GeneratedFile:
    """One file of the package: its path inside the package, its content, and its inputs.

    `inputs` is the key of everything the content was made from (see fingerprint); a
    tool module also records its page's sha256 and slug, and its tool's API record
    (generator.apidiff.ToolApi) so `check` can say what a regeneration changes.
    """

    path: str
    content: str
    inputs: str = ""
    page_sha256: str | None = None
    slug: str | None = None
    api: JsonValue = None

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
    """What the last run wrote; empty when there is no (readable) manifest."""

    fingerprint: str = ""
    files: Mapping[str, FileRecord] = field(default_factory=dict)

    @classmethod
    def of(cls, fingerprint: str, files: Sequence[GeneratedFile]) -> Manifest:
        records = {
            item.path: FileRecord(item.sha256, item.inputs, item.page_sha256, item.slug, item.api)
            for item in sorted(files, key=lambda item: item.path)
        }
        return cls(fingerprint, records)

    @classmethod
    def read(cls, package_dir: Path) -> Manifest:
        return cls.read_checked(package_dir)[0]

    @classmethod
    def read_checked(cls, package_dir: Path) -> tuple[Manifest, str | None]:
        """The manifest, or an empty one and why it could not be read (None: no manifest)."""
        path = package_dir / MANIFEST
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls(), None
        except (OSError, ValueError) as error:
            return cls(), f"{path} is unreadable ({error})"
        if CONFLICT_MARKER.search(text):
            return cls(), f"{path} holds git merge conflict markers"
        try:
            document = json.loads(text)
            files = {path: FileRecord(**record) for path, record in document["files"].items()}
            return cls(str(document.get("fingerprint", "")), files), None
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            return cls(), f"{path} is not a wirogen manifest ({type(error).__name__}: {error})"

    def text(self) -> str:
        document = {
            "generator": "wirogen",
            "version": __version__,
            "fingerprint": self.fingerprint,
            "files": {path: _record_json(record) for path, record in self.files.items()},
        }
        return json.dumps(document, indent=2, sort_keys=True) + "\n"

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
    document: dict[str, JsonValue] = asdict(record)
    if record.api is None:
        del document["api"]
    return document

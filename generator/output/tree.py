"""Writes the generated package: only changed files, atomically, only over files it owns.

The new tree is built beside the old one (unchanged files hard-linked, everything
wirogen does not own carried over) and swapped in with one atomic exchange; an
interrupted or failing run leaves the previous tree exactly as it was. Callers hold
the package's lock (see lock.py) around a write, so one run writes at a time.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .files import NotOurFileError, read_owned, write_new
from .manifest import MANIFEST, GeneratedFile, Manifest
from .ownership import Inventory, OwnershipError, check_writable, inventory, is_wirogens
from .staging import new_staging, remove_stale_stagings
from .swap import exchange

__all__ = ["Changes", "OwnershipError", "compare", "write_package"]


@dataclass
class Changes:
    """How the package on disk differs from what was generated (paths inside the package).

    `manifest_stale`: the manifest is not the one a write would record. `warnings` say
    what had to be rebuilt, such as an unreadable manifest. `unlisted`: files (and
    symlinks) in the package wirogen did not generate; a write carries them over, `check`
    fails on them (hand-written code lives outside the generated package).
    """

    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    manifest_stale: bool = False
    warnings: list[str] = field(default_factory=list)
    unlisted: list[str] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.new or self.changed or self.removed or self.manifest_stale)


@dataclass
class _Survey:
    changes: Changes
    found: Inventory
    manifest: Manifest | None
    """The manifest a write records (None: no fingerprint given, none written)."""


def compare(
    package_dir: Path,
    files: Sequence[GeneratedFile],
    fingerprint: str | None = None,
    previous: Manifest | None = None,
) -> Changes:
    """What writing `files` would change, without writing anything.

    With `fingerprint`, a manifest that differs from the one a write would record
    counts as changed too. `previous` is the package's manifest when already read.
    """
    return _survey(package_dir, files, fingerprint, previous).changes


def write_package(
    package_dir: Path,
    files: Sequence[GeneratedFile],
    fingerprint: str,
    previous: Manifest | None = None,
) -> Changes:
    """Make the package on disk hold exactly `files` (plus what wirogen does not own).

    A symlinked package folder is written through: the tree it points to is swapped.
    `previous` is the package's manifest when already read (under the same lock).
    """
    package_dir = package_dir.resolve()
    remove_stale_stagings(package_dir)
    survey = _survey(package_dir, files, fingerprint, previous)
    changes = survey.changes
    if not changes.any:
        return changes
    package_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = new_staging(package_dir)
    try:
        _fill(staging, package_dir, files, survey)
        if package_dir.exists():
            exchange(staging, package_dir)
        else:
            os.rename(staging, package_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return changes


def _survey(
    package_dir: Path,
    files: Sequence[GeneratedFile],
    fingerprint: str | None,
    previous: Manifest | None,
) -> _Survey:
    _refuse_unowned_package(package_dir)
    manifest = Manifest.read(package_dir) if previous is None else previous
    # Files read from the package this run are there and wirogen's: not read again.
    found = inventory(package_dir, manifest, {item.path for item in files if item.on_disk})
    changes = Changes()
    if manifest.problem:
        changes.warnings.append(f"{manifest.problem}: rebuilt from the tree and the pages")
    elif not (package_dir / MANIFEST).exists() and found.owned:
        changes.warnings.append(f"no {MANIFEST} in {package_dir}: rebuilt from the tree")
    checked: set[str] = set()
    for item in files:
        check_writable(package_dir, item.path, checked)
        if item.on_disk:
            changes.unchanged.append(item.path)
        else:
            changes_of(package_dir / item.path, item, manifest, changes)
    generated = {item.path for item in files}
    changes.removed = sorted(found.owned - generated)
    changes.unlisted = sorted({*found.foreign_files, *found.symlinks} - generated - {MANIFEST})
    recorded = Manifest.of(fingerprint, files) if fingerprint is not None else None
    changes.manifest_stale = recorded is not None and recorded != manifest
    return _Survey(changes, found, recorded)


def _refuse_unowned_package(package_dir: Path) -> None:
    """Raise OwnershipError when the package path is a file, or its manifest a symlink."""
    if package_dir.exists() and not package_dir.is_dir():
        raise OwnershipError(
            f"{package_dir} is a file, where wirogen writes the package folder; move it away"
        )
    manifest = package_dir / MANIFEST
    if manifest.is_symlink():
        raise OwnershipError(f"{manifest} exists but is a symlink; move it away or delete it")


def changes_of(target: Path, item: GeneratedFile, manifest: Manifest, changes: Changes) -> None:
    """File `item` under "new", "unchanged" or "changed"; raise if `target` is not wirogen's."""
    if not target.exists() and not target.is_symlink():
        changes.new.append(item.path)
        return
    current = None if target.is_symlink() else _read(target)
    if current == item.content:
        changes.unchanged.append(item.path)
    elif is_wirogens(target, manifest, item.path):
        changes.changed.append(item.path)
    else:
        what = "a symlink" if target.is_symlink() else "not generated by wirogen"
        raise OwnershipError(f"{target} exists but is {what}; move it away or delete it")


def _fill(
    staging: Path, package_dir: Path, files: Sequence[GeneratedFile], survey: _Survey
) -> None:
    """Build the new tree in `staging`: generated files, then everything not wirogen's."""
    unchanged = set(survey.changes.unchanged)
    for item in files:
        target = staging / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if item.path in unchanged:
            _link_or_copy(package_dir / item.path, target)
        else:
            write_new(target, item.content.encode())
    found, generated = survey.found, {item.path for item in files}
    for path in found.foreign_files:
        if path in generated:
            continue  # byte for byte what wirogen generates there: linked above
        (staging / path).parent.mkdir(parents=True, exist_ok=True)
        _link_or_copy(package_dir / path, staging / path)
    for path in found.symlinks:
        (staging / path).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(os.readlink(package_dir / path), staging / path)
    for path in found.empty_dirs:
        (staging / path).mkdir(parents=True, exist_ok=True)
    if survey.manifest is not None:
        write_new(staging / MANIFEST, survey.manifest.text().encode())


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        shutil.copy2(source, target, follow_symlinks=False)


def _read(path: Path) -> str | None:
    """A regular file's exact text (no newline translation), None when absent, not a
    regular file (a FIFO is never waited on) or not UTF-8."""
    try:
        data = read_owned(path)
        return None if data is None else data.decode("utf-8")
    except (NotOurFileError, OSError, UnicodeDecodeError):
        return None

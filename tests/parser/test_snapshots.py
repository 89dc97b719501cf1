"""The IR JSON of every real page, pinned."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.json import JSONSnapshotExtension

from generator.ir import spec_to_json
from generator.parser import parse_page

from ..support.paths import spec_pages, wiro_page_params


@pytest.fixture
def snapshot_json(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    return snapshot.use_extension(JSONSnapshotExtension)


def exported(path: Path) -> object:
    # Round-trip through json so tuples and lists compare as the CLI prints them.
    return json.loads(json.dumps(spec_to_json(parse_page(path)), ensure_ascii=False))


@pytest.mark.parametrize("path", spec_pages(), ids=lambda path: path.name)
def test_specs_page_ir(path: Path, snapshot_json: SnapshotAssertion) -> None:
    assert exported(path) == snapshot_json


@pytest.mark.parametrize("path", wiro_page_params("assembled"))
def test_assembled_page_ir(path: Path, snapshot_json: SnapshotAssertion) -> None:
    assert exported(path) == snapshot_json


@pytest.mark.parametrize("path", wiro_page_params("full"))
def test_full_page_ir(path: Path, snapshot_json: SnapshotAssertion) -> None:
    assert exported(path) == snapshot_json

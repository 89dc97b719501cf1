"""The kinds registry: every page type has one kind, and both sides name the same runtime kinds."""

from __future__ import annotations

import pickle
from typing import get_args

from generator import kinds
from generator.runtime import _spec


def test_descriptors_name_exactly_the_runtime_kinds() -> None:
    assert {kind.runtime_kind for kind in kinds.KINDS} == set(get_args(_spec.InputKind))


def test_kinds_taking_files_are_the_runtimes_file_kinds() -> None:
    taking_files = {kind.runtime_kind for kind in kinds.KINDS if kind.takes_files}
    assert taking_files == _spec.FILE_KINDS


def test_every_page_type_belongs_to_one_kind() -> None:
    page_types = [page_type for kind in kinds.KINDS for page_type in kind.page_types]
    assert sorted(page_types) == sorted(kinds.TYPE_KINDS)


def test_page_types_are_matched_whatever_their_case() -> None:
    assert kinds.kind_of("MultiFileInput") is kinds.MULTIFILE


def test_unlisted_page_types_are_unknown() -> None:
    assert kinds.kind_of("colorpicker") is kinds.UNKNOWN


def test_kinds_unpickle_as_the_same_descriptor() -> None:
    for kind in kinds.KINDS:
        assert pickle.loads(pickle.dumps(kind)) is kind

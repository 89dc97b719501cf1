"""The kind an input behaves as among its page's inputs: one rule for every consumer."""

from __future__ import annotations

from generator import kinds
from generator.mockserver.body import RequestBody, UploadedFile
from generator.mockserver.validation import run_body_errors

from ..support.pagetext import make_page, parse


def page_with(type_name: str, name: str = "inputImageUrl", default: str = "") -> str:
    return make_page(
        f"- name: {name}\n  label: L\n  help: h\n  type: {type_name}\n  default: {default}\n"
    )


def upload(field: str) -> RequestBody:
    return RequestBody({}, (UploadedFile(field, "a.png", "image/png", 4, "0" * 64),))


def test_a_text_input_named_base_url_without_base_is_a_url_file() -> None:
    assert parse(page_with("text")).input_kinds == (kinds.URLFILE,)


def test_a_text_input_named_base_url_beside_its_base_stays_text() -> None:
    page = make_page(
        "- name: inputImage\n  label: L\n  help: h\n  type: fileinput\n  default:\n"
        "- name: inputImageUrl\n  label: L\n  help: h\n  type: text\n  default:\n"
    )
    assert parse(page).input_kinds == (kinds.FILE, kinds.TEXT)


def test_a_textarea_named_base_url_stays_text_and_takes_no_upload() -> None:
    spec = parse(page_with("textarea"))
    assert spec.input_kinds == (kinds.TEXT,)
    assert run_body_errors(spec, upload("inputImage")) == [
        "Unknown input 'inputImage' for wiro/demo."
    ]


def test_a_number_with_a_fractional_default_is_a_float() -> None:
    assert parse(page_with("number", "guidance", "4.5")).input_kinds == (kinds.FLOAT,)

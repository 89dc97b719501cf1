"""extra_body, project_id and callbackUrl in a Run body, JSON or multipart, sync and async."""

from __future__ import annotations

import pytest

from ..support.fakewiro import Driver
from .support import fields, json_body, refused, start, uploads

PNG = b"\x89PNG\r\n\x1a\n"


def test_the_positional_form_of_start_still_works(driver: Driver) -> None:
    body = json_body(start(driver, {"prompt": "a cat"}, "https://me.test/hook", False))
    assert body == {"prompt": "a cat", "callbackUrl": "https://me.test/hook"}


def test_project_id_is_sent_as_projectid(driver: Driver) -> None:
    body = json_body(start(driver, {"prompt": "a cat"}, project_id="p-42"))
    assert body == {"prompt": "a cat", "projectid": "p-42"}


def test_extra_body_is_merged_into_json_as_given(driver: Driver) -> None:
    extra = {"scale_61": 0.8, "loraIds": ["61", "62"], "flag": True, "nothing": None}
    body = json_body(start(driver, {"prompt": "a cat"}, extra_body=extra))
    assert body == {"prompt": "a cat", **extra}


def test_extra_body_and_projectid_become_form_fields_beside_an_upload(driver: Driver) -> None:
    request = start(
        driver,
        {"inputImage": PNG},
        callback_url="https://me.test/hook",
        allow_unlisted=False,
        extra_body={"scale_61": 0.8, "loraIds": ["61"], "flag": True, "note": "hi"},
        project_id="p-42",
    )
    assert fields(request) == {
        "inputImageUrl": [""],
        "callbackUrl": ["https://me.test/hook"],
        "projectid": ["p-42"],
        "scale_61": ["0.8"],
        "loraIds": ['["61"]'],
        "flag": ["true"],
        "note": ["hi"],
    }
    assert [upload[:3] for upload in uploads(request)] == [
        ("inputImage", "inputImage.png", "image/png")
    ]


def test_extra_body_wins_over_a_listed_input_it_names(driver: Driver) -> None:
    body = json_body(start(driver, {"prompt": "a cat"}, extra_body={"prompt": "a fox"}))
    assert body == {"prompt": "a fox"}


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        ({"extra_body": {"x": object()}}, "extra_body"),
        ({"extra_body": {"x": float("nan")}}, "extra_body"),
        ({"extra_body": {1: "x"}}, "extra_body"),
        ({"project_id": 42}, "project_id"),
    ],
)
def test_bad_extra_fields_are_refused_before_any_request(
    driver: Driver, arguments: dict[str, object], named: str
) -> None:
    error, sent = refused(driver, {"prompt": "a cat"}, **arguments)
    assert error.input_name == named and sent == []  # type: ignore[attr-defined]

"""The request a curl example on a page sends: its URL and its `-d` body."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..ir import JsonValue
from .values import parse_json

CURL_URL = re.compile(r"""curl\s+(?:-X\s+\w+\s+)?["']?(?P<url>[^"'\s][^"']*)["']?""")
BODY_START = re.compile(r"(?:-d|--data(?:-raw)?)\s+'")
QUOTED_KEY = re.compile(r"""["'](?P<key>[A-Za-z_][A-Za-z0-9_]*)["']\s*:""")


@dataclass(frozen=True)
class CurlExample:
    url: str
    body_text: str
    body: JsonValue
    body_is_json: bool

    @property
    def keys(self) -> tuple[str, ...]:
        """The body's top-level keys, read leniently when the body is not valid JSON."""
        if isinstance(self.body, dict):
            return tuple(self.body)
        return tuple(
            dict.fromkeys(found.group("key") for found in QUOTED_KEY.finditer(self.body_text))
        )


def read_curl(text: str) -> CurlExample | None:
    """The URL and body of the first curl command in a code block, None when there is none."""
    command = CURL_URL.search(text)
    if command is None:
        return None
    body_text = ""
    start = BODY_START.search(text, command.end())
    if start:
        # The body is single-quoted but may itself hold quotes: it ends at the last one.
        end = text.rfind("'")
        body_text = text[start.end() : end if end >= start.end() else len(text)].strip()
    body, is_json = parse_json(body_text) if body_text else (None, False)
    return CurlExample(command.group("url").strip(), body_text, body, is_json)

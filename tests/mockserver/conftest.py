"""Servers that know a tool beyond the pages of specs/."""

from __future__ import annotations

import pytest

from generator.mockserver import RunningMockServer
from generator.parser import parse_text
from tests.support.mockserver_fixture import StartMockWiro
from tests.support.pagetext import make_page

UPLOAD_RUN = "/Run/wiro/mock-upload"
UPLOAD_INPUTS = """
- name: prompt
  label: Prompt
  help: What to do.
  type: textarea
  default: a coat
- name: garment
  label: Garment
  help: One image.
  type: fileinput
  default:
"""


@pytest.fixture
def upload_server(start_mock_wiro: StartMockWiro) -> RunningMockServer:
    """A server that also knows a tool with a file input, `garment`, run at UPLOAD_RUN."""
    page = make_page(
        UPLOAD_INPUTS, name="wiro/mock-upload", run=f"https://api.wiro.ai/v1{UPLOAD_RUN}"
    )
    spec = parse_text("mock-upload.md", page)
    return start_mock_wiro(specs=[spec], pages={spec.slug: page})

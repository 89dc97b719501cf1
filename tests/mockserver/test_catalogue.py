"""The mock server's catalogue endpoints, as `wirogen sync` reads them."""

from __future__ import annotations

import httpx

from tests.support.mockserver_fixture import StartMockWiro, signed_client


def listed(client: httpx.Client, **body: object) -> list[str]:
    tools = client.post("/Tool/List", json=body).json()["tool"]
    return [f"{tool['cleanslugowner']}/{tool['cleanslugproject']}" for tool in tools]


def test_tool_list_filters_by_owner_in_any_spelling(start_mock_wiro: StartMockWiro) -> None:
    with signed_client(start_mock_wiro()) as client:
        assert listed(client, slugowner="ARSMACHINA") == [
            "arsmachina/ars-niji-style-v1",
            "arsmachina/baroque-space-opera-v1",
        ]


def test_tool_list_answers_at_most_its_page_cap(start_mock_wiro: StartMockWiro) -> None:
    with signed_client(start_mock_wiro(list_page_cap=3)) as client:
        reply = client.post("/Tool/List", json={"start": "0", "limit": "100"}).json()
    assert (len(reply["tool"]), reply["total"]) == (3, "8")


def test_tool_list_can_send_total_as_a_number(start_mock_wiro: StartMockWiro) -> None:
    with signed_client(start_mock_wiro(total_as_number=True)) as client:
        assert client.post("/Tool/List", json={}).json()["total"] == 8


def test_tool_detail_and_the_page_answer_the_clean_slug(start_mock_wiro: StartMockWiro) -> None:
    server = start_mock_wiro()
    with signed_client(server) as client:
        body = {"slugowner": "wiro", "slugproject": "pixart-sigma"}
        tool = client.post("/Tool/Detail", json=body).json()["tool"][0]
        page = client.get(f"{server.origin}/wiro/pixart-sigma/llms.txt")
    assert tool["slugproject"] == "PixArt-Sigma"
    assert page.status_code == 200

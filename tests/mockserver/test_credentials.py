"""Credentials the mock server took from its environment never leave it."""

from __future__ import annotations

import httpx

from generator.mockserver import Settings
from tests.support.mockserver_fixture import SignatureAuth, StartMockWiro, signed_client

from .support import PIXART, admin, mock_server_command

ENV_KEY = "env-key-4f9c2a7e"
ENV_SECRET = "env-secret-Jq83kd0Z"


def test_the_command_never_prints_credentials_from_the_environment() -> None:
    env = {"WIRO_API_KEY": ENV_KEY, "WIRO_API_SECRET": ENV_SECRET}
    with mock_server_command(env=env) as run:
        auth = SignatureAuth(ENV_KEY, ENV_SECRET)
        leak = {"x-leak": f"{ENV_KEY} {ENV_SECRET}"}
        reply = httpx.post(f"{run.base_url}/Tool/List", json={}, headers={**auth.headers(), **leak})
        assert reply.json()["result"] is True
        httpx.post(f"{run.base_url}/Task/Detail?{ENV_KEY}={ENV_SECRET}", headers=auth.headers())
    assert "key from $WIRO_API_KEY" in run.output
    assert ENV_KEY not in run.output and ENV_SECRET not in run.output


def test_the_command_shows_a_key_given_on_its_command_line() -> None:
    with mock_server_command("--key", "typed-key", env={}) as run:
        pass
    assert "key 'typed-key'" in run.output


def test_no_record_or_reply_serves_the_key_or_the_secret(start_mock_wiro: StartMockWiro) -> None:
    server = start_mock_wiro(api_key=ENV_KEY, api_secret=ENV_SECRET)
    with signed_client(server, SignatureAuth(ENV_KEY, ENV_SECRET)) as wiro:
        body = {"prompt": f"{ENV_KEY} and {ENV_SECRET}"}
        taskid = wiro.post(PIXART, json=body, headers={"x-echo": ENV_KEY}).json()["taskid"]
        replies = [wiro.post("/Task/Detail", json={"taskid": taskid})]
    replies += [admin(server, "GET", f"tasks/{taskid}"), admin(server, "GET", "requests")]
    served = "".join(reply.text for reply in replies)
    assert ENV_KEY not in served and ENV_SECRET not in served
    assert '"x-api-key": "[redacted key]"' in replies[-1].text


def test_the_settings_repr_shows_neither_key_nor_secret() -> None:
    shown = repr(Settings(api_key=ENV_KEY, api_secret=ENV_SECRET))
    assert ENV_KEY not in shown and ENV_SECRET not in shown

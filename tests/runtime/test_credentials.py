"""Credentials checked at construction, WIRO_BASE_URL, and nonces unique across processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from textwrap import dedent
from types import ModuleType

import httpx
import pytest

from generator.mockserver import RunningMockServer
from generator.runtime._auth import _NonceSource
from generator.runtime._constants import NONCE_SALTS
from tests.support.mockserver_fixture import KEY, SECRET, SignatureAuth
from tests.support.paths import ROOT

HIDDEN = "Zq7-hidden-value"
BAD_CHARACTERS = ["\n", "\r\n", " ", "\t", "\x00", "\x1b", "\x7f", "é", "\u2028"]


@pytest.mark.parametrize("bad", BAD_CHARACTERS)
@pytest.mark.parametrize("which", ["API key", "API secret"])
def test_a_credential_with_whitespace_or_control_characters_is_refused(
    allkinds: ModuleType, which: str, bad: str
) -> None:
    value = f"{HIDDEN}{bad}"
    key, secret = (value, "s3cret") if which == "API key" else ("k3y", value)
    with pytest.raises(allkinds.ConfigurationError) as caught:
        allkinds.WiroClient(key, secret)
    assert f"the {which} holds" in str(caught.value)
    assert HIDDEN not in str(caught.value) + repr(caught.value)


@pytest.mark.parametrize("variable", ["WIRO_API_KEY", "WIRO_API_SECRET"])
def test_a_bad_credential_from_the_environment_names_its_variable(
    allkinds: ModuleType, monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    monkeypatch.setenv("WIRO_API_KEY", "k3y")
    monkeypatch.setenv(variable, f"{HIDDEN}\n")
    with pytest.raises(allkinds.ConfigurationError, match=f"\\(from \\${variable}\\)") as caught:
        allkinds.AsyncWiroClient()
    assert HIDDEN not in str(caught.value)


def test_printable_credentials_are_accepted(allkinds: ModuleType) -> None:
    client = allkinds.WiroClient("key-!~#$%&'()*+,-./:;<=>?@[]^_`{|}", "Zz09-_.~+/=")
    assert client.auth_mode == "signature"


def test_the_base_url_comes_from_wiro_base_url(
    allkinds: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WIRO_BASE_URL", "http://127.0.0.1:8765/v1")
    assert allkinds.WiroClient("k").base_url == "http://127.0.0.1:8765/v1/"
    assert allkinds.AsyncWiroClient("k").base_url == "http://127.0.0.1:8765/v1/"


def test_an_explicit_base_url_wins_over_wiro_base_url(
    allkinds: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WIRO_BASE_URL", "http://127.0.0.1:8765/v1")
    client = allkinds.WiroClient("k", base_url="https://proxy.example/v1")
    assert client.base_url == "https://proxy.example/v1/"


def test_wiro_base_url_follows_the_https_or_loopback_rule(
    allkinds: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WIRO_BASE_URL", "http://example.test/v1")
    with pytest.raises(allkinds.ConfigurationError, match="is not https"):
        allkinds.WiroClient("k")


def test_without_wiro_base_url_the_client_talks_to_wiro(
    allkinds: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WIRO_BASE_URL", raising=False)
    assert allkinds.WiroClient("k").base_url == "https://api.wiro.ai/v1/"


HAMMER = """
import sys
sys.path.insert(0, {generated!r})
import wiro_tools

refused = 0
with wiro_tools.WiroClient({key!r}, {secret!r}, base_url={base_url!r}) as client:
    for _ in range({calls}):
        try:
            client.task({taskid!r}).detail()
        except wiro_tools.AuthenticationError:
            refused += 1
print(refused)
"""


@pytest.mark.slow
def test_processes_sharing_a_key_never_reuse_a_nonce(mock_wiro: RunningMockServer) -> None:
    # The server refuses a nonce it has seen; 6 processes x 60 signed calls at once.
    with httpx.Client(base_url=mock_wiro.base_url) as http:
        run = http.post("/Run/wiro/PixArt-Sigma", json={}, auth=SignatureAuth()).json()
    script = dedent(HAMMER).format(
        generated=str(ROOT / "generated"),
        key=KEY,
        secret=SECRET,
        base_url=mock_wiro.base_url,
        calls=60,
        taskid=run["taskid"],
    )
    processes = [
        subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
        for _ in range(6)
    ]
    refused = [int(process.communicate(timeout=120)[0]) for process in processes]
    assert refused == [0] * 6
    assert mock_wiro.request_count("/v1/Task/Detail") == 360


def test_nonces_keep_a_per_process_salt_and_grow(allkinds: ModuleType) -> None:
    from allkinds._runtime import _auth

    nonces = [_auth._NONCES.next() for _ in range(1000)]
    assert nonces == sorted(set(nonces))
    assert len({nonce % NONCE_SALTS for nonce in nonces}) == 1


def test_nonces_stay_below_2_to_the_53_until_2106() -> None:
    last_second_of_2105 = datetime(2105, 12, 31, 23, 59, 59, tzinfo=UTC).timestamp()
    nonce = _NonceSource(clock=lambda: last_second_of_2105).next()
    assert nonce < 2**53


def test_a_nonce_today_is_at_most_16_digits() -> None:
    assert len(str(_NonceSource().next())) <= 16


def test_the_salt_is_as_wide_as_2_to_the_53_allows_until_2106() -> None:
    assert NONCE_SALTS * 2**32 <= 2**53 < 2 * NONCE_SALTS * 2**32


def test_a_busy_process_runs_ahead_of_a_stopped_clock() -> None:
    source = _NonceSource(clock=lambda: 1_800_000_000.0)
    first, second = source.next(), source.next()
    assert second - first == NONCE_SALTS


def nonces_of_forked_children(children: int, each: int) -> list[list[int]]:
    """The nonces `children` forked processes draw, `each` apiece (after the parent drew)."""
    source = _NonceSource()
    source.next()
    pipes = []
    for _ in range(children):
        read, write = os.pipe()
        if os.fork() == 0:  # the child: report its nonces and leave at once
            os.close(read)
            os.write(write, json.dumps([source.next() for _ in range(each)]).encode())
            os._exit(0)
        os.close(write)
        pipes.append(read)
    drawn = []
    for read in pipes:
        with os.fdopen(read, "rb") as pipe:
            drawn.append(json.loads(pipe.read()))
    for _ in range(children):
        os.wait()
    return [[source.next() for _ in range(each)], *drawn]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_forked_children_draw_their_own_salt() -> None:
    parent, *children = nonces_of_forked_children(children=4, each=20)
    salts = [{nonce % NONCE_SALTS for nonce in nonces} for nonces in (parent, *children)]
    assert all(len(salt) == 1 for salt in salts)
    assert len(set().union(*salts)) == 5  # the parent and each child: its own salt


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_forked_children_send_no_nonce_twice() -> None:
    everyone = nonces_of_forked_children(children=4, each=50)
    sent = [nonce for nonces in everyone for nonce in nonces]
    assert len(set(sent)) == len(sent)

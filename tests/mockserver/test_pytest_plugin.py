"""The `wiro_mock` fixture other projects get from wirogen's pytest11 entry point.

Each test runs pytest in a subprocess on a project of its own: the plugin is found
through the installed entry point, as in any project that installs wirogen.
"""

from __future__ import annotations

from textwrap import dedent

import pytest

from tests.support.paths import ROOT, SPECS

# slow: each case a pytest run in a process.
pytestmark = pytest.mark.slow

SIGNED_REQUEST = """
import hashlib, hmac, os, time

import httpx


def signed(path, body):
    key, secret = os.environ["WIRO_API_KEY"], os.environ["WIRO_API_SECRET"]
    nonce = str(time.time_ns())
    signature = hmac.new(key.encode(), (secret + nonce).encode(), hashlib.sha256).hexdigest()
    headers = {"x-api-key": key, "x-nonce": nonce, "x-signature": signature}
    return httpx.post(os.environ["WIRO_BASE_URL"] + path, json=body, headers=headers)
"""


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    """A project whose pytest ini points the plugin at wirogen's specs/."""
    pytester.makeini(f"[pytest]\nwiro_mock_specs = {SPECS}\n")
    return pytester


def run(project: pytest.Pytester, test_code: str) -> pytest.RunResult:
    project.makepyfile(test_one=SIGNED_REQUEST + dedent(test_code))
    return project.runpytest_subprocess("-p", "no:cacheprovider")


def test_a_project_gets_a_server_its_environment_points_at(project: pytest.Pytester) -> None:
    result = run(
        project,
        """
        def test_run(wiro_mock):
            assert os.environ["WIRO_BASE_URL"] == wiro_mock.base_url
            reply = signed("/Run/wiro/PixArt-Sigma", {"prompt": "a cat"}).json()
            assert reply["result"] is True
            assert wiro_mock.request_count("/v1/Run/wiro/PixArt-Sigma") == 1
        """,
    )
    result.assert_outcomes(passed=1)


def test_each_test_gets_a_fresh_server(project: pytest.Pytester) -> None:
    result = run(
        project,
        """
        def test_first(wiro_mock):
            wiro_mock.queue_faults("/v1/Tool/List", "503")

        def test_second(wiro_mock):
            assert signed("/Tool/List", {}).status_code == 200
        """,
    )
    result.assert_outcomes(passed=2)


def test_a_marker_sets_the_servers_settings(project: pytest.Pytester) -> None:
    result = run(
        project,
        """
        import pytest

        @pytest.mark.wiro_mock(auth="key", missing_polls=1)
        def test_key_mode(wiro_mock):
            assert "WIRO_API_SECRET" not in os.environ
            headers = {"x-api-key": os.environ["WIRO_API_KEY"]}
            run = httpx.post(wiro_mock.base_url + "/Run/wiro/PixArt-Sigma", json={}, headers=headers)
            taskid = run.json()["taskid"]
            poll = httpx.post(wiro_mock.base_url + "/Task/Detail", json={"taskid": taskid}, headers=headers)
            assert poll.json()["errors"][0]["message"] == "There is no task yet."
        """,
    )
    result.assert_outcomes(passed=1)


def test_a_marker_with_an_unknown_setting_is_a_usage_error(project: pytest.Pytester) -> None:
    result = run(
        project,
        """
        import pytest

        @pytest.mark.wiro_mock(colour="red")
        def test_bad(wiro_mock):
            pass
        """,
    )
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*wiro_mock takes keyword settings*got colour*"])


def test_the_plugin_loads_without_the_server_until_a_test_asks(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(test_one="""
        import sys

        def test_nothing_loaded():
            assert "generator.pytest_plugin" in sys.modules
            assert "generator.mockserver" not in sys.modules and "aiohttp" not in sys.modules
        """)
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_a_generated_client_made_without_arguments_talks_to_the_fixture(
    project: pytest.Pytester,
) -> None:
    result = run(
        project,
        f"""
        import sys
        sys.path.insert(0, {str(ROOT / "generated")!r})
        from wiro_tools import WiroClient, get_tool

        def test_run_and_wait(wiro_mock):
            wiro_mock.queue_faults("/v1/Task/Detail", "503")
            with WiroClient(sleep=lambda seconds: None) as client:
                result = get_tool("wiro/PixArt-Sigma")(client).run_and_wait(prompt="a cat")
            assert result.succeeded
            assert wiro_mock.request_count("/v1/Run/wiro/PixArt-Sigma") == 1
        """,
    )
    result.assert_outcomes(passed=1)

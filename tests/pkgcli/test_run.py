"""`run SLUG`: a seed page's tool run from the shell against the mock server."""

from __future__ import annotations

import json
from pathlib import Path

from generator.mockserver import RunningMockServer

from .conftest import Shell, only_run

PIXART = "wiro/PixArt-Sigma"
RUN_PATH = f"/v1/Run/{PIXART}"


def test_a_run_prints_the_output_urls_and_exits_0(shell: Shell) -> None:
    result = shell("run", PIXART, "--prompt", "a cat")
    assert result.exit_code == 0, result.output
    urls = result.stdout.split()
    assert urls and all(url.startswith(shell.server.origin) for url in urls)  # type: ignore[union-attr]


def test_live_status_goes_to_stderr_only(shell: Shell) -> None:
    result = shell("run", PIXART)
    assert "postprocess end" in result.stderr.splitlines()
    assert "postprocess" not in result.stdout


def test_the_inputs_given_are_sent_by_their_wire_names(
    shell: Shell, mock_wiro: RunningMockServer
) -> None:
    shell("run", PIXART, "--prompt", "a cat", "--negative-prompt", "blur", "--steps", "7")
    body = only_run(mock_wiro, PIXART)
    assert (body["prompt"], body["negativePrompt"], body["steps"]) == ("a cat", "blur", 7)


def test_json_prints_the_final_task_and_nothing_else(shell: Shell) -> None:
    result = shell("run", PIXART, "--json")
    task = json.loads(result.stdout)
    assert task["status"] == "task_postprocess_end" and task["pexit"] == "0"
    assert task["succeeded"] is True and task["cost"] is not None
    assert task["outputs"][0]["url"].startswith("http") and "raw" not in task


def test_out_downloads_the_outputs_and_prints_their_paths(shell: Shell, tmp_path: Path) -> None:
    result = shell("run", PIXART, "--out", str(tmp_path / "o"))
    paths = [Path(line) for line in result.stdout.split()]
    assert paths and all(path.parent == tmp_path / "o" and path.stat().st_size for path in paths)


def test_json_with_out_lists_the_files(shell: Shell, tmp_path: Path) -> None:
    task = json.loads(shell("run", PIXART, "--json", "--out", str(tmp_path)).stdout)
    assert task["files"] and all(Path(path).is_file() for path in task["files"])


def test_no_wait_prints_the_task_id_and_token(shell: Shell, mock_wiro: RunningMockServer) -> None:
    result = shell("run", PIXART, "--no-wait")
    taskid, token = result.stdout.split()
    assert mock_wiro.task(taskid)["socketaccesstoken"] == token
    assert mock_wiro.request_count("/v1/Task/Detail") == 0


def test_a_bad_value_exits_2_naming_the_option_before_any_request(
    shell: Shell, mock_wiro: RunningMockServer
) -> None:
    result = shell("run", PIXART, "--steps", "many")
    assert result.exit_code == 2
    assert "--steps" in result.stderr and "expected a whole number" in result.stderr
    assert mock_wiro.request_count(RUN_PATH) == 0


def test_a_value_outside_the_options_exits_2(shell: Shell, mock_wiro: RunningMockServer) -> None:
    result = shell("run", "wiro/cartoonify", "--aspect-ratio", "7:5")
    assert result.exit_code == 2 and "--aspect-ratio" in result.stderr
    assert mock_wiro.request_count("/v1/Run/wiro/cartoonify") == 0


def test_allow_unlisted_sends_a_value_outside_the_options(
    shell: Shell, mock_wiro: RunningMockServer
) -> None:
    url = "https://x.test/a.png"
    args = ("--input-image-url", url, "--aspect-ratio", "7:5", "--allow-unlisted", "--no-wait")
    result = shell("run", "wiro/cartoonify", *args)
    assert only_run(mock_wiro, "wiro/cartoonify")["aspectRatio"] == "7:5"
    assert result.exit_code == 1  # the mock server, like Wiro, refuses it


def test_a_failed_task_exits_1_with_wiros_debugerror(
    shell: Shell, mock_wiro: RunningMockServer
) -> None:
    mock_wiro.queue_task_scripts({"outcome": "pexit", "debugerror": "CUDA out of memory"})
    result = shell("run", PIXART)
    assert result.exit_code == 1
    assert "failed" in result.stderr and "CUDA out of memory" in result.stderr


def test_a_cancelled_task_exits_1(shell: Shell, mock_wiro: RunningMockServer) -> None:
    mock_wiro.queue_task_scripts("cancel")
    result = shell("run", PIXART)
    assert result.exit_code == 1 and "cancelled" in result.stderr


def test_a_timeout_exits_1_and_says_how_to_follow_the_task(
    shell: Shell, mock_wiro: RunningMockServer
) -> None:
    mock_wiro.clock(per_poll=0)  # the task never moves on
    result = shell("run", PIXART, "--timeout", "0.5")
    assert result.exit_code == 1
    assert "did not end within 0.5 s" in result.stderr and "task wait|kill" in result.stderr


def test_set_sends_unlisted_fields_as_json_else_text(
    shell: Shell, mock_wiro: RunningMockServer
) -> None:
    shell("run", PIXART, "--set", "loraScale=0.8", "--set", "style=noir", "--no-wait")
    body = only_run(mock_wiro, PIXART)
    assert (body["loraScale"], body["style"]) == (0.8, "noir")


def test_set_of_a_listed_input_exits_2_naming_its_option(shell: Shell) -> None:
    result = shell("run", PIXART, "--set", "negativePrompt=x")
    assert result.exit_code == 2 and "--negative-prompt" in result.stderr


def test_set_without_equals_exits_2(shell: Shell) -> None:
    assert shell("run", PIXART, "--set", "style").exit_code == 2


def test_project_id_and_callback_url_are_sent(shell: Shell, mock_wiro: RunningMockServer) -> None:
    url = "https://hooks.example.com/done"
    shell("run", PIXART, "--project-id", "p-7", "--callback-url", url, "--no-wait")
    body = only_run(mock_wiro, PIXART)
    assert (body["projectid"], body["callbackUrl"]) == ("p-7", url)


def test_run_options_may_come_before_the_slug(shell: Shell) -> None:
    result = shell("run", "--json", PIXART)
    assert json.loads(result.stdout)["pexit"] == "0"


def test_an_unknown_tool_exits_2_with_close_matches(shell: Shell) -> None:
    result = shell("run", "wiro/PixArt-Sigmo")
    assert result.exit_code == 2 and "did you mean wiro/PixArt-Sigma" in result.stderr


def test_missing_credentials_exit_2_before_any_request(
    shell: Shell, mock_wiro: RunningMockServer
) -> None:
    shell.env = {"WIRO_API_KEY": None, "WIRO_API_SECRET": None}
    result = shell("run", PIXART)
    assert result.exit_code == 2 and "WIRO_API_KEY" in result.stderr
    assert mock_wiro.request_count(RUN_PATH) == 0


def test_base_url_option_wins_over_the_environment(
    shell: Shell, mock_wiro: RunningMockServer
) -> None:
    shell.env = {"WIRO_BASE_URL": "http://127.0.0.1:9/v1"}
    result = shell("--base-url", mock_wiro.base_url, "run", PIXART, "--no-wait")
    assert result.exit_code == 0 and mock_wiro.request_count(RUN_PATH) == 1


def test_a_refused_request_exits_1_with_wiros_message(
    shell: Shell, mock_wiro: RunningMockServer
) -> None:
    shell.env = {"WIRO_API_SECRET": "wrong-secret"}
    result = shell("run", PIXART)
    assert result.exit_code == 1 and "wrong-secret" not in result.output
    assert result.stderr.startswith("Error: ")


def test_set_sends_nan_as_text_not_a_number(shell: Shell, mock_wiro: RunningMockServer) -> None:
    shell("run", PIXART, "--set", "x=NaN", "--no-wait")
    assert only_run(mock_wiro, PIXART)["x"] == "NaN"

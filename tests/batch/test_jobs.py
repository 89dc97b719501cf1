"""JOBS checked before any Run: every bad line reported with its number; good lines
turned into run() arguments by the shared coercion rules."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator.runtime._batch_jobs import (
    InvalidJobsError,
    ToolCatalogue,
    check_jobs,
    read_jobs,
)

from .support import CARTOONIFY, PIXART, write_jobs


@pytest.fixture
def tools(wiro_tools: ModuleType) -> ToolCatalogue:
    return ToolCatalogue(wiro_tools)


def problems(path: Path, tools: ToolCatalogue) -> list[str]:
    with pytest.raises(InvalidJobsError) as caught:
        check_jobs(path, tools)
    return [str(problem) for problem in caught.value.problems]


def one_job(tmp_path: Path, tools: ToolCatalogue, job: dict[str, Any]) -> Any:
    (read,) = read_jobs(write_jobs(tmp_path / "jobs.jsonl", job), tools)
    return read


def test_every_bad_line_is_reported_with_its_number(tmp_path: Path, tools: ToolCatalogue) -> None:
    path = write_jobs(
        tmp_path / "jobs.jsonl",
        {"tool": PIXART, "inputs": {"prompt": "fine"}},
        {"tool": "nobody/nothing"},
        {"tool": PIXART, "inputs": {"colour": "red"}},
        {"tool": PIXART, "inputs": {"steps": "many"}},
        {"tool": PIXART, "inputs": {"scheduler": "NoSuchScheduler"}},
        {"tool": CARTOONIFY, "inputs": {"input_image_url": "missing.png"}},
    )
    found = problems(path, tools)
    assert [problem.split(":")[0] for problem in found] == [f"line {n}" for n in (2, 3, 4, 5, 6)]
    assert "no tool 'nobody/nothing'" in found[0]
    assert "colour" in found[1]
    assert "whole number" in found[2]
    assert "NoSuchScheduler" in found[3]
    assert "no such file" in found[4]


def test_a_duplicate_id_names_the_line_that_has_it_first(
    tmp_path: Path, tools: ToolCatalogue
) -> None:
    path = write_jobs(
        tmp_path / "jobs.jsonl", {"id": "a", "tool": PIXART}, {"id": "a", "tool": PIXART}
    )
    assert problems(path, tools) == ["line 2: id 'a' is also on line 1"]


def test_a_line_that_is_not_a_json_object_is_a_problem(
    tmp_path: Path, tools: ToolCatalogue
) -> None:
    path = write_jobs(tmp_path / "jobs.jsonl", "{not json", "[1, 2]")
    found = problems(path, tools)
    assert found[0].startswith("line 1: not JSON")
    assert found[1] == "line 2: a job is a JSON object, not list"


def test_an_id_that_cannot_name_a_folder_is_refused(tmp_path: Path, tools: ToolCatalogue) -> None:
    path = write_jobs(tmp_path / "jobs.jsonl", {"id": "../escape", "tool": PIXART})
    assert "names the job's output folder" in problems(path, tools)[0]


def test_an_unknown_key_is_refused(tmp_path: Path, tools: ToolCatalogue) -> None:
    path = write_jobs(tmp_path / "jobs.jsonl", {"tool": PIXART, "input": {}})
    assert "unknown key 'input'" in problems(path, tools)[0]


def test_an_empty_file_is_refused(tmp_path: Path, tools: ToolCatalogue) -> None:
    path = tmp_path / "jobs.jsonl"
    path.write_text("\n\n")
    assert problems(path, tools) == ["line 1: no jobs: the file has no lines"]


def test_the_id_defaults_to_the_line_number(tmp_path: Path, tools: ToolCatalogue) -> None:
    path = write_jobs(tmp_path / "jobs.jsonl", {"tool": PIXART}, {"tool": PIXART})
    assert [job.id for job in read_jobs(path, tools)] == ["1", "2"]


def test_inputs_go_by_argument_or_wire_name(tmp_path: Path, tools: ToolCatalogue) -> None:
    job = one_job(
        tmp_path, tools, {"tool": PIXART, "inputs": {"negativePrompt": "fog", "steps": "12"}}
    )
    assert job.arguments == {"negative_prompt": "fog", "steps": 12}


def test_a_local_path_is_relative_to_the_jobs_file_and_becomes_a_path(
    tmp_path: Path, tools: ToolCatalogue
) -> None:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "me.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    job = one_job(
        tmp_path, tools, {"tool": CARTOONIFY, "inputs": {"input_image_url": "images/me.png"}}
    )
    assert job.arguments["input_image_url"] == tmp_path / "images" / "me.png"
    assert isinstance(job.arguments["input_image_url"], Path)


def test_a_url_stays_text(tmp_path: Path, tools: ToolCatalogue) -> None:
    url = "https://example.com/me.png"
    job = one_job(tmp_path, tools, {"tool": CARTOONIFY, "inputs": {"inputImageUrl": url}})
    assert job.arguments["input_image_url"] == url


def test_extra_body_and_project_id_are_kept(tmp_path: Path, tools: ToolCatalogue) -> None:
    job = one_job(tmp_path, tools, {"tool": PIXART, "extra_body": {"x": 1}, "project_id": "p-1"})
    assert (job.extra_body, job.project_id) == ({"x": 1}, "p-1")


def test_a_tool_is_found_whatever_its_case(tmp_path: Path, tools: ToolCatalogue) -> None:
    job = one_job(tmp_path, tools, {"tool": PIXART.upper()})
    assert job.tool.slug == PIXART

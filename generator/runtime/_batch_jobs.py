"""A batch's jobs: JSON Lines read, checked and turned into run() arguments.

One job a line: `{"id": "...", "tool": "owner/slug", "inputs": {...}, "extra_body":
{...}, "project_id": "..."}`. Inputs go by run()'s argument names or their wire names,
through the same coercion rules as the package's command line (`_coerce`); a file input's
text is a URL, or a local path relative to the JOBS file (made a `pathlib.Path`). Every
line is checked before any Run: all problems come back together, with line numbers.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Final

from ._coerce import coerce_inputs
from ._describe import ToolDescription, ToolEntry, describe, registry_entries
from ._encoding import encode_run
from ._errors import InvalidInputError, WiroError

JOB_KEYS: Final = frozenset({"id", "tool", "inputs", "extra_body", "project_id"})
JOB_ID: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
"""A job id names its output folder: letters, digits, `.`, `_`, `-`; 100 at most."""
MAX_PROBLEMS_SHOWN: Final = 50


@dataclass(frozen=True)
class Job:
    """One line of JOBS, checked: its run() arguments ready to send."""

    id: str
    line: int
    tool: ToolDescription
    arguments: Mapping[str, object]
    extra_body: Mapping[str, object] | None
    project_id: str | None
    fingerprint: str
    """A digest of the line's JSON: a rerun refuses a job whose line changed."""


@dataclass(frozen=True)
class JobProblem:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class InvalidJobsError(WiroError, ValueError):
    """JOBS has lines that cannot run; `problems` lists every one; nothing was sent."""

    def __init__(self, path: Path, problems: list[JobProblem]) -> None:
        self.path = path
        self.problems = problems
        shown = "\n".join(f"  {p}" for p in problems[:MAX_PROBLEMS_SHOWN])
        more = len(problems) - MAX_PROBLEMS_SHOWN
        tail = f"\n  ... and {more} more" if more > 0 else ""
        count = f"{len(problems)} problem{'s' * (len(problems) != 1)}"
        super().__init__(f"{path}: {count}, nothing was sent:\n{shown}{tail}")


class _BadLine(ValueError):
    """A line that cannot run; the reader adds its number."""


class ToolCatalogue:
    """The package's tools by slug (any case), each described once when first used."""

    def __init__(self, registry: ModuleType) -> None:
        self._entries: dict[str, ToolEntry] = {
            entry.slug.casefold(): entry for entry in registry_entries(registry)
        }
        self._described: dict[str, ToolDescription] = {}

    def find(self, slug: str) -> ToolDescription | None:
        key = slug.casefold()
        if key not in self._described:
            entry = self._entries.get(key)
            if entry is None:
                return None
            self._described[key] = describe(entry.load())
        return self._described[key]


def read_jobs(path: Path, tools: ToolCatalogue) -> Iterator[Job]:
    """The jobs of `path` in order, streamed; call `check_jobs` first."""
    for number, text in _lines(path):
        yield _job(number, text, path.parent, tools)


def check_jobs(path: Path, tools: ToolCatalogue) -> list[tuple[str, int, str, str]]:
    """Each job's (id, line, fingerprint, tool slug); InvalidJobsError listing every bad
    line (unknown tool or input, wrong type, value outside the options, missing file,
    duplicate id)."""
    problems: list[JobProblem] = []
    seen: dict[str, int] = {}
    keys: list[tuple[str, int, str, str]] = []
    for number, text in _lines(path):
        try:
            job = _job(number, text, path.parent, tools)
        except _BadLine as bad:
            problems.append(JobProblem(number, str(bad)))
            continue
        if job.id in seen:
            first = seen[job.id]
            problems.append(
                JobProblem(number, f"id {job.id!r} is also on line {first}")
            )
        seen.setdefault(job.id, number)
        keys.append((job.id, number, job.fingerprint, job.tool.slug))
    if problems:
        raise InvalidJobsError(path, problems)
    if not keys:
        raise InvalidJobsError(path, [JobProblem(1, "no jobs: the file has no lines")])
    return keys


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, text) of each line that is not blank."""
    with path.open(encoding="utf-8") as lines:
        for number, text in enumerate(lines, start=1):
            if text.strip():
                yield number, text


def _job(number: int, text: str, base: Path, tools: ToolCatalogue) -> Job:
    fields = _object(text)
    unknown = sorted(set(fields) - JOB_KEYS)
    if unknown:
        raise _BadLine(
            f"unknown key {', '.join(map(repr, unknown))} "
            f"(a job has {', '.join(sorted(JOB_KEYS))})"
        )
    job_id = _job_id(fields.get("id", str(number)))
    slug = fields.get("tool")
    if not isinstance(slug, str) or not slug:
        raise _BadLine('"tool" must name a tool as "owner/slug"')
    tool = tools.find(slug)
    if tool is None:
        raise _BadLine(f"no tool {slug!r} in this package")
    inputs = _mapping(fields, "inputs")
    extra_body = _mapping(fields, "extra_body") or None
    project_id = fields.get("project_id")
    if project_id is not None and not isinstance(project_id, str):
        raise _BadLine('"project_id" must be text')
    try:
        arguments = coerce_inputs(tool, inputs, base=base)
        _encodable(tool, arguments, extra_body, project_id)
    except InvalidInputError as error:
        raise _BadLine(f"{tool.slug}: {error}") from None
    digest = hashlib.sha256(text.strip().encode()).hexdigest()[:16]
    return Job(job_id, number, tool, arguments, extra_body, project_id, digest)


def _object(text: str) -> dict[str, Any]:
    try:
        fields = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise _BadLine(f"not JSON: {error}") from None
    if not isinstance(fields, dict):
        raise _BadLine(f"a job is a JSON object, not {type(fields).__name__}")
    return fields


def _job_id(value: object) -> str:
    job_id = (
        str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    )
    if not isinstance(job_id, str) or not JOB_ID.fullmatch(job_id):
        raise _BadLine(
            f"id {value!r} must be 1 to 100 letters, digits, '.', '_' or '-', "
            "starting with a letter or digit (it names the job's output folder)"
        )
    return job_id


def _mapping(fields: Mapping[str, Any], key: str) -> dict[str, Any]:
    value = fields.get(key) or {}
    if not isinstance(value, dict):
        raise _BadLine(f"{key!r} must be a JSON object")
    return value


def _encodable(
    tool: ToolDescription,
    arguments: Mapping[str, object],
    extra_body: Mapping[str, object] | None,
    project_id: str | None,
) -> None:
    """Raise InvalidInputError for what run() would refuse before sending."""
    values = {
        item.name: arguments.get(item.argument, item.default) for item in tool.inputs
    }
    encode_run(tool.info, values, None, False, extra_body, project_id)

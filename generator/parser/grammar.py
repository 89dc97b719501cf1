"""The vocabulary of a Wiro tool page, shared by both layouts' readers."""

from __future__ import annotations

import enum
import re


class Section(enum.Enum):
    """The sections a page is made of, in page order."""

    BASIC = "Basic tool info"
    INPUTS = "Tool Inputs"
    INSPIRES = "Tool Parameter Inspires"
    INTEGRATION = "Integration Header Prepare"
    RUN_REQUEST = "Run Command - Make HTTP Post Request"
    RUN_RESPONSE = "Run Command - Response"
    DETAIL_REQUEST = "Get Task Detail - Make HTTP Post Request"
    DETAIL_RESPONSE = "Get Task Detail - Response"
    KILL_REQUEST = "Kill Task - Make HTTP Post Request"
    KILL_RESPONSE = "Kill Task - Response"
    CANCEL_REQUEST = "Cancel Task - Make HTTP Post Request"
    CANCEL_RESPONSE = "Cancel Task - Response"
    STATUS_INFO = "Task Status Information"
    COMPLETED_STATUSES = "Completed Task Statuses"
    RUNNING_STATUSES = "Running Task Statuses"
    UNKNOWN = "unknown"


_IDENTIFIED = r" with (?:Task ID|Socket Access Token)"
_WITH_ID = rf"(?:{_IDENTIFIED})?"

# Title patterns, matched at the start of a heading's text.
SECTION_TITLES: tuple[tuple[Section, re.Pattern[str]], ...] = tuple(
    (section, re.compile(pattern, re.IGNORECASE))
    for section, pattern in (
        (Section.BASIC, r"Basic (?:tool|model) info"),
        (Section.INPUTS, r"(?:Tool|Model) Inputs:?"),
        (Section.INSPIRES, r"(?:Tool|Model) Parameter Inspires:?"),
        (Section.INTEGRATION, r"Integration Header Prepare"),
        (Section.RUN_REQUEST, r"Run Command - Make HTTP Post Request"),
        (Section.RUN_RESPONSE, r"Run Command - Response"),
        (Section.DETAIL_REQUEST, r"Get Task Detail - Make HTTP Post Request" + _WITH_ID),
        (Section.DETAIL_RESPONSE, r"Get Task Detail - Response"),
        (Section.KILL_REQUEST, r"Kill Task - Make HTTP Post Request" + _WITH_ID),
        (Section.KILL_RESPONSE, r"Kill Task - Response"),
        (
            Section.CANCEL_REQUEST,
            rf"Cancel Task - Make HTTP Post Request(?: \(For tasks on queue\)|{_IDENTIFIED})?",
        ),
        (Section.CANCEL_RESPONSE, r"Cancel Task - Response"),
        (Section.STATUS_INFO, r"Task Status Information"),
        (Section.COMPLETED_STATUSES, r"Completed Task Statuses(?: \(Polling can stop\))?"),
        (Section.RUNNING_STATUSES, r"Running Task Statuses(?: \(Continue polling\))?"),
    )
)

# Sections whose content is one or more code blocks.
FENCED_SECTIONS = frozenset(
    {
        Section.INTEGRATION,
        Section.RUN_REQUEST,
        Section.RUN_RESPONSE,
        Section.DETAIL_REQUEST,
        Section.DETAIL_RESPONSE,
        Section.KILL_REQUEST,
        Section.KILL_RESPONSE,
        Section.CANCEL_REQUEST,
        Section.CANCEL_RESPONSE,
    }
)


def match_title(text: str) -> tuple[Section, int]:
    """The section a heading's text names and where its title ends (UNKNOWN, 0 if none)."""
    for section, pattern in SECTION_TITLES:
        found = pattern.match(text)
        if found:
            return section, found.end()
    return Section.UNKNOWN, 0


# Basic info keys that hold lists.
LIST_KEYS = frozenset({"categories", "tags"})
BASIC_KEY_PATTERN = re.compile(
    r"(?P<wording>Tool|Model) (?P<field>name|description|cover|categories|tags):"
    r"|(?P<endpoint>Run Task|Get Task Detail) Endpoint \(POST\):"
)


def basic_key(found: re.Match[str]) -> str:
    """The basic info key a BASIC_KEY_PATTERN match names: its field, or run / detail."""
    endpoint = found.group("endpoint")
    if endpoint is None:
        return found.group("field")
    return "run" if endpoint == "Run Task" else "detail"


# Input item fields and option fields, in documented order.
INPUT_KEYS = ("name", "label", "help", "type", "default", "options")
OPTION_KEYS = ("value", "label", "description", "triggerwords", "generatesettings")
JSON_OPTION_KEYS = frozenset({"triggerwords", "generatesettings"})

# A status list entry: `- task_queue : Task is waiting in the queue.`
STATUS_ENTRY = re.compile(r"(?:^|(?<=\s))- (?P<status>[A-Za-z][A-Za-z0-9_]*)\s*:(?=\s|$)")

# An inspire entry: `- prompt: a cat`.
INSPIRE_ENTRY = re.compile(r"(?:^|(?<=\s))- (?P<key>[A-Za-z_][A-Za-z0-9_]*):(?=\s|$)")

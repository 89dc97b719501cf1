"""Small tool pages written by hand for grammar tests, in either layout."""

from __future__ import annotations

from textwrap import dedent

from generator.ir import ToolSpec
from generator.parser import parse_text

LAYOUTS = ("multiline", "collapsed")

STATUS_TAIL = """
## Task Status Information
This section defines the possible task status values returned by the API.

### Completed Task Statuses (Polling can stop)
These indicate that the task has reached a terminal state — either success or failure.
- task_postprocess_end : Task completed successfully and post-processing is done.
- task_cancel : Task was cancelled by the user or system.

### Running Task Statuses (Continue polling)
These statuses indicate that the task is still in progress.
- task_queue : Task is waiting in the queue.
- task_start : Task execution has started.
"""

DEFAULT_INPUTS = """
  - name: prompt
    label: Prompt
    help: What to draw.
    type: textarea
    default: a cat
"""


def make_page(
    inputs: str = DEFAULT_INPUTS,
    *,
    name: str = "wiro/demo",
    run: str = "https://api.wiro.ai/v1/Run/wiro/demo",
    wording: str = "Tool",
    description: str = "A demo tool.",
    preamble: str = "",
    tags: str | None = "  - style\n  - demo",
    middle: str = "",
    tail: str = STATUS_TAIL,
) -> str:
    """A multi-line page; `inputs` is the indented item list, `middle` goes after it."""
    w = wording
    head = [preamble, "## Basic tool info", "", f"{w} name: {name}"]
    head += [f"{w} description: {description}", f"{w} cover: https://cdn.wiro.ai/c.png"]
    head += [f"{w} categories:", "  - tool", "  - text-to-image", ""]
    if tags is not None:
        head += [f"{w} tags:", tags, ""]
    head += ["Run Task Endpoint (POST):", run, "", "Get Task Detail Endpoint (POST):"]
    head += ["https://api.wiro.ai/v1/Task/Detail", "", f"## {w} Inputs: ", ""]
    body = dedent(inputs).strip("\n")
    body = "\n".join(f"  {line}" if line else "" for line in body.split("\n"))
    return "\n".join(head) + "\n" + body + "\n\n" + dedent(middle) + tail


def collapse(text: str) -> str:
    """The page as copies that passed through other tools have it: one line."""
    return " ".join(text.split())


def parse(text: str, layout: str = "multiline", name: str = "demo.md") -> ToolSpec:
    return parse_text(name, collapse(text) if layout == "collapsed" else text)


def run_section(body: str, url: str = "https://api.wiro.ai/v1/Run/wiro/demo") -> str:
    return (
        "## Run Command - Make HTTP Post Request \n```bash\n"
        f'curl -X POST "{url}" \n-H "x-api-key: ${{YOUR_API_KEY}}" \n'
        f"-d '{body}';\n```\n"
    )


def request_section(title: str, url: str, body: str) -> str:
    return f"## {title}\n```bash\ncurl -X POST \"{url}\" \n-d '{body}';\n```\n"

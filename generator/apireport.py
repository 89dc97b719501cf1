"""API changes written out: text for people, JSON for programs, markdown for pull requests."""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from itertools import groupby

from .apidiff import SEVERITIES, Change, count
from .pricechanges import PRICE
from .wording import counted


def summary(changes: list[Change]) -> str:
    """`2 tools changed: 1 breaking, 3 non-breaking, 0 info`, or that nothing changed."""
    if not changes:
        return "no API changes"
    tools = len({change.tool for change in changes})
    counts = ", ".join(f"{number} {severity}" for severity, number in count(changes).items())
    prices = _prices(changes)
    rose = sum(change.message.startswith("price rose") for change in prices)
    priced = f"; {counted(len(prices), 'price')} changed ({rose} rose)"
    return f"{counted(tools, 'tool')} changed: {counts}" + (priced if prices else "")


def as_text(changes: list[Change]) -> str:
    """Grouped by tool (tools with breaking changes first), one change a line, then the summary."""
    width = max(len(severity) for severity in SEVERITIES)
    lines = []
    for tool, group in _by_tool(_api(changes)):
        lines.append(tool)
        lines += [f"  {change.severity:<{width}}  {change.message}" for change in group]
    if _prices(changes):
        lines.append("prices (rises first)")
        lines += [f"  {change.tool}: {change.message}" for change in _prices(changes)]
    lines.append(summary(changes))
    return "\n".join(lines) + "\n"


def as_json(changes: list[Change]) -> str:
    return json.dumps([change.to_json() for change in changes], indent=2) + "\n"


def as_markdown(changes: list[Change]) -> str:
    """A pull-request comment; page text is escaped so it cannot break out of the table."""
    lines = ["### Wiro API changes", "", summary(changes).capitalize() + "."]
    for tool, group in _by_tool(_api(changes)):
        lines += ["", f"#### {_cell(tool)}", "", "| Severity | Change |", "| --- | --- |"]
        lines += [f"| {_badge(change)} | {_cell(change.message)} |" for change in group]
    if _prices(changes):
        lines += ["", "#### Prices (rises first)", "", "| Tool | Change |", "| --- | --- |"]
        lines += [f"| {_cell(c.tool)} | {_cell(c.message)} |" for c in _prices(changes)]
    return "\n".join(lines) + "\n"


def _api(changes: list[Change]) -> list[Change]:
    return [change for change in changes if change.kind != PRICE]


def _prices(changes: list[Change]) -> list[Change]:
    """The price changes, in the order `compare` gives them (rises first)."""
    return [change for change in changes if change.kind == PRICE]


def _by_tool(changes: list[Change]) -> Iterator[tuple[str, list[Change]]]:
    for tool, group in groupby(changes, key=lambda change: change.tool):
        yield tool, list(group)


def _badge(change: Change) -> str:
    return f"**{change.severity}**" if change.severity == "breaking" else change.severity


def _cell(text: str) -> str:
    """Text safe in a markdown table cell: no HTML, pipes, backticks or line breaks."""
    escaped = html.escape(text, quote=False).replace("|", "\\|").replace("`", "\\`")
    return " ".join(escaped.split())


FORMATS = {"text": as_text, "json": as_json, "markdown": as_markdown}

"""The tools one MCP server offers: their names, MCP descriptions and a search over them.

A tool module is imported the first time its description is needed (listing, search,
a call), not when the server starts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from types import ModuleType
from typing import Any

from mcp import types

from ._async_tools import AsyncTool
from ._describe import ToolDescription, describe
from ._mcp_inputs import input_schema
from ._mcp_names import tool_names
from ._mcp_results import TASK_SCHEMA


class UnknownTools(ValueError):
    """--tools named slugs the package does not have."""


class Catalogue:
    """The tools of `registry` (a generated package) this server offers, by MCP name."""

    def __init__(self, registry: ModuleType, slugs: Iterable[str]) -> None:
        self._registry = registry
        self.package = registry.__name__
        """The generated package's name: the server's."""
        self.names = tool_names(slugs)
        self.slugs = {name: slug for slug, name in self.names.items()}
        self._described: dict[str, ToolDescription] = {}

    @classmethod
    def select(
        cls, registry: ModuleType, tools: Sequence[str], category: str | None
    ) -> Catalogue:
        """The package's tools, only those named in `tools` (slugs, any case) when
        given, and only those of `category` when given."""
        known: dict[str, str] = {slug.casefold(): slug for slug in registry.TOOLS}
        wanted = [known.get(slug.casefold(), slug) for slug in tools] or sorted(
            registry.TOOLS, key=str.casefold
        )
        missing = [slug for slug in wanted if slug not in registry.TOOLS]
        if missing:
            raise UnknownTools(
                f"no tool {', '.join(map(repr, missing))} in {registry.__name__}"
            )
        catalogue = cls(registry, dict.fromkeys(wanted))
        if category is None:
            return catalogue
        chosen = [
            slug
            for slug in wanted
            if category.casefold()
            in map(str.casefold, catalogue.describe(slug).categories)
        ]
        narrowed = cls(registry, chosen)
        narrowed._described = catalogue._described
        return narrowed

    def __len__(self) -> int:
        return len(self.names)

    def find(self, name: str) -> str | None:
        """The slug of a tool named `name` (its MCP name, or its slug in any case)."""
        if name in self.slugs:
            return self.slugs[name]
        return next((s for s in self.names if s.casefold() == name.casefold()), None)

    def describe(self, slug: str) -> ToolDescription:
        """The tool's description, its module imported on first use."""
        if slug not in self._described:
            self._described[slug] = describe(self._registry.get_tool(slug))
        return self._described[slug]

    def async_class(self, slug: str) -> type[AsyncTool]:
        tool: type[AsyncTool] = self._registry.get_async_tool(slug)
        return tool

    def tool(self, slug: str) -> types.Tool:
        """The MCP tool that runs `slug`."""
        description = self.describe(slug)
        return types.Tool(
            name=self.names[slug],
            title=slug,
            description=mcp_description(description),
            input_schema=input_schema(description),
            output_schema=TASK_SCHEMA,
        )

    def search(self, query: str, limit: int) -> list[dict[str, Any]]:
        """Tools whose slug, summary or categories hold every word of `query` (case
        ignored), those matching in their slug first."""
        words = query.casefold().split()
        found: list[tuple[int, str]] = []
        for slug in self.names:
            about = self.describe(slug)
            text = " ".join((slug, about.summary, *about.categories)).casefold()
            if all(word in text for word in words):
                found.append((-sum(word in slug.casefold() for word in words), slug))
        return [self.entry(slug) for _, slug in sorted(found)[:limit]]

    def entry(self, slug: str) -> dict[str, Any]:
        """A tool as search_tools lists it."""
        about = self.describe(slug)
        return {"tool": self.names[slug], "slug": slug, "summary": about.summary}


def mcp_description(tool: ToolDescription) -> str:
    """What an assistant reads about a tool: the page's summary, where the page is, and
    how files and long tasks go."""
    parts = [f"{tool.slug}: {tool.summary}" if tool.summary else tool.slug]
    if tool.page_url:
        parts.append(f"Page: {tool.page_url}")
    if any(item.is_file for item in tool.inputs):
        parts.append(
            "Files are http(s) URLs, or absolute paths under the roots this client"
            " declares (uploaded); paths elsewhere are refused."
        )
    parts.append(
        "Runs a Wiro task and returns its outputs as links; a long task returns its"
        " taskid for wait_for_task."
    )
    return "\n\n".join(parts)

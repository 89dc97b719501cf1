"""Reading Wiro's tool catalogue through `POST /Tool/List`, page by page.

Wiro pages with `start`/`limit` (strings; at most 100 a page) until `total`, which
arrives as a string or a number; a page may hold fewer tools than asked for.
"""

from __future__ import annotations

import random
import time
from collections.abc import Generator
from dataclasses import dataclass, field

import httpx

from . import __version__
from .ir import JsonValue
from .runtime._auth import Signer

PAGE_SIZE = 100
ATTEMPTS = 4
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 30.0
TIMEOUT = httpx.Timeout(30.0, connect=10.0)
PRICE_FIELDS = ("dynamicprice", "cps", "approximatelycost")


class CatalogueError(Exception):
    """The catalogue could not be read; the message says why (never with credentials)."""


@dataclass(frozen=True)
class Filters:
    """What limits the listing; with any of them set, unlisted tools may still exist."""

    owner: str | None = None
    category: str | None = None
    search: str | None = None

    @property
    def any(self) -> bool:
        return any((self.owner, self.category, self.search))

    def body(self) -> dict[str, JsonValue]:
        body: dict[str, JsonValue] = {}
        if self.owner:
            body["slugowner"] = self.owner
        if self.category:
            body["categories"] = [self.category]
        if self.search:
            body["search"] = self.search
        return body


@dataclass(frozen=True)
class ListedTool:
    """A tool of the catalogue: its clean (URL) slug parts and its display slug, and the
    price fields its item carried (`dynamicprice`, `cps`, `approximatelycost`)."""

    owner: str
    project: str
    display: str
    prices: dict[str, JsonValue] = field(default_factory=dict, compare=False)

    @property
    def slug(self) -> str:
        return f"{self.owner}/{self.project}"


class SignedAuth(httpx.Auth):
    """The generated clients' signing (signature or key-only mode) as httpx auth."""

    def __init__(self, signer: Signer) -> None:
        self._signer = signer

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        self._signer.sign(request)  # a fresh nonce for every attempt
        yield request


def catalogue_client(api_url: str, key: str, secret: str | None) -> httpx.Client:
    """A client for the catalogue endpoints under `api_url`, authenticated like Run."""
    return httpx.Client(
        base_url=api_url,
        auth=SignedAuth(Signer(key, secret)),
        timeout=TIMEOUT,
        headers={"User-Agent": f"wirogen/{__version__}"},
    )


def list_tools(
    client: httpx.Client, filters: Filters, page_size: int = PAGE_SIZE
) -> list[ListedTool]:
    """Every tool the catalogue lists for `filters`, once each, in the catalogue's order."""
    tools: dict[str, ListedTool] = {}
    start, total = 0, 1
    while start < total:
        body = {**filters.body(), "start": str(start), "limit": str(page_size)}
        answer = post(client, "Tool/List", {**body, "sort": "id", "order": "ASC"})
        total = _total(answer)
        items = answer.get("tool") or []
        if not isinstance(items, list):
            raise CatalogueError(f"Tool/List answered {type(items).__name__} for `tool`")
        if not items:
            break  # fewer tools than `total` said: some were removed while listing
        for offset, item in enumerate(items):
            tool = _listed(item, start + offset)
            tools.setdefault(tool.slug.casefold(), tool)
        start += len(items)
    return list(tools.values())


def post(client: httpx.Client, path: str, body: dict[str, JsonValue]) -> dict[str, JsonValue]:
    """The JSON answer of a catalogue call, retried on 408/429/5xx and connection errors."""
    for attempt in range(ATTEMPTS):
        last = attempt == ATTEMPTS - 1
        try:
            response = client.post(path, json=body)
        except httpx.TransportError as error:
            if last:
                raise CatalogueError(f"{path}: {str(error) or type(error).__name__}") from None
            time.sleep(_backoff(attempt))
            continue
        if response.status_code in RETRY_STATUSES and not last:
            time.sleep(_retry_after(response) or _backoff(attempt))
            continue
        return _answer(path, response)
    raise AssertionError("unreachable: the last attempt returns or raises")


def _answer(path: str, response: httpx.Response) -> dict[str, JsonValue]:
    try:
        answer = response.json()
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        raise CatalogueError(f"{path}: HTTP {response.status_code}, answer is not a JSON object")
    if response.status_code == 401:
        raise CatalogueError(f"{path}: authentication failed: {_messages(answer)}")
    if not response.is_success or answer.get("result") is False:
        raise CatalogueError(f"{path}: HTTP {response.status_code}: {_messages(answer)}")
    return answer


def _messages(answer: dict[str, JsonValue]) -> str:
    errors = answer.get("errors")
    messages = [
        str(error.get("message", error)) if isinstance(error, dict) else str(error)
        for error in (errors if isinstance(errors, list) else [])
    ]
    return "; ".join(messages) or "no error message"


def _total(answer: dict[str, JsonValue]) -> int:
    total = answer.get("total")
    if isinstance(total, int) and not isinstance(total, bool):
        return total
    if isinstance(total, str) and total.strip().isdigit():
        return int(total)
    raise CatalogueError(f"Tool/List answered total {total!r}, not a whole number")


def _listed(item: JsonValue, index: int) -> ListedTool:
    """A listed tool; its clean slug parts, derived from the display ones when missing."""
    if not isinstance(item, dict):
        raise CatalogueError(f"Tool/List item {index} is not an object")
    display = [str(item.get(key) or "") for key in ("slugowner", "slugproject")]
    clean = [str(item.get(key) or "") for key in ("cleanslugowner", "cleanslugproject")]
    owner, project = (c or clean_slug(d) for c, d in zip(clean, display, strict=True))
    if not (owner and project):
        raise CatalogueError(f"Tool/List item {index} (id {item.get('id')!r}) has no slug")
    shown = "/".join(display) if all(display) else f"{owner}/{project}"
    prices = {key: item[key] for key in PRICE_FIELDS if key in item}
    return ListedTool(owner, project, shown, prices)


def clean_slug(part: str) -> str:
    """A slug part in URL form: lower case, runs of whitespace as one dash."""
    return "-".join(part.lower().split())


def _retry_after(response: httpx.Response) -> float | None:
    try:
        seconds = float(response.headers.get("retry-after", ""))
    except ValueError:
        return None
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


def _backoff(attempt: int) -> float:
    return float(0.5 * 2**attempt + random.uniform(0, 0.25))

"""Reading Wiro's tool catalogue through `POST /Tool/List`, page by page.

Wiro pages with `start`/`limit` (strings; at most 100 a page) until `total`, which
arrives as a string or a number; a page may hold fewer tools than asked for. A
hostile or broken catalogue cannot hold a run: the listing stops after MAX_REQUESTS
answers, MAX_TOOLS tools or LIST_DEADLINE seconds, and a listing that ends short of
its `total` is marked incomplete (`sync --prune` deletes nothing after one).
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Generator
from dataclasses import dataclass, field

import httpx

from . import __version__
from .deadline import DeadlineTransport, within
from .ir import JsonValue
from .runtime._auth import Signer

PAGE_SIZE = 100
ATTEMPTS = 4
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 30.0
TIMEOUT = httpx.Timeout(30.0, connect=10.0)
MAX_TOOLS = 50_000  # Wiro lists about a thousand
MAX_REQUESTS = 2 * MAX_TOOLS // PAGE_SIZE  # room for short pages, none for endless ones
LIST_DEADLINE = 600.0  # seconds for the whole listing, retries included
TOTAL_TEXT = re.compile(r"[0-9]{1,9}")
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


def catalogue_client(api_url: str, signer: Signer) -> httpx.Client:
    """A client for the catalogue endpoints under `api_url`, authenticated like Run;
    each call is bounded by the listing's deadline, headers included."""
    return httpx.Client(
        base_url=api_url,
        auth=SignedAuth(signer),
        timeout=TIMEOUT,
        headers={"User-Agent": f"wirogen/{__version__}"},
        transport=DeadlineTransport(),
    )


@dataclass(frozen=True)
class Listing:
    """The tools listed, once each in the catalogue's order, and whether the listing
    reached the `total` the catalogue announced (`complete`; else `shortfall` says how)."""

    tools: list[ListedTool]
    shortfall: str | None = None

    @property
    def complete(self) -> bool:
        return self.shortfall is None


def list_tools(client: httpx.Client, filters: Filters, page_size: int = PAGE_SIZE) -> Listing:
    """Every tool the catalogue lists for `filters`; raises CatalogueError when the
    catalogue answers nonsense or does not end within its limits."""
    ends = time.monotonic() + LIST_DEADLINE
    tools: dict[str, ListedTool] = {}
    start, total, requests = 0, 1, 0
    while start < total:
        if requests == MAX_REQUESTS:
            raise CatalogueError(
                f"Tool/List did not end after {MAX_REQUESTS} pages "
                f"({len(tools)} tools listed, total {total})"
            )
        requests += 1
        body = {**filters.body(), "start": str(start), "limit": str(page_size)}
        with within(_left(ends)):
            answer = post(client, "Tool/List", {**body, **LISTING_OPTIONS}, ends)
        total = _total(answer)
        items = answer.get("tool") or []
        if not isinstance(items, list):
            raise CatalogueError(f"Tool/List answered {type(items).__name__} for `tool`")
        if not items:
            break  # fewer tools than `total` said: removed while listing, or a lie
        for offset, item in enumerate(items):
            tool = _listed(item, start + offset)
            tools.setdefault(tool.slug.casefold(), tool)
        start += len(items)
    return Listing(list(tools.values()), _shortfall(len(tools), total))


# As Wiro's own clients list: workflows hidden, each tool summarised (no full pages).
LISTING_OPTIONS: dict[str, JsonValue] = {
    "sort": "id",
    "order": "ASC",
    "hideworkflows": True,
    "summary": True,
}


def _shortfall(listed: int, total: int) -> str | None:
    if listed >= total:
        return None
    return f"the catalogue announced {total} tools but listed {listed}"


def _left(ends: float) -> float:
    left = ends - time.monotonic()
    if left <= 0:
        raise CatalogueError(f"Tool/List: the listing took longer than {LIST_DEADLINE:g} s")
    return left


def post(
    client: httpx.Client, path: str, body: dict[str, JsonValue], ends: float | None = None
) -> dict[str, JsonValue]:
    """The JSON answer of a catalogue call, retried on 408/429/5xx and connection errors
    (never sleeping past `ends`, on the monotonic clock)."""
    for attempt in range(ATTEMPTS):
        last = attempt == ATTEMPTS - 1
        try:
            response = client.post(path, json=body)
        except httpx.TransportError as error:
            if last:
                raise CatalogueError(f"{path}: {str(error) or type(error).__name__}") from None
            _pause(_backoff(attempt), ends, path)
            continue
        if response.status_code in RETRY_STATUSES and not last:
            _pause(_retry_after(response) or _backoff(attempt), ends, path)
            continue
        return _answer(path, response)
    raise AssertionError("unreachable: the last attempt returns or raises")


def _pause(seconds: float, ends: float | None, path: str) -> None:
    if ends is not None and time.monotonic() + seconds >= ends:
        raise CatalogueError(f"{path}: no answer before the listing's deadline")
    time.sleep(seconds)


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
    """The `total` of an answer: a whole number (or its ASCII digits) up to MAX_TOOLS."""
    total = answer.get("total")
    number: int | None = None
    if isinstance(total, int) and not isinstance(total, bool):
        number = total
    elif isinstance(total, str) and TOTAL_TEXT.fullmatch(total.strip()):
        number = int(total)
    if number is None or not 0 <= number <= MAX_TOOLS:
        shown = repr(total) if len(repr(total)) <= 40 else f"{repr(total)[:40]}..."
        raise CatalogueError(
            f"Tool/List answered total {shown}, not a whole number from 0 to {MAX_TOOLS}"
        )
    return number


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

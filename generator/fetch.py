"""Downloading tool pages: fetch, check that they parse, store them under stable names."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import httpx

from . import __version__
from .deadline import DeadlineTransport, within
from .ir import ToolSpec
from .output.files import Outcome, write_atomically
from .pagenames import spec_file_name
from .parser import MAX_PAGE_BYTES, ParseError, parse_bytes

TIMEOUT = httpx.Timeout(30.0, connect=10.0)
# The whole download of one page, redirects included: a server dripping bytes slower
# than any per-read timeout notices still cannot hold a run (or a sync) for longer.
PAGE_DEADLINE = 60.0
MAX_REDIRECTS = 5
ATTEMPTS = 3  # per page, within its deadline
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 10.0
# A connection that failed or broke off; not a URL or protocol httpx refuses.
RETRY_ERRORS = (httpx.NetworkError, httpx.TimeoutException, httpx.RemoteProtocolError)
USER_AGENT = f"wirogen/{__version__}"


class FetchError(Exception):
    """A page that could not be downloaded, validated or stored; the message says why."""


class _Transient(FetchError):
    """An answer worth asking again for (408, 429, 5xx), after `retry_after` if given."""

    def __init__(self, message: str, retry_after: float | None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class DownloadedPage:
    """A page downloaded from `url` that parses, not yet stored."""

    url: str
    data: bytes
    spec: ToolSpec

    @property
    def file_name(self) -> str:
        """The name the page is stored under: after its own run-URL slug."""
        return spec_file_name(self.spec.owner, self.spec.project)


@dataclass(frozen=True)
class FetchedPage:
    """A page that parsed and is now on disk."""

    path: Path
    outcome: Outcome
    warnings: int
    other_slug: str | None = None


def split_slug(text: str) -> tuple[str, str]:
    """`(owner, slug)` from `OWNER/SLUG`; raises ValueError for any other shape."""
    owner, slash, slug = text.partition("/")
    segments = {owner, slug}
    if not (slash and owner and slug) or "/" in slug or segments & {".", ".."}:
        raise ValueError(f"{text!r} is not of the form OWNER/SLUG")
    if not text.isprintable():
        raise ValueError(f"{text!r} holds control characters")
    return owner, slug


def page_url(base_url: str, owner: str, slug: str) -> str:
    """Where the page of `owner/slug` is served, each segment percent-encoded."""
    return f"{base_url.rstrip('/')}/{quote(owner, safe='')}/{quote(slug, safe='')}/llms.txt"


def page_client(transport: DeadlineTransport | None = None) -> httpx.Client:
    """An HTTP client for `fetch_page`: timeouts, a wirogen User-Agent, no compression.

    Redirects are followed by `download` itself, so each hop is checked and size-capped;
    its transport bounds each download by its deadline, headers included (pass one to
    be able to `abort()` every download at once).
    """
    # Uncompressed bodies keep the size cap honest: no decompression bomb gets past it.
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
    return httpx.Client(
        timeout=TIMEOUT,
        headers=headers,
        follow_redirects=False,
        transport=transport or DeadlineTransport(),
    )


def get_page(client: httpx.Client, base_url: str, owner: str, slug: str) -> DownloadedPage:
    """The page of `owner/slug`, downloaded and parsed; raises FetchError.

    A connection error, 408, 429 or 5xx is retried (up to ATTEMPTS downloads, honouring
    Retry-After) while the page's deadline lasts.
    """
    url = page_url(base_url, owner, slug)
    return parsed_page(url, download_page(client, url))


def parsed_page(url: str, data: bytes) -> DownloadedPage:
    """The page downloaded from `url`, if it parses; raises FetchError."""
    try:
        spec = parse_bytes(url, data)
    except ParseError as error:
        raise FetchError(str(error)) from None
    return DownloadedPage(url, data, spec)


def fetch_page(
    client: httpx.Client,
    base_url: str,
    owner: str,
    slug: str,
    directory: Path,
    force: bool = False,
) -> FetchedPage:
    """Download the page of `owner/slug` into `directory` if it parses; raises FetchError.

    The file is named after the page's own run-URL slug and replaced atomically, only
    when its content changed; on any failure an existing file is left as it was. A
    page whose run URL names another tool (`other_slug`) never replaces that tool's
    page already on disk, unless `force`.
    """
    page = get_page(client, base_url, owner, slug)
    path = directory / page.file_name
    asked = f"{owner}/{slug}"
    other = page.spec.slug if page.spec.slug.casefold() != asked.casefold() else None
    if other and not force and _differs(path, page.data):
        raise FetchError(
            f"the page served for {asked} is the page of {other}; not written over "
            f"{path}, which holds {other}'s page (--force to replace it)"
        )
    try:
        outcome = write_atomically(path, page.data)
    except OSError as error:
        raise FetchError(f"cannot write {path}: {error.strerror or error}") from None
    return FetchedPage(path, outcome, len(page.spec.warnings), other)


def download_page(client: httpx.Client, url: str) -> bytes:
    """The bytes served at `url`, tried again on 408, 429, 5xx and broken connections
    within the page's deadline; raises FetchError."""
    clock = _Deadline(PAGE_DEADLINE, url)  # one deadline for every attempt
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with within(clock.check(received=0)):
                return _download(client, url, clock)
        except (_Transient, *RETRY_ERRORS) as error:
            if isinstance(error, httpx.TimeoutException):
                clock.check(clock.received)  # cut off by the deadline: say so
            reason = str(error) if isinstance(error, FetchError) else _network_reason(error)
            pause = getattr(error, "retry_after", None) or 0.25 * 2 ** (attempt - 1)
            if attempt == ATTEMPTS or time.monotonic() + pause >= clock.ends:
                raise FetchError(reason) from None
            time.sleep(pause)
        except httpx.HTTPError as error:
            raise FetchError(_network_reason(error)) from None
    raise AssertionError("unreachable: the last attempt returns or raises")


def _differs(path: Path, data: bytes) -> bool:
    """Whether `path` exists with other content (a symlink or unreadable file counts)."""
    try:
        return path.is_symlink() or path.read_bytes() != data
    except FileNotFoundError:
        return False
    except OSError:
        return True


def download(client: httpx.Client, url: str, deadline: float | None = None) -> bytes:
    """The body served at `url`; raises FetchError (or httpx.HTTPError for the network).

    Redirects are followed only to https or within the original scheme, host and port.
    The whole download, headers included, ends within `deadline` seconds (default
    PAGE_DEADLINE).
    """
    clock = _Deadline(PAGE_DEADLINE if deadline is None else deadline, url)
    try:
        with within(clock.seconds):
            return _download(client, url, clock)
    except httpx.TimeoutException:
        clock.check(clock.received)  # cut off by the deadline: say so
        raise


def _download(client: httpx.Client, url: str, clock: _Deadline) -> bytes:
    origin = target = httpx.URL(url)
    for _ in range(MAX_REDIRECTS + 1):
        with client.stream("GET", target, timeout=clock.timeout()) as response:
            if not response.has_redirect_location:
                return _body(response, clock)
            target = _redirect_target(origin, response)
    raise FetchError(f"more than {MAX_REDIRECTS} redirects from {url}")


class _Deadline:
    """The time one page may take, and the timeouts of the requests made within it."""

    def __init__(self, seconds: float, url: str) -> None:
        self.seconds, self.url = seconds, url
        self.ends = time.monotonic() + seconds
        self.received = 0

    def timeout(self) -> httpx.Timeout:
        """Per-request timeouts, none longer than what is left of the deadline."""
        left = self.check(received=0)
        return httpx.Timeout(
            min(TIMEOUT.read or left, left),
            connect=min(TIMEOUT.connect or left, left),
        )

    def check(self, received: int) -> float:
        """The seconds left; raises FetchError when there are none."""
        self.received = max(self.received, received)
        left = self.ends - time.monotonic()
        if left <= 0:
            raise FetchError(
                f"timed out: {self.url} not downloaded within {self.seconds:g} s "
                f"({received} bytes received)"
            )
        return left


def _redirect_target(origin: httpx.URL, response: httpx.Response) -> httpx.URL:
    target = response.url.join(response.headers["location"])
    same_origin = (target.scheme, target.host, target.port) == (
        origin.scheme,
        origin.host,
        origin.port,
    )
    if target.scheme != "https" and not same_origin:
        raise FetchError(f"refused redirect to {target}: neither https nor the same host")
    return target


def _body(response: httpx.Response, clock: _Deadline) -> bytes:
    if not response.is_success:
        reason = f"HTTP {response.status_code} {response.reason_phrase} from {response.url}"
        if response.status_code in RETRY_STATUSES:
            raise _Transient(reason, _retry_after(response))
        raise FetchError(reason)
    encoding = response.headers.get("content-encoding", "identity")
    if encoding.lower() != "identity":
        raise FetchError(f"unexpected Content-Encoding {encoding!r} (asked for identity)")
    body = bytearray()
    for chunk in response.iter_raw():
        body += chunk
        clock.check(received=len(body))
        if len(body) > MAX_PAGE_BYTES:
            raise FetchError(f"page larger than {MAX_PAGE_BYTES} bytes, not read further")
    return bytes(body)


def _retry_after(response: httpx.Response) -> float | None:
    try:
        return min(max(float(response.headers.get("retry-after", "")), 0.0), MAX_RETRY_AFTER)
    except ValueError:
        return None


def _network_reason(error: httpx.HTTPError) -> str:
    kind = "timed out" if isinstance(error, httpx.TimeoutException) else "download failed"
    return f"{kind}: {str(error) or type(error).__name__}"

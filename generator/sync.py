"""Bringing a specs folder in line with Wiro's catalogue: download, compare, store, find gone.

Pages are downloaded a few at a time on threads; each is stored from the calling
thread, atomically, so an interrupted sync leaves every file whole (old or new).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from .catalogue import ListedTool, clean_slug
from .deadline import DeadlineTransport
from .fetch import (
    DownloadedPage,
    FetchError,
    download_page,
    page_client,
    page_url,
    parsed_page,
)
from .jobs import Progress
from .output.files import Outcome, read_owned, write_atomically
from .pagenames import slug_from_file_name, spec_file_name
from .parser import NotAPageError, ParseError, parse_page
from .project import find_pages

WORKERS = 4


@dataclass(frozen=True)
class LocalPage:
    """A page already in the folder and the slug it documents."""

    path: Path
    slug: str


@dataclass
class SyncReport:
    """What a sync did (or, in a dry run, would do) to each tool."""

    stored: dict[Outcome, list[Path]] = field(
        default_factory=lambda: {"new": [], "changed": [], "unchanged": []}
    )
    failed: list[tuple[ListedTool, str]] = field(default_factory=list)
    gone: list[LocalPage] = field(default_factory=list)

    @property
    def synced(self) -> int:
        return sum(map(len, self.stored.values())) + len(self.failed)


def local_pages(directory: Path) -> tuple[list[LocalPage], list[NotAPageError]]:
    """The pages of `directory` with their slugs (read from `fetch`'s file names, else
    parsed), and the files that are not Wiro pages at all (a README).

    A page that neither has such a name nor parses documents no known slug and is skipped.
    """
    pages, others = [], []
    for path in find_pages([directory]) if directory.is_dir() else []:
        slug = slug_from_file_name(path.name)
        if slug is None:
            try:
                slug = parse_page(path).slug
            except NotAPageError as error:
                others.append(error)
                continue
            except ParseError:
                continue
        pages.append(LocalPage(path, slug))
    return pages, others


def slug_keys(slug: str) -> set[str]:
    """The forms one tool's slug can take: as written, and its clean URL form."""
    owner, _, project = slug.partition("/")
    return {slug.casefold(), f"{clean_slug(owner)}/{clean_slug(project)}"}


def homes_of(local: Iterable[LocalPage]) -> dict[str, Path]:
    """Each slug form -> the local file holding that tool's page (updated in place)."""
    return {key: page.path for page in local for key in slug_keys(page.slug)}


def download_pages(
    tools: list[ListedTool],
    pages_url: str,
    homes: dict[str, Path],
    directory: Path,
    progress: Progress | None = None,
) -> Iterator[tuple[ListedTool, DownloadedPage | Path | FetchError]]:
    """Each tool's page (or the file already holding exactly it: its home in `homes`,
    else fetch's name in `directory`), or why there is none, in the order they arrive."""
    pool = ThreadPoolExecutor(WORKERS, thread_name_prefix="wirogen-sync")
    transport = DeadlineTransport()
    with page_client(transport) as client:
        try:
            futures = {
                pool.submit(_get_page, client, pages_url, tool, homes, directory): tool
                for tool in tools
            }
            done: Iterable[object] = as_completed(futures)
            if progress is not None:
                done = progress(done, "downloading", len(futures))
            for future in done:
                assert isinstance(future, Future)
                yield futures[future], _result(future)
        except BaseException:
            # On Ctrl-C (or an error) pending downloads are dropped and running ones cut
            # off, so the threads end at once instead of holding the exit.
            pool.shutdown(wait=False, cancel_futures=True)
            transport.abort()
            raise
        pool.shutdown()


def _get_page(
    client: httpx.Client,
    pages_url: str,
    tool: ListedTool,
    homes: dict[str, Path],
    directory: Path,
) -> DownloadedPage | Path:
    """The tool's page, or the path of the file already holding exactly it (not parsed
    again: that is most pages of most syncs); raises FetchError, also for a page that
    documents another tool (stored, it would land on that tool's file, over its page)."""
    url = page_url(pages_url, tool.owner, tool.project)
    data = download_page(client, url)
    held = [homes.get(key) for key in sorted(slug_keys(tool.slug) | slug_keys(tool.display))]
    named = [directory / spec_file_name(*slug.split("/", 1)) for slug in (tool.display, tool.slug)]
    for path in [*filter(None, held), *named]:
        if _holds(path, data):
            return path
    page = parsed_page(url, data)
    if not slug_keys(page.spec.slug) & (slug_keys(tool.slug) | slug_keys(tool.display)):
        raise FetchError(f"the page served is the page of {page.spec.slug}; not stored")
    return page


def _holds(path: Path, data: bytes) -> bool:
    try:
        return read_owned(path) == data
    except OSError:
        return False  # a symlink or special file: store() says why


def _result(future: Future[DownloadedPage | Path]) -> DownloadedPage | Path | FetchError:
    try:
        return future.result()
    except FetchError as error:
        return error


def store(
    page: DownloadedPage, directory: Path, homes: dict[str, Path], dry_run: bool
) -> tuple[Path, Outcome]:
    """Write the page when it is new or changed, into the file already holding its tool
    (keeping that file's name), else under fetch's name; raises OSError."""
    home = next((homes[key] for key in sorted(slug_keys(page.spec.slug)) if key in homes), None)
    path = home or directory / page.file_name
    if not dry_run:
        return path, write_atomically(path, page.data)
    current = read_owned(path)
    return path, "new" if current is None else "unchanged" if current == page.data else "changed"


def gone_pages(
    local: list[LocalPage], tools: list[ListedTool], downloaded: Iterable[str]
) -> list[LocalPage]:
    """The local pages of tools the catalogue no longer lists (checked against every form)."""
    listed: set[str] = set()
    for slug in [*(tool.slug for tool in tools), *(tool.display for tool in tools), *downloaded]:
        listed |= slug_keys(slug)
    return [page for page in local if not slug_keys(page.slug) & listed]

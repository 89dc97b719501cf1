"""Downloading outputs, streamed into files that appear whole or not at all.

Written once: _sync_downloads.py is derived from it by `python -m generator.unasync`.
The HTTP client passed in must not carry Wiro's credentials: output hosts never see them.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import httpx

from ._constants import (
    DOWNLOAD_CONCURRENCY,
    DOWNLOAD_MAX_BYTES,
    DOWNLOAD_MAX_REDIRECTS,
    DOWNLOAD_TIMEOUT,
)
from ._downloads import (
    Budget,
    DownloadError,
    all_or_nothing,
    check_size,
    checked_redirect,
    checked_url,
    name_of,
    target_path,
    unique_names,
    url_of,
)
from ._snapshot import Output, TaskSnapshot
from ._twins import gather


def download(
    http: httpx.Client,
    source: Output | str,
    dest: str | os.PathLike[str],
    allow_insecure: bool,
    max_bytes: int = DOWNLOAD_MAX_BYTES,
    timeout: float = DOWNLOAD_TIMEOUT,
) -> Path:
    """Stream one output to `dest` (a directory keeps the output's name); its path.

    Stops as soon as the body passes the output's declared size (else `max_bytes`) or
    the download has taken `timeout` seconds in all.
    """
    url = url_of(source)
    target = target_path(dest, name_of(source))
    expected = source.size if isinstance(source, Output) else None
    budget = Budget(url, expected, max_bytes, timeout)
    try:
        response = _get(http, url, allow_insecure)
        try:
            with all_or_nothing(target) as file:
                written = 0
                for chunk in response.iter_bytes():
                    written += len(chunk)
                    budget.spend(written)
                    file.write(chunk)
                check_size(url, expected, written)
        finally:
            response.close()
    except httpx.HTTPError as error:
        raise DownloadError(
            f"{url}: {type(error).__name__}: {error}", url, target
        ) from error
    except DownloadError as error:
        error.path = target
        raise
    except OSError as error:  # a name the file system refuses, a full disk
        raise DownloadError(
            f"{url}: cannot write {target}: {error.strerror or error}", url, target
        ) from error
    return target


def _get(http: httpx.Client, url: str, allow_insecure: bool) -> httpx.Response:
    """The streamed answer to GET `url`, following redirects only to URLs allowed too."""
    for _ in range(DOWNLOAD_MAX_REDIRECTS + 1):
        request = http.build_request("GET", checked_url(url, allow_insecure))
        response = http.send(request, stream=True)
        if not response.has_redirect_location:
            if response.is_error:
                response.close()
                raise DownloadError(f"{url}: HTTP {response.status_code}", url)
            return response
        response.close()
        target = str(response.url.join(response.headers["location"]))
        url = checked_redirect(url, target, allow_insecure)
    raise DownloadError(f"{url}: more than {DOWNLOAD_MAX_REDIRECTS} redirects", url)


def save_outputs(
    http: httpx.Client,
    snapshot: TaskSnapshot,
    directory: str | os.PathLike[str],
    allow_insecure: bool,
    max_bytes: int = DOWNLOAD_MAX_BYTES,
    timeout: float = DOWNLOAD_TIMEOUT,
) -> list[Path]:
    """Download every file output of `snapshot` into `directory`, a few at a time; the
    paths in the outputs' order. Outputs without a URL (a language model's) are skipped.
    """
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    files = [output for output in snapshot.outputs if output.url]
    names = unique_names([name_of(output) for output in files])
    calls = [
        functools.partial(
            download, http, output, folder / name, allow_insecure, max_bytes, timeout
        )
        for output, name in zip(files, names, strict=True)
    ]
    return gather(calls, DOWNLOAD_CONCURRENCY)

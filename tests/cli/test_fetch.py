"""`wirogen fetch`: pages are downloaded, validated, and stored atomically under stable names."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from generator import __version__
from generator import fetch as fetch_module
from generator.cli.fetch import fetch
from generator.fetch import MAX_PAGE_BYTES, MAX_REDIRECTS, FetchError, page_url
from generator.pagenames import spec_file_name
from generator.parser import parse_page

from ..support.pageserver import PageServer, Reply, serve_pages
from ..support.paths import SPECS

AVATARMOTION = SPECS / "wiro__avatarmotion.md"
CARTOONIFY = SPECS / "wiro__cartoonify.md"
PIXART = SPECS / "wiro__PixArt-Sigma.md"
# Any text a decoded page can hold (no lone surrogates).
SEGMENTS = st.text(st.characters(exclude_categories=["Cs"]), min_size=1)


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[PageServer]:
    for name in ("NO_PROXY", "no_proxy"):  # a proxy from the environment must not see these
        monkeypatch.setenv(name, "127.0.0.1")
    with serve_pages() as pages:
        yield pages


@pytest.fixture
def specs(tmp_path: Path) -> Path:
    return tmp_path / "specs"


def page_path(slug: str) -> str:
    return f"/models/{slug}/llms.txt"


def serve(server: PageServer, slug: str, page: Path | bytes) -> bytes:
    """Serve `page` (a file or its bytes) for the encoded `slug`; returns the bytes served."""
    body = page if isinstance(page, bytes) else page.read_bytes()
    server.routes[page_path(slug)] = Reply(body)
    return body


def run(server: PageServer, specs: Path, *slugs: str) -> Result:
    args = [*slugs, "-d", str(specs), "--base-url", server.base_url]
    return CliRunner().invoke(fetch, args)


def assert_failed(result: Result, exit_code: int = 1) -> None:
    """Failed with `exit_code` through click, not through an exception (no traceback)."""
    assert result.exit_code == exit_code, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output


def written(specs: Path) -> list[str]:
    return sorted(path.name for path in specs.iterdir()) if specs.exists() else []


# Success and the stable file name


def test_a_page_is_written_byte_for_byte_under_its_own_slug(
    server: PageServer, specs: Path
) -> None:
    served = serve(server, "wiro/AvatarMotion", AVATARMOTION)
    result = run(server, specs, "wiro/AvatarMotion")
    assert result.exit_code == 0, result.output
    assert written(specs) == ["wiro__avatarmotion.md"]
    assert (specs / "wiro__avatarmotion.md").read_bytes() == served
    warnings = len(parse_page(AVATARMOTION).warnings)
    line = (
        f"fetched wiro/AvatarMotion -> {specs / 'wiro__avatarmotion.md'} (new, {warnings} warnings)"
    )
    assert line in result.stdout


def test_pages_url_names_the_same_option_as_sync(server: PageServer, specs: Path) -> None:
    serve(server, "wiro/cartoonify", CARTOONIFY)
    args = ["wiro/cartoonify", "-d", str(specs), "--pages-url", server.base_url]
    result = CliRunner().invoke(fetch, args)
    assert result.exit_code == 0, result.output
    assert written(specs) == ["wiro__cartoonify.md"]


def test_requests_carry_a_wirogen_user_agent(server: PageServer, specs: Path) -> None:
    serve(server, "wiro/cartoonify", CARTOONIFY)
    run(server, specs, "wiro/cartoonify")
    [(_, headers)] = server.requests
    assert headers["User-Agent"] == f"wirogen/{__version__}"


def test_fetching_an_unchanged_page_again_leaves_the_file_alone(
    server: PageServer, specs: Path
) -> None:
    serve(server, "wiro/cartoonify", CARTOONIFY)
    run(server, specs, "wiro/cartoonify")
    before = (specs / "wiro__cartoonify.md").stat()
    result = run(server, specs, "wiro/cartoonify")
    assert result.exit_code == 0, result.output
    assert "(unchanged, " in result.stdout
    assert "(0 new, 0 changed, 1 unchanged)" in result.stdout
    assert (specs / "wiro__cartoonify.md").stat().st_ino == before.st_ino


def test_a_page_that_changed_replaces_the_file(server: PageServer, specs: Path) -> None:
    specs.mkdir()
    (specs / "wiro__cartoonify.md").write_bytes(b"an older copy")
    served = serve(server, "wiro/cartoonify", CARTOONIFY)
    result = run(server, specs, "wiro/cartoonify")
    assert "(changed, " in result.stdout
    assert (specs / "wiro__cartoonify.md").read_bytes() == served
    assert written(specs) == ["wiro__cartoonify.md"]


def test_a_slug_with_a_space_is_percent_encoded_in_the_request_and_the_file_name(
    server: PageServer, specs: Path
) -> None:
    page = CARTOONIFY.read_bytes().replace(b"Run/wiro/cartoonify", b"Run/wiro/cartoon%20ify")
    serve(server, "wiro/cartoon%20ify", page)
    result = run(server, specs, "wiro/cartoon ify")
    assert result.exit_code == 0, result.output
    assert server.paths == [page_path("wiro/cartoon%20ify")]
    assert written(specs) == ["wiro__cartoon%20ify.md"]


def test_each_url_segment_is_percent_encoded_whole() -> None:
    url = page_url("https://wiro.ai/models/", "wiro", "a b+c?d#e%/f")
    assert url == "https://wiro.ai/models/wiro/a%20b%2Bc%3Fd%23e%25%2Ff/llms.txt"


@pytest.mark.parametrize(
    ("owner", "slug", "name"),
    [
        ("wiro", "cartoonify", "wiro__cartoonify.md"),
        ("black-forest-labs", "FLUX.1-Krea-dev", "black-forest-labs__FLUX.1-Krea-dev.md"),
        ("wiro", "a+b_c", "wiro__a+b_c.md"),
        ("wiro", "Virtual Try-On", "wiro__Virtual%20Try-On.md"),
        ("my_team", "x", "my%5Fteam__x.md"),
        (".hidden", "x", "%2Ehidden__x.md"),
        ("..", "../etc/passwd", "%2E.__..%2Fetc%2Fpasswd.md"),
        ("wiro", "a\\b\x00\n", "wiro__a%5Cb%00%0A.md"),
    ],
)
def test_file_names_keep_safe_characters_and_encode_the_rest(
    owner: str, slug: str, name: str
) -> None:
    assert spec_file_name(owner, slug) == name


@given(SEGMENTS, SEGMENTS)
def test_a_file_name_is_plain_ascii_in_one_directory_and_names_exactly_one_slug(
    owner: str, slug: str
) -> None:
    name = spec_file_name(owner, slug)
    assert name.isascii() and name.isprintable()
    assert "/" not in name and "\\" not in name and not name.startswith(".")
    encoded_owner, _, encoded_slug = name.removesuffix(".md").partition("__")
    assert (unquote(encoded_owner), unquote(encoded_slug)) == (owner, slug)


# Failures: reported in one line, nothing written


def test_a_missing_page_is_an_error_and_writes_nothing(server: PageServer, specs: Path) -> None:
    result = run(server, specs, "wiro/nowhere")
    assert_failed(result)
    assert result.stderr.startswith("error: wiro/nowhere: HTTP 404 ")
    assert written(specs) == []


def test_a_cut_off_page_is_refused_and_the_existing_file_stays(
    server: PageServer, specs: Path
) -> None:
    specs.mkdir()
    (specs / "wiro__cartoonify.md").write_bytes(CARTOONIFY.read_bytes())
    serve(server, "wiro/cartoonify", CARTOONIFY.read_bytes()[:2000])
    result = run(server, specs, "wiro/cartoonify")
    assert_failed(result)
    assert result.stderr.startswith("error: wiro/cartoonify: ")
    assert "cut off" in result.stderr
    assert (specs / "wiro__cartoonify.md").read_bytes() == CARTOONIFY.read_bytes()
    assert written(specs) == ["wiro__cartoonify.md"]


def test_a_page_that_is_not_utf8_is_refused(server: PageServer, specs: Path) -> None:
    serve(server, "wiro/cartoonify", CARTOONIFY.read_bytes().replace(b"cartoons", b"cart\xffons"))
    result = run(server, specs, "wiro/cartoonify")
    assert_failed(result)
    assert "expected UTF-8 text, found the invalid byte 0xff" in result.stderr
    assert written(specs) == []


def test_a_page_over_the_size_limit_is_refused(server: PageServer, specs: Path) -> None:
    oversize = CARTOONIFY.read_bytes() + b" " * MAX_PAGE_BYTES
    server.routes[page_path("wiro/cartoonify")] = Reply(oversize, length=False)
    result = run(server, specs, "wiro/cartoonify")
    assert_failed(result)
    assert f"page larger than {MAX_PAGE_BYTES} bytes" in result.stderr
    assert written(specs) == []


def test_a_compressed_reply_is_refused(server: PageServer, specs: Path) -> None:
    body = gzip.compress(CARTOONIFY.read_bytes())
    reply = Reply(body, headers={"Content-Encoding": "gzip"})
    server.routes[page_path("wiro/cartoonify")] = reply
    result = run(server, specs, "wiro/cartoonify")
    assert_failed(result)
    assert "unexpected Content-Encoding 'gzip'" in result.stderr
    assert server.requests[0][1]["Accept-Encoding"] == "identity"


def test_a_dropped_connection_is_one_line_naming_the_slug(server: PageServer, specs: Path) -> None:
    server.routes[page_path("wiro/cartoonify")] = Reply(hang_up=True)
    result = run(server, specs, "wiro/cartoonify")
    assert_failed(result)
    [line] = result.stderr.splitlines()
    assert line.startswith("error: wiro/cartoonify: download failed: ")


def test_a_file_that_cannot_be_written_is_an_error(server: PageServer, specs: Path) -> None:
    (specs / "wiro__cartoonify.md").mkdir(parents=True)
    serve(server, "wiro/cartoonify", CARTOONIFY)
    result = run(server, specs, "wiro/cartoonify")
    assert_failed(result)
    assert f"error: wiro/cartoonify: cannot write {specs / 'wiro__cartoonify.md'}" in result.stderr


def test_a_failed_write_leaves_no_temporary_file(
    server: PageServer, specs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(source: object, target: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("generator.output.files.os.replace", refuse)
    serve(server, "wiro/cartoonify", CARTOONIFY)
    result = run(server, specs, "wiro/cartoonify")
    assert_failed(result)
    assert "cannot write" in result.stderr and "Permission denied" in result.stderr
    assert written(specs) == []


def test_several_pages_are_each_fetched_and_one_failure_exits_1(
    server: PageServer, specs: Path
) -> None:
    serve(server, "wiro/cartoonify", CARTOONIFY)
    serve(server, "wiro/PixArt-Sigma", PIXART)
    result = run(server, specs, "wiro/cartoonify", "wiro/nowhere", "wiro/PixArt-Sigma")
    assert_failed(result)
    assert written(specs) == ["wiro__PixArt-Sigma.md", "wiro__cartoonify.md"]
    assert "error: wiro/nowhere: HTTP 404" in result.stderr
    [summary] = result.stdout.splitlines()[-1:]
    assert summary.startswith("fetched 2 pages (2 new, 0 changed, 0 unchanged), 1 failed in ")


# Redirects


def test_a_redirect_on_the_same_host_is_followed(server: PageServer, specs: Path) -> None:
    moved = Reply(status=301, headers={"Location": page_path("wiro/cartoonify")})
    server.routes[page_path("wiro/Cartoonify")] = moved
    served = serve(server, "wiro/cartoonify", CARTOONIFY)
    result = run(server, specs, "wiro/Cartoonify")
    assert result.exit_code == 0, result.output
    assert (specs / "wiro__cartoonify.md").read_bytes() == served


def test_a_redirect_to_plain_http_on_another_host_is_refused(
    server: PageServer, specs: Path
) -> None:
    elsewhere = server.origin.replace("127.0.0.1", "localhost") + page_path("wiro/cartoonify")
    server.routes[page_path("wiro/cartoonify")] = Reply(status=302, headers={"Location": elsewhere})
    result = run(server, specs, "wiro/cartoonify")
    assert_failed(result)
    assert f"refused redirect to {elsewhere}" in result.stderr
    assert len(server.requests) == 1


def test_a_redirect_to_an_invalid_url_is_an_error(server: PageServer, specs: Path) -> None:
    broken = Reply(status=302, headers={"Location": "//127.0.0.1:notaport/"})
    server.routes[page_path("wiro/cartoonify")] = broken
    result = run(server, specs, "wiro/cartoonify")
    assert_failed(result)
    [line] = result.stderr.splitlines()
    assert line.startswith("error: wiro/cartoonify: download failed: Invalid URL in location")


def test_a_redirect_loop_is_given_up(server: PageServer, specs: Path) -> None:
    loop = Reply(status=307, headers={"Location": page_path("wiro/cartoonify")})
    server.routes[page_path("wiro/cartoonify")] = loop
    result = run(server, specs, "wiro/cartoonify")
    assert_failed(result)
    assert f"more than {MAX_REDIRECTS} redirects" in result.stderr
    assert len(server.requests) == MAX_REDIRECTS + 1


# Usage


@pytest.mark.parametrize(
    "argument", ["wiro", "wiro/", "/cartoonify", "wiro/a/b", "wiro/..", "a/\x07"]
)
def test_an_argument_not_of_the_form_owner_slug_is_a_usage_error(
    server: PageServer, specs: Path, argument: str
) -> None:
    result = run(server, specs, "wiro/cartoonify", argument)
    assert_failed(result, exit_code=2)
    assert server.requests == []


@pytest.mark.parametrize("base_url", ["ftp://wiro.ai/models", "wiro.ai/models", "http://"])
def test_a_base_url_that_is_not_http_is_a_usage_error(base_url: str, specs: Path) -> None:
    result = CliRunner().invoke(
        fetch, ["wiro/cartoonify", "-d", str(specs), "--base-url", base_url]
    )
    assert_failed(result, exit_code=2)


# The deadline of one page, which `sync` shares through get_page


def test_a_page_dripped_past_the_deadline_is_given_up(
    server: PageServer, specs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fetch_module, "PAGE_DEADLINE", 1.0)
    server.routes[page_path("wiro/cartoonify")] = Reply(CARTOONIFY.read_bytes(), drip=0.02)
    result = run(server, specs, "wiro/cartoonify")
    assert_failed(result)
    assert "timed out: " in result.stderr and "not downloaded within 1 s" in result.stderr
    assert written(specs) == []


def test_the_page_download_sync_uses_keeps_the_deadline(
    server: PageServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fetch_module, "PAGE_DEADLINE", 1.0)
    server.routes[page_path("wiro/cartoonify")] = Reply(CARTOONIFY.read_bytes(), drip=0.02)
    with fetch_module.page_client() as client, pytest.raises(FetchError, match="within 1 s"):
        fetch_module.get_page(client, server.base_url, "wiro", "cartoonify")


# A page whose run URL names another tool


def test_a_page_naming_another_tool_is_reported_and_stored_under_its_name(
    server: PageServer, specs: Path
) -> None:
    serve(server, "wiro/renamed", CARTOONIFY)
    result = run(server, specs, "wiro/renamed")
    assert result.exit_code == 0, result.output
    assert "warning: wiro/renamed: its run URL names wiro/cartoonify" in result.stderr
    assert written(specs) == ["wiro__cartoonify.md"]


def test_a_page_naming_another_tool_does_not_replace_that_tools_page(
    server: PageServer, specs: Path
) -> None:
    specs.mkdir()
    (specs / "wiro__cartoonify.md").write_bytes(b"the real cartoonify page")
    serve(server, "wiro/renamed", CARTOONIFY)
    result = run(server, specs, "wiro/renamed")
    assert_failed(result)
    assert "is the page of wiro/cartoonify; not written over" in result.stderr
    assert (specs / "wiro__cartoonify.md").read_bytes() == b"the real cartoonify page"


def test_force_replaces_the_other_tools_page(server: PageServer, specs: Path) -> None:
    specs.mkdir()
    (specs / "wiro__cartoonify.md").write_bytes(b"the real cartoonify page")
    serve(server, "wiro/renamed", CARTOONIFY)
    result = run(server, specs, "wiro/renamed", "--force")
    assert result.exit_code == 0, result.output
    assert (specs / "wiro__cartoonify.md").read_bytes() == CARTOONIFY.read_bytes()


def test_a_slug_asked_in_other_case_is_the_same_tool(server: PageServer, specs: Path) -> None:
    specs.mkdir()
    (specs / "wiro__cartoonify.md").write_bytes(b"an older cartoonify page")
    serve(server, "WIRO/Cartoonify", CARTOONIFY)
    result = run(server, specs, "WIRO/Cartoonify")
    assert result.exit_code == 0 and "warning" not in result.stderr
    assert (specs / "wiro__cartoonify.md").read_bytes() == CARTOONIFY.read_bytes()

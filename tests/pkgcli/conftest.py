"""Fixtures: a generated package's command line run in-process against the mock server."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import ModuleType

import pytest
from click.testing import CliRunner, Result

from generator.mockserver import RunningMockServer
from generator.parser import parse_page, parse_text
from tests.support.genpkg import ALL_KINDS_PAGE, generate, import_package
from tests.support.mockserver_fixture import KEY, SECRET, StartMockWiro
from tests.support.pagetext import make_page

CHAT_SLUG = "wiro/mock-chat"


@dataclass
class Shell:
    """`python -m <package> ...` in this process, pointed at `server` by the environment."""

    package: str
    server: RunningMockServer | None = None
    env: dict[str, str | None] = field(default_factory=dict)

    def __call__(self, *args: str, stdin: bytes | None = None) -> Result:
        root = importlib.import_module(f"{self.package}._runtime._cli_group").root
        runner = CliRunner()
        result = runner.invoke(
            root,
            list(args),
            obj=self.package,
            env={**self.environment(), **self.env},
            input=stdin,
            terminal_width=100,
            prog_name=f"python -m {self.package}",
        )
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result

    def environment(self) -> Mapping[str, str | None]:
        if self.server is None:
            return {"WIRO_API_KEY": KEY, "WIRO_API_SECRET": SECRET}
        return {
            "WIRO_API_KEY": KEY,
            "WIRO_API_SECRET": SECRET,
            "WIRO_BASE_URL": self.server.base_url,
            "WIRO_SOCKET_URL": self.server.socket_url,
        }


MakeShell = Callable[..., Shell]


@pytest.fixture
def shell(wiro_tools: ModuleType, mock_wiro: RunningMockServer) -> Shell:
    """The committed package's command line against a mock server of specs/."""
    return Shell("wiro_tools", mock_wiro)


@pytest.fixture
def allkinds_server(start_mock_wiro: StartMockWiro) -> RunningMockServer:
    return start_mock_wiro(specs=[parse_page(ALL_KINDS_PAGE)])


@pytest.fixture
def kinds_shell(allkinds: ModuleType, allkinds_server: RunningMockServer) -> Shell:
    """The command line of the package with one input of every kind."""
    return Shell("allkinds", allkinds_server)


def chat_page() -> str:
    page = make_page(name=CHAT_SLUG, run=f"https://api.wiro.ai/v1/Run/{CHAT_SLUG}")
    return page.replace("  - text-to-image", "  - llm")


@pytest.fixture(scope="session")
def chattools(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    """A package of one language-model tool (its page in the `llm` category)."""
    output = tmp_path_factory.mktemp("chattools")
    page = output / "wiro__mock-chat.md"
    page.write_text(chat_page(), encoding="utf-8")
    generate([page], output / "pkg", package="chattools")
    return import_package(output / "pkg", "chattools")


@pytest.fixture
def chat_shell(chattools: ModuleType, start_mock_wiro: StartMockWiro) -> Shell:
    spec = parse_text("mock-chat.md", chat_page())
    server = start_mock_wiro(specs=[spec], pages={spec.slug: chat_page()})
    return Shell("chattools", server)


def only_run(server: RunningMockServer, slug: str) -> dict[str, object]:
    """The body of the one Run request `server` received for `slug`."""
    (request,) = server.requests(f"/v1/Run/{slug}")
    return dict(request.fields)

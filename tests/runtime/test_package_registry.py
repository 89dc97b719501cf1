"""The package root: a lazy registry of tools and the runtime's names."""

from __future__ import annotations

import json
import subprocess
import sys
from types import ModuleType

import pytest

from ..support.paths import ROOT


def fresh_interpreter(code: str) -> object:
    completed = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT / "generated",
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(completed.stdout)


def test_importing_the_package_loads_no_tool_module_and_no_httpx() -> None:
    loaded = fresh_interpreter(
        "import json, sys, wiro_tools; print(json.dumps(sorted(sys.modules)))"
    )
    assert [name for name in loaded if name.startswith("wiro_tools")] == ["wiro_tools"]  # type: ignore[attr-defined]
    assert "httpx" not in loaded  # type: ignore[operator]


def test_get_tool_imports_only_its_module() -> None:
    loaded = fresh_interpreter(
        "import json, sys, wiro_tools\n"
        "tool = wiro_tools.get_tool('wiro/PixArt-Sigma')\n"
        "print(json.dumps([tool.__name__] + sorted(m for m in sys.modules if m.startswith('wiro_tools')"
        " and not m.startswith('wiro_tools._runtime.'))))"
    )
    assert loaded == [
        "PixArtSigma",
        "wiro_tools",
        "wiro_tools._runtime",
        "wiro_tools.wiro",
        "wiro_tools.wiro.pixart_sigma",
    ]


@pytest.mark.parametrize("slug", ["wiro/PixArt-Sigma", "WIRO/pixart-sigma", "Wiro/Pixart-SIGMA"])
def test_get_tool_is_case_insensitive(wiro_tools: ModuleType, slug: str) -> None:
    from wiro_tools.wiro.pixart_sigma import AsyncPixArtSigma, PixArtSigma

    assert wiro_tools.get_tool(slug) is PixArtSigma
    assert wiro_tools.get_async_tool(slug) is AsyncPixArtSigma


def test_get_tool_uses_the_run_url_slug_not_the_name_line(wiro_tools: ModuleType) -> None:
    tool = wiro_tools.get_tool("arsmachina/baroque-space-opera-v1")
    assert tool.info.slug == "arsmachina/baroque-space-opera-v1"
    assert tool.__module__ == "wiro_tools.arsmachina.baroque_space_opera_v1"


def test_unknown_slug_suggests_close_ones(wiro_tools: ModuleType) -> None:
    with pytest.raises(wiro_tools.UnknownToolError, match="wiro/cartoonify"):
        wiro_tools.get_tool("wiro/cartoonfy")


def test_tools_lists_every_page(wiro_tools: ModuleType) -> None:
    assert set(wiro_tools.TOOLS) == {
        "ArsMachina/Ars-Niji-Style-v1", "arsmachina/baroque-space-opera-v1",
        "desertPixel/Flat-Pixel-Art-FLUX", "wiro/PixArt-Sigma", "wiro/avatarmotion",
        "wiro/cartoonify", "wiro/professional-headshot", "wiro/text-to-image-sd-lora",
    }  # fmt: skip


def test_runtime_names_are_importable_from_the_root(wiro_tools: ModuleType) -> None:
    from wiro_tools import _runtime

    for name in _runtime.__all__:
        assert getattr(wiro_tools, name) is getattr(_runtime, name)
    assert issubclass(wiro_tools.TaskFailed, wiro_tools.WiroError)
    with pytest.raises(AttributeError):
        wiro_tools.NoSuchThing  # noqa: B018

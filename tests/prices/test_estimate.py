"""`Tool.estimate(**inputs)`: offline, class-level, from run()'s arguments and defaults; and
what it says is what the mock server bills (Task/Detail `totalcost`), end to end."""

from __future__ import annotations

import inspect
from decimal import Decimal
from types import ModuleType
from typing import Any

import pytest

from generator.mockserver import RunningMockServer

from ..runtime.live import FLAVOURS, run_live

IMAGE = "https://files.test/face.png"
# (slug, run() arguments): each priced by another rule of specs/prices.json.
PRICED_RUNS = [
    ("wiro/cartoonify", {"input_image_url": IMAGE}),  # a flat cpr tier
    ("wiro/professional-headshot", {"input_image_url": IMAGE}),  # QUANTITY:1 of a URL input
    ("wiro/avatarmotion", {"input_image": [IMAGE], "output_type": "video"}),  # tier by value
    ("wiro/avatarmotion", {"input_image": [b"\x89PNG local"], "output_type": "image"}),  # upload
    ("wiro/text-to-image-sd-lora", {"samples": 3}),  # cpo x samples
    ("wiro/PixArt-Sigma", {"width": 2048, "height": 1024, "samples": 2}),  # cp-pixel
    ("ArsMachina/Ars-Niji-Style-v1", {"width": 1280, "height": 1280, "samples": 2}),  # cpo tier
]


def test_estimate_is_class_level_and_offline(wiro_tools: ModuleType) -> None:
    estimate = wiro_tools.get_tool("wiro/cartoonify").estimate()
    assert estimate == wiro_tools.Estimate(Decimal("0.03"), Decimal("0.03"), True, "cpr")
    assert str(estimate) == "$0.03"


def test_estimate_takes_runs_defaults_for_what_is_not_given(wiro_tools: ModuleType) -> None:
    sd_lora = wiro_tools.get_tool("wiro/text-to-image-sd-lora")
    default = inspect.signature(sd_lora.run).parameters["samples"].default
    assert sd_lora.estimate().low == Decimal("0.0025") * default
    assert sd_lora.estimate(samples=4).low == Decimal("0.0100")


def test_the_async_class_estimates_alike(wiro_tools: ModuleType) -> None:
    sync, async_ = (
        get("wiro/PixArt-Sigma") for get in (wiro_tools.get_tool, wiro_tools.get_async_tool)
    )
    assert async_.estimate(width=3000, height=3000) == sync.estimate(width=3000, height=3000)


def test_an_instance_estimates_as_its_class(wiro_tools: ModuleType) -> None:
    tool = wiro_tools.get_tool("wiro/cartoonify")
    assert tool(client=None).estimate() == tool.estimate()


def test_a_value_no_tier_names_gives_none(wiro_tools: ModuleType) -> None:
    ars = wiro_tools.get_tool("ArsMachina/Ars-Niji-Style-v1")
    assert ars.estimate(width=800, height=600) is None


def test_a_cps_tool_estimates_wiros_approximate_cost(wiro_tools: ModuleType) -> None:
    estimate = wiro_tools.get_tool("desertPixel/Flat-Pixel-Art-FLUX").estimate()
    assert (estimate.low, estimate.exact, estimate.method) == (Decimal("0.0117"), False, "cps")
    assert str(estimate) == "about $0.0117"


def test_a_tool_without_prices_estimates_none_and_states_no_price(wiro_tools: ModuleType) -> None:
    baroque = wiro_tools.get_tool("arsmachina/baroque-space-opera-v1")
    assert baroque.estimate() is None
    assert "Price" not in (baroque.run.__doc__ or "")


def test_run_states_the_price_in_its_docstring(wiro_tools: ModuleType) -> None:
    doc = inspect.getdoc(wiro_tools.get_tool("wiro/avatarmotion").run) or ""
    assert "Price (Wiro's catalogue): $0.05 to $0.33 a run, by outputType;" in " ".join(doc.split())


def test_an_unknown_argument_is_refused(wiro_tools: ModuleType) -> None:
    with pytest.raises(TypeError, match="colour"):
        wiro_tools.get_tool("wiro/cartoonify").estimate(colour="red")


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize(("slug", "arguments"), PRICED_RUNS, ids=lambda v: str(v)[:40])
def test_the_estimate_is_what_the_server_bills(
    wiro_tools: ModuleType,
    mock_wiro: RunningMockServer,
    flavour: str,
    slug: str,
    arguments: dict[str, Any],
) -> None:
    get = wiro_tools.get_tool if flavour == "sync" else wiro_tools.get_async_tool
    tool = get(slug)
    estimate = tool.estimate(**arguments)
    assert estimate is not None and estimate.exact

    async def scenario(client: Any) -> Any:
        return await _maybe(tool(client).run_and_wait(**arguments))

    snapshot = run_live(wiro_tools, mock_wiro, flavour, scenario, socket_url=None)
    assert snapshot.cost == estimate.low


async def _maybe(value: Any) -> Any:
    return await value if inspect.isawaitable(value) else value

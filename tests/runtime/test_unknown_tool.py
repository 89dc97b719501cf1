"""get_tool() of an unknown slug: an error that is both a WiroError and a LookupError."""

from __future__ import annotations

from types import ModuleType

import pytest


@pytest.mark.parametrize("getter", ["get_tool", "get_async_tool"])
def test_an_unknown_slug_is_an_unknown_tool_error(wiro_tools: ModuleType, getter: str) -> None:
    with pytest.raises(wiro_tools.UnknownToolError) as caught:
        getattr(wiro_tools, getter)("wiro/no-such-tool")
    assert isinstance(caught.value, wiro_tools.WiroError)
    assert isinstance(caught.value, LookupError)

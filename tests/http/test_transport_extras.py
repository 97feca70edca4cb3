"""The adapters apart from the exchanges: what an adapter says without its library, and closing."""

from __future__ import annotations

import importlib
import re
import sys

import pytest


@pytest.mark.parametrize(
    ("module", "library", "extra"),
    [("httpx", "httpx", "httpx"), ("requests", "requests", "requests"), ("aiohttp", "aiohttp", "aiohttp")],
)
def test_an_adapter_without_its_library_names_the_extra_to_install(
    monkeypatch: pytest.MonkeyPatch, module: str, library: str, extra: str
) -> None:
    monkeypatch.setitem(sys.modules, library, None)  # as if it were not installed
    monkeypatch.delitem(sys.modules, f"smsc_formats.transports.{module}", raising=False)
    with pytest.raises(ImportError, match=re.escape(f"pip install 'smsc-formats[{extra}]'")) as caught:
        importlib.import_module(f"smsc_formats.transports.{module}")
    assert isinstance(caught.value.__cause__, ImportError)


@pytest.mark.anyio
async def test_aiohttp_closes_the_session_it_was_given_and_opens_none_to_close() -> None:
    import aiohttp

    from smsc_formats.transports.aiohttp import AiohttpTransport

    unused = AiohttpTransport()
    await unused.aclose()
    assert unused._session is None  # closing opened no session
    session = aiohttp.ClientSession()
    await AiohttpTransport(session).aclose()
    assert session.closed


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"

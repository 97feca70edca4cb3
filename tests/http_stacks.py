"""Every HTTP stack behind one call signature, so one behavioural suite runs on all of them.

``Stack.call`` builds a client for the stack against a fake server and makes one call; for the
async stacks it runs the ``AsyncClient`` in a fresh event loop, so the test bodies are shared.
Also here: send, status and balance declared for these tests only, until the library has them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

import httpx

from smsc_formats import AsyncClient, Client, Operation, Retry
from smsc_formats.operations import Extra, Record
from smsc_formats.operations._common import COMMON_ERRORS
from smsc_formats.testing import FakeSmsc
from smsc_formats.transports import AsyncTransport, Transport
from smsc_formats.transports.aiohttp import AiohttpTransport
from smsc_formats.transports.httpx import AsyncHttpxTransport, HttpxTransport
from smsc_formats.transports.requests import RequestsTransport
from smsc_formats.transports.urllib import UrllibTransport

FAST = Retry(attempts=4, backoff=0.01, backoff_max=0.02)


@dataclass(frozen=True)
class Stack:
    name: str
    sync: Callable[[FakeSmsc], Transport] | None = None
    async_: Callable[[FakeSmsc], AsyncTransport] | None = None

    def call(self, server: FakeSmsc, operation: Operation[Any], **options: Any) -> Any:
        """One call through a new client on this stack; ``options`` go to the client."""
        options = {"hosts": server.base_urls, "retry": FAST, "timeout": 2.0, **options}
        credentials = options.pop("credentials", server.credentials)
        if self.sync is not None:
            with Client(credentials, self.sync(server), **options) as client:
                return client.call(operation)
        assert self.async_ is not None
        make = self.async_

        async def run() -> Any:
            async with AsyncClient(credentials, make(server), **options) as client:
                return await client.call(operation)

        return asyncio.run(run())


def _ca(server: FakeSmsc) -> Any:
    return server.client_ssl_context() if server.ca_file else True


STACKS = [
    Stack("urllib", sync=lambda s: UrllibTransport(ssl_context=s.client_ssl_context() if s.ca_file else None)),
    Stack("httpx", sync=lambda s: HttpxTransport(httpx.Client(verify=_ca(s)))),
    Stack("requests", sync=lambda s: RequestsTransport(verify=s.ca_file or True)),
    Stack("httpx-async", async_=lambda s: AsyncHttpxTransport(httpx.AsyncClient(verify=_ca(s)))),
    Stack("aiohttp", async_=lambda s: AiohttpTransport(ssl_context=_ca(s))),
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Sent:
    id: int | None = None
    cnt: int
    cost: Decimal | None = None
    balance: Decimal | None = None
    extra: Extra = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Status:
    status: int
    last_date: datetime | None = None
    last_timestamp: int | None = None
    err: int | None = None
    id: int | None = None
    phone: str | None = None
    extra: Extra = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Balance:
    balance: Decimal
    extra: Extra = ()


def _declare(name: str, path: str, model: type, tag: str, list_param: str | None = None) -> Operation[Any]:
    return Operation(
        name=name,
        description=f"{path}, declared for the HTTP tests",
        path=path,
        flags={},
        record=Record(model, xml_tag=tag),
        errors=COMMON_ERRORS,
        list_param=list_param,
    )


SEND: Operation[Sent] = _declare("test_send", "send.php", Sent, "result")
STATUS: Operation[Status] = _declare("test_status", "status.php", Status, "sms", list_param="id")
BALANCE: Operation[Balance] = _declare("test_balance", "balance.php", Balance, "balance")

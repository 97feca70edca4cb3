"""Every HTTP stack behind one call signature, so one behavioural suite runs on all of them.

``Stack.call`` builds a client for the stack against a server (the fake one, or any with its
base URLs, credentials and CA) and makes one call; for the async stacks it runs the
``AsyncClient`` in a fresh event loop, so the test bodies are shared.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import Any, Protocol

import httpx

from smsc_formats import AsyncClient, Client, Credentials, Operation, Retry
from smsc_formats.transports import AsyncTransport, Transport
from smsc_formats.transports.aiohttp import AiohttpTransport
from smsc_formats.transports.httpx import AsyncHttpxTransport, HttpxTransport
from smsc_formats.transports.requests import RequestsTransport
from smsc_formats.transports.urllib import UrllibTransport

FAST = Retry(attempts=4, backoff=0.01, backoff_max=0.02)


class Server(Protocol):
    """What a stack needs of a server: where it is, who to be, and whom to trust (FakeSmsc has it all)."""

    @property
    def base_urls(self) -> Sequence[str]: ...
    @property
    def credentials(self) -> Credentials: ...
    @property
    def ca_file(self) -> str | None: ...
    def client_ssl_context(self) -> ssl.SSLContext: ...


@dataclass(frozen=True)
class Stack:
    name: str
    sync: Callable[[Server], Transport] | None = None
    async_: Callable[[Server], AsyncTransport] | None = None

    def call(
        self,
        server: Server,
        operation: Operation[Any],
        *,
        per_call: Mapping[str, Any] = MappingProxyType({}),
        **options: Any,
    ) -> Any:
        """One call through a new client on this stack; ``options`` go to the client, ``per_call`` to the call."""
        options = {"hosts": server.base_urls, "retry": FAST, "timeout": 2.0, **options}
        credentials = options.pop("credentials", server.credentials)
        if self.sync is not None:
            with Client(credentials, self.sync(server), **options) as client:
                return client.call(operation, **per_call)
        assert self.async_ is not None
        make = self.async_

        async def run() -> Any:
            async with AsyncClient(credentials, make(server), **options) as client:
                return await client.call(operation, **per_call)

        return asyncio.run(run())

    def use(self, server: Server, method: str, /, *args: Any, **kwargs: Any) -> Any:
        """One of the client's everyday methods through a new client on this stack: its result,
        an iterator's records as a list. Client options come in ``client=``."""
        options = {"hosts": server.base_urls, "retry": FAST, "timeout": 2.0, **kwargs.pop("client", {})}
        if self.sync is not None:
            with Client(server.credentials, self.sync(server), **options) as client:
                result = getattr(client, method)(*args, **kwargs)
                return list(result) if isinstance(result, Iterator) else result
        assert self.async_ is not None
        make = self.async_

        async def run() -> Any:
            async with AsyncClient(server.credentials, make(server), **options) as client:
                result = getattr(client, method)(*args, **kwargs)
                if isinstance(result, AsyncIterator):
                    return [record async for record in result]
                return await result

        return asyncio.run(run())


@dataclass(frozen=True)
class OnStack:
    """What a test needs of a client, each call made through a new client on ``stack`` (so that one
    test body runs over every HTTP stack); ``options`` go to every client."""

    stack: Stack
    server: Server
    options: Mapping[str, Any] = field(default_factory=dict)

    def call(self, operation: Operation[Any], /, **per_call: Any) -> Any:
        return self.stack.call(self.server, operation, per_call=per_call, **self.options)


@cache
def _system_cas() -> ssl.SSLContext:
    """What urllib and httpx build for every client by default, built once: loading the system's
    CAs takes longer than a whole call to a loopback server."""
    return ssl.create_default_context()


def _ca(server: Server) -> Any:
    return server.client_ssl_context() if server.ca_file else True


def _context(server: Server) -> ssl.SSLContext:
    return server.client_ssl_context() if server.ca_file else _system_cas()


STACKS = [
    Stack("urllib", sync=lambda s: UrllibTransport(ssl_context=_context(s))),
    Stack("httpx", sync=lambda s: HttpxTransport(httpx.Client(verify=_context(s)))),
    Stack("requests", sync=lambda s: RequestsTransport(verify=s.ca_file or True)),
    Stack("httpx-async", async_=lambda s: AsyncHttpxTransport(httpx.AsyncClient(verify=_context(s)))),
    Stack("aiohttp", async_=lambda s: AiohttpTransport(ssl_context=_ca(s))),
]

"""A transport that calls a function instead of the network: the test double for clients."""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Awaitable, Callable
from typing import Union

from .._http import HttpRequest, HttpResponse
from .base import AsyncBaseTransport, BaseTransport

Handler = Callable[[HttpRequest], Union[HttpResponse, Awaitable[HttpResponse]]]  # noqa: UP007 - runtime alias on 3.10


class MockTransport(BaseTransport, AsyncBaseTransport):
    """Both a sync and an async transport; ``handler`` may be a function or a coroutine function.

    ``requests`` records every request handled, in order.
    """

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.requests: list[HttpRequest] = []

    def handle_request(self, request: HttpRequest, /) -> HttpResponse:
        self.requests.append(request)
        response = self.handler(request)
        if inspect.isawaitable(response):
            close = getattr(response, "close", None)
            if close is not None:
                close()  # never awaited: close it so no warning is left behind
            raise TypeError("an async handler needs handle_async_request (AsyncClient)")
        return _answering(response, request)

    async def handle_async_request(self, request: HttpRequest, /) -> HttpResponse:
        self.requests.append(request)
        response = self.handler(request)
        return _answering(await response if inspect.isawaitable(response) else response, request)


def _answering(response: HttpResponse, request: HttpRequest) -> HttpResponse:
    """``response`` naming the request it answers, as every transport's does."""
    return response if response.request is not None else dataclasses.replace(response, request=request)

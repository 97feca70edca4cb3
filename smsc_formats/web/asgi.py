"""A Starlette or FastAPI endpoint for the handler URL (the ``fastapi`` extra)::

    from smsc_formats.web.asgi import callback_endpoint

    app.add_api_route("/smsc", callback_endpoint(handle, secret=SECRET), methods=["POST"])  # FastAPI
    routes = [Route("/smsc", callback_endpoint(handle, secret=SECRET), methods=["POST"])]  # Starlette

``handle`` gets each verified event; a coroutine function is awaited, a plain function runs in
the thread pool so that it may block. See :mod:`smsc_formats.web._handling` for the answers.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from ._handling import CHARSET_PARAMETER, CONTENT_TYPE, MAX_BODY, SUCCESS, Refusal, read_post

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response

    from ..operations.callback_events import CallbackEvent


def callback_endpoint(
    handle: Callable[[CallbackEvent], object], /, *, secret: str | None
) -> Callable[[Request], Awaitable[Response]]:
    """An endpoint that hands each verified post's event to ``handle``."""
    from starlette.concurrency import run_in_threadpool
    from starlette.requests import Request
    from starlette.responses import Response

    asynchronous = inspect.iscoroutinefunction(handle)

    async def smsc_callback(request: Request) -> Response:
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY:
                break
        outcome = read_post(bytes(body), request.query_params.get(CHARSET_PARAMETER), secret)
        if isinstance(outcome, Refusal):
            return Response(outcome.text, status_code=outcome.status, media_type=CONTENT_TYPE)
        if asynchronous:
            await handle(outcome)  # type: ignore[misc]
        else:
            await run_in_threadpool(handle, outcome)
        return Response(SUCCESS[1], status_code=SUCCESS[0], media_type=CONTENT_TYPE)

    # FastAPI reads the parameter's type to pass the request; the names are imported here, so the
    # annotations (strings under `from __future__ import annotations`) are given as the classes.
    smsc_callback.__annotations__ = {"request": Request, "return": Response}
    return smsc_callback

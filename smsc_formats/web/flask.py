"""A Flask view for the handler URL (the ``flask`` extra)::

    from smsc_formats.web.flask import callback_view

    app.add_url_rule("/smsc", view_func=callback_view(handle, secret=SECRET), methods=["POST"])

``handle`` gets each verified event (see :mod:`smsc_formats.web._handling` for the answers).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ._handling import CHARSET_PARAMETER, CONTENT_TYPE, MAX_BODY, SUCCESS, Refusal, read_post

if TYPE_CHECKING:
    from flask import Response

    from ..operations.callback_events import CallbackEvent


def callback_view(handle: Callable[[CallbackEvent], object], /, *, secret: str | None) -> Callable[[], Response]:
    """A view (endpoint name ``smsc_callback``) that hands each verified post's event to ``handle``."""
    from flask import Response, request

    def smsc_callback() -> Response:
        outcome = read_post(request.stream.read(MAX_BODY + 1), request.args.get(CHARSET_PARAMETER), secret)
        if isinstance(outcome, Refusal):
            return Response(outcome.text, status=outcome.status, content_type=CONTENT_TYPE)
        handle(outcome)
        return Response(SUCCESS[1], status=SUCCESS[0], content_type=CONTENT_TYPE)

    return smsc_callback

"""A Django view for the handler URL (the ``django`` extra)::

    from smsc_formats.web.django import callback_view

    urlpatterns = [path("smsc/", callback_view(handle, secret=SECRET))]

The view is exempt from CSRF checks (SMSC's post carries no token; the checksum stands in for
it) and answers only POST. ``handle`` gets each verified event (see
:mod:`smsc_formats.web._handling` for the answers).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ._handling import CHARSET_PARAMETER, CONTENT_TYPE, MAX_BODY, SUCCESS, Refusal, read_post

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from ..operations.callback_events import CallbackEvent


def callback_view(
    handle: Callable[[CallbackEvent], object], /, *, secret: str | None
) -> Callable[[HttpRequest], HttpResponse]:
    """A view that hands each verified post's event to ``handle``."""
    from django.http import HttpResponse
    from django.views.decorators.csrf import csrf_exempt
    from django.views.decorators.http import require_POST

    def smsc_callback(request: HttpRequest) -> HttpResponse:
        outcome = read_post(request.read(MAX_BODY + 1), request.GET.get(CHARSET_PARAMETER), secret)
        if isinstance(outcome, Refusal):
            return HttpResponse(outcome.text, status=outcome.status, content_type=CONTENT_TYPE)
        handle(outcome)
        return HttpResponse(SUCCESS[1], status=SUCCESS[0], content_type=CONTENT_TYPE)

    view: Callable[[HttpRequest], HttpResponse] = csrf_exempt(require_POST(smsc_callback))
    return view

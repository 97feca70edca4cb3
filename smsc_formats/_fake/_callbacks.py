"""Posting callbacks: each final status, HLR result, incoming SMS and confirmation call, as the
form SMSC posts to the account's handler.

The body is written by :func:`~smsc_formats.operations.callback.encode_callback` (windows-1251,
the API's default) and, with a secret, signed by ``sign_callback`` (``md5``). It is posted with
urllib; a handler that cannot be reached, or answers an HTTP error, is recorded, not retried.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..operations.callback import encode_callback, sign_callback
from ..operations.callback_events import CallbackEvent

TIMEOUT = 5.0
"""Seconds a handler has to answer one callback."""


def post(url: str, secret: str | None, events: Iterable[CallbackEvent]) -> tuple[list[CallbackEvent], list[Exception]]:
    """Post each event to ``url``; the events posted (as signed) and the failures."""
    import urllib.request  # here: importing the library loads no HTTP library

    posted: list[CallbackEvent] = []
    failures: list[Exception] = []
    for event in events:
        signed = event if secret is None else sign_callback(event, secret)
        request = urllib.request.Request(  # noqa: S310 - the test's own http URL
            url,
            data=encode_callback(signed),
            method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded; charset=windows-1251"},
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:  # noqa: S310 - the test's own URL
                answer.read()
        except OSError as failure:  # URLError and HTTPError are OSErrors
            failures.append(failure)
        else:
            posted.append(signed)
    return posted, failures

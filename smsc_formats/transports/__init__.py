"""Transports: the one place where bytes meet the network.

A transport takes an :class:`~smsc_formats.HttpRequest` and returns an
:class:`~smsc_formats.HttpResponse`, translating its HTTP library's exceptions into
:class:`~smsc_formats.TransportError`. The adapters are imported by name, never from here, so
that importing this package loads no HTTP library::

    from smsc_formats.transports.urllib import UrllibTransport      # standard library
    from smsc_formats.transports.httpx import HttpxTransport, AsyncHttpxTransport
    from smsc_formats.transports.requests import RequestsTransport
    from smsc_formats.transports.aiohttp import AiohttpTransport
"""

from __future__ import annotations

from .base import AsyncBaseTransport, AsyncTransport, BaseTransport, Transport
from .mock import MockTransport

__all__ = ["AsyncBaseTransport", "AsyncTransport", "BaseTransport", "MockTransport", "Transport"]

"""The HTTP client: ``Client`` and ``AsyncClient`` over a transport, with failover that never
sends twice, a deadline per call, and the optional rate limiter and reply cache.

Loaded on first use (``smsc_formats.Client`` imports it), as it pulls in asyncio and ssl.
"""

from __future__ import annotations

from .._public import show_in
from ._call_options import CallOptions, ReadOptions, StreamOptions
from ._clients import AsyncClient, Client, ClientOptions
from ._plan import Retry
from ._throttle import Limits, RateLimiter, RateLimits, ReplyCache

__all__ = [
    "AsyncClient",
    "CallOptions",
    "Client",
    "ClientOptions",
    "Limits",
    "RateLimiter",
    "RateLimits",
    "ReadOptions",
    "ReplyCache",
    "Retry",
    "StreamOptions",
]

show_in("smsc_formats", AsyncClient, Client, ClientOptions, Retry, Limits, RateLimiter, RateLimits, ReplyCache)
show_in("smsc_formats", CallOptions, ReadOptions, StreamOptions)

"""The keyword options of one call, stated once for ``call``, ``stream`` and ``download`` of both
clients (and for a caller's own wrapper, which can take ``**options: Unpack[CallOptions]``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

from ..formats import DecodeLimits
from ..operations import FilesArgument


class ReadOptions(TypedDict, total=False):
    """What any call may override of the client's own (``download`` takes these)."""

    timeout: float | None
    """Seconds for this call, every try and wait included (None: the client's)."""
    max_reply_bytes: int | None
    """The largest reply this call reads (None: the client's, raised for a reply that declares more)."""


class StreamOptions(ReadOptions, total=False):
    """``stream``'s options: also what the reply may hold."""

    limits: DecodeLimits | None
    """What the reply may hold (None: what it declares, else :data:`DEFAULT_LIMITS`)."""


class CallOptions(StreamOptions, total=False):
    """``call``'s options: also the files it sends and the form of its body."""

    files: FilesArgument | None
    """Files for a call that takes them (:meth:`Operation.with_files`)."""
    json_body: bool | None
    """True: the call's JSON form (send.php's ``/rest/send/``); False: the form; None: the client's choice."""


def checked(method: str, options: Mapping[str, Any], allowed: type[Any]) -> dict[str, Any]:
    """Every option ``allowed`` (one of the TypedDicts above) names, None where not given; an option
    it does not name is the TypeError Python gives for an unexpected keyword (a type checker reports
    it before the call runs)."""
    unknown = sorted(options.keys() - allowed.__optional_keys__)
    if unknown:
        raise TypeError(f"{method}() got an unexpected keyword argument {unknown[0]!r}")
    return {key: options.get(key) for key in allowed.__optional_keys__}

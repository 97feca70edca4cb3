"""The syntax layer: one module per ``fmt``, each with the same contract.

``decode(body, layout)`` returns a :class:`RawReply` or a :class:`RawError`;
``encode(records, layout, *, listed)`` and ``encode_error(error)`` return text. Modules know no
operation; what they need of one is a :class:`Layout`. Each raises only ``Fault``.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from .._fmt import Fmt
from .._grammar import CSV_ERROR, TEXT_KEY
from ._body import DEFAULT_LIMITS, Body, DecodeLimits
from ._raw import CsvLayout, Layout, RawError, RawRecord, RawReply

if TYPE_CHECKING:
    from ._template import LineTemplate

__all__ = [
    "DEFAULT_LIMITS",
    "Body",
    "Codec",
    "CsvLayout",
    "DecodeLimits",
    "Layout",
    "LineTemplate",
    "RawError",
    "RawRecord",
    "RawReply",
    "codec",
    "detect",
]


def __getattr__(name: str) -> Any:
    """``LineTemplate``, whose module is imported only for an operation that has a fixed fmt=0 sentence."""
    if name != "LineTemplate":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from ._template import LineTemplate

    return LineTemplate


class Codec(Protocol):
    """What every format module provides."""

    def decode(self, body: Body, layout: Layout, /) -> RawReply | RawError: ...
    def encode(self, records: Sequence[RawRecord], layout: Layout, /, *, listed: bool) -> str: ...
    def encode_error(self, error: RawError, /) -> str: ...


_MODULES = {Fmt.TEXT: "text", Fmt.CSV: "csv", Fmt.XML: "xml", Fmt.JSON: "json"}


_loaded: dict[Fmt, Codec] = {}


def codec(fmt: Fmt) -> Codec:
    """The module for ``fmt``, imported on first use (so lxml loads only when XML is needed)."""
    module = _loaded.get(fmt)
    if module is None:
        module = _loaded[fmt] = importlib.import_module(f"{__name__}.{_MODULES[fmt]}")
    return module


def detect(body: Body, layout: Layout) -> Fmt:
    """The format of a reply, from its first bytes: ``<`` XML, ``{``/``[`` JSON, ``key =`` text.

    A fixed fmt=0 sentence of the operation's (``OK - 1 SMS, ID - 5``) also means text.
    """
    first = body.data[:1]
    if first == b"<":
        return Fmt.XML
    if first in (b"{", b"["):
        return Fmt.JSON
    if body.data.startswith(b"ERROR = ") or TEXT_KEY.match(body.data[:64].decode("ascii", "replace")):
        return Fmt.TEXT
    if CSV_ERROR.fullmatch(body.data.decode("ascii", "replace")):  # before a line that reads anything
        return Fmt.CSV
    template = layout.text_template
    if template is not None and template.read(next(body.lines(), (0, 0, ""))[2]) is not None:
        return Fmt.TEXT
    return Fmt.CSV

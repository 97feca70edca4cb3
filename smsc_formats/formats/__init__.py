"""The syntax layer: one module per ``fmt``, each with the same contract.

``decode(body, layout)`` returns a :class:`RawReply` or a :class:`RawError`;
``encode(records, layout, *, listed)`` and ``encode_error(error)`` return text. Modules know no
operation; what they need of one is a :class:`Layout`. Each raises only ``Fault``, and states
what it can say as its ``CAPABILITIES``, which the layers above read instead of naming formats.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from .._fmt import Fmt
from .._grammar import CSV_ERROR, TEXT_KEY
from ._body import DEFAULT_LIMITS, Body, DecodeLimits
from ._capabilities import Capabilities
from ._raw import CsvLayout, FastWriter, Layout, Pairs, RawError, RawRecord, RawReply

if TYPE_CHECKING:
    from ._template import LineTemplate

__all__ = [
    "DEFAULT_LIMITS",
    "Body",
    "Capabilities",
    "Codec",
    "CsvLayout",
    "DecodeLimits",
    "FastWriter",
    "Layout",
    "LineTemplate",
    "Pairs",
    "RawError",
    "RawRecord",
    "RawReply",
    "capabilities",
    "codec",
    "detect",
    "every_format",
    "guesses",
    "marks_lists",
    "opened_by",
    "opens_an_error",
    "server_default",
]


def __getattr__(name: str) -> Any:
    """``LineTemplate``, whose module is imported only for an operation that has a fixed fmt=0 sentence."""
    if name != "LineTemplate":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from ._template import LineTemplate

    return LineTemplate


class Codec(Protocol):
    """What every format module provides."""

    CAPABILITIES: Capabilities

    def decode(self, body: Body, layout: Layout, /) -> RawReply | RawError: ...
    def encode(self, records: Sequence[RawRecord], layout: Layout, /, *, listed: bool) -> str: ...
    def encode_error(self, error: RawError, /) -> str: ...
    def fast_writer(self, layout: Layout, names: Sequence[str], /) -> FastWriter | None: ...


_MODULES = {Fmt.TEXT: "text", Fmt.CSV: "csv", Fmt.XML: "xml", Fmt.JSON: "json"}
_GUESSES = (Fmt.CSV, Fmt.TEXT)
"""The formats told by their content alone, in the order ``fmt="auto"`` falls back to them."""


_loaded: dict[Fmt, Codec] = {}


def codec(fmt: Fmt) -> Codec:
    """The module for ``fmt``, imported on first use (so lxml loads only when XML is needed)."""
    module = _loaded.get(fmt)
    if module is None:
        module = _loaded[fmt] = importlib.import_module(f"{__name__}.{_MODULES[fmt]}")
    return module


def capabilities(fmt: Fmt) -> Capabilities:
    """What ``fmt`` can say: its module's ``CAPABILITIES``."""
    return codec(fmt).CAPABILITIES


def marks_lists(fmt: Fmt, layout: Layout) -> bool:
    """Whether ``fmt`` has a form for an empty list and for a list of one in ``layout``: a format
    that marks its lists, or a layout whose header line opens every list (the get_mnp export)."""
    caps = capabilities(fmt)
    return caps.marks_lists or (caps.headed_lists and layout.csv_header)


@functools.cache
def every_format() -> tuple[Capabilities, ...]:
    """The capabilities of every format, in ``Fmt`` order."""
    return tuple(capabilities(fmt) for fmt in Fmt)


@functools.cache
def server_default() -> Capabilities:
    """The format the server answers in when no fmt is asked, and falls back to whatever was."""
    return next(caps for caps in every_format() if caps.server_default)


@functools.cache
def _openings() -> dict[bytes, Fmt]:
    return {bytes([byte]): caps.fmt for caps in every_format() for byte in caps.opens}


@functools.cache
def _error_openings() -> tuple[bytes, ...]:
    return tuple(caps.error_opens for caps in every_format() if caps.error_opens)


def opens_an_error(data: bytes) -> bool:
    """Whether ``data`` begins as the error reply of a format that such a beginning tells."""
    return data.startswith(_error_openings())


def opened_by(data: bytes) -> Fmt | None:
    """The format whose opening byte ``data`` starts with (``<`` XML, ``{`` or ``[`` JSON), if any."""
    return _openings().get(data[:1])


def guesses(first: Fmt) -> tuple[Fmt, ...]:
    """The formats ``fmt="auto"`` tries: the one detected, then those told by content alone."""
    return (first, *(fmt for fmt in _GUESSES if fmt is not first))


def detect(body: Body, layout: Layout) -> Fmt:
    """The format of a reply, from its first bytes: ``<`` XML, ``{``/``[`` JSON, ``key =`` text.

    A fixed fmt=0 sentence of the operation's (``OK - 1 SMS, ID - 5``) also means text.
    """
    opened = opened_by(body.data)
    if opened is not None:
        return opened
    if body.data.startswith(b"ERROR = ") or TEXT_KEY.match(body.data[:64].decode("ascii", "replace")):
        return Fmt.TEXT
    if CSV_ERROR.fullmatch(body.data.decode("ascii", "replace")):  # before a line that reads anything
        return Fmt.CSV
    template = layout.text_template
    if template is not None and template.read(next(body.lines(), (0, 0, ""))[2]) is not None:
        return Fmt.TEXT
    return Fmt.CSV

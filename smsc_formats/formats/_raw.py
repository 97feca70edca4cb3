"""The neutral values that pass between the syntax layer and the schema layer.

A format module turns bytes into a :class:`RawReply` (records as ordered ``dict``\\ s of wire
name to wire value) or a :class:`RawError`, and back. It knows no operation: what it needs of
one comes in a :class:`Layout`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from ._template import LineTemplate

RawRecord = dict[str, Any]
"""Wire name to wire value: text in fmt=0/1/2, the JSON value itself in fmt=3."""


class RawError(NamedTuple):
    """An error reply as every format carries it: a code, a description, a message id."""

    code: int
    description: str | None
    message_id: int | None


@dataclass(slots=True)
class RawReply:
    """Records in wire order; ``listed`` when the bytes themselves say "several records".

    A reply that is not ``listed`` holds exactly one record: the format modules give no record
    or several only as a list (or refuse the body)."""

    records: list[RawRecord]
    listed: bool
    lines: list[int | None] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class CsvLayout:
    """One way the columns of a fmt=1 line may stand.

    ``free`` is the index of the only column that may hold commas (the official libraries split
    with a limit around it), or ``None``. ``checks`` pins columns that must match a pattern for
    this layout to be the one the server used.
    """

    columns: tuple[str, ...]
    free: int | None = None
    checks: tuple[tuple[int, re.Pattern[str]], ...] = ()


Pairs = list[tuple[str, Any]]
"""One record's written fields, in declaration order, each as its writer gives it."""
FastWriter = Callable[[list[Pairs], bool], str | None]
"""A format's writer of the common case: records and whether listed to the reply's text, or None
where the format's ``encode`` must write them (it may refuse them, or must take care)."""


@dataclass(frozen=True, slots=True)
class Layout:
    """What the syntax layer needs to know of an operation's record, per format."""

    text_keys: frozenset[str]
    """fmt=0 keys at which a free-text value ends."""
    text_free: frozenset[str]
    """fmt=0 keys whose value may contain ", "."""
    csv_layouts: tuple[CsvLayout, ...]
    """fmt=1 column layouts, most likely first; the first one that fits is taken."""
    xml_record: str
    xml_list: str
    text_template: LineTemplate | None = None
    """A fixed fmt=0 sentence (``OK - {cnt} SMS, ID - {id}``) instead of ``key = value`` pairs."""
    xml_text: str | None = None
    """A field carried as the record element's own text (``<result>OK</result>``)."""
    json_list_key: str | None = None
    """fmt=3 sends a list as an object holding the array under this key (``{"zones": [...]}``)."""
    csv_separator: str = ","
    """The fmt=1 separator; a file export may use another (``Phone;mccmnc``)."""
    csv_header: bool = False
    """fmt=1 starts with a line naming the columns, joined by the separator."""

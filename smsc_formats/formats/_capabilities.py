"""What each format can say, as data: the layers above read it instead of naming formats.

Each format module states its own ``CAPABILITIES``; the schema, the codec, the strategies and
the fake server ask these questions of it, so a new format is a new module here and a new
``Fmt`` member, not a branch in every layer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .._fmt import Fmt


@dataclass(frozen=True, slots=True)
class Capabilities:
    """The facts of one format that the layers above it need."""

    fmt: Fmt
    error_description: bool
    """An error reply carries the server's description (fmt=1's ``0,-N`` does not)."""
    empty_is_absent: bool
    """Every field is written, so an empty optional value reads as an absent one (fmt=1's columns)."""
    marks_lists: bool
    """A list of one record and an empty list have forms of their own; where not, a list is its
    records one per line, and one line reads as one record."""
    typed_values: bool
    """Values keep their own types (numbers, arrays of nested records); else every value is text."""
    own_names: bool
    """Fields go by this format's own names (``Wire.text_name``) rather than the API's."""
    positional: bool
    """Values stand in the columns of a layout without their names: a field that has no column
    is not carried."""
    line_records: bool
    """One record per line with bare values: a value holds no line break, the reply is trimmed,
    and a value must not read as the line's own syntax (``ERROR``, ``, key =``, a comma)."""
    sentences: bool
    """A record may be the operation's fixed sentence (``Layout.text_template``: ``OK - 1 SMS``)."""
    server_default: bool
    """The server's own format: it answers in it when no fmt is asked, and whatever fmt was asked
    with its error line, a bare fixed sentence (``OK``) or an empty body."""
    opens: bytes = b""
    """The first bytes by which a reply in this format is told (``<``; ``{`` or ``[``); empty
    when only its content tells."""
    error_opens: bytes = b""
    """How its error reply begins (``b"ERROR = "``, ``b"<"``, ``b"{"``); empty when only its content tells."""
    headed_lists: bool = False
    """A layout that opens with a header line (``Layout.csv_header``) marks its lists, whatever
    ``marks_lists`` says: the header alone is an empty list, the header and one line a list of one."""
    control_characters: bool = False
    """A value may hold control characters (written escaped)."""
    forbidden: re.Pattern[str] | None = None
    """Characters that no value may hold (XML 1.0's), beyond control characters."""

"""The four reply formats, named by the API's ``fmt`` parameter."""

from __future__ import annotations

from enum import IntEnum


class Fmt(IntEnum):
    """``fmt`` as the request sends it; the server answers in that format."""

    TEXT = 0
    """``key = value`` pairs, one record per line (the server's default)."""
    CSV = 1
    """Bare values separated by commas, in a fixed order, one record per line."""
    XML = 2
    """One element per record; several records wrapped in a list element."""
    JSON = 3
    """One object per record; several records in an array."""


CHARSETS = ("utf-8", "windows-1251", "koi8-r")
"""The ``charset`` values the API accepts; windows-1251 is the server's default."""


def is_text_encoding(charset: str) -> bool:
    """Whether ``charset`` names a codec between text and bytes.

    ``codecs.lookup`` also knows bytes-to-bytes and text-to-text codecs (``hex``, ``rot13``),
    which ``str.encode`` and ``bytes.decode`` refuse with a LookupError.
    """
    try:
        "".encode(charset)
    except LookupError:
        return False
    return True

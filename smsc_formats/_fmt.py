"""The four reply formats, named by the API's ``fmt`` parameter."""

from __future__ import annotations

from enum import IntEnum
from functools import lru_cache


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


TEXT_CHARSET = "a text charset (one that carries ASCII unchanged: utf-8, windows-1251, koi8-r, ...)"
"""What a charset argument must be, as messages name it."""

_ASCII = bytes(range(128)) + rb"\u0041\x41\N{DIGIT ONE}\101 +AEE- ~{~} xn--80a.b " + b"\x1b$B!!\x1b(B"
"""Every ASCII byte, then the escapes by which some codecs rewrite ASCII (a backslash escape,
UTF-7's ``+…-``, HZ's ``~{``, ISO-2022's ESC sequences, IDNA's ``xn--`` labels)."""


@lru_cache(maxsize=64)
def is_text_charset(charset: str) -> bool:
    """Whether ``charset`` is a text charset: the one definition ``decode``, ``encode`` and the CLI use.

    A text charset is a codec between text and bytes that carries ASCII unchanged: every ASCII
    character encodes to its own byte and every ASCII byte decodes to its own character, also
    beside the escapes by which other codecs rewrite ASCII (checked on ``_ASCII``). A reply's keys,
    numbers and punctuation are ASCII, so only such a codec reads them as the server wrote
    them. The API's three charsets are text charsets, as are latin-1, cp866 or shift_jis;
    transforms (base64, hex, rot13, idna, punycode, unicode_escape), UTF-7, UTF-16, UTF-32 and
    EBCDIC are not.
    """
    text = _ASCII.decode("ascii")
    try:
        return text.encode(charset) == _ASCII and _ASCII.decode(charset) == text
    except (LookupError, UnicodeError, TypeError):  # unknown, a transform, not a name
        return False


def carries(charset: str, text: str) -> bool:
    """Whether ``charset`` can write every character of ``text``."""
    try:
        text.encode(charset)
    except UnicodeEncodeError:
        return False
    return True

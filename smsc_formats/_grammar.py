"""The wire grammars as named regular expressions, each under the API text it implements.

Compiled once at import; the format modules and the schema layer use only these names.
"""

from __future__ import annotations

import re

# "В случае ошибки Сервер возвращает следующую строку: ERROR = N (описание)"
# send.php adds the message id to some errors: "ERROR = N (описание), ID - <id>".
# The description may itself hold parentheses and commas ("duplicate request, wait a minute"),
# so it runs to the last ")" that is followed by the optional id and the end of the line.
TEXT_ERROR = re.compile(r"ERROR = (?P<code>-?\d{1,19}) \((?P<description>.*)\)(?:, ID - (?P<id>\d{1,19}))?", re.ASCII)

# "При fmt = 1: 0,-N"; send.php writes the message id in place of the 0: "<id>,-N".
CSV_ERROR = re.compile(r"(?P<id>\d{1,19}),-(?P<code>\d{1,19})", re.ASCII)

# "country = <country>, operator = <operator>, ...": a key, then " = ", then the value.
# At the end of a line the server may leave "key =" with nothing after it (an empty value).
TEXT_KEY = re.compile(r"(?P<key>[A-Za-z_][A-Za-z0-9_]*) =(?: |$)")

# Separator between two pairs of a fmt=0 record, and the start of the pair after it.
TEXT_NEXT_PAIR = re.compile(r", (?P<key>[A-Za-z_][A-Za-z0-9_]*) =(?: |$)")

INTEGER_DIGITS = 19
"""The widest integer the API writes; a JSON number is held to it too."""
_INTEGER_BOUND: int = 10**INTEGER_DIGITS

# Integers as the API writes ids, counts, codes and timestamps.
INTEGER = re.compile(rf"-?\d{{1,{INTEGER_DIGITS}}}", re.ASCII)

INT_DIGITS_FLOOR = 640
"""The lowest bound ``sys.set_int_max_str_digits`` accepts: ``int()`` of this many digits
never fails, whatever the program set, and costs little."""


def bounded_int(text: str, digits: int, *, signed: bool = False) -> int | None:
    """``text`` as an int when it is 1 to ``digits`` ASCII digits (after a ``-`` if ``signed``).

    ``None`` otherwise, so each caller names its own field. The width is checked before ``int()``
    runs: hostile digits then cost nothing and never meet the interpreter's own limit (a bare
    ValueError). ``digits`` is at most ``INT_DIGITS_FLOOR``.
    """
    unsigned = text[1:] if signed and text[:1] == "-" else text
    if 0 < len(unsigned) <= digits and unsigned.isascii() and unsigned.isdigit():
        return int(text)
    return None


def fits_integer(value: int) -> bool:
    """Whether ``value`` has at most ``INTEGER_DIGITS`` digits, as every format can write it back."""
    return -_INTEGER_BOUND < value < _INTEGER_BOUND


# Money as the API writes it: "4.20", "1871.62", "4", "-12.5".
MONEY = re.compile(r"-?\d{1,15}(?:\.\d{1,8})?", re.ASCII)

# "Дата в формате dd.mm.yyyy hh:mm:ss" (last_date, send_date, check_time).
DATE_TIME = re.compile(r"(\d\d)\.(\d\d)\.(\d{4}) (\d\d):(\d\d):(\d\d)", re.ASCII)

# A phone number in international format, as the API echoes it: digits, optional leading "+".
PHONE = re.compile(r"\+?\d{10,15}", re.ASCII)

# An optional XML declaration, glued to the root element or not ([REAL] both seen).
XML_DECLARATION = re.compile(rb"<\?xml[^>]*\?>\s*")

# Half of a UTF-16 pair standing alone: text that no charset can write, nor a checksum hash.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")

# Characters XML 1.0 cannot carry in text, and CR, which XML parsers turn into LF.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x0c\x0d\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


SECRET_FIELDS = frozenset({"psw", "apikey"})
"""Request fields that are never shown: the password (or its MD5 hash) and the API key."""
_RESERVED = SECRET_FIELDS | {"login", "fmt", "charset"}
_FIELD_NAME = re.compile(r"\s*([^\[\s]*)")
"""A form field's name as PHP reads it: ``psw[]`` and ``PSW`` address the same thing as ``psw``
for a reserved-name check (PHP keeps the case, but no option of the API is spelt that way)."""


def _base_name(name: str) -> str:
    match = _FIELD_NAME.match(name)
    return "" if match is None else match.group(1).lower()


def is_reserved(name: str) -> bool:
    """Whether ``name`` addresses a field the client sets (credentials, ``fmt``, ``charset``)."""
    return _base_name(name) in _RESERVED


def is_secret(name: str) -> bool:
    """Whether ``name`` addresses a credential field, in any case or with brackets."""
    return _base_name(name) in SECRET_FIELDS

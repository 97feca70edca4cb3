"""The wire grammars as named regular expressions, each under the API text it implements.

Compiled once at import; the format modules and the schema layer use only these names.
"""

from __future__ import annotations

import re

# "В случае ошибки Сервер возвращает следующую строку: ERROR = N (описание)"
# send.php adds the message id to some errors: "ERROR = N (описание), ID - <id>".
# The description may itself hold parentheses and commas ("duplicate request, wait a minute"),
# so it runs to the last ")" that is followed by the optional id and the end of the line.
TEXT_ERROR = re.compile(r"ERROR = (?P<code>-?\d{1,19}) \((?P<description>.*)\)(?:, ID - (?P<id>\d{1,19}))?")

# "При fmt = 1: 0,-N"; send.php writes the message id in place of the 0: "<id>,-N".
CSV_ERROR = re.compile(r"(?P<id>\d{1,19}),-(?P<code>\d{1,19})")

# "country = <country>, operator = <operator>, ...": a key, then " = ", then the value.
# At the end of a line the server may leave "key =" with nothing after it (an empty value).
TEXT_KEY = re.compile(r"(?P<key>[A-Za-z_][A-Za-z0-9_]*) =(?: |$)")

# Separator between two pairs of a fmt=0 record, and the start of the pair after it.
TEXT_NEXT_PAIR = re.compile(r", (?P<key>[A-Za-z_][A-Za-z0-9_]*) =(?: |$)")

# Integers as the API writes ids, counts, codes and timestamps.
INTEGER = re.compile(r"-?\d{1,19}")

# Money as the API writes it: "4.20", "1871.62", "4", "-12.5".
MONEY = re.compile(r"-?\d{1,15}(?:\.\d{1,8})?")

# "Дата в формате dd.mm.yyyy hh:mm:ss" (last_date, send_date, check_time).
DATE_TIME = re.compile(r"(\d\d)\.(\d\d)\.(\d{4}) (\d\d):(\d\d):(\d\d)")

# A phone number in international format, as the API echoes it: digits, optional leading "+".
PHONE = re.compile(r"\+?\d{10,15}")

# An optional XML declaration, glued to the root element or not ([REAL] both seen).
XML_DECLARATION = re.compile(rb"<\?xml[^>]*\?>\s*")

# Characters XML 1.0 cannot carry in text, and CR, which XML parsers turn into LF.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x0c\x0d\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

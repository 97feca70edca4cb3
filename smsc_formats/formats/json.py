"""fmt=3: one JSON object per record, several records in an array.

Accepted: any JSON layout; numbers where the operation expects text and text where it expects
numbers (the schema layer coerces); the error object ``{"error": "…", "error_code": N}`` with an
optional ``"id"``; a list wrapped in an object under the key the operation names
(``{"zones": [...]}``). Floats are read as ``Decimal``, so money keeps every digit.

Refused: a key twice in one object (one value would be lost); ``NaN`` and ``Infinity``, which
are not JSON; integers of more than 640 digits (the least ``sys.set_int_max_str_digits``
allows, so no setting of the program's turns them into a crash) and exponents beyond
``Decimal``'s; lone surrogates (``"\ud800"``), which no charset can write back; nesting deeper
than ``DecodeLimits.max_depth``.

Written as the live server writes it: ``{`` and a line break, then one ``"key": value`` per
line joined by ``,`` and a line break, then a line break and ``}``; no indentation, no final
line break, non-ASCII characters as they are. An array holds such objects, one per line.
Everything JSON can carry is accepted; the charset may still refuse a character.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, NoReturn

from .._fault import Fault
from .._fmt import Fmt
from .._grammar import INT_DIGITS_FLOOR, INTEGER, LONE_SURROGATE, bounded_int
from ._body import Body, DecodeLimits
from ._capabilities import Capabilities
from ._raw import FastWriter, Layout, Pairs, RawError, RawRecord, RawReply

_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")

CAPABILITIES = Capabilities(
    fmt=Fmt.JSON,
    error_description=True,
    empty_is_absent=False,
    marks_lists=True,
    typed_values=True,
    own_names=False,
    positional=False,
    line_records=False,
    sentences=False,
    server_default=False,
    opens=b"{[",
    error_opens=b"{",
    control_characters=True,
)


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    record = dict(pairs)
    if len(record) < len(pairs):
        again = next(key for key, count in Counter(key for key, _ in pairs).items() if count > 1)
        raise Fault(f"each key once in an object, found {again!r} again")
    return record


def _integer(digits: str) -> int:
    number = bounded_int(digits, INT_DIGITS_FLOOR, signed=True)
    if number is None:
        raise Fault(f"an integer of at most {INT_DIGITS_FLOOR} digits, found {len(digits.lstrip('-'))}")
    return number


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:  # an exponent beyond what Decimal can hold
        raise Fault(f"a number with an exponent Decimal can hold, found {text[:24]}…") from None


def _constant(name: str) -> NoReturn:
    raise Fault(f"a JSON number, found {name}")


_decoder = json.JSONDecoder(
    parse_float=_decimal, parse_int=_integer, parse_constant=_constant, object_pairs_hook=_object
)


def parse(body: Body) -> Any:
    """The JSON value in ``body``, held to every rule above (the callback's JSON body too)."""
    text = body.text
    try:
        value, end = _decoder.raw_decode(text)
    except json.JSONDecodeError as exc:
        raise Fault(f"JSON ({exc.msg})", line=exc.lineno, column=exc.colno) from None
    except RecursionError:
        raise body.limits.exceeded("max_depth") from None
    if end != len(text):
        raise Fault("the end of the JSON value", offset=end)
    _check_depth(value, body.limits)
    # escaped ("\ud800"), or decoded as such by a charset (utf-7 "+2AA"); a pair is no fault
    maybe = _ESCAPED_SURROGATE.search(text) or LONE_SURROGATE.search(text)
    if maybe and LONE_SURROGATE.search(json.dumps(value, ensure_ascii=False, default=str)):
        raise Fault("text without lone surrogates (\\ud800-\\udfff not in a pair)")
    return value


def _check_depth(value: Any, limits: DecodeLimits) -> None:
    """The parser's own bound is the interpreter's recursion limit; this one is the caller's."""
    level = [value] if isinstance(value, dict | list) else []
    depth = 0
    while level:
        depth += 1
        if depth > limits.max_depth:
            raise limits.exceeded("max_depth")
        level = [
            child
            for item in level
            for child in (item.values() if isinstance(item, dict) else item)
            if isinstance(child, dict | list)
        ]


def decode(body: Body, layout: Layout) -> RawReply | RawError:
    value = parse(body)
    if isinstance(value, dict):
        if "error_code" in value:
            return read_error(value)
        if layout.json_list_key is not None:
            value = _unwrap(value, layout.json_list_key)
    if isinstance(value, dict):
        return RawReply([value], listed=False, lines=[None])
    if isinstance(value, list):
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                raise Fault(f"an object at index {index} of the array, found {type(item).__name__}")
        return RawReply(value, listed=True, lines=[None] * len(value))
    raise Fault(f"an object or an array, found {type(value).__name__}")


def _unwrap(value: dict[str, Any], key: str) -> Any:
    """The array of a list the operation wraps in an object (``{"zones": [...]}``)."""
    if key not in value:
        return value
    if len(value) > 1:
        raise Fault(f'only "{key}" in the object that holds the list, found "{min(set(value) - {key})}"')
    if not isinstance(value[key], list):
        raise Fault(f'an array in "{key}", found {type(value[key]).__name__}')
    return value[key]


def read_error(value: dict[str, Any]) -> RawError:
    unknown = set(value) - {"error", "error_code", "id"}
    code, description, message_id = value.get("error_code"), value.get("error"), value.get("id")
    if unknown:
        raise Fault(f'"error", "error_code" and "id" in an error reply, found "{min(unknown)}"')
    if not _is_int(code) or not (message_id is None or _is_int(message_id)):
        raise Fault('integers in "error_code" and "id"')
    if not (description is None or isinstance(description, str)):
        raise Fault('text in "error"')
    return RawError(int(code), description, None if message_id is None else int(message_id))  # type: ignore[arg-type]


def _is_int(value: object) -> bool:
    """A JSON number or string in the API's integer grammar (at most 19 digits)."""
    return isinstance(value, int | str) and not isinstance(value, bool) and INTEGER.fullmatch(str(value)) is not None


def _dump(value: object) -> str:
    if isinstance(value, Decimal):  # a number read with parse_float: written back as a number
        return str(value)
    return json.dumps(value, ensure_ascii=False, default=_unwritable)


def _unwritable(value: object) -> object:
    raise Fault(f"a value JSON can carry, found {type(value).__name__}")


def _encode_record(record: RawRecord) -> str:
    inner = ",\n".join(f"{_dump(key)}: {_dump(value)}" for key, value in record.items())
    return "{\n" + inner + "\n}" if inner else "{}"


def encode(records: Sequence[RawRecord], layout: Layout, *, listed: bool) -> str:
    if not listed:
        return _encode_record(records[0])
    array = "[\n" + ",\n".join(_encode_record(record) for record in records) + "\n]"
    if layout.json_list_key is None:
        return array
    return "{\n" + _dump(layout.json_list_key) + ": " + array + "\n}"


def encode_error(error: RawError) -> str:
    if error.description is None:
        raise Fault("a description, which fmt=3 error replies carry", field="error")
    record: RawRecord = {"error": error.description, "error_code": error.code}
    if error.message_id is not None:
        record["id"] = error.message_id
    return _encode_record(record)


def fast_writer(layout: Layout, names: Sequence[str]) -> FastWriter | None:
    """``encode`` of records whose values are text or integers (as ``json.dumps`` writes them); None
    for a record with any other value, which ``encode`` writes or refuses."""
    keys = {name: _dump(name) for name in names}
    wrapper = None if layout.json_list_key is None else _dump(layout.json_list_key)
    text, number = json.encoder.encode_basestring, int.__repr__  # what json.dumps(ensure_ascii=False) calls

    def record(pairs: Pairs) -> str:
        inner = ",\n".join(
            [
                f"{keys[key]}: {text(value) if type(value) is str else number(value) if type(value) is int else _no()}"
                for key, value in pairs
            ]
        )
        return "{\n" + inner + "\n}" if inner else "{}"

    def write(records: list[Pairs], listed: bool) -> str | None:
        try:
            if not listed:
                return record(records[0])
            array = "[\n" + ",\n".join([record(pairs) for pairs in records]) + "\n]"
        except _Elsewhere:
            return None
        return array if wrapper is None else "{\n" + wrapper + ": " + array + "\n}"

    return write


class _Elsewhere(Exception):
    """A value ``encode`` writes with ``json.dumps`` (or refuses)."""


def _no() -> NoReturn:
    raise _Elsewhere

"""fmt=0: ``key = value`` pairs joined by ``", "``, one record per line.

Accepted: the pairs in any order; keys the operation does not know (kept for ``extra``); an
empty value written ``key = ,`` or ``key =`` at the end of a line; CRLF; blank lines between
records; the error line ``ERROR = N (description)`` with an optional ``, ID - <id>``.

A value ends at the next ``", <key> = "``. A free-text value (an operator's name, a message)
may itself contain ``", "``, so it ends only where a key of the operation's record follows.

Refused when encoding: a line break in any value; ``", <key> = "`` inside a value, which would
split it; a key the operation does not know right after a free-text value, which would take it
in; white space at the very start or end of the reply, which decoders trim.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .._fault import Fault
from .._grammar import TEXT_ERROR, TEXT_NEXT_PAIR
from ._body import Body
from ._raw import Layout, RawError, RawRecord, RawReply

if TYPE_CHECKING:
    from ._template import LineTemplate


def decode(body: Body, layout: Layout) -> RawReply | RawError:
    error = decode_error(body)
    if error is not None:
        return error
    records: list[RawRecord] = []
    lines: list[int | None] = []
    for number, offset, line in body.lines():
        records.append(
            _decode_line(line, offset, layout)
            if layout.text_template is None
            else _read(line, offset, layout.text_template)
        )
        lines.append(number)
    if not records:
        raise Fault("a reply, found an empty body")
    return RawReply(records, listed=len(records) > 1, lines=lines)


def _read(line: str, offset: int, template: LineTemplate) -> RawRecord:
    record = template.read(line)
    if record is None:
        raise Fault(f"a line {template.source!r}", offset=offset)
    return record


def _decode_line(line: str, line_offset: int, layout: Layout) -> RawRecord:
    """Split at ", " and rejoin the pieces that do not start a pair.

    A piece starts a pair when it reads as ``_grammar.TEXT_KEY`` does (an ASCII identifier, then
    " = ", or " =" at the end of the line); str methods rather than that regex, as this is hot.
    Each value's pieces are joined once at the end: adding them one by one is quadratic.
    """
    values: dict[str, list[str]] = {}
    key = None
    pieces = line.split(", ")
    last = len(pieces) - 1
    offset = line_offset
    for index, piece in enumerate(pieces):
        name, equals, value = piece.partition(" =")
        starts_pair = (
            equals
            and name.isascii()
            and name.isidentifier()
            and (value[:1] == " " or (not value and index == last))
            and (key is None or key not in layout.text_free or name in layout.text_keys)
        )
        if starts_pair:
            if name in values:
                raise Fault(f"each key once, found {name!r} again", offset=offset)
            key = name
            values[key] = [value[1:]]
        elif key is None:
            raise Fault("'key = value' at the start of the line", offset=line_offset)
        else:
            values[key].append(piece)
        offset += len(piece) + 2
    return {name: ", ".join(parts) for name, parts in values.items()}


def decode_error(body: Body) -> RawError | None:
    """The ``ERROR = N (description)`` line, which the server may send whatever fmt was asked."""
    if not body.data.startswith(b"ERROR = "):
        return None
    match = TEXT_ERROR.fullmatch(body.text)
    if match is None:
        raise Fault("an error line 'ERROR = N (description)' with an optional ', ID - <id>'", offset=0)
    message_id = match["id"]
    return RawError(int(match["code"]), match["description"], int(message_id) if message_id else None)


def encode(records: Sequence[RawRecord], layout: Layout, *, listed: bool) -> str:
    template = layout.text_template
    return "\n".join(_encode_line(record, layout) if template is None else template.write(record) for record in records)


def _encode_line(record: RawRecord, layout: Layout) -> str:
    pairs = []
    previous = None
    for key, value in record.items():
        if previous in layout.text_free and key not in layout.text_keys:
            raise Fault(f"a declared key after the free text of {previous!r}, which reads on over others", field=key)
        previous = key
        if "\n" in value or "\r" in value:
            raise Fault("a value without line breaks", field=key)
        for following in TEXT_NEXT_PAIR.finditer(value):
            if key not in layout.text_free or following["key"] in layout.text_keys:
                raise Fault(f"a value without {following.group()!r}, which would split it", field=key)
        pairs.append(f"{key} = {value}")
    return ", ".join(pairs)


def encode_error(error: RawError) -> str:
    if error.description is None:
        raise Fault("a description, which fmt=0 error lines carry", field="error")
    line = f"ERROR = {error.code} ({error.description})"
    if error.message_id is not None:
        line += f", ID - {error.message_id}"
    return line

"""fmt=0: ``key = value`` pairs joined by ``", "``, one record per line.

Accepted: the pairs in any order; keys the operation does not know (kept for ``extra``); an
empty value written ``key = ,`` or ``key =`` at the end of a line; CRLF; blank lines between
records; the error line ``ERROR = N (description)`` with an optional ``, ID - <id>``.

A value ends at the next ``", <key> = "``. A free-text value (an operator's name, a message)
may itself contain ``", "``, so it ends only where a key of the operation's record follows.

Refused when encoding: a line break in any value; ``", <key> = "`` inside a value, which would
split it; a key the operation does not know right after a free-text value, which would take it
in; white space at the very start or end of the reply, which decoders trim; a reply that begins
as the error line (``ERROR = N``); values that a fixed sentence would not read back as written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from .._fault import Fault, field_at_fault
from .._fmt import Fmt
from .._grammar import TEXT_ERROR, TEXT_KEY, TEXT_NEXT_PAIR
from ._body import Body
from ._capabilities import Capabilities
from ._raw import FastWriter, Layout, Pairs, RawError, RawRecord, RawReply

if TYPE_CHECKING:
    from ._template import LineTemplate

_ERROR_OPENS = b"ERROR = "

CAPABILITIES = Capabilities(
    fmt=Fmt.TEXT,
    error_description=True,
    empty_is_absent=False,
    marks_lists=False,
    typed_values=False,
    own_names=True,
    positional=False,
    line_records=True,
    sentences=True,
    server_default=True,
    error_opens=_ERROR_OPENS,
)


def decode(body: Body, layout: Layout) -> RawReply | RawError:
    error = decode_error(body)
    if error is not None:
        return error
    if not body.data:
        return _empty(layout)
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


def _empty(layout: Layout) -> RawReply:
    """An empty body is a reply only where the operation's fixed line may be empty (the bare
    ``OK`` of a change, which the server has been seen to leave out)."""
    record = layout.text_template.read("") if layout.text_template is not None else None
    if record is None:
        raise Fault("a reply, found an empty body")
    return RawReply([record], listed=False, lines=[None])


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
    if not body.data.startswith(_ERROR_OPENS):
        return None
    match = TEXT_ERROR.fullmatch(body.text)
    if match is None:
        raise Fault("an error line 'ERROR = N (description)' with an optional ', ID - <id>'", offset=0)
    message_id = match["id"]
    return RawError(int(match["code"]), match["description"], int(message_id) if message_id else None)


def encode(records: Sequence[RawRecord], layout: Layout, *, listed: bool) -> str:
    template = layout.text_template
    lines = [_encode_line(record, layout) if template is None else _write(record, template) for record in records]
    if not all(line.strip() for line in lines) and not (template is not None and lines == [""]):
        blank = next(index for index, line in enumerate(lines) if not line.strip())
        raise Fault(  # the one empty sentence aside
            "a record that is no blank line, which decoders skip",
            field=_field(records[blank], layout, lambda _record, line: not line.strip()),
        )
    text = "\n".join(lines)
    if text.startswith("ERROR = "):
        raise Fault(
            "a reply that does not begin 'ERROR = ', which reads as an error line",
            field=_field(records[0], layout, lambda _record, line: line.startswith("ERROR = ")),
        )
    if template is None and records and next(reversed(records[-1].values()), "")[-1:] in _BLANKS:
        raise Fault(
            "a value that does not end the reply with white space, which decoders trim",
            field=next(reversed(records[-1])),
        )
    if template is not None and text != text.strip(_TRIMMED) and not _trimmed_reads_back(text, records, template):
        raise Fault(
            "a line that does not begin or end the reply with white space, which decoders trim",
            field=_trimmed_field(records, layout, template),
        )
    return text


def _line(record: RawRecord, layout: Layout) -> str:
    template = layout.text_template
    return _encode_line(record, layout) if template is None else _write(record, template)


def _field(record: RawRecord, layout: Layout, refused: Callable[[RawRecord, str], bool]) -> str | None:
    """The one field whose value alone makes ``refused`` hold of the record and its line."""
    keys = layout.text_keys if layout.text_template is None else layout.text_template.fields
    return field_at_fault(record, keys, lambda changed: refused(changed, _line(changed, layout)))


def _trimmed_reads_back(text: str, records: Sequence[RawRecord], template: LineTemplate) -> bool:
    """Whether the first and last sentences still read as written once decoders trim the reply."""
    edges = text.strip(_TRIMMED).split("\n")
    return template.read(edges[0]) == records[0] and template.read(edges[-1]) == records[-1]


def _trimmed_field(records: Sequence[RawRecord], layout: Layout, template: LineTemplate) -> str | None:
    """The one field whose value alone makes the first sentence read otherwise once decoders trim
    the reply's start, or the last once they trim its end (both the same field, if both do)."""

    def start_misread(record: RawRecord, line: str) -> bool:
        return template.read(line.lstrip(_TRIMMED)) != record

    def end_misread(record: RawRecord, line: str) -> bool:
        return template.read(line.rstrip(_TRIMMED)) != record

    at_fault = {
        _field(record, layout, misread)
        for record, misread in ((records[0], start_misread), (records[-1], end_misread))
        if misread(record, _write(record, template))
    }
    return at_fault.pop() if len(at_fault) == 1 else None


_TRIMMED = " \t\x0b\x0c"
"""White space that decoders trim from the ends of a reply (besides line breaks, refused in values)."""
_BLANKS = frozenset(_TRIMMED)


def _write(record: RawRecord, template: LineTemplate) -> str:
    """A fixed sentence, refused where its values would not read back as written."""
    for key, value in record.items():
        if "\n" in value or "\r" in value:
            raise Fault("a value without line breaks", field=key)
    line = template.write(record)
    if template.read(line) != record:
        raise Fault(
            f"values that the line {template.source!r} reads back as written",
            field=field_at_fault(
                record, template.fields, lambda changed: template.read(template.write(changed)) != changed
            ),
        )
    return line


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


def fast_writer(layout: Layout, names: Sequence[str]) -> FastWriter | None:
    """``encode`` of records with only ``names`` (keys at which a free text ends) whose values hold no
    ``=`` (so no ``", <key> = "``) and no line break, the reply not ending in white space; None for
    a fixed sentence, and for every other reply (``encode`` then refuses it or writes it)."""
    if layout.text_template is not None or not all(TEXT_KEY.fullmatch(f"{name} =") for name in names):
        return None
    if not layout.text_keys.issuperset(names):
        return None
    opens_as_error = "ERROR" in names

    def write(records: list[Pairs], listed: bool) -> str | None:
        if len(records) == 1:
            text = ", ".join([f"{key} = {value}" for key, value in records[0]])
            if "\n" in text:
                return None
        else:
            text = "\n".join([", ".join([f"{key} = {value}" for key, value in record]) for record in records])
            if text.count("\n") != len(records) - 1 or not all(records):
                return None
        if (
            not text
            or "\r" in text
            or text.count("=") != sum(map(len, records))  # one per pair: none in a value
            or text[-1] in _BLANKS
            or (opens_as_error and text.startswith("ERROR = "))
        ):
            return None
        return text

    return write

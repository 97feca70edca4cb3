"""fmt=1: bare values separated by commas, in the operation's column order, one record per line.

There is no quoting or escaping. A comma inside a value can be told apart only when the record
has a single free-text column: the official libraries split around it with a limit, and so does
this decoder. Where no layout of the operation fits, the error says so and suggests fmt=3.

Accepted: any of the operation's column layouts (an optional column such as ``phone`` present
or not, first or last); CRLF; blank lines; the error line ``0,-N`` or ``<id>,-N``.

A file export may declare another separator and a header line naming the columns
(``Phone;mccmnc``); the header is then required, and written.

Refused when encoding: a line break in any value; the separator in a value unless it stands in
the record's only free-text column; a blank line, which decoders skip; white space at the very
start or end of the reply, which decoders trim; a reply that reads as an error line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .._fault import Fault, field_at_fault
from .._fmt import Fmt
from .._grammar import CSV_ERROR
from ._body import Body
from ._capabilities import Capabilities
from ._raw import CsvLayout, FastWriter, Layout, Pairs, RawError, RawRecord, RawReply

_SEPARATOR_NAMES = {",": "comma", ";": "semicolon"}
_AMBIGUOUS = "; a value holding a comma cannot be told apart in fmt=1, ask for fmt=3"
_UNKNOWN = "a reply in another format: this reply has no known fmt=1 layout, ask for fmt=3"

CAPABILITIES = Capabilities(
    fmt=Fmt.CSV,
    error_description=False,
    empty_is_absent=True,
    marks_lists=False,
    typed_values=False,
    own_names=False,
    positional=True,
    line_records=True,
    sentences=False,
    server_default=False,
    headed_lists=True,
)


def decode(body: Body, layout: Layout) -> RawReply | RawError:
    error = decode_error(body)
    if error is not None:
        return error
    text = body.text
    if "\n" not in text and not layout.csv_header and text.strip() and len(text) <= body.limits.max_line_length:
        # the usual one-record reply, already trimmed
        return RawReply([_decode_line(text, 1, layout.csv_layouts, layout.csv_separator)], listed=False, lines=[1])
    records: list[RawRecord] = []
    lines: list[int | None] = []
    numbered = body.lines()
    if layout.csv_header:
        _read_header(next(numbered, None), layout)
    for number, _offset, line in numbered:
        records.append(_decode_line(line, number, layout.csv_layouts, layout.csv_separator))
        lines.append(number)
    if not records and not layout.csv_header:
        raise Fault("a reply, found an empty body")
    return RawReply(records, listed=len(records) != 1 or layout.csv_header, lines=lines)


def _header(layout: Layout) -> str:
    return layout.csv_separator.join(layout.csv_layouts[0].columns)


def _read_header(first: tuple[int, int, str] | None, layout: Layout) -> None:
    if first is None or first[2] != _header(layout):
        raise Fault(f"the header line {_header(layout)!r}", line=first[0] if first else None, column=1)


def _decode_line(line: str, number: int, layouts: Sequence[CsvLayout], separator: str) -> RawRecord:
    if not layouts:
        raise Fault(_UNKNOWN, line=number, column=1)
    values = line.split(separator)
    for layout in layouts:
        if len(values) < len(layout.columns):  # cannot fit: skip the call, this runs per line
            continue
        fitted = _fit(values, layout, separator)
        if fitted is not None:
            return dict(zip(layout.columns, fitted, strict=True))
    counts = " or ".join(str(count) for count in sorted({len(layout.columns) for layout in layouts}))
    free = any(layout.free is not None for layout in layouts)
    misfit = next((_misfit(values, layout) for layout in layouts if len(values) == len(layout.columns)), None)
    raise Fault(
        f"{counts} {_SEPARATOR_NAMES.get(separator, repr(separator))}-separated values, found {len(values)}"
        + (f" (in the {len(values)}-column order, {misfit} does not fit)" if misfit else "")
        + ("" if free else _AMBIGUOUS),
        line=number,
        column=1,
    )


def _misfit(values: list[str], layout: CsvLayout) -> str | None:
    """Which column's pattern refused its value, in a line of the layout's own width."""
    return next(
        (repr(layout.columns[index]) for index, pattern in layout.checks if not pattern.fullmatch(values[index])), None
    )


def _fit(values: list[str], layout: CsvLayout, separator: str) -> list[str] | None:
    width = len(layout.columns)
    surplus = len(values) - width
    if surplus < 0 or (surplus and layout.free is None):
        return None
    if surplus:
        free = layout.free
        assert free is not None
        tail = len(values) - (width - free - 1)
        values = [*values[:free], separator.join(values[free:tail]), *values[tail:]]
    if not layout.checks or all(pattern.fullmatch(values[index]) for index, pattern in layout.checks):
        return values
    return None


def decode_error(body: Body) -> RawError | None:
    """``0,-N``, or ``<id>,-N`` from send.php: two values, the second a negative number."""
    if b"\n" in body.data or b",-" not in body.data:
        return None
    match = CSV_ERROR.fullmatch(body.text)
    if match is None:
        return None
    message_id = int(match["id"])
    return RawError(int(match["code"]), None, message_id or None)


def encode(records: Sequence[RawRecord], layout: Layout, *, listed: bool) -> str:
    lines = [_encode_line(record, layout.csv_layouts, layout.csv_separator) for record in records]
    if not all(line.strip() for line in lines):
        blank = next(index for index, line in enumerate(lines) if not line.strip())
        raise Fault(
            "a record with a value: decoders skip a blank line",
            field=_field(records[blank], layout, lambda line: not line.strip()),
        )
    text = "\n".join([_header(layout), *lines] if layout.csv_header else lines)
    if text != text.strip(_TRIMMED):
        at_fault = {
            _field(record, layout, refused)
            for record, refused, seen in (
                (records[0], lambda line: line[:1] in _TRIMMED, text[:1]),  # a header never begins so
                (records[-1], lambda line: line[-1:] in _TRIMMED, text[-1:]),
            )
            if seen in _TRIMMED
        }
        raise Fault(
            "values that do not begin or end the reply with white space, which decoders trim",
            field=at_fault.pop() if len(at_fault) == 1 else None,
        )
    if _reads_as_error(text):  # never with a header line, which begins the reply
        rest = text[len(lines[0]) :]
        raise Fault(
            "values that do not read as an error line ('ERROR = N (...)' or '0,-N')",
            field=_field(records[0], layout, lambda line: _reads_as_error(line + rest)),
        )
    return text


_TRIMMED = " \t\x0b\x0c"
"""White space that decoders trim from the ends of a reply (besides line breaks, refused in values)."""


def _reads_as_error(text: str) -> bool:
    return text.startswith("ERROR = ") or CSV_ERROR.fullmatch(text) is not None


def _field(record: RawRecord, layout: Layout, refused: Callable[[str], bool]) -> str | None:
    """The one field whose value alone makes ``refused`` hold of the record's line."""
    layouts, separator = layout.csv_layouts, layout.csv_separator
    columns = _pick(record, layouts).columns
    return field_at_fault(record, columns, lambda changed: refused(_encode_line(changed, layouts, separator)))


def _pick(record: RawRecord, layouts: Sequence[CsvLayout]) -> CsvLayout:
    """Among the layouts whose checked columns the record satisfies: the first with exactly the
    record's columns, else the narrowest that holds them all (the fewest empty columns)."""
    keys = set(record)
    fitting = [
        layout
        for layout in layouts
        if all(pattern.fullmatch(record.get(layout.columns[index], "")) for index, pattern in layout.checks)
    ]
    for layout in fitting:
        if keys == set(layout.columns):
            return layout
    wider = [layout for layout in fitting if keys <= set(layout.columns)]
    if wider:
        return min(wider, key=lambda layout: len(layout.columns))
    if not layouts:
        raise Fault(_UNKNOWN)
    unknown = sorted(keys.difference(*(layout.columns for layout in layouts)))
    if not unknown:
        raise Fault(f"fields that one fmt=1 line can hold together, found {sorted(keys)}")
    raise Fault("only the operation's own columns, which fmt=1 can place", field=unknown[0])


def _encode_line(record: RawRecord, layouts: Sequence[CsvLayout], separator: str) -> str:
    layout = _pick(record, layouts)
    values = []
    for index, column in enumerate(layout.columns):
        value = record.get(column, "")
        if "\n" in value or "\r" in value:
            raise Fault("a value without line breaks", field=column)
        if separator in value and index != layout.free:
            raise Fault(f"a value without {separator!r}" + _AMBIGUOUS, field=column)
        values.append(value)
    free = layout.free
    if free is not None and separator in values[free] and not _reads_back(values, layout, layouts, separator):
        raise Fault(
            f"a value with fewer {separator!r}: with these the line reads back as another layout" + _AMBIGUOUS,
            field=layout.columns[free],
        )
    return separator.join(values)


def _reads_back(values: list[str], layout: CsvLayout, layouts: Sequence[CsvLayout], separator: str) -> bool:
    """Whether ``values`` written in ``layout`` decode in its columns: separators in its free text
    make the line as long as another layout, which the decoder may try first."""
    line = separator.join(values)
    return _decode_line(line, 1, layouts, separator) == dict(zip(layout.columns, values, strict=True))


def encode_error(error: RawError) -> str:
    return f"{error.message_id or 0},-{error.code}"


def fast_writer(layout: Layout, names: Sequence[str]) -> FastWriter | None:
    """``encode`` with a one-character separator and no header, each record in the layout ``encode``
    picks, when no value holds the separator or a line break, no line is blank and the reply neither
    begins or ends with white space nor reads as an error line; None for other layouts, and for every
    other reply (``encode`` then refuses it or writes it)."""
    layouts, separator = layout.csv_layouts, layout.csv_separator
    if layout.csv_header or not layouts or len(separator) != 1:
        return None
    picked: dict[tuple[tuple[str, ...], tuple[bool, ...]], CsvLayout] = {}
    """``_pick``'s choice, by what it rests on: the keys present and each checked column's outcome."""
    checks = list(dict.fromkeys((item.columns[index], pattern) for item in layouts for index, pattern in item.checks))

    def line(pairs: Pairs) -> tuple[str, int]:
        found = dict(pairs)
        key = tuple(found), tuple([pattern.fullmatch(found.get(column, "")) is not None for column, pattern in checks])
        chosen = picked.get(key)
        if chosen is None:
            chosen = picked[key] = _pick(found, layouts)
        return separator.join([found.get(column, "") for column in chosen.columns]), len(chosen.columns) - 1

    def write(records: list[Pairs], listed: bool) -> str | None:
        try:
            written = [line(pairs) for pairs in records]
        except Fault:
            return None
        lines = [text for text, _ in written]
        text = "\n".join(lines)
        if (
            text.count(separator) != sum([separators for _, separators in written])  # none in a value
            or text.count("\n") != len(lines) - 1
            or "\r" in text
            or not all(line.strip() for line in lines)
            or text[0] in _TRIMMED
            or text[-1] in _TRIMMED
            or _reads_as_error(text)
        ):
            return None
        return text

    return write

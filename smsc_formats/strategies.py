"""Hypothesis strategies for every model and reply, for property tests of code that embeds us.

``replies(operation)`` draws what a server may answer: a model, a list of models or an error
reply. Values are drawn from what the chosen format can carry (``fmt=None``: what all four can
carry, so one value may be encoded in every format) and, given a ``charset``, from what that
charset can write. Requires ``hypothesis``.

The values look like the API's traffic: text mostly Cyrillic, mixed with Latin, digits and the
characters a format's syntax is made of (``,`` ``=`` ``"`` ``'`` ``<`` ``>`` ``&`` ``;`` ``~``, line
breaks, spaces at either end) wherever the format can carry them; phone numbers and digit
strings with leading zeros; money with 0 to 3 decimals and below zero; ids as wide as the wire
grammar writes them. ``charsets()`` draws one of the API's charsets, and ``charset_replies`` a
charset together with a reply it can write.
"""

from __future__ import annotations

import dataclasses
import functools
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from hypothesis import strategies as st

from ._fmt import CHARSETS, Fmt, carries
from ._grammar import CSV_ERROR, INTEGER_DIGITS, TEXT_NEXT_PAIR
from ._reply import ErrorReply, NoRecords
from .channels.strategies import smpp_flags, smpp_receipts, smtp_bodies, soap_params, soap_replies
from .formats import Capabilities, CsvLayout, capabilities, every_format, marks_lists
from .operations import TEXT_SAMPLE, FieldSpec, Operation, Record, sample_of
from .operations.callback_events import (
    CONFIRMATION_CALL,
    EVENT,
    HLR_KEYS,
    HLR_RESULT,
    INCOMING_SMS,
    CallbackEvent,
    DeliveryEvent,
)
from .operations.strategies import requests
from .operations.strategies import values as request_values

M = TypeVar("M")

__all__ = [
    "callback_events",
    "charset_models",
    "charset_replies",
    "charsets",
    "delivery_events",
    "error_replies",
    "models",
    "record_lists",
    "record_models",
    "replies",
    "text_values",
]


def _each(fmt: Fmt | None) -> tuple[Capabilities, ...]:
    """The formats a value must fit: ``fmt``, or every format when ``None``."""
    return every_format() if fmt is None else (capabilities(fmt),)


def _carries(caps: Capabilities, char: str) -> bool:
    """Whether a value in ``caps``'s format may hold ``char``: not a character it forbids, and
    no control character (a line break among them) in a format of line records."""
    if caps.forbidden is not None and caps.forbidden.search(char):
        return False
    return caps.control_characters or not caps.line_records or unicodedata.category(char) != "Cc"


def _keeper(formats: Sequence[Capabilities], *, commas: bool, charset: str) -> Callable[[str], bool]:
    """Whether every format of ``formats`` carries a character, and ``charset`` writes it; a comma
    stands in a positional format (fmt=1) only in its free-text column (``commas``)."""
    no_commas = not commas and any(caps.positional for caps in formats)

    def keep(char: str) -> bool:
        if no_commas and char == ",":
            return False
        return carries(charset, char) and all(_carries(caps, char) for caps in formats)

    return keep


def _reads_as_line_syntax(value: str) -> bool:
    """In a format of line records: a value that opens as the error line, or holds ``, key =``
    that would start the next pair."""
    return value.startswith("ERROR") or TEXT_NEXT_PAIR.search(value) is not None


def charsets() -> st.SearchStrategy[str]:
    """One of the charsets the API writes in: ``utf-8``, ``windows-1251`` or ``koi8-r``
    (:data:`smsc_formats.CHARSETS`)."""
    return st.sampled_from(CHARSETS)


def text_values(
    fmt: Fmt | None = None, *, commas: bool = False, min_size: int = 0, charset: str = "utf-8"
) -> st.SearchStrategy[str]:
    """Text a field can carry in ``fmt`` (in all formats when ``None``) and ``charset`` can write:
    mostly Cyrillic with Latin, digits and punctuation, sometimes a phone number or a digit string.

    ``commas`` for the one free-text column of a fmt=1 record, the only place in that format
    where a comma can stand."""
    return _text_values(fmt, commas, min_size, charset)


@functools.cache
def _text_values(fmt: Fmt | None, commas: bool, min_size: int, charset: str) -> st.SearchStrategy[str]:
    """Built once per set of limits: the strategies are drawn from many times over."""
    formats = _each(fmt)
    keep = _keeper(formats, commas=commas, charset=charset)
    text: st.SearchStrategy[str] = TEXT_SAMPLE.strategy(st, keep, charset, min_size=min_size)
    if any(caps.line_records for caps in formats):  # a line is trimmed of white space, and read for its syntax
        text = text.map(str.strip).filter(lambda value: len(value) >= min_size and not _reads_as_line_syntax(value))
    return text


@functools.cache
def _slot_text(charset: str) -> st.SearchStrategy[str]:
    """A value in a fixed fmt=0 sentence ("OK - {cnt} SMS, ID - {id}") must not look like the text
    around it, so template slots get plain words; an element's own text, non-blank words too."""
    letters = [char for char in TEXT_SAMPLE.latin + TEXT_SAMPLE.cyrillic + TEXT_SAMPLE.digits if carries(charset, char)]
    return st.text(st.sampled_from(letters), min_size=1, max_size=12).filter(lambda v: not v.startswith("ERROR"))


def _field_values(
    spec: FieldSpec, fmt: Fmt | None, *, commas: bool, slot: bool, alone: bool, charset: str
) -> st.SearchStrategy[Any]:
    if spec.nested is not None:
        return st.lists(record_models(spec.nested, Fmt.JSON, charset=charset), max_size=3).map(tuple)
    if spec.wire.csv_found_by is not None:  # its pattern's ``\d`` is any script's digit: those the charset writes
        written = st.characters(codec=charset)
        return st.from_regex(spec.wire.csv_found_by, fullmatch=True, alphabet=written)
    if spec.base is str:
        if slot or spec.wire.xml_text:  # an element's own text: blank text is no text
            return _slot_text(charset)
        absent = any(caps.empty_is_absent for caps in _each(fmt))  # fmt=1: an empty optional value is absent
        empty = (spec.required or not absent) and not alone
        free = commas and spec.wire.free_text
        return text_values(fmt, commas=free, min_size=0 if empty else 1, charset=charset)
    strategy: st.SearchStrategy[Any] = sample_of(spec.base).strategy(st)
    return strategy


def _free_layouts(record: Record[Any]) -> list[CsvLayout]:
    """fmt=1 layouts that any values fit: none of their columns is pinned to one value."""
    found = {spec.name for spec in record.fields if spec.wire.csv_found_by is not None}
    return [layout for layout in record.layout.csv_layouts if all(layout.columns[i] in found for i, _ in layout.checks)]


def _carried_by(record: Record[Any], spec: FieldSpec, fmt: Fmt | None) -> bool:
    """Whether ``fmt`` (every format when ``None``) has a place for the field."""
    template, layouts, formats = record.layout.text_template, _free_layouts(record), _each(fmt)
    if spec.nested is not None:  # an array of records: only a format of typed values holds one
        return all(caps.typed_values for caps in formats)
    if any(caps.sentences for caps in formats) and template is not None and spec.text_name not in template.fields:
        return False
    positional = any(caps.positional for caps in formats)
    return not positional or not layouts or any(spec.name in layout.columns for layout in layouts)


def record_models(record: Record[M], fmt: Fmt | None = None, *, charset: str = "utf-8") -> st.SearchStrategy[M]:
    """One record, every optional field that ``fmt`` can carry present or not, its text such as
    ``charset`` can write."""
    fmt = record.fixed_fmt if fmt is None else record.written_in(fmt)
    formats = _each(fmt)
    separator = record.layout.csv_separator
    commas = any(layout.free is not None for layout in record.layout.csv_layouts)
    lines = any(caps.line_records for caps in formats)
    positional = [caps.fmt for caps in formats if caps.positional]
    slot = lines and record.layout.text_template is not None
    # An empty line is no record: a field that may stand alone on its line is never empty text.
    one_column = bool(positional) and any(len(layout.columns) == 1 for layout in record.layout.csv_layouts)
    alone = (len(record.fields) == 1 and lines) or one_column
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for spec in record.fields:
        values = _field_values(spec, fmt, commas=commas, slot=slot, alone=alone, charset=charset)
        if separator != "," and spec.base is str:  # a file export's own separator
            values = values.filter(lambda value: separator not in value)
        if not _carried_by(record, spec, fmt):
            values = st.none()
        elif not spec.required:
            values = st.none() | values
        fields[spec.attr] = values
    built = st.builds(record.model, **fields)
    layouts = record.layout.csv_layouts
    if positional and layouts and len(layouts[0].columns) == 2:
        return built.filter(
            lambda model: not any(_reads_as_csv_error(record.to_raw(model, each), record) for each in positional)
        )
    return built


def _reads_as_csv_error(raw: dict[str, Any], record: Record[Any]) -> bool:
    """A fmt=1 line of two values whose second is ``-N`` is the error line ``0,-N``."""
    line = record.layout.csv_separator.join(raw.get(column, "") for column in record.layout.csv_layouts[0].columns)
    return CSV_ERROR.fullmatch(line) is not None


def models(operation: Operation[M], fmt: Fmt | None = None, *, charset: str = "utf-8") -> st.SearchStrategy[M]:
    """One record of ``operation``'s reply (as its request options shape it), as ``charset`` can write it."""
    return record_models(operation.reply_record, fmt, charset=charset)


def error_replies(
    operation: Operation[Any], fmt: Fmt | None = None, *, charset: str = "utf-8"
) -> st.SearchStrategy[ErrorReply]:
    """An error reply: a known or unknown code, a description, sometimes a message id."""
    codes = st.sampled_from(sorted(operation.errors)) | st.integers(min_value=1, max_value=999)
    described = fmt is None or capabilities(fmt).error_description
    descriptions = text_values(fmt, charset=charset) if described else st.none()
    return st.builds(
        ErrorReply,
        operation=st.just(operation.name),
        code=codes,
        description=descriptions,
        message_id=st.none() | st.integers(min_value=1, max_value=10**INTEGER_DIGITS - 1),
    )


def record_lists(
    operation: Operation[M], fmt: Fmt | None = None, *, charset: str = "utf-8"
) -> st.SearchStrategy[list[M]]:
    """Several records, as many as a list reply to ``operation`` can tell apart from one record:
    in fmt=0/1 a single line is one record unless the request asked for several."""
    written = fmt if fmt is None else operation.reply_record.written_in(fmt)
    single_line_is_a_list = operation.expects_list or (
        written is not None and marks_lists(written, operation.reply_layout)
    )
    records = models(operation, fmt, charset=charset)
    return st.lists(records, min_size=1 if single_line_is_a_list else 2, max_size=4)


def replies(
    operation: Operation[M], fmt: Fmt | None = None, *, charset: str = "utf-8"
) -> st.SearchStrategy[M | list[M] | ErrorReply]:
    """Anything the server may answer to ``operation``: a record, a list of records, an error.

    A request whose reply is a list (``operation.expects_list``: it asks for several records, or
    the reply is always a list) gets lists only; a reply of one record (``Cardinality.ONE``)
    never gets a list. An
    error that means "no records" there comes as the empty :class:`NoRecords` list that
    ``decode`` gives for it.
    """
    one = st.nothing() if operation.expects_list else models(operation, fmt, charset=charset)
    many = st.nothing() if operation.reply_cardinality.kind == "one" else record_lists(operation, fmt, charset=charset)
    errors = error_replies(operation, fmt, charset=charset).map(
        lambda error: NoRecords[M](error) if error.code in operation.no_records_codes else error
    )
    return st.one_of(one, many, errors)


def charset_models(operation: Operation[M], fmt: Fmt | None = None) -> st.SearchStrategy[tuple[str, M]]:
    """A charset of :func:`charsets` and one record of ``operation``'s reply that it can write:
    ``encode(operation, model, fmt=fmt, charset=charset)`` refuses no character of it."""
    return charsets().flatmap(lambda charset: st.tuples(st.just(charset), models(operation, fmt, charset=charset)))


def charset_replies(
    operation: Operation[M], fmt: Fmt | None = None
) -> st.SearchStrategy[tuple[str, M | list[M] | ErrorReply]]:
    """A charset of :func:`charsets` and a reply of :func:`replies` that it can write."""
    return charsets().flatmap(lambda charset: st.tuples(st.just(charset), replies(operation, fmt, charset=charset)))


def _form_events(record: Record[M]) -> st.SearchStrategy[M]:
    """Events of ``record`` as a form body carries them: an empty optional field is an absent one."""
    optional = [spec.attr for spec in record.fields if not spec.required]
    return record_models(record, Fmt.JSON).map(
        lambda event: dataclasses.replace(event, **{attr: None for attr in optional if getattr(event, attr) == ""})  # type: ignore[type-var]
    )


def delivery_events() -> st.SearchStrategy[DeliveryEvent]:
    """An event of the delivery callback, as a form body can carry it (any text, percent-encoded;
    an empty field reads as an absent one; a ``status``, the field that makes a post a status)."""
    return _form_events(EVENT).filter(lambda event: event.status is not None)


def callback_events() -> st.SearchStrategy[CallbackEvent]:
    """Any post to the handler, each kind as a form body carries it and holding the field that
    tells its kind (see ``smsc_formats.operations.callback_events``)."""
    hlr = _form_events(HLR_RESULT).filter(lambda event: any(getattr(event, key) is not None for key in HLR_KEYS))
    return st.one_of(delivery_events(), hlr, _form_events(INCOMING_SMS), _form_events(CONFIRMATION_CALL))


__all__ += ["smpp_flags", "smpp_receipts", "smtp_bodies", "soap_params", "soap_replies"]  # the channels'
__all__ += ["request_values", "requests"]  # valid requests, for properties of code that builds them

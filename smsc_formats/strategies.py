"""Hypothesis strategies for every model and reply, for property tests of code that embeds us.

``replies(operation)`` draws what a server may answer: a model, a list of models or an error
reply. Values are drawn from what the chosen format can carry (``fmt=None``: what all four can
carry, so one value may be encoded in every format). Requires ``hypothesis``.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Literal, TypeVar

from hypothesis import strategies as st

from ._fmt import Fmt
from ._grammar import CSV_ERROR, TEXT_NEXT_PAIR
from ._reply import ErrorReply, NoRecords
from .channels.strategies import smpp_flags, smpp_receipts, smtp_bodies, soap_params, soap_replies
from .formats import Capabilities, CsvLayout, capabilities, every_format
from .operations import FieldSpec, Operation, Record, sample_of
from .operations.callback import EVENT, DeliveryEvent
from .operations.strategies import requests
from .operations.strategies import values as request_values

M = TypeVar("M")

__all__ = ["delivery_events", "error_replies", "models", "record_lists", "record_models", "replies", "text_values"]


def _each(fmt: Fmt | None) -> tuple[Capabilities, ...]:
    """The formats a value must fit: ``fmt``, or every format when ``None``."""
    return every_format() if fmt is None else (capabilities(fmt),)


def _carried(value: str, fmt: Fmt | None, *, commas: bool) -> bool:
    formats = _each(fmt)
    if any(caps.line_records for caps in formats):
        if value != value.strip() or value.startswith("ERROR") or TEXT_NEXT_PAIR.search(value):
            return False
        if "," in value and not commas:
            return False
    return not any(caps.forbidden is not None and caps.forbidden.search(value) for caps in formats)


def text_values(fmt: Fmt | None = None, *, commas: bool = False, min_size: int = 0) -> st.SearchStrategy[str]:
    """Text a field can carry in ``fmt`` (in all formats when ``None``); ``commas`` for the one
    free-text column of a fmt=1 record, the only place a comma can stand."""
    control = all(caps.control_characters for caps in _each(fmt))
    excluded: tuple[Literal["Cs", "Cc"], ...] = ("Cs",) if control else ("Cs", "Cc")
    alphabet = st.characters(exclude_categories=excluded)
    return st.text(alphabet, min_size=min_size, max_size=40).filter(lambda v: _carried(v, fmt, commas=commas))


# A value in a fixed fmt=0 sentence ("OK - {cnt} SMS, ID - {id}") must not look like the text
# around it, so template slots get plain words.
_SLOT_TEXT = st.from_regex(r"[A-Za-z0-9]{1,12}", fullmatch=True).filter(lambda v: not v.startswith("ERROR"))


def _field_values(spec: FieldSpec, fmt: Fmt | None, *, commas: bool, slot: bool, alone: bool) -> st.SearchStrategy[Any]:
    if spec.nested is not None:
        return st.lists(record_models(spec.nested, Fmt.JSON), max_size=3).map(tuple)
    if spec.wire.csv_found_by is not None:
        return st.from_regex(spec.wire.csv_found_by, fullmatch=True)
    if spec.base is str:
        if slot or spec.wire.xml_text:  # an element's own text: blank text is no text
            return _SLOT_TEXT
        absent = any(caps.empty_is_absent for caps in _each(fmt))  # fmt=1: an empty optional value is absent
        empty = (spec.required or not absent) and not alone
        return text_values(fmt, commas=commas and spec.wire.free_text, min_size=0 if empty else 1)
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


def record_models(record: Record[M], fmt: Fmt | None = None) -> st.SearchStrategy[M]:
    """One record, every optional field that ``fmt`` can carry present or not."""
    fmt = fmt if record.fixed_fmt is None else record.fixed_fmt
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
        values = _field_values(spec, fmt, commas=commas, slot=slot, alone=alone)
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


def models(operation: Operation[M], fmt: Fmt | None = None) -> st.SearchStrategy[M]:
    """One record of ``operation``'s reply (as its request options shape it)."""
    return record_models(operation.reply_record, fmt)


def error_replies(operation: Operation[Any], fmt: Fmt | None = None) -> st.SearchStrategy[ErrorReply]:
    """An error reply: a known or unknown code, a description, sometimes a message id."""
    codes = st.sampled_from(sorted(operation.errors)) | st.integers(min_value=1, max_value=999)
    descriptions = text_values(fmt) if fmt is None or capabilities(fmt).error_description else st.none()
    return st.builds(
        ErrorReply,
        operation=st.just(operation.name),
        code=codes,
        description=descriptions,
        message_id=st.none() | st.integers(min_value=1, max_value=2**53),
    )


def record_lists(operation: Operation[M], fmt: Fmt | None = None) -> st.SearchStrategy[list[M]]:
    """Several records, as many as a list reply to ``operation`` can tell apart from one record:
    in fmt=0/1 a single line is one record unless the request asked for several."""
    single_line_is_a_list = operation.expects_list or (fmt is not None and capabilities(fmt).marks_lists)
    return st.lists(models(operation, fmt), min_size=1 if single_line_is_a_list else 2, max_size=4)


def replies(operation: Operation[M], fmt: Fmt | None = None) -> st.SearchStrategy[M | list[M] | ErrorReply]:
    """Anything the server may answer to ``operation``: a record, a list of records, an error.

    A request whose reply is a list (``operation.expects_list``: it asks for several records, or
    the reply is always a list) gets lists only; a reply of one record (``Cardinality.ONE``)
    never gets a list. An
    error that means "no records" there comes as the empty :class:`NoRecords` list that
    ``decode`` gives for it.
    """
    one = st.nothing() if operation.expects_list else models(operation, fmt)
    many = st.nothing() if operation.reply_cardinality.kind == "one" else record_lists(operation, fmt)
    errors = error_replies(operation, fmt).map(
        lambda error: NoRecords[M](error) if error.code in operation.no_records_codes else error
    )
    return st.one_of(one, many, errors)


def delivery_events() -> st.SearchStrategy[DeliveryEvent]:
    """An event of the delivery callback, as a form body can carry it (any text, percent-encoded;
    an empty field reads as an absent one; at least one field, as a body without any is refused)."""
    optional = [spec.attr for spec in EVENT.fields if not spec.required]
    return (
        record_models(EVENT, Fmt.JSON)
        .map(
            lambda event: dataclasses.replace(event, **{attr: None for attr in optional if getattr(event, attr) == ""})  # type: ignore[arg-type]
        )
        .filter(lambda event: event != DeliveryEvent())
    )


__all__ += ["smpp_flags", "smpp_receipts", "smtp_bodies", "soap_params", "soap_replies"]  # the channels'
__all__ += ["request_values", "requests"]  # valid requests, for properties of code that builds them

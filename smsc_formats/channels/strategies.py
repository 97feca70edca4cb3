"""Hypothesis strategies for the channels' values; re-exported by :mod:`smsc_formats.strategies`."""

from __future__ import annotations

import functools
import unicodedata
from typing import Any

from hypothesis import strategies as st

from ..operations import TEXT_SAMPLE, FieldSpec, Record, sample_of
from ..operations.send import PhoneDetail
from ._codes import STAT_WORDS
from ._soap_table import DETAILS_KEYS, SOAP_OPERATIONS, SoapErrorReply
from .smpp import HLR_KEYS, RECEIPT_KEYS, Receipt, SmppFlags, decode_flags
from .smtp import SmtpBody


@functools.cache
def _text(forbidden: str, max_size: int, *, controls: bool = True) -> st.SearchStrategy[str]:
    """Text as the API's traffic holds it (mostly Cyrillic), in UTF-8, without ``forbidden``
    (nor control characters unless ``controls``), at most ``max_size`` characters."""

    def keep(char: str) -> bool:
        return char not in forbidden and (controls or unicodedata.category(char) != "Cc")

    text: st.SearchStrategy[str] = TEXT_SAMPLE.strategy(st, keep, "utf-8")
    return text.map(lambda value: value[:max_size])


def _slot(forbidden: str) -> st.SearchStrategy[str]:
    return _text(forbidden + "\r\n", 12)


@st.composite
def smtp_bodies(draw: st.DrawFn) -> SmtpBody:
    """A mail command the grammar can carry, written in UTF-8: every slot present or not."""
    options: list[str | None] = [draw(_slot(":,"))]
    for _ in range(3):
        options.append(draw(st.none() | _slot(":,")) if options[-1] is not None else None)
    return SmtpBody(
        login=draw(_slot(":")),
        psw=draw(_slot(":")),
        id=draw(st.none() | st.integers(min_value=0, max_value=2_147_483_647)),
        time=draw(_slot(":,")),
        tz=draw(st.none() | _slot(":,")),
        translit=options[0] or "",
        format=options[1],
        sender=options[2],
        test=options[3],
        phones=draw(_slot(":")),
        mes=draw(_text("", 40)),
    )


_WORD = _text(" \r\n\x00", 10)
_DIGITS = st.text(st.sampled_from("0123456789"), max_size=15)
_RECEIPT_KEYS = frozenset({*RECEIPT_KEYS, *HLR_KEYS, "text", "submit", "done"})


@st.composite
def smpp_receipts(draw: st.DrawFn) -> Receipt:
    """A receipt as SMSC may write it: the HLR keys, the Appendix B keys, or neither."""
    hlr: dict[str, str] = {}
    if draw(st.booleans()):
        hlr = {key: draw(_DIGITS) for key in ("imsi", "msc", "mcc", "mnc")}
        hlr |= {key: draw(_text("", 12)) for key in ("cn", "net", "rcn", "rnet")}
    plain = {key: draw(st.none() | _DIGITS) for key in ("sub", "dlvrd", "submit_date", "done_date")}
    extra_keys = st.from_regex(r"[a-z_]{1,8}", fullmatch=True).filter(lambda key: key not in _RECEIPT_KEYS)
    return Receipt(
        id=draw(_WORD.filter(bool)),
        stat=draw(st.sampled_from(sorted(STAT_WORDS)) | _WORD),
        err=draw(st.none() | st.integers(min_value=0, max_value=999)),
        text=draw(st.none() | _text("", 20).filter(_keeps_its_end)),
        extra=tuple(draw(st.dictionaries(extra_keys, _WORD, max_size=2)).items()),
        **hlr,
        **plain,
    )


def _keeps_its_end(text: str) -> bool:
    return text == text.rstrip("\x00 \r\n")


def smpp_flags() -> st.SearchStrategy[SmppFlags]:
    """Any value of vendor field 0x2001, undocumented bits included."""
    return st.integers(min_value=0, max_value=0xFFFF).map(decode_flags)


_XML_TEXT = _text("\ufffe\uffff", 20, controls=False)


def _values(spec: FieldSpec) -> st.SearchStrategy[Any]:
    if spec.base is str:
        return _XML_TEXT
    strategy: st.SearchStrategy[Any] = sample_of(spec.base).strategy(st)
    return strategy


def _results(record: Record[Any], **fixed: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """The record's model, every optional field present or not; nested lists absent unless given."""
    fields = {
        spec.attr: _values(spec) if spec.required else st.none() | _values(spec)
        for spec in record.fields
        if spec.nested is None
    }
    return st.builds(record.model, **fields, **fixed)


def soap_replies(operation: str) -> st.SearchStrategy[Any]:
    """What a SOAP operation may answer: its result, every optional field present or not, or an error."""
    op = SOAP_OPERATIONS[operation]
    results = _results(op.record)
    if op.phone_errors:
        items = st.builds(PhoneDetail, phone=_XML_TEXT, status=st.none() | _XML_TEXT)
        results = _results(op.record, phones=st.none() | st.lists(items, min_size=1, max_size=3).map(tuple))
    if op.details:
        # all=1/2 is told by one of its own fields, so a details result holds at least one
        results |= _results(op.details).filter(
            lambda value: any(getattr(value, name, None) is not None for name in DETAILS_KEYS)
        )
    codes = st.integers(min_value=1, max_value=999)
    return results | st.builds(SoapErrorReply, operation=st.just(op.name), code=codes)


def soap_params(operation: str) -> st.SearchStrategy[dict[str, str]]:
    """Request parameters of a SOAP operation: the required ones and some optional ones."""
    op = SOAP_OPERATIONS[operation]
    required = {name: _XML_TEXT for name in op.params if name not in op.optional}
    optional = {name: _XML_TEXT for name in op.params if name in op.optional}
    return st.fixed_dictionaries(required, optional=optional)

"""Hypothesis strategies for the channels' values; re-exported by :mod:`smsc_formats.strategies`."""

from __future__ import annotations

from hypothesis import strategies as st

from ._codes import STAT_WORDS
from .smpp import _HLR, _ORDER, Receipt, SmppFlags, decode_flags
from .smtp import SmtpBody

_TEXT = st.characters(codec="utf-8")


def _slot(forbidden: str) -> st.SearchStrategy[str]:
    return st.text(st.characters(codec="utf-8", exclude_characters=forbidden + "\r\n"), max_size=12)


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
        mes=draw(st.text(_TEXT, max_size=40)),
    )


_WORD = st.text(st.characters(codec="utf-8", exclude_characters=" \r\n\x00"), max_size=10)
_DIGITS = st.text(st.sampled_from("0123456789"), max_size=15)
_RECEIPT_KEYS = frozenset({*_ORDER, *_HLR, "text", "submit", "done"})


@st.composite
def smpp_receipts(draw: st.DrawFn) -> Receipt:
    """A receipt as SMSC may write it: the HLR keys, the Appendix B keys, or neither."""
    hlr: dict[str, str] = {}
    if draw(st.booleans()):
        hlr = {key: draw(_DIGITS) for key in ("imsi", "msc", "mcc", "mnc")}
        hlr |= {key: draw(st.text(st.characters(codec="utf-8"), max_size=12)) for key in ("cn", "net", "rcn", "rnet")}
    plain = {key: draw(st.none() | _DIGITS) for key in ("sub", "dlvrd", "submit_date", "done_date")}
    extra_keys = st.from_regex(r"[a-z_]{1,8}", fullmatch=True).filter(lambda key: key not in _RECEIPT_KEYS)
    return Receipt(
        id=draw(_WORD.filter(bool)),
        stat=draw(st.sampled_from(sorted(STAT_WORDS)) | _WORD),
        err=draw(st.none() | st.integers(min_value=0, max_value=999)),
        text=draw(st.none() | st.text(st.characters(codec="utf-8"), max_size=20).filter(_keeps_its_end)),
        extra=tuple(draw(st.dictionaries(extra_keys, _WORD, max_size=2)).items()),
        **hlr,
        **plain,
    )


def _keeps_its_end(text: str) -> bool:
    return text == text.rstrip("\x00 \r\n")


def smpp_flags() -> st.SearchStrategy[SmppFlags]:
    """Any value of vendor field 0x2001, undocumented bits included."""
    return st.integers(min_value=0, max_value=0xFFFF).map(decode_flags)

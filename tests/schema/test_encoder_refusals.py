"""What would not read back as written, the format encoders refuse themselves: ``encode``
checks by decoding only when asked (``check=True``)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

import smsc_formats as smsc
from smsc_formats import EncodeError

DONE_OP = smsc.OPERATIONS["senders_send_code"]
BALANCE = smsc.OPERATIONS["balance"]
SEND = smsc.OPERATIONS["send"]
JOBS_GET = smsc.OPERATIONS["jobs_get"]
WAIT_CALL = smsc.OPERATIONS["wait_call"]


SENT = SEND.reply_record.model(id=5, cnt=1, code="7")
MONEY = BALANCE.reply_record.model(balance=Decimal("1.00"), currency="RUR")


def _done(result: str) -> object:
    return DONE_OP.reply_record.model(result=result)


@pytest.mark.parametrize(
    ("operation", "value", "fmt", "expected"),
    [
        (DONE_OP, _done("ERROR = 1 (x)"), 0, "does not begin 'ERROR = '"),
        (DONE_OP, _done("ok "), 0, "does not begin or end the reply with white space"),
        (DONE_OP, _done(" ok"), 0, "does not begin or end the reply with white space"),
        (DONE_OP, _done("\ufeffok"), 0, "does not begin with a byte-order mark"),
        (DONE_OP, _done("\xa0"), 0, "no blank line"),
        (SEND, dataclasses.replace(SENT, code=",0"), 0, "reads back"),
        (SEND, dataclasses.replace(SENT, code=""), 0, "white space"),
        (BALANCE, dataclasses.replace(MONEY, currency="a\nb"), 0, "line breaks"),
        (JOBS_GET, JOBS_GET.reply_record.model(id=5, name="-3"), 1, "do not read as an error line"),
        (JOBS_GET, JOBS_GET.reply_record.model(id=5, name="x "), 1, "do not begin or end the reply with white space"),
    ],
    ids=lambda item: item if isinstance(item, str | int) else "",
)
def test_the_encoder_refuses_what_would_read_back_otherwise(
    operation: smsc.Operation[object], value: object, fmt: int, expected: str
) -> None:
    with pytest.raises(EncodeError, match=expected):
        smsc.encode(operation, value, fmt=fmt)


def test_a_blank_fmt_1_line_is_refused_as_decoders_skip_it() -> None:
    with pytest.raises(EncodeError, match="decoders skip a blank line"):
        smsc.encode(WAIT_CALL, WAIT_CALL.reply_record.model(phone=" "), fmt=1)


def test_an_empty_value_that_reads_back_empty_is_written() -> None:
    assert smsc.encode(BALANCE, dataclasses.replace(MONEY, currency=""), fmt=0, check=True) == b"1.00,"

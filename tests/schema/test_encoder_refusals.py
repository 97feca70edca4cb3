"""What would not read back as written, the format encoders refuse themselves: ``encode``
checks by decoding only when asked (``check=True``)."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest

import smsc_formats as smsc
from smsc_formats import EncodeError
from smsc_formats.operations import Record

DONE_OP = smsc.OPERATIONS["senders_send_code"]
BALANCE = smsc.OPERATIONS["balance"]
SEND = smsc.OPERATIONS["send"]
JOBS_GET = smsc.OPERATIONS["jobs_get"]
WAIT_CALL = smsc.OPERATIONS["wait_call"]


SENT = SEND.reply_record.model(id=5, cnt=1, code="7")
MONEY = BALANCE.reply_record.model(balance=Decimal("1.00"), currency="RUR")


def _done(result: str) -> object:
    return DONE_OP.reply_record.model(result=result)


OperatorInfos = smsc.OperatorInfo | list[smsc.OperatorInfo]
OPERATOR = smsc.OperatorInfo(country="Россия", operator="МТС", region="Москва", mcc="250", mnc="01", tz="3")


@pytest.mark.parametrize(
    ("operation", "value", "fmt", "expected", "field"),
    [
        (DONE_OP, _done("ERROR = 1 (x)"), 0, "does not begin 'ERROR = '", "result"),
        (DONE_OP, _done("ok "), 0, "does not begin or end the reply with white space", "result"),
        (DONE_OP, _done(" ok"), 0, "does not begin or end the reply with white space", "result"),
        (DONE_OP, _done("\ufeffok"), 0, "does not begin with a byte-order mark", "result"),
        (DONE_OP, _done("\xa0"), 0, "no blank line", "result"),
        (DONE_OP, [_done("ok"), _done(" ")], 0, "no blank line", "result"),
        (SEND, dataclasses.replace(SENT, code=",0"), 0, "reads back", "code"),  # the comma ends its pair
        (SEND, dataclasses.replace(SENT, code=""), 0, "white space", "code"),  # the line ends "CODE - "
        (BALANCE, dataclasses.replace(MONEY, currency="a\nb"), 0, "line breaks", "currency"),
        (smsc.GET_OPERATOR, dataclasses.replace(OPERATOR, tz="3 "), 0, "white space", "tz"),
        (JOBS_GET, JOBS_GET.reply_record.model(id=5, name="-3"), 1, "do not read as an error line", "name"),
        (
            JOBS_GET,
            JOBS_GET.reply_record.model(id=5, name="x "),
            1,
            "do not begin or end the reply with white space",
            "name",
        ),
        (
            WAIT_CALL,
            WAIT_CALL.reply_record.model(phone=" 7"),
            1,
            "do not begin or end the reply with white space",
            "phone",
        ),
        (WAIT_CALL, WAIT_CALL.reply_record.model(phone="ERROR = 1 (x)"), 1, "do not read as an error line", "phone"),
        (WAIT_CALL, WAIT_CALL.reply_record.model(phone=" "), 1, "decoders skip a blank line", "phone"),
        (
            WAIT_CALL,
            [WAIT_CALL.reply_record.model(phone="7"), WAIT_CALL.reply_record.model(phone="\t")],
            1,
            "blank line",
            "phone",
        ),
        # no single field: with either comma alone the line still reads otherwise
        (SEND, dataclasses.replace(SENT, code=",0", extra=(("parts", ",1"),)), 0, "reads back", None),
    ],
    ids=lambda item: item if isinstance(item, str | int) else "",
)
def test_the_encoder_refuses_what_would_read_back_otherwise(
    operation: smsc.Operation[object], value: object, fmt: int, expected: str, field: str | None
) -> None:
    """The refusal names the one field whose value alone makes the reply read otherwise."""
    with pytest.raises(EncodeError, match=re.escape(expected)) as caught:
        smsc.encode(operation, value, fmt=fmt)
    assert caught.value.field == field
    assert (caught.value.operation, caught.value.fmt) == (operation.name, fmt)


def test_a_value_that_begins_the_reply_with_the_bytes_of_a_byte_order_mark_is_refused() -> None:
    """ "п»ї" is EF BB BF in windows-1251, which decoders drop from the start of any reply."""
    with pytest.raises(EncodeError) as caught:
        smsc.encode(DONE_OP, _done("п»ї ok"), fmt=0, charset="windows-1251")
    assert (caught.value.problem, caught.value.field) == (
        "a reply that does not begin with a byte-order mark, which decoders drop",
        "result",
    )
    assert smsc.encode(DONE_OP, _done("ok п»ї"), fmt=0, charset="windows-1251") == b"ok \xef\xbb\xbf"


@pytest.mark.parametrize("results", [[" a", "b"], ["a", "b "], ["\ta", "b", "c"], [" a", "b "]])
def test_a_list_of_sentences_with_white_space_at_an_end_names_the_field_there(results: list[str]) -> None:
    with pytest.raises(EncodeError, match="does not begin or end the reply with white space") as caught:
        smsc.encode(DONE_OP, [_done(result) for result in results], fmt=0)
    assert caught.value.field == "result"


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    """Two text fields on one fixed line: a declaration for these tests, not a call of the API."""

    start: str | None = None
    end: str | None = None


SPAN = smsc.Operation(
    name="span",
    description="a test",
    path="x.php",
    flags={},
    record=Record(Span, xml_tag="span", text_template="{start} to {end}"),
    errors={},
)


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        (" a", "b", "start"),
        ("a", "b ", "end"),
        (" a", "b ", None),  # one field at each end: no single field
        ("\xa0a", "b ", "end"),  # decoders keep a no-break space: it is not at fault
        (" a", "b\xa0", "start"),
    ],
)
def test_white_space_at_an_end_of_a_fixed_line_names_the_field_that_ends_there(
    start: str, end: str, field: str | None
) -> None:
    with pytest.raises(EncodeError, match="does not begin or end the reply with white space") as caught:
        smsc.encode(SPAN, Span(start=start, end=end), fmt=0)
    assert caught.value.field == field


def test_white_space_at_both_ends_of_a_fmt_1_line_is_in_no_single_field() -> None:
    edges = dataclasses.replace(OPERATOR, country=" Россия", tz="3 ")
    with pytest.raises(EncodeError, match="do not begin or end the reply with white space") as caught:
        smsc.encode(smsc.GET_OPERATOR, edges, fmt=1)
    assert caught.value.field is None
    with pytest.raises(EncodeError, match="do not begin or end the reply with white space") as caught:
        smsc.encode(smsc.GET_OPERATOR, dataclasses.replace(edges, tz="3"), fmt=1)
    assert caught.value.field == "country"


@pytest.mark.parametrize(
    ("operation", "value", "body"),
    [
        (JOBS_GET, JOBS_GET.reply_record.model(id=5, name="XX"), "5,XX"),
        (JOBS_GET, JOBS_GET.reply_record.model(id=5, name="x\xa0"), "5,x\xa0"),
        (WAIT_CALL, WAIT_CALL.reply_record.model(phone="X7"), "X7"),
        (WAIT_CALL, WAIT_CALL.reply_record.model(phone="\xa07"), "\xa07"),
    ],
)
def test_only_the_white_space_decoders_trim_is_refused_at_the_ends_of_a_fmt_1_reply(
    operation: smsc.Operation[object], value: object, body: str
) -> None:
    assert smsc.encode(operation, value, fmt=1) == body.encode()
    assert smsc.decode(operation, body.encode(), fmt=1) == value


def test_a_blank_fmt_1_line_is_refused_as_decoders_skip_it() -> None:
    with pytest.raises(EncodeError, match="decoders skip a blank line") as caught:
        smsc.encode(WAIT_CALL, WAIT_CALL.reply_record.model(phone=" "), fmt=1)
    assert caught.value.field == "phone"


def test_an_empty_value_that_reads_back_empty_is_written() -> None:
    assert smsc.encode(BALANCE, dataclasses.replace(MONEY, currency=""), fmt=0, check=True) == b"1.00,"


@pytest.mark.parametrize("fmt", [0, 1, 2, 3])
@pytest.mark.parametrize(
    ("value", "field"),
    [
        (dataclasses.replace(OPERATOR, operator="МТС ☎"), "operator"),
        ([dataclasses.replace(OPERATOR, region="Тверь"), dataclasses.replace(OPERATOR, region="☎")], "region"),
        # no single field: either value alone still cannot be written
        (dataclasses.replace(OPERATOR, operator="☎", region="☎"), None),
    ],
    ids=["one record", "the second record", "two fields"],
)
def test_text_the_charset_cannot_carry_names_its_field(value: OperatorInfos, field: str | None, fmt: int) -> None:
    with pytest.raises(EncodeError) as caught:
        smsc.encode(smsc.GET_OPERATOR, value, fmt=fmt, charset="windows-1251")
    error = caught.value
    assert (error.problem, error.field) == ("text that windows-1251 can carry, found '☎'", field)
    assert (error.operation, error.fmt) == ("get_operator", fmt)


@pytest.mark.parametrize("fmt", [0, 2, 3])
def test_an_error_description_the_charset_cannot_carry_is_refused_naming_the_error(fmt: int) -> None:
    error = smsc.ErrorReply(operation="get_operator", code=1, description="ошибка ☎")
    with pytest.raises(EncodeError) as caught:
        smsc.encode(smsc.GET_OPERATOR, error, fmt=fmt, charset="windows-1251")
    assert (caught.value.problem, caught.value.field) == ("text that windows-1251 can carry, found '☎'", "error")


@pytest.mark.parametrize("result", ["<", "{}", "[1]"])
def test_a_bare_sentence_that_would_not_read_back_under_the_asked_fmt_is_refused(result: str) -> None:
    """phones.php answers a change with a bare ``OK`` even under fmt=3: written so only when it reads back so."""
    phones_chg = smsc.get_operation("phones_chg")
    assert smsc.encode(phones_chg, smsc.Done(result="OK"), fmt=3) == b"OK"
    with pytest.raises(EncodeError, match=re.escape("a value that reads back when written bare")) as caught:
        smsc.encode(phones_chg, smsc.Done(result=result), fmt=3)
    assert (caught.value.operation, caught.value.field, caught.value.fmt) == ("phones_chg", "result", 3)

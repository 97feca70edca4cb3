"""status.php: typed values, codes kept when unknown, and the fmt=1 replies refused."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal

import pytest

from smsc_formats import DecodeError, EncodeError, decode, encode
from smsc_formats.operations import STATUS, DeliveryError, MessageDetails, MessageStatus, StatusCode


def test_brief_status_is_typed() -> None:
    reply = decode(STATUS, b"Status = 3, check_time = 01.02.2024 03:04:05, err = 245", fmt=0)
    assert reply == MessageStatus(status=StatusCode.EXPIRED, last_date=datetime(2024, 2, 1, 3, 4, 5), err=245)  # noqa: DTZ001
    assert isinstance(reply, MessageStatus)
    assert reply.err is DeliveryError.STATUS_NOT_RECEIVED
    assert StatusCode(reply.status).description.startswith("Expired")


def test_missing_err_reads_as_no_error() -> None:
    reply = decode(STATUS, b"1,1286524541", fmt=1)
    assert isinstance(reply, MessageStatus)
    assert reply.err is None
    assert reply.delivery_error is DeliveryError.NO_ERROR


def test_unknown_codes_stay_integers() -> None:
    reply = decode(STATUS, b'{"status": 77, "err": 300}', fmt=3)
    assert isinstance(reply, MessageStatus)
    assert (type(reply.status), reply.status, type(reply.err), reply.err) == (int, 77, int, 300)


def test_every_code_has_a_description() -> None:
    assert all(code.description for code in StatusCode)
    assert all(code.description for code in DeliveryError)
    assert DeliveryError(200).description.startswith("Virtual sending")


def test_details_money_and_dates() -> None:
    body = b"Status = 1, check_time = 10.10.2010 10:10:12, cost = 0.385, message = a, b, type = 7"
    reply = decode(STATUS(all="1"), body, fmt=0)
    assert isinstance(reply, MessageDetails)
    assert (reply.cost, reply.message, reply.type) == (Decimal("0.385"), "a, b", 7)


def test_several_details_in_fmt1_are_refused_with_a_hint() -> None:
    body = b"1,1286524541,0,1286524540,79999999999,1.40,SMSC.RU,x,hello, there,5"
    with pytest.raises(DecodeError, match="fmt=3") as caught:
        decode(STATUS(all="1", id="5,6"), body, fmt=1)
    assert (caught.value.operation, caught.value.fmt, caught.value.line) == ("status", 1, 1)


def test_several_ids_give_a_list_even_of_one() -> None:
    reply = decode(STATUS(id="5,", phone="79999999999,"), b"1,1286524541,0,5,79999999999", fmt=1)
    assert reply == [MessageStatus(status=1, last_timestamp=1286524541, err=0, id=5, phone="79999999999")]


def test_a_bad_date_names_the_field() -> None:
    with pytest.raises(DecodeError, match="check_time") as caught:
        decode(STATUS, b"Status = 1, check_time = 2010-10-10", fmt=0)
    assert caught.value.line == 1


@pytest.mark.parametrize(
    ("err", "expected"),
    [("", DeliveryError.NO_ERROR), (", err = 245", DeliveryError.STATUS_NOT_RECEIVED), (", err = 300", 300)],
    ids=["absent", "known", "unknown"],
)
def test_details_read_a_missing_err_as_no_error(err: str, expected: DeliveryError | int) -> None:
    body = f"Status = 1, check_time = 10.10.2010 10:10:12{err}, cost = 0.385, message = hi, type = 7".encode()
    reply = decode(STATUS(all="1"), body, fmt=0)
    assert isinstance(reply, MessageDetails)
    assert reply.delivery_error == expected
    assert type(reply.delivery_error) is type(expected)


def test_details_of_several_messages_are_not_written_in_fmt1() -> None:
    details = [MessageDetails(status=1, last_timestamp=5, id=5), MessageDetails(status=1, last_timestamp=6, id=6)]
    with pytest.raises(EncodeError, match=r"^status fmt=1: a reply in another format: .*ask for fmt=3$") as caught:
        encode(STATUS(all="1", id="5,6"), details, fmt=1)
    assert (caught.value.operation, caught.value.fmt, caught.value.field) == ("status", 1, None)
    assert encode(STATUS(all="1", id="5,6"), details, fmt=3).startswith(b'[\n{\n"status": 1,')


def test_hlr_fields_are_written_in_fmt1_only_on_a_line_from_the_hlr_sender() -> None:
    hlr = MessageDetails(status=1, last_timestamp=5, err=0, imsi="250011234567890", sender_id="HLR")
    assert decode(STATUS(all="1"), encode(STATUS(all="1"), hlr, fmt=1), fmt=1) == hlr
    with pytest.raises(EncodeError, match="fields that one fmt=1 line can hold together") as caught:
        encode(STATUS(all="1"), replace(hlr, sender_id="SMSC.RU"), fmt=1)
    assert caught.value.problem == (
        "fields that one fmt=1 line can hold together, found ['err', 'imsi', 'last_timestamp', 'sender_id', 'status']"
    )
    assert (caught.value.operation, caught.value.fmt, caught.value.field) == ("status", 1, None)


@pytest.mark.parametrize(
    ("status", "failed"),
    [
        (StatusCode.DELIVERED, False),
        (StatusCode.TRANSFERRED, False),
        (StatusCode.UNABLE_TO_DELIVER, True),
        (StatusCode.EXPIRED, True),
    ],
)
def test_a_status_record_is_failed_when_final_and_not_delivered(status: StatusCode, failed: bool) -> None:
    assert MessageStatus(status=status).is_failed is failed
    assert MessageDetails(status=status).is_failed is failed

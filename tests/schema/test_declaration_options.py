"""The declaration options the management scripts brought, each through a public entry point:
always-a-list replies, "no records" errors, a fmt=3 list wrapped in an object, a file export
with its own separator and header, and empty optional columns in fmt=1."""

from __future__ import annotations

from typing import Any

import pytest

from smsc_formats import DecodeError, EncodeError, ErrorReply, NoRecords, Operation, decode, encode, from_api, to_api
from smsc_formats.operations import Done
from smsc_formats.operations.data import GET_PRICE, TariffZone
from smsc_formats.operations.jobs import JOBS_DEL, JOBS_GET, JOBS_GET_ALL, Job
from smsc_formats.operations.mnp import GET_MNP, ExportedPortedNumber, PortedNumber
from smsc_formats.operations.phones import PHONES_GET, ContactGroup
from smsc_formats.operations.phones import PHONES_GET_GROUP as _PHONES_GET_GROUP
from smsc_formats.operations.users import USERS_GET_STAT

PHONES_GET_GROUP: Operation[Any] = _PHONES_GET_GROUP


def test_an_always_listing_operation_gives_a_list_of_one_for_one_line() -> None:
    assert decode(JOBS_GET_ALL, b"id = 5, name = x", fmt=0) == [Job(id=5, name="x")]
    assert decode(JOBS_GET, b"id = 5, name = x", fmt=0) == Job(id=5, name="x")
    assert encode(JOBS_GET_ALL, [Job(id=5)], fmt=2) == b"<list>\n<job>\n<id>5</id>\n</job>\n</list>"


def test_no_records_compares_as_an_empty_list_and_by_its_error() -> None:
    error = ErrorReply(operation="phones_get", code=3, description="no records found")
    empty = NoRecords[ContactGroup](error)
    assert empty == []
    assert empty != NoRecords[ContactGroup](ErrorReply(operation="phones_get", code=3, description="other"))
    assert repr(empty) == f"NoRecords({error!r})"


@pytest.mark.parametrize(
    ("fmt", "body"), [(0, b"ERROR = 3 (none)"), (1, b"0,-3"), (3, b'{"error": "none", "error_code": 3}')]
)
def test_no_records_is_written_back_as_the_error_it_came_as(fmt: int, body: bytes) -> None:
    empty = decode(PHONES_GET_GROUP, body, fmt=fmt)
    assert isinstance(empty, NoRecords)
    assert empty.error.code == 3
    assert encode(PHONES_GET_GROUP, empty, fmt=fmt) == (
        b"0,-3" if fmt == 1 else encode(PHONES_GET, empty.error, fmt=fmt)
    )
    assert from_api(USERS_GET_STAT, to_api(USERS_GET_STAT, decode(USERS_GET_STAT, body, fmt=fmt))) == []


def test_other_errors_of_a_listing_operation_stay_error_replies() -> None:
    assert isinstance(decode(PHONES_GET_GROUP, b"ERROR = 5 (failed)", fmt=0), ErrorReply)


def test_a_plain_empty_list_is_an_empty_array_in_json() -> None:
    assert decode(PHONES_GET_GROUP, b"[]", fmt=3) == []
    assert not isinstance(decode(PHONES_GET_GROUP, b"[]", fmt=3), NoRecords)


def test_the_zones_object_wraps_the_tariff_list() -> None:
    zones = [TariffZone(zone="1", name="Россия"), TariffZone(zone="2")]
    data = encode(GET_PRICE, zones, fmt=3)
    assert data == '{\n"zones": [\n{\n"zone": "1",\n"name": "Россия"\n},\n{\n"zone": "2"\n}\n]\n}'.encode()
    assert decode(GET_PRICE, data, fmt=3) == zones
    assert decode(GET_PRICE, b'[{"zone": "3"}]', fmt=3) == [TariffZone(zone="3")]  # the bare array is read too


def test_a_lone_tariff_object_is_a_list_of_one_as_a_lone_zone_element_is() -> None:
    one = [TariffZone(zone="3", name="x")]
    assert decode(GET_PRICE, b'{"zone": "3", "name": "x"}', fmt=3) == one  # no "zones" around it
    assert decode(GET_PRICE, b"<zone><zone>3</zone><name>x</name></zone>", fmt=2) == one
    with pytest.raises(DecodeError) as caught:
        decode(GET_PRICE, b'{"name": "x"}', fmt=3)  # read as a tariff, so its zone is missed
    assert (caught.value.operation, caught.value.fmt, caught.value.expected) == (
        "get_price",
        3,
        "'zone' (a text value)",
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b'{"zones": [], "total": 0}', '"zones" in the object that holds the list, found "total"'),
        (b'{"zones": {"zone": "1"}}', 'an array in "zones", found dict'),
    ],
)
def test_the_zones_object_refuses_what_it_would_lose(body: bytes, expected: str) -> None:
    with pytest.raises(DecodeError, match=expected):
        decode(GET_PRICE, body, fmt=3)


def test_the_export_is_read_and_written_as_a_file_whatever_fmt_asked() -> None:
    body = b"Phone;mccmnc\n79001234567;25001\r\n79007654321;25099\n"
    rows = [
        ExportedPortedNumber(phone="79001234567", mccmnc="25001"),
        ExportedPortedNumber(phone="79007654321", mccmnc="25099"),
    ]
    assert decode(GET_MNP, body, fmt=3) == rows
    assert decode(GET_MNP, body, fmt="auto") == rows
    assert encode(GET_MNP, rows, fmt=2) == b"Phone;mccmnc\n79001234567;25001\n79007654321;25099"
    assert decode(GET_MNP, b"Phone;mccmnc", fmt=3) == []


def test_the_export_needs_its_header_and_its_separator() -> None:
    with pytest.raises(DecodeError, match="the header line 'Phone;mccmnc'") as raised:
        decode(GET_MNP, b"79001234567;25001", fmt=1)
    assert (raised.value.line, raised.value.column) == (1, 1)
    with pytest.raises(DecodeError, match="2 semicolon-separated values, found 1") as raised:
        decode(GET_MNP, b"Phone;mccmnc\n79001234567,25001", fmt=1)
    assert raised.value.line == 2
    with pytest.raises(EncodeError, match="a value without ';'"):
        encode(GET_MNP, [ExportedPortedNumber(phone="7900;1", mccmnc="25001")], fmt=1)


@pytest.mark.parametrize(
    ("fmt", "body"),
    [
        (0, b"ERROR = 2 (authorise error)"),
        (1, b"0,-2"),
        (2, b"<result>\n<error>authorise error</error>\n<error_code>2</error_code>\n</result>"),
        (3, b'{\n"error": "authorise error",\n"error_code": 2\n}'),
    ],
)
def test_an_error_about_the_export_comes_in_the_format_asked(fmt: int, body: bytes) -> None:
    error = ErrorReply(operation="get_mnp", code=2, description=None if fmt == 1 else "authorise error")
    assert decode(GET_MNP, body, fmt=fmt) == error
    assert encode(GET_MNP, error, fmt=fmt) == body


def test_an_empty_body_is_the_bare_ok_left_out_and_nothing_else() -> None:
    done = decode(JOBS_DEL, b"", fmt=3)
    assert done == Done(result="")
    assert encode(JOBS_DEL, done, fmt=0) == b""
    assert encode(JOBS_DEL, done, fmt=2) == b"<result></result>"
    assert decode(JOBS_DEL, b"<result></result>", fmt=2) == done
    with pytest.raises(DecodeError, match="a reply, found an empty body"):
        decode(JOBS_GET, b"\r\n", fmt=0)


def test_a_date_selects_the_dated_list_instead_of_the_export() -> None:
    dated = GET_MNP(date="01.02.2024")
    assert decode(dated, b'[{"phone": "79001234567", "mccmnc": "25001", "region": "x"}]', fmt=3) == [
        PortedNumber(phone="79001234567", mccmnc="25001", extra=(("region", "x"),))
    ]


def test_fmt_1_reads_an_empty_optional_column_as_absent_and_refuses_to_write_an_empty_value() -> None:
    assert decode(JOBS_GET, b"5,", fmt=1) == Job(id=5, name=None)
    assert decode(JOBS_GET, b"id = 5, name = ", fmt=0) == Job(id=5, name="")
    with pytest.raises(EncodeError, match="reads an empty one as absent"):
        encode(JOBS_GET, Job(id=5, name=""), fmt=1)


def test_auto_reads_the_csv_error_line_before_a_fixed_line_that_reads_anything() -> None:
    reply = decode(JOBS_DEL, b"0,-5", fmt="auto")
    assert isinstance(reply, ErrorReply)
    assert reply.code == 5
    assert decode(JOBS_DEL, b"OK", fmt="auto") == Done(result="OK")

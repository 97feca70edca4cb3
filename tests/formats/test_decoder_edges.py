"""The format decoders' edge cases that the log benchmark's hot-path work touched.

Each pins what the decoders promise in their module docstrings, so a faster rewrite must keep it.
"""

from __future__ import annotations

import pytest

from smsc_formats import GET_OPERATOR, DecodeError, decode, to_api

TAIL = "region = Москва, mcc = 250, mnc = 01, tz = 3"


def fields(data: str, fmt: int) -> object:
    return to_api(GET_OPERATOR, decode(GET_OPERATOR, data.encode(), fmt=fmt))


def test_fmt0_free_text_keeps_its_comma() -> None:
    got = fields(f"country = Россия, operator = МТС, ООО, {TAIL}", 0)
    assert got == {"country": "Россия", "operator": "МТС, ООО", "region": "Москва", "mcc": "250", "mnc": "01"} | {
        "tz": "3"
    }


def test_fmt0_a_free_text_value_ends_only_at_a_known_key() -> None:
    got = fields(f"country = Россия, operator = a, b = c, {TAIL}", 0)
    assert isinstance(got, dict)
    assert got["operator"] == "a, b = c"


def test_fmt0_a_piece_that_is_no_pair_belongs_to_the_value_before() -> None:
    got = fields("country = Р, operator = М, region = Москва, mcc = 250, x, mnc = 01, tz =, tz = 3", 0)
    assert isinstance(got, dict)
    assert (got["mcc"], got["mnc"], got["tz"]) == ("250, x", "01, tz =", "3")


def test_fmt0_empty_value_at_the_end_of_the_line() -> None:
    got = fields("country = Р, operator = М, region = Москва, mcc = 250, mnc = 01, tz =", 0)
    assert isinstance(got, dict)
    assert got["tz"] == ""


@pytest.mark.parametrize(
    ("line", "expected", "column"),
    [
        ("country = Р, country = Р", "each key once, found 'country' again", 14),
        ("Россия, mcc = 250", "'key = value' at the start of the line", 1),
        ("tz =, mcc = 250", "'key = value' at the start of the line", 1),
    ],
)
def test_fmt0_faults_and_where(line: str, expected: str, column: int) -> None:
    with pytest.raises(DecodeError) as raised:
        decode(GET_OPERATOR, line.encode(), fmt=0)
    assert (raised.value.expected, raised.value.line, raised.value.column) == (expected, 1, column)


@pytest.mark.parametrize("line", ["79991234567,Р,М,Москва,250,01,3", "Р,М,Москва,250,01,3,79991234567"])
def test_fmt1_phone_first_or_last_on_one_line(line: str) -> None:
    got = fields(line, 1)
    assert got == {"phone": "79991234567", "country": "Р", "operator": "М", "region": "Москва"} | {
        "mcc": "250",
        "mnc": "01",
        "tz": "3",
    }


@pytest.mark.parametrize(
    ("xml", "expected"),
    [
        ("<info>x<mcc>250</mcc></info>", "only elements inside <info>, found text"),
        ("<info><mcc>250</mcc>x</info>", "only elements inside <info>, found text"),
        ("<info><mcc>250</mcc><mcc>251</mcc></info>", "each field once, found <mcc> again"),
        ("<info><mcc><b/></mcc></info>", "text in <mcc>, found element <b>"),
    ],
)
def test_fmt2_record_faults(xml: str, expected: str) -> None:
    with pytest.raises(DecodeError) as raised:
        decode(GET_OPERATOR, xml.encode(), fmt=2)
    assert raised.value.expected == expected

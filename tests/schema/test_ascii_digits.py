"""Numbers are ASCII digits on the wire and in requests: a digit of another script (Arabic-Indic
'١٢', fullwidth '１２') was read as the number it stands for, then written back in ASCII, so the
bytes did not come back the same. Each of these was accepted before."""

from __future__ import annotations

import pytest

import smsc_formats as smsc
from smsc_formats import DecodeError, RequestError

ARABIC_INDIC = "١٢"
FULLWIDTH = "１２"


@pytest.mark.parametrize("digits", [ARABIC_INDIC, FULLWIDTH])
@pytest.mark.parametrize(
    ("operation", "body", "fmt", "field"),
    [
        (smsc.BALANCE, '{{"balance": "{d}.50"}}', 3, "balance"),
        (smsc.BALANCE, "{d}.50", 1, "balance"),
        (smsc.STATUS, "Status = 1, check_time = {d}.10.2010 10:10:12", 0, "check_time"),
        (smsc.STATUS, '{{"status": 1, "last_timestamp": "{d}"}}', 3, "last_timestamp"),
    ],
)
def test_a_number_of_another_script_is_refused(
    operation: smsc.Operation[object], body: str, fmt: int, field: str, digits: str
) -> None:
    with pytest.raises(DecodeError, match=f"'{field}', found ") as caught:
        smsc.decode(operation, body.format(d=digits).encode(), fmt=fmt)
    assert digits in caught.value.expected


@pytest.mark.parametrize("digits", [ARABIC_INDIC, FULLWIDTH])
def test_an_error_code_of_another_script_is_no_error_line(digits: str) -> None:
    with pytest.raises(DecodeError, match=r"^balance fmt=0: expected "):
        smsc.decode(smsc.BALANCE, f"ERROR = {digits} (x)".encode(), fmt=0)


@pytest.mark.parametrize(
    ("operation", "option", "value"),
    [
        ("users_pay", "sum", ARABIC_INDIC + ".50"),
        ("get_mnp", "date", "٠١.٠١.٢٠٢٦"),
        ("send", "time", "+" + ARABIC_INDIC),
        ("send", "sender", "١٢٣٤٥٦٧٨٩٠١٢٣"),
        ("send", "cost", FULLWIDTH[0]),
    ],
)
def test_a_request_value_of_another_script_is_refused(operation: str, option: str, value: str) -> None:
    with pytest.raises(RequestError, match=rf"^{operation}: '{option}': expected "):
        smsc.get_operation(operation).bind({option: value})

"""``smsc-formats decode`` on the channels: the SMTP body, SMPP receipts, SOAP responses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smsc_formats.cli import main
from tests import paths

DATA = paths.DATA / "channels"
HLR = b"id:855469 stat:DELIVRD err:000 imsi:250023012345678 msc:79232510066 mcc:250 mnc:02 cn:Russian+Federation net:MegaFON+open+Joint+Stock+Company rcn: rnet:"  # noqa: E501


def _decode(tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, *args: str) -> object:
    source = tmp_path / "input"
    source.write_bytes(data)
    assert main(["decode", *args, str(source)]) == 0
    return json.loads(capsys.readouterr().out)


def test_smtp_body_prints_the_fields_with_the_password_hidden(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = "alex:123::::79999999999:сообщение".encode("koi8-r")
    printed = _decode(tmp_path, capsys, data, "--op", "smtp_body", "--charset", "koi8-r")
    assert printed == {
        "login": "alex", "psw": "***", "id": None, "time": "", "tz": None, "translit": "", "format": None,
        "sender": None, "test": None, "phones": "79999999999", "mes": "сообщение",
    }  # fmt: skip


def test_smpp_receipt_prints_the_receipt_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    printed = _decode(tmp_path, capsys, HLR, "--op", "smpp_receipt")
    assert printed == {
        "id": "855469", "stat": "DELIVRD", "err": 0, "imsi": "250023012345678", "msc": "79232510066", "mcc": "250",
        "mnc": "02", "cn": "Russian Federation", "net": "MegaFON open Joint Stock Company", "rcn": "", "rnet": "",
    }  # fmt: skip


def test_soap_responses_print_the_result_by_the_api_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = (DATA / "soap_balance_response.xml").read_bytes()
    assert _decode(tmp_path, capsys, data, "--op", "soap_get_balance") == {"balance": "1871.62"}
    error = data.replace(b"<error>0</error>", b"<error>2</error>")
    assert _decode(tmp_path, capsys, error, "--op", "soap_get_balance") == {"error_code": 2}


def test_soap_send_sms2_prints_its_per_number_errors_and_a_status_its_details(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sent = b"<id>7</id><cnt>2</cnt><error>0</error><errors><phone>79</phone><status>22</status></errors>"
    envelope = b"<Envelope><Body><Send2Response><sendresult>%s</sendresult></Send2Response></Body></Envelope>"
    printed = _decode(tmp_path, capsys, envelope % sent, "--op", "soap_send_sms2")
    assert printed == {"id": 7, "cnt": 2, "errors": [{"phone": "79", "status": "22"}]}
    printed = _decode(tmp_path, capsys, envelope % sent[: sent.index(b"<errors>")], "--op", "soap_send_sms2")
    assert printed == {"id": 7, "cnt": 2}
    status = b"<status>1</status><region>Moscow</region><sms_cnt>2</sms_cnt>"
    envelope = b"<Envelope><Body><StatusResponse><statusresult>%s</statusresult></StatusResponse></Body></Envelope>"
    printed = _decode(tmp_path, capsys, envelope % status, "--op", "soap_get_status")
    assert printed == {"status": 1, "region": "Moscow", "sms_cnt": "2"}


def test_a_malformed_receipt_is_one_line_on_stderr_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bad"
    source.write_bytes(b"stat:DELIVRD")
    assert main(["decode", "--op", "smpp_receipt", str(source)]) == 1
    assert "smpp_receipt (smpp): expected the keys 'id' and 'stat'" in capsys.readouterr().err


def test_channels_are_listed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ops"]) == 0
    listed = capsys.readouterr().out
    assert "smtp_body\t" in listed
    assert "soap_send_sms2\t" in listed

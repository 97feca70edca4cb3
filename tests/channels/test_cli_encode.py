"""``smsc-formats encode`` on the channels, through the installed command: what ``decode`` prints
is written back as the channel's bytes, byte for byte, and a channel takes no ``--fmt``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from smsc_formats.cli import main
from tests import paths

DATA = paths.DATA / "channels"
SMTP_CASES: list[dict[str, Any]] = json.loads((DATA / "smtp_bodies.json").read_text(encoding="utf-8"))


def run(*args: str, stdin: bytes = b"", env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "smsc_formats.cli", *args],
        input=stdin,
        capture_output=True,
        check=False,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


def decoded(op: str, data: bytes, *options: str) -> bytes:
    done = run("decode", "--op", op, *options, stdin=data)
    assert (done.returncode, done.stderr) == (0, b"")
    return done.stdout


def encoded(op: str, printed: bytes, *options: str, env: dict[str, str] | None = None) -> bytes:
    done = run("encode", "--op", op, *options, stdin=printed, env=env)
    assert (done.returncode, done.stderr) == (0, b"")
    return done.stdout


@pytest.mark.parametrize("case", SMTP_CASES, ids=[case["body"] for case in SMTP_CASES])
def test_an_smtp_body_decoded_then_encoded_is_its_bytes(case: dict[str, Any]) -> None:
    data = case["body"].encode(case["charset"])
    printed = decoded("smtp_body", data, "--charset", case["charset"])
    assert json.loads(printed)["psw"] == "***"
    secret = {"SMTP_PASSWORD": case["fields"]["psw"]}
    charset = ("--charset", case["charset"])
    assert encoded("smtp_body", printed, *charset, "--psw-env", "SMTP_PASSWORD", env=secret) == data


def test_an_smtp_password_given_in_the_json_is_written_as_given() -> None:
    printed = json.dumps({**SMTP_CASES[1]["fields"], "psw": "other"}).encode()
    assert encoded("smtp_body", printed) == b"login:other:0::0,1,:79999999999:test2"


def test_a_masked_smtp_password_without_its_variable_is_a_usage_error_that_shows_no_password() -> None:
    printed = decoded("smtp_body", SMTP_CASES[1]["body"].encode(), "--charset", "utf-8")
    done = run("encode", "--op", "smtp_body", stdin=printed)
    assert done.returncode == 2
    assert done.stderr == b"smsc-formats: smtp_body: 'psw' is ***; give it with --psw-env NAME\n"
    done = run("encode", "--op", "smtp_body", "--psw-env", "NO_SUCH_VARIABLE_SET", stdin=printed)
    assert done.returncode == 2
    assert b"give it with --psw-env NAME" in done.stderr


def test_the_documented_hlr_receipt_decoded_then_encoded_is_its_bytes() -> None:
    data = (DATA / "smpp_hlr_receipt.txt").read_bytes()
    assert encoded("smpp_receipt", decoded("smpp_receipt", data)) == data


def test_a_receipt_with_dates_text_and_an_unknown_key_comes_back_byte_for_byte() -> None:
    data = "id:1 sub:001 dlvrd:001 submit date:2401011200 done date:2401011201 stat:DELIVRD err:000 foo:bar text:Привет"
    printed = decoded("smpp_receipt", data.encode("windows-1251"), "--charset", "windows-1251")
    assert json.loads(printed)["submit date"] == "2401011200"
    assert encoded("smpp_receipt", printed, "--charset", "windows-1251") == data.encode("windows-1251")


def test_the_illustrative_soap_envelope_comes_back_compact_and_the_compact_one_byte_for_byte() -> None:
    data = (DATA / "soap_balance_response.xml").read_bytes()
    compact = encoded("soap_get_balance", decoded("soap_get_balance", data))
    assert compact.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<SOAP-ENV:Envelope ')
    assert b"<balanceresult><balance>1871.62</balance><error>0</error></balanceresult>" in compact
    assert encoded("soap_get_balance", decoded("soap_get_balance", compact)) == compact
    error = compact.replace(b"<balance>1871.62</balance><error>0</error>", b"<error>2</error>")
    assert decoded("soap_get_balance", error) == b'{"error_code": 2}\n'
    assert encoded("soap_get_balance", b'{"error_code": 2}') == error


def test_send_sms2_per_number_errors_come_back_in_place() -> None:
    result = b"<id>7</id><cnt>2</cnt><error>0</error><errors><phone>79</phone><status>22</status></errors>"
    envelope = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/'
        b'envelope/" xmlns:ns1="https://smsc.ru/sys/soap.php"><SOAP-ENV:Body><ns1:Send2Response><sendresult>%s'
        b"</sendresult></ns1:Send2Response></SOAP-ENV:Body></SOAP-ENV:Envelope>\n"
    ) % result
    printed = decoded("soap_send_sms2", envelope)
    assert json.loads(printed) == {"id": 7, "cnt": 2, "errors": [{"phone": "79", "status": "22"}]}
    assert encoded("soap_send_sms2", printed) == envelope


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--op", "smpp_receipt", "--fmt", "3"), b"--fmt: smpp_receipt is a channel's bytes, which have no fmt"),
        (("--op", "soap_get_balance", "--param", "a=1"), b"--param: soap_get_balance takes no request options"),
        (("--op", "balance"), b"encode --op balance needs --fmt 0, 1, 2 or 3"),
        (("--op", "smpp_receipt", "--psw-env", "X"), b"--psw-env: smpp_receipt has no password"),
        (("--op", "balance", "--fmt", "0", "--psw-env", "X"), b"--psw-env: balance has no password"),
    ],
)
def test_options_that_do_not_fit_the_operation_are_usage_errors(
    args: tuple[str, ...], message: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "in.json").write_bytes(b"{}")
    with pytest.raises(SystemExit, match="2"):
        main(["encode", *args, str(tmp_path / "in.json")])
    assert message.decode() in capsys.readouterr().err


@pytest.mark.parametrize(
    ("op", "printed", "message"),
    [
        ("smpp_receipt", b"[1]", "smpp_receipt (smpp): expected the JSON that 'decode' prints: an object"),
        ("smpp_receipt", b'{"id": 5, "stat": "x"}', "expected the JSON that 'decode' prints: str in 'id', found 5"),
        ("smpp_receipt", b'{"id": "1", "stat": "x", "foo": 1}', "prints: text in every other key"),
        ("smpp_receipt", b'{"id": "1"}', "expected the JSON that 'decode' prints: the key 'stat'"),
        ("smtp_body", b'{"login": "a", "psw": "b", "phones": "7", "mes": "m", "x": ""}', "only the keys login, psw"),
        ("smtp_body", b'{"login": "a", "psw": "b", "phones": "7", "mes": "m", "id": true}', "int or NoneType in 'id'"),
        ("smtp_body", b'{"login": "a:b", "psw": "b", "phones": "7", "mes": "m"}', "smtp_body (smtp): field 'login'"),
        ("soap_get_balance", b"[]", "soap_get_balance (soap): expected an object"),
        ("soap_get_balance", b'{"error_code": "2"}', "'error_code' and no other key"),
        ("soap_get_balance", b'{"balance": "x"}', "(soap): expected an amount such as 4.20 in 'balance', found 'x'"),
        ("soap_send_sms2", b'{"id": 1, "cnt": 1, "errors": {}}', "an array of {phone, status} objects"),
        ("soap_send_sms2", b'{"id": 1, "cnt": 1, "errors": [{"phone": 7}]}', "str in 'phone', found 7"),
        ("soap_send_sms", b'{"id": 1, "cnt": 1, "errors": ""}', "no 'error' or 'errors' among the extra fields"),
        ("smtp_body", b"{", "smtp_body fmt=auto: expected the JSON that 'decode' prints"),
    ],
)
def test_json_that_is_no_channel_value_is_one_line_and_exit_1(
    op: str, printed: bytes, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "in.json").write_bytes(printed)
    assert main(["encode", "--op", op, str(tmp_path / "in.json")]) == 1
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1

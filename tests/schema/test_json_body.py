"""send.php's JSON form without a network: the body ``build_request(json_body=True)`` writes, what it
refuses before a byte is sent, the reader FakeSmsc uses, and the reply read into the same models.

The property: for any valid send request (text mostly Cyrillic), the JSON form and the url-encoded
form carry the same parameters, the integers and flags as JSON numbers, and the fake reads both
back as the same form.
"""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qsl

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import smsc_formats as smsc
from smsc_formats import _json_body
from smsc_formats._fake import received
from smsc_formats._http import mask_credential_fields
from smsc_formats.operations import Flag, Integer
from smsc_formats.strategies import requests, text_values

LOGIN = smsc.Credentials.login_password("alex", "p@ss wörd/+1")
SEND = smsc.SEND(phones="79991234567", mes="Привет, мир", cost=3, flash=True, tz=-3)
DECLARED = {param.name: param.type for param in smsc.SEND.request}


def _json(operation: smsc.Operation[Any] = SEND, **options: Any) -> smsc.HttpRequest:
    return smsc.build_request(operation, credentials=LOGIN, json_body=True, **options)


def test_the_body_is_one_ascii_json_object_of_every_field_the_credentials_inside() -> None:
    request = _json()
    assert request.method == "POST"
    assert request.url == request.endpoint == "https://smsc.ru/rest/send/"
    assert dict(request.headers)["Content-Type"] == "application/json"
    assert request.content == (
        b'{"login":"alex","psw":"p@ss w\\u00f6rd/+1","phones":"79991234567",'
        b'"mes":"\\u041f\\u0440\\u0438\\u0432\\u0435\\u0442, \\u043c\\u0438\\u0440",'
        b'"cost":3,"flash":1,"tz":-3,"fmt":3,"charset":"utf-8"}'
    )
    assert json.loads(request.content)["mes"] == "Привет, мир"
    assert request.numbers == frozenset({"cost", "flash", "tz", "fmt"})
    assert "p@ss" not in repr(request)
    assert repr(request).startswith("HttpRequest('POST', 'https://smsc.ru/rest/send/', login='alex', psw=***")


def test_the_form_is_unchanged_by_the_json_form_s_existence() -> None:
    request = smsc.build_request(SEND, credentials=LOGIN)
    assert (request.json, request.numbers, request.url) == (False, frozenset(), "https://smsc.ru/sys/send.php")
    assert dict(request.headers)["Content-Type"] == "application/x-www-form-urlencoded"


@pytest.mark.parametrize(
    ("base_url", "endpoint"),
    [
        ("https://smsc.ru/sys/", "https://smsc.ru/rest/send/"),
        ("https://www2.smsc.kz/sys", "https://www2.smsc.kz/rest/send/"),
        ("http://127.0.0.1:8080/sys/", "http://127.0.0.1:8080/rest/send/"),
        ("https://proxy.example/smsc/sys/", "https://proxy.example/smsc/rest/send/"),
        ("https://proxy.example/", "https://proxy.example/rest/send/"),
    ],
)
def test_the_json_form_is_beside_the_base_url_s_directory(base_url: str, endpoint: str) -> None:
    assert _json(base_url=base_url).url == endpoint


def test_what_the_json_form_cannot_carry_is_refused_before_sending() -> None:
    def refused(operation: smsc.Operation[Any] = SEND, **options: Any) -> str:
        with pytest.raises(smsc.RequestError) as caught:
            _json(operation, **options)
        return str(caught.value)

    assert refused(smsc.BALANCE()) == "balance: 'json_body': this call has no JSON form (send.php's is /rest/send/)"
    assert refused(method="GET") == "send: 'json_body': the JSON form is a POST body, which method='GET' cannot send"
    mms = smsc.SEND(phones="79991234567", mes="Смотри", mms=1)
    assert refused(mms, files={"file0": ("a.jpg", b"x", "image/jpeg")}) == (
        "send: 'files': files go in a multipart body, which the JSON form cannot carry"
    )
    with pytest.raises(ValueError, match=r"asks for JSON in UTF-8: fmt=3 and charset='utf-8', not 0 and 'utf-8'"):
        _json(fmt=0)
    with pytest.raises(ValueError, match=r"not 3 and 'windows-1251'"):
        _json(charset="windows-1251")
    assert _json(charset="UTF8").content.endswith(b'"charset":"UTF8"}')  # another name of UTF-8


@pytest.mark.parametrize(
    ("operation", "error", "message"),
    [
        (smsc.SEND(mes="Привет"), smsc.RequestError, r"^send: 'phones': required or 'list'$"),
        (dataclasses.replace(smsc.SEND, params={"phones": "1", "Login": "x"}), smsc.RequestError, r"'Login': set by"),
        (smsc.SEND.with_unchecked({"phones": "1", "mes": "\ud800"}), smsc.EncodeError, r"text that utf-8 can carry"),
    ],
)
def test_the_json_form_refuses_what_the_form_refuses_with_the_same_words(
    operation: smsc.Operation[Any], error: type[Exception], message: str
) -> None:
    for json_body in (False, True):
        with pytest.raises(error, match=message):
            smsc.build_request(operation, credentials=LOGIN, json_body=json_body)


def test_an_option_given_as_text_stays_text_and_only_bound_numbers_are_numbers() -> None:
    unchecked = SEND.with_unchecked({"maxsms": "3", "valid": "01:00"})
    body = json.loads(_json(unchecked).content)
    assert (body["maxsms"], body["valid"], body["cost"]) == ("3", "01:00", 3)
    priced = smsc.SEND(phones=[79991234567, "+79990000001"], mes="x", period=Decimal("1.5"), id=7)
    assert priced.numbers == frozenset({"id"})
    assert json.loads(_json(priced).content)["phones"] == "79991234567,+79990000001"


def test_secrets_are_masked_as_the_body_escapes_them_and_as_members() -> None:
    request = _json()
    echoed = "you sent " + request.content.decode("ascii")
    assert "p@ss w\\u00f6rd/+1" in request.secrets
    assert '"psw":"***"' in request.redact(echoed)
    assert "w\\u00f6rd" not in request.redact(echoed)
    short = smsc.build_request(SEND, credentials=smsc.Credentials.api_key("k1"), json_body=True)
    assert mask_credential_fields(short.content.decode()).startswith('{"apikey":"***","phones"')
    assert mask_credential_fields('{"PSW" : "a\\"b", "x": 1}') == '{"PSW" : "***", "x": 1}'


def _reply(body: bytes) -> Any:
    response = smsc.HttpResponse(200, (("Content-Type", "application/json"),), body, _json())
    return smsc.parse_response(SEND, response)


def test_the_captured_reply_reads_into_the_same_model_money_as_decimal_counts_as_int() -> None:
    sent = _reply(b"{'balance': '83.6', 'cnt': 1, 'cost': '4.1', 'id': 14}".replace(b"'", b'"'))
    assert sent == smsc.Sent(id=14, cnt=1, cost=Decimal("4.1"), balance=Decimal("83.6"))
    price = smsc.build_request(smsc.SEND(phones="79991234567", mes="x", cost=1), credentials=LOGIN, json_body=True)
    answer = smsc.HttpResponse(200, (), b'{"cost": "3.80", "cnt": 2}', price)
    assert smsc.parse_response(smsc.SEND(phones="79991234567", mes="x", cost=1), answer) == smsc.Cost(
        cost=Decimal("3.80"), cnt=2
    )


@pytest.mark.parametrize(
    ("body", "code", "message_id"),
    [
        (b'{"error": "invalid number", "error_code": 7, "id": 5}', 7, 5),
        (b'{"error": "authorise error", "error_code": 2}', 2, None),
        (b"ERROR = 3 (no money), ID - 9", 3, 9),
    ],
)
def test_an_error_reply_of_the_json_form_is_the_error_reply(body: bytes, code: int, message_id: int | None) -> None:
    reply = _reply(body)
    assert isinstance(reply, smsc.ErrorReply)
    assert (reply.code, reply.message_id) == (code, message_id)
    with pytest.raises(smsc.ApiError) as caught:
        reply.raise_for_error()
    assert caught.value.code == code


@pytest.mark.parametrize(
    ("content_type", "body", "message"),
    [
        ("application/x-www-form-urlencoded", b"a=1", r"a JSON body \(Content-Type: application/json\), found 'appl"),
        ("application/json", b'{"a": 1', r"a JSON object: Expecting ',' delimiter at line 1, column 8"),
        ("application/json", b'{"mes": "\xcf\xf0"}', r"a UTF-8 body, found byte 0xcf at offset 9"),
        ("application/json", b"[1, 2]", r"a JSON object of parameters, found an array"),
        ("application/json", b'"phones"', r"a JSON object of parameters, found a string or a number"),
        ("application/json", b'{"a": {"b": 1}}', r"'a': a string or a number, found an object"),
        ("application/json", b'{"a": true}', r"'a': a string or a number, found true"),
        ("application/json", b'{"a": null}', r"'a': a string or a number, found null"),
        ("application/json", b'{"a": NaN}', r"a JSON number, found NaN"),
        ("application/json", b'{"a": "1", "a": "2"}', r"each member named once, found 'a' twice"),
        ("application/json", b"[" * 100_000, r"values nested too deep"),
    ],
)
def test_the_reader_refuses_what_is_no_json_object_of_parameters(content_type: str, body: bytes, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _json_body.read(content_type, body)


def test_the_reader_takes_numbers_as_written_and_a_charset_parameter() -> None:
    body = b'{"phones": "79991234567", "cost": 3, "period": 1.50, "tz": -3, "mes": "\\u041f"}'
    assert _json_body.read("Application/JSON; charset=utf-8", body) == (
        ("phones", "79991234567"),
        ("cost", "3"),
        ("period", "1.50"),
        ("tz", "-3"),
        ("mes", "П"),
    )


def test_the_fake_reads_a_json_form_as_its_script_and_answers_json_unless_asked_otherwise() -> None:
    request = received("POST", "/rest/send/?x=1", "application/json", b'{"phones": "7", "charset": "koi8-r"}')
    assert (request.script, request.path, request.url_fields) == ("send.php", "/rest/send/", ("x",))
    assert dict(parse_qsl(request.form)) == {"x": "1", "phones": "7", "fmt": "3", "charset": "utf-8"}
    asked = received("POST", "/rest/send/", "application/json", b'{"fmt": 1}')
    assert dict(parse_qsl(asked.form))["fmt"] == "1"
    assert received("GET", "/rest/send/?phones=7", "", b"").script == "rest/send"
    assert received("POST", "/sys/send.php", "", b"phones=7").script == "send.php"


SENDS = requests(smsc.SEND)
TEXTS = st.fixed_dictionaries({"mes": text_values(min_size=1).filter(lambda text: len(text) <= 1000)})


@settings(max_examples=min(settings().max_examples, 200))
@given(options=SENDS, text=st.none() | TEXTS)
def test_the_json_form_and_the_form_carry_the_same_parameters(options: dict[str, object], text: Any) -> None:
    operation = smsc.SEND(**{**options, **(text or {})})
    form = smsc.build_request(operation, credentials=LOGIN)
    body = smsc.build_request(operation, credentials=LOGIN, json_body=True)
    sent = json.loads(body.content)
    assert body.content.isascii()
    assert list(sent) == [name for name, _ in form.fields]
    assert {name: str(value) for name, value in sent.items()} == dict(form.fields)
    numbers = {name for name, value in sent.items() if isinstance(value, int)}
    bound = {name for name, value in operation.params.items() if isinstance(DECLARED[name], (Integer, Flag))}
    assert numbers == bound | {"fmt"}
    assert all(isinstance(value, str) for name, value in sent.items() if name not in numbers)
    read_back = received("POST", "/rest/send/", "application/json", body.content)
    as_form = received("POST", "/sys/send.php", "application/x-www-form-urlencoded", form.content)
    assert parse_qsl(read_back.form, encoding="utf-8") == parse_qsl(as_form.form, encoding="utf-8")

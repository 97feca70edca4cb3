"""The pure seam: what build_request puts on the wire, and what parse_response makes of an answer."""

from __future__ import annotations

import hashlib
import importlib
import re
import subprocess
import sys
from urllib.parse import parse_qsl, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

import smsc_formats as smsc
from tests.paths import DOCS

LOGIN = smsc.Credentials.login_password("demo", "s3cret&=")
LOOKUP = smsc.GET_OPERATOR(phone="79991234567")


def test_post_is_the_default_and_keeps_every_field_out_of_the_url() -> None:
    request = smsc.build_request(LOOKUP, credentials=LOGIN)
    assert (request.method, request.url) == ("POST", "https://smsc.ru/sys/info.php")
    assert ("Content-Type", "application/x-www-form-urlencoded") in request.headers
    assert parse_qsl(request.content.decode("ascii")) == [
        ("login", "demo"),
        ("psw", "s3cret&="),
        ("get_operator", "1"),
        ("phone", "79991234567"),
        ("fmt", "3"),
        ("charset", "utf-8"),
    ]


def test_get_puts_the_same_fields_in_the_query() -> None:
    post = smsc.build_request(LOOKUP, credentials=LOGIN, fmt=1, charset="koi8-r")
    get = smsc.build_request(LOOKUP, credentials=LOGIN, fmt=1, charset="koi8-r", method="GET")
    assert get.content == b""
    assert urlsplit(get.url).query.encode("ascii") == post.content
    assert not any(name == "Content-Type" for name, _ in get.headers)


@pytest.mark.parametrize("base_url", ["http://127.0.0.1:8080/sys", "http://127.0.0.1:8080/sys/"])
def test_the_script_path_joins_the_base_url(base_url: str) -> None:
    request = smsc.build_request(LOOKUP, credentials=LOGIN, base_url=base_url)
    assert request.url == "http://127.0.0.1:8080/sys/info.php"


@given(text=st.text(st.characters(codec="utf-8"), max_size=60))
def test_any_text_round_trips_through_the_form_in_utf8(text: str) -> None:
    operation = smsc.GET_OPERATOR(phone="79991234567").with_unchecked({"mes": text})  # the seam writes any text
    request = smsc.build_request(operation, credentials=LOGIN)
    assert dict(parse_qsl(request.content.decode("ascii"), keep_blank_values=True))["mes"] == text


@pytest.mark.parametrize("charset", ["windows-1251", "koi8-r"])
def test_cyrillic_is_percent_encoded_in_the_requested_charset(charset: str) -> None:
    request = smsc.build_request(smsc.SEND(phones="79991234567", mes="Привет"), credentials=LOGIN, charset=charset)
    fields = dict(parse_qsl(request.content.decode("ascii"), encoding=charset))
    assert fields["mes"] == "Привет"
    assert "Привет".encode(charset).hex().upper() in request.content.decode("ascii").replace("%", "")


def test_a_character_the_charset_cannot_carry_is_refused() -> None:
    with pytest.raises(smsc.EncodeError, match="windows-1251"):
        smsc.build_request(smsc.SEND(phones="79991234567", mes="smile 👋"), credentials=LOGIN, charset="windows-1251")


def test_phone_lists_keep_their_separators_and_plus_signs() -> None:
    phones = "+79991234567;+79991234568," + ",".join(f"7999{n:07d}" for n in range(300))
    request = smsc.build_request(smsc.SEND(phones=phones, mes="x"), credentials=LOGIN)
    assert dict(parse_qsl(request.content.decode("ascii")))["phones"] == phones


def test_md5_and_api_key_credentials() -> None:
    digest = hashlib.md5(b"pw").hexdigest()
    hashed = smsc.Credentials.login_password_hashed("demo", "pw")
    assert hashed == smsc.Credentials.login_md5("demo", digest.upper())
    assert hashed.fields == (("login", "demo"), ("psw", digest))
    request = smsc.build_request(LOOKUP, credentials=smsc.Credentials.api_key("KEY"))
    assert parse_qsl(request.content.decode("ascii"))[0] == ("apikey", "KEY")
    with pytest.raises(ValueError, match="32 hexadecimal"):
        smsc.Credentials.login_md5("demo", "not-a-hash")


@pytest.mark.parametrize(
    "option",
    ["fmt", "charset", "psw", "login", "apikey", "PSW", "Login", "psw[]", "fmt[]", "apikey[0]", " psw", "ChArSeT[x]"],
)
def test_options_that_build_request_sets_are_refused(option: str) -> None:
    """Also in another case and with PHP's brackets: ``psw[]=x`` after ``psw=...`` would replace
    the password on the server."""
    with pytest.raises(ValueError, match=re.escape(option.strip())):
        smsc.build_request(smsc.GET_OPERATOR(**{option: "x"}), credentials=LOGIN)


@pytest.mark.parametrize("option", ["pswd", "login_name", "fmt2", "format", "charsets"])
def test_names_that_only_begin_like_a_reserved_one_are_options(option: str) -> None:
    request = smsc.build_request(smsc.GET_OPERATOR(phone="7999").with_unchecked({option: "x"}), credentials=LOGIN)
    assert (option, "x") in request.fields


@pytest.mark.parametrize("mode", ["2", "3"])
def test_an_option_sets_another_value_of_a_flag_in_its_place(mode: str) -> None:
    """phones.php?move_group=2 adds a group and 3 removes one: the option replaces the flag's 1."""
    operation = smsc.get_operation("phones_move_group")(move_group=mode, grp="5", phone="79991234567")
    fields = parse_qsl(smsc.build_request(operation, credentials=LOGIN).content.decode("ascii"))
    assert fields[2:5] == [("move_group", mode), ("grp", "5"), ("phone", "79991234567")]
    assert [name for name, _ in fields].count("move_group") == 1


def test_only_http_urls_are_accepted() -> None:
    with pytest.raises(ValueError, match="http"):
        smsc.build_request(LOOKUP, credentials=LOGIN, base_url="file:///etc/")


def test_mirror_hosts_follow_the_official_order() -> None:
    assert smsc.mirror_hosts("smsc.kz") == (
        "https://smsc.kz/sys/",
        "https://www2.smsc.kz/sys/",
        "https://www3.smsc.kz/sys/",
        "https://www4.smsc.kz/sys/",
        "https://www5.smsc.kz/sys/",
    )
    assert smsc.DEFAULT_HOSTS[0] == "https://smsc.ru/sys/"


def test_mirror_hosts_take_the_scheme_asked_for() -> None:
    assert smsc.mirror_hosts("smsc.ua", scheme="http")[:2] == ("http://smsc.ua/sys/", "http://www2.smsc.ua/sys/")


def _response(body: bytes, status: int = 200) -> smsc.HttpResponse:
    return smsc.HttpResponse(status, (("Content-Type", "text/plain; charset=windows-1251"),), body)


def test_the_body_is_read_in_the_requested_charset_whatever_the_header_says() -> None:
    body = "Россия,МТС,Москва,250,01,3".encode()
    reply = smsc.parse_response(LOOKUP, _response(body), fmt=1, charset="utf-8")
    assert isinstance(reply, smsc.OperatorInfo)
    assert reply.operator == "МТС"


@pytest.mark.parametrize("body", [b"", b" \r\n"])
def test_an_empty_body_is_a_transport_error(body: bytes) -> None:
    with pytest.raises(smsc.TransportError, match="empty body"):
        smsc.parse_response(LOOKUP, _response(body))


def test_the_plain_error_line_is_an_error_reply_under_fmt3() -> None:
    reply = smsc.parse_response(LOOKUP, _response(b"ERROR = 2 (authorise error)"), fmt=3)
    assert reply == smsc.ErrorReply(operation="get_operator", code=2, description="authorise error")


def test_an_error_status_with_an_smsc_error_body_is_that_error_reply() -> None:
    reply = smsc.parse_response(LOOKUP, _response(b'{"error": "parameters error", "error_code": 1}', 500))
    assert isinstance(reply, smsc.ErrorReply)
    assert reply.code == 1


@pytest.mark.parametrize("body", [b"<html>Bad Gateway</html>", b"", b'{"country": "x"}'])
def test_an_error_status_without_an_smsc_error_is_an_http_status_error(body: bytes) -> None:
    with pytest.raises(smsc.HttpStatusError) as caught:
        smsc.parse_response(LOOKUP, _response(body, 502))
    assert (caught.value.status_code, caught.value.body) == (502, body)


@pytest.mark.parametrize(
    ("content_type", "body", "said"),
    [
        (
            "text/plain; charset=utf-8",
            b"not implemented by FakeSmsc: send.php mms\n",
            ": 'not implemented by FakeSmsc: send.php mms'",
        ),
        ("TEXT/PLAIN", b"  Service Unavailable  \r\nRetry later", ": 'Service Unavailable'"),
        ("text/plain", b"x" * 201, ": '" + "x" * 200 + "'…"),
        ("text/plain", b"x" * 200, ": '" + "x" * 200 + "'"),
        ("text/html", b"<html>Bad Gateway</html>", ""),
        ("text/plain", b"\xff\xfe not utf-8", ""),
        ("text/plain", b"   \n", ""),
        (None, b"Bad Gateway", ""),
    ],
)
def test_an_http_error_quotes_the_first_line_of_a_plain_text_body(
    content_type: str | None, body: bytes, said: str
) -> None:
    headers = () if content_type is None else (("Content-Type", content_type),)
    with pytest.raises(smsc.HttpStatusError) as caught:
        smsc.parse_response(LOOKUP, smsc.HttpResponse(501, headers, body))
    assert str(caught.value) == f"get_operator: HTTP 501 with no SMSC reply{said}"


def test_a_malformed_success_is_a_decode_error() -> None:
    with pytest.raises(smsc.DecodeError) as caught:
        smsc.parse_response(LOOKUP, _response(b"{not json"))
    assert (caught.value.expected, caught.value.line, caught.value.column) == (
        "JSON (Expecting property name enclosed in double quotes)",
        1,
        2,
    )


def test_importing_the_library_loads_no_http_library() -> None:
    code = (
        "import sys, smsc_formats, smsc_formats.transports, smsc_formats.testing\n"
        "print(sorted(m for m in ('httpx', 'requests', 'aiohttp', 'urllib.request') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=True)
    assert result.stdout.strip() == "[]"


def test_the_http_names_are_exported() -> None:
    names = {"Client", "AsyncClient", "Credentials", "HttpRequest", "HttpResponse", "build_request", "parse_response"}
    names |= {"TransportError", "TransportTimeout", "HttpStatusError", "Retry", "RateLimiter", "ReplyCache", "Limits"}
    assert names | {"RateLimits"} <= set(smsc.__all__)
    assert smsc.Limits is smsc.RateLimits  # the former name stays
    assert all(hasattr(smsc, name) for name in smsc.__all__)


@pytest.mark.parametrize("stack", ["httpx", "requests", "aiohttp"])
def test_a_missing_http_library_names_the_extra_to_install(stack: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, stack, None)  # as if it were not installed
    monkeypatch.delitem(sys.modules, f"smsc_formats.transports.{stack}", raising=False)
    with pytest.raises(ImportError, match=rf"pip install 'smsc-formats\[{stack}\]'"):
        importlib.import_module(f"smsc_formats.transports.{stack}")


def test_a_response_repr_shows_its_size_not_its_body() -> None:
    assert repr(_response(b"ERROR = 2 (authorise error)", 200)) == "HttpResponse(200, 27 bytes)"


def test_the_http_reference_page_examples_run() -> None:
    page = DOCS / "http" / "clients-and-transports.md"
    blocks = re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), flags=re.DOTALL)
    assert len(blocks) == 3
    for block in blocks:
        exec(compile(block, str(page), "exec"), {})

"""Credentials never show: not in a repr, an exception, a log record or a logged URL."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import traceback
from collections.abc import Callable
from urllib.parse import quote, quote_plus

import pytest

import smsc_formats as smsc
from smsc_formats.testing import FakeSmsc
from tests.http.http_stacks import STACKS, Stack

PASSWORD = "p@ss wörd/+1"
DIGEST = hashlib.md5(PASSWORD.encode()).hexdigest()
API_KEY = "key-Ωmega 42"
CREDENTIALS = {
    "password": smsc.Credentials.login_password("demo", PASSWORD),
    "md5": smsc.Credentials.login_password_hashed("demo", PASSWORD),
    "apikey": smsc.Credentials.api_key(API_KEY),
}


def leaks(text: str) -> list[str]:
    """The forms of any secret found in ``text``: as is, as libraries quote it in URLs, as JSON escapes it."""
    forms = {
        form
        for secret in (PASSWORD, DIGEST, API_KEY)
        for form in (secret, quote(secret, safe=""), quote_plus(secret), quote(secret), json.dumps(secret)[1:-1])
    }
    return sorted(form for form in forms if form in text)


def chain(error: BaseException) -> str:
    return "".join(traceback.format_exception(type(error), error, error.__traceback__)) + repr(error)


@pytest.mark.parametrize("credentials", CREDENTIALS.values(), ids=CREDENTIALS.keys())
def test_reprs_show_no_secret(credentials: smsc.Credentials) -> None:
    request = smsc.build_request(smsc.GET_OPERATOR(phone="79991234567"), credentials=credentials, method="GET")
    client = smsc.Client(credentials)
    shown = [repr(credentials), repr(request), request.redacted_url, repr(client), str(client)]
    assert leaks(request.url)  # the secret really is in what goes on the wire...
    assert leaks(" ".join(shown)) == []  # ...and in nothing that is shown
    assert "***" in repr(request)
    assert "login='demo'" in repr(credentials) or "apikey=***" in repr(credentials)


def test_async_client_repr_shows_no_secret() -> None:
    async_client = smsc.AsyncClient(CREDENTIALS["apikey"], smsc.transports.MockTransport(lambda r: None))  # type: ignore[arg-type,return-value]
    assert leaks(repr(async_client)) == []
    assert "apikey=***" in repr(async_client)


def _both_down(server: FakeSmsc) -> None:
    server.take_down(0)
    server.take_down(1)


FAULTS: dict[str, Callable[[FakeSmsc], object]] = {
    "refused": _both_down,
    "timeout": lambda server: server.delay_next(0.5, times=9),
    "dropped": lambda server: server.drop_next(times=9),
}
FAULT_ERRORS = {"refused": smsc.RequestNotSent, "timeout": smsc.TransportTimeout, "dropped": smsc.TransportError}


TWO_TRIES = smsc.Retry(attempts=2, backoff=0.01)


def failing_call(stack: Stack, fault: str, credentials: smsc.Credentials) -> smsc.TransportError:
    with FakeSmsc(hosts=2, password=PASSWORD, apikey=API_KEY) as server:
        FAULTS[fault](server)
        lookup = smsc.GET_OPERATOR(phone="79991234567")
        with pytest.raises(smsc.TransportError) as caught:
            stack.call(server, lookup, credentials=credentials, method="GET", timeout=0.2, retry=TWO_TRIES)
    assert type(caught.value) is FAULT_ERRORS[fault]
    return caught.value


def own_log(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(record.getMessage() for record in caplog.records if record.name.startswith("smsc_formats"))


@pytest.mark.parametrize("stack", STACKS, ids=[stack.name for stack in STACKS])
@pytest.mark.parametrize("fault", FAULTS)
def test_transport_errors_and_logs_show_no_secret_even_for_get(
    stack: Stack, fault: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="smsc_formats")
    error = failing_call(stack, fault, CREDENTIALS["password"])
    assert leaks(chain(error)) == []
    assert "/sys/info.php" in str(error)
    assert "info.php?" in own_log(caplog)  # the URL is logged...
    assert "psw=***" in own_log(caplog)  # ...masked
    assert leaks(own_log(caplog)) == []


@pytest.mark.parametrize("stack", STACKS[:3], ids=[stack.name for stack in STACKS[:3]])
@pytest.mark.parametrize("name", ["md5", "apikey"])
def test_hash_and_api_key_are_masked_as_well(stack: Stack, name: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="smsc_formats")
    error = failing_call(stack, "refused", CREDENTIALS[name])
    assert leaks(chain(error) + own_log(caplog)) == []
    assert "***" in str(error)


@pytest.mark.parametrize("stack", STACKS, ids=[stack.name for stack in STACKS])
def test_with_post_no_logger_at_all_sees_a_secret(stack: Stack, caplog: pytest.LogCaptureFixture) -> None:
    """Some HTTP libraries log the URL they fetch (httpx at INFO): POST keeps secrets out of it."""
    caplog.set_level(logging.DEBUG)
    with FakeSmsc(hosts=2, password=PASSWORD) as server:
        server.empty_next()
        lookup = smsc.GET_OPERATOR(phone="79991234567")
        stack.call(server, lookup, credentials=CREDENTIALS["password"], retry=TWO_TRIES)
    assert "empty body" in caplog.text
    assert leaks(caplog.text) == []


def test_api_errors_show_no_secret(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="smsc_formats")
    wrong = smsc.Credentials.login_password("demo", PASSWORD)
    with FakeSmsc() as server, pytest.raises(smsc.AuthorisationFailed) as caught:
        asyncio.run(_call_async(server, wrong))
    assert leaks(chain(caught.value)) == []
    assert "GET" in own_log(caplog)
    assert leaks(own_log(caplog)) == []


async def _call_async(server: FakeSmsc, credentials: smsc.Credentials) -> object:
    from smsc_formats.transports.httpx import AsyncHttpxTransport

    async with smsc.AsyncClient(credentials, AsyncHttpxTransport(), hosts=server.base_urls, method="GET") as client:
        return await client.call(smsc.GET_OPERATOR(phone="79991234567"))


def test_a_short_password_is_masked_as_a_field_without_garbling_the_rest() -> None:
    request = smsc.build_request(
        smsc.SEND(phones="79991234567", mes="hi"), credentials=smsc.Credentials.login_password("u", "p")
    )
    message = f"POST {request.endpoint}: connection reset; the form was {request.query}"
    shown = request.redact(message)
    assert shown == f"POST {request.endpoint}: connection reset; the form was " + request.query.replace(
        "psw=p", "psw=***"
    )
    assert "https://smsc.ru/sys/send.php" in shown


ECHOED = "login=demo&psw=S3cr3t%2Bp%40ss+w%2Ford&phones=79991234567"


def test_a_reply_that_echoes_the_credentials_never_shows_them_in_a_decode_error() -> None:
    credentials = smsc.Credentials.login_password("demo", "S3cr3t+p@ss w/ord")
    request = smsc.build_request(smsc.SEND(phones="79991234567", mes="x"), credentials=credentials)
    body = f'{{"id": "{request.query}", "cnt": 1}}'.encode()
    with pytest.raises(smsc.DecodeError) as caught:
        smsc.parse_response(smsc.SEND, smsc.HttpResponse(200, (), body, request))
    with pytest.raises(smsc.DecodeError, match="S3cr3t") as bare:  # without its request, nothing to mask
        smsc.parse_response(smsc.SEND, smsc.HttpResponse(200, (), body))
    masked, original = caught.value, bare.value
    assert masked.expected.startswith("an integer in 'id', found 'login=demo&psw=***&phones=79991234567")
    assert "S3cr3t" not in str(masked)
    assert "psw=***" in str(masked)
    assert masked.__cause__ is None
    assert masked.__context__ is None  # the original quotes the password: not even as the context
    where = ("operation", "fmt", "line", "column", "channel")
    assert [getattr(masked, name) for name in where] == [getattr(original, name) for name in where]


def test_an_error_page_or_a_redirect_that_echoes_the_credentials_never_shows_them() -> None:
    credentials = smsc.Credentials.login_password("demo", "S3cr3t+p@ss w/ord")
    request = smsc.build_request(smsc.SEND(phones="79991234567", mes="x"), credentials=credentials)
    page = f"<h1>500</h1><pre>{request.query}</pre>".encode()
    with pytest.raises(smsc.HttpStatusError) as failed:
        smsc.parse_response(smsc.SEND, smsc.HttpResponse(500, (), page, request))
    assert failed.value.status_code == 500
    assert b"S3cr3t" not in failed.value.body
    assert b"psw=***" in failed.value.body
    moved = smsc.HttpResponse(307, (("location", f"http://other.example/?{request.query}"),), b"", request)
    with pytest.raises(smsc.HttpStatusError) as redirected:
        smsc.parse_response(smsc.SEND, moved)
    error = redirected.value
    assert error.status_code == 307
    assert error.location is not None
    assert error.location.startswith("http://other.example/")
    assert "S3cr3t" not in f"{error} {error.location}"
    assert "redirects are not followed" in str(error)


SEND = smsc.SEND(phones="79991234567", mes="Привет")


@pytest.mark.parametrize("credentials", CREDENTIALS.values(), ids=CREDENTIALS.keys())
def test_a_json_body_echoed_back_never_shows_a_secret(credentials: smsc.Credentials) -> None:
    request = smsc.build_request(SEND, credentials=credentials, json_body=True)
    assert leaks(request.content.decode("ascii"))  # the secret really is in the body...
    assert leaks(repr(request) + request.redacted_url) == []  # ...and in nothing that is shown
    page = smsc.HttpResponse(500, (("Content-Type", "text/plain"),), b"you sent " + request.content, request)
    with pytest.raises(smsc.HttpStatusError) as failed:
        smsc.parse_response(SEND, page)
    assert leaks(chain(failed.value) + failed.value.body.decode("ascii")) == []
    assert b'":"***"' in failed.value.body
    body = b'{"id": ' + json.dumps(request.content.decode("ascii")).encode() + b', "cnt": 1}'
    with pytest.raises(smsc.DecodeError) as malformed:
        smsc.parse_response(SEND, smsc.HttpResponse(200, (), body, request))
    assert leaks(chain(malformed.value)) == []


@pytest.mark.parametrize("stack", STACKS, ids=[stack.name for stack in STACKS])
def test_a_json_send_that_fails_shows_no_secret(stack: Stack, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with FakeSmsc(password=PASSWORD, apikey=API_KEY) as server:
        server.http_status_next(502)
        with pytest.raises(smsc.OutcomeUnknown) as unknown:
            stack.call(server, SEND, credentials=CREDENTIALS["apikey"], json_body=True)
        with pytest.raises(smsc.AuthorisationFailed) as refused:
            stack.call(server, SEND, credentials=smsc.Credentials.login_password("nobody", PASSWORD), json_body=True)
    assert "/rest/send/" in own_log(caplog)
    assert leaks(chain(unknown.value) + chain(refused.value) + repr(unknown.value.sent) + caplog.text) == []

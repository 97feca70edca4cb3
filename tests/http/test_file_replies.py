"""Calls answered with a file (``FILE_OPERATIONS``): fetched by ``Client.download`` and
``AsyncClient.download`` from a FakeSmsc on every HTTP stack, read by ``parse_download``.

The file's name comes from ``Content-Disposition`` only when it is a plain file name; an error
reply in the asked format raises its ``ApiError`` as any call does; the reply's size is capped.
"""

from __future__ import annotations

import re

import pytest

import smsc_formats as smsc
from smsc_formats import DownloadedFile, HttpResponse, disposition_filename, parse_download
from smsc_formats._fake import _limits
from smsc_formats.testing import FakeSmsc
from tests.http.http_stacks import STACKS, OnStack, Stack

on_every_stack = pytest.mark.parametrize("stack", STACKS, ids=[stack.name for stack in STACKS])

EXPORT = b"id;phone;status\n1;79991234567;1\n" * 200


@on_every_stack
def test_a_pending_export_is_listed_then_fetched_by_id_and_by_name(stack: Stack, fake_smsc: FakeSmsc) -> None:
    earlier = fake_smsc.add_download("earlier.csv", b"0")
    number = fake_smsc.add_download("отправленные-2026-12.csv", EXPORT)
    client = OnStack(stack, fake_smsc)
    assert client.call(smsc.DOWNLOADS_GET_LIST()) == [
        smsc.PendingDownload(id=earlier, name="earlier.csv"),
        smsc.PendingDownload(id=number, name="отправленные-2026-12.csv"),
    ]
    by_id = client.download(smsc.DOWNLOADS_GET_FILE(id=number))
    assert by_id == DownloadedFile("отправленные-2026-12.csv", "text/csv", EXPORT)
    assert client.download(smsc.DOWNLOADS_GET_FILE(name="отправленные-2026-12.csv")) == by_id
    assert fake_smsc.account.seen[-1]["get_file"] == "1"


@on_every_stack
def test_an_unknown_export_is_the_error_reply_it_answers(stack: Stack, fake_smsc: FakeSmsc) -> None:
    client = OnStack(stack, fake_smsc, {"fmt": 0})
    with pytest.raises(smsc.InvalidParameters, match=re.escape("downloads_get_file: error 1 (parameters error)")):
        client.download(smsc.DOWNLOADS_GET_FILE(id=7))
    fake_smsc.add_download("a.csv", b"1")
    wrong = OnStack(stack, fake_smsc, {"credentials": smsc.Credentials.login_password("demo", "wrong")})
    with pytest.raises(smsc.AuthorisationFailed, match=re.escape("downloads_get_file: error 2 (authorise error)")):
        wrong.download(smsc.DOWNLOADS_GET_FILE(id=1))


@on_every_stack
def test_a_file_larger_than_max_reply_bytes_is_refused(stack: Stack, fake_smsc: FakeSmsc) -> None:
    number = fake_smsc.add_download("big.csv", EXPORT)
    capped = OnStack(stack, fake_smsc, {"max_reply_bytes": 1000})
    with pytest.raises(smsc.ReplyTooLarge, match=r"the reply is larger than 1000 bytes"):
        capped.download(smsc.DOWNLOADS_GET_FILE(id=number))
    with pytest.raises(smsc.ReplyTooLarge, match=r"the reply is larger than 100 bytes"):
        OnStack(stack, fake_smsc).download(smsc.DOWNLOADS_GET_FILE(id=number), max_reply_bytes=100)
    assert capped.download(smsc.DOWNLOADS_GET_FILE(id=number), max_reply_bytes=len(EXPORT)).data == EXPORT


@on_every_stack
def test_an_option_a_file_call_does_not_take_is_http_501_as_on_every_call(stack: Stack, fake_smsc: FakeSmsc) -> None:
    number = fake_smsc.add_download("a.csv", b"1")
    unchecked = smsc.FileOperation(smsc.DOWNLOADS_GET_FILE(id=number).operation.with_unchecked({"after_id": "3"}))
    message = "downloads_get_file: HTTP 501 with no SMSC reply: 'not implemented by FakeSmsc: downloads.php after_id'"
    with pytest.raises(smsc.HttpStatusError, match=re.escape(message)) as refused:
        OnStack(stack, fake_smsc).download(unchecked)
    assert refused.value.status_code == 501
    wrong = smsc.Credentials.login_password("demo", "wrong")  # 501 comes before the credentials are looked at
    with pytest.raises(smsc.HttpStatusError, match=re.escape(message)):
        OnStack(stack, fake_smsc, {"credentials": wrong}).download(unchecked)
    emptied = unchecked.operation.with_unchecked({"after_id": "0", "name": ""})  # set to 0 or "": absent
    assert OnStack(stack, fake_smsc).download(smsc.FileOperation(emptied)).data == b"1"


@on_every_stack
def test_a_file_call_passes_the_per_minute_limits(stack: Stack, monkeypatch: pytest.MonkeyPatch) -> None:
    """No page states a limit for downloads.php, so no rule counts it; one that did would hold."""
    with FakeSmsc(rate_limits=True) as server:
        number = server.add_download("a.csv", b"1")
        client = OnStack(stack, server, {"retry": smsc.Retry(attempts=1)})
        for _ in range(12):
            assert client.download(smsc.DOWNLOADS_GET_FILE(id=number)).data == b"1"
        monkeypatch.setitem(_limits.RULES, "downloads_get_file", (_limits.Rule(2, _limits.identical),))
        for _ in range(2):
            assert client.download(smsc.DOWNLOADS_GET_FILE(id=number)).data == b"1"
        with pytest.raises(smsc.TooManyRequests, match=re.escape("downloads_get_file: error 9")):
            client.download(smsc.DOWNLOADS_GET_FILE(id=number))
        assert client.download(smsc.DOWNLOADS_GET_FILE(name="a.csv")).data == b"1"  # another request


def test_a_file_sent_to_a_call_answered_with_a_file_is_http_501(fake_smsc: FakeSmsc) -> None:
    number = fake_smsc.add_download("a.csv", b"1")
    request = smsc.build_request(
        smsc.DOWNLOADS_GET_FILE(id=number).operation, credentials=fake_smsc.credentials, base_url=fake_smsc.base_urls[0]
    )
    answer = fake_smsc.account.answer(
        "downloads.php", request.query, (("file0", smsc.Upload("a.jpg", b"", "image/jpeg")),)
    )
    assert (answer.status, answer.body) == (501, b"not implemented by FakeSmsc: downloads.php file0")
    assert fake_smsc.account.uploads == []


def test_a_queued_error_answers_a_file_call_too(fake_smsc: FakeSmsc) -> None:
    fake_smsc.fail_next(9)
    with (
        smsc.Client(fake_smsc.credentials, hosts=fake_smsc.base_urls) as client,
        pytest.raises(smsc.TooManyRequests, match=re.escape("documents_get_act: error 9")),
    ):
        client.download(smsc.DOCUMENTS_GET_ACT(id=1))


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ('attachment; filename="счёт 1.pdf"', "счёт 1.pdf"),
        (r'attachment; filename="say \"hi\".txt"', 'say "hi".txt'),
        ("attachment; filename=export.csv", "export.csv"),
        ("attachment; FILENAME=export.csv ; size=3", "export.csv"),
        ("attachment; filename*=UTF-8''%D1%81%D1%87%D1%91%D1%82.pdf; filename=\"fallback.pdf\"", "счёт.pdf"),
        ("attachment; filename=\"fallback.pdf\"; filename*=utf-8'ru'%D1%81%D1%87%D1%91%D1%82.pdf", "счёт.pdf"),
        ("attachment; filename*=windows-1251''%F1%F7%E5%F2.pdf", "счет.pdf"),
        ("attachment; filename*=UTF-8''%FF.pdf; filename=\"fallback.pdf\"", "fallback.pdf"),
        ("attachment; filename*=no-such-charset''a.pdf; filename=b.pdf", "b.pdf"),
        ("attachment; filename*=a.pdf; filename=b.pdf", "b.pdf"),
        ("attachment", None),
        ("inline; size=10", None),
        (None, None),
        ('attachment; filename="../../etc/passwd"', None),
        ('attachment; filename="C:\\\\Windows\\\\win.ini"', None),
        ("attachment; filename*=UTF-8''..%2F..%2Fevil.sh", None),
        ('attachment; filename="a.pdf\r\nSet-Cookie: x=1"', None),
        ('attachment; filename="a\x00.pdf"', None),
        ('attachment; filename=".."', None),
        ('attachment; filename=""', None),
    ],
)
def test_the_file_name_is_a_plain_name_or_none(header: str | None, name: str | None) -> None:
    assert disposition_filename(header) == name


def _response(status: int, body: bytes, *headers: tuple[str, str]) -> HttpResponse:
    return HttpResponse(status, headers, body)


def test_parse_download_reads_the_file_its_name_and_its_type() -> None:
    headers = (("Content-Type", "application/pdf"), ("Content-Disposition", 'attachment; filename="a.pdf"'))
    assert parse_download(smsc.DOCUMENTS_GET_ACCOUNT, _response(200, b"%PDF", *headers)) == DownloadedFile(
        "a.pdf", "application/pdf", b"%PDF"
    )
    assert parse_download(smsc.DOCUMENTS_GET_ACCOUNT, _response(200, b"OK")) == DownloadedFile(None, None, b"OK")
    picture = b"\x89PNG\r\n\x1a\n"  # no reply in any format: the file it is
    for fmt in (0, 1, 2, 3):
        assert parse_download(smsc.DOWNLOADS_GET_FILE, _response(200, picture), fmt=fmt).data == picture  # type: ignore[union-attr]
    long_error = b'{"error": "parameters error", "error_code": 1}' + b" " * 5000
    assert parse_download(smsc.DOCUMENTS_GET_ACCOUNT, _response(200, long_error)).data == long_error  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("fmt", "body"),
    [
        (0, b"ERROR = 6 (user not found)"),
        (1, b"0,-6"),
        (2, b"<result><error>user not found</error><error_code>6</error_code></result>"),
        (3, b'{"error": "user not found", "error_code": 6}'),
    ],
)
def test_an_error_reply_in_the_asked_format_is_no_file(fmt: int, body: bytes) -> None:
    reply = parse_download(smsc.DOCUMENTS_GET_ACT, _response(200, body, ("Content-Type", "text/plain")), fmt=fmt)
    assert isinstance(reply, smsc.ErrorReply)
    assert (reply.operation, reply.code, reply.error_class()) == ("documents_get_act", 6, smsc.SubClientNotFound)


def test_a_failed_exchange_is_no_file() -> None:
    error = parse_download(smsc.DOWNLOADS_GET_FILE, _response(500, b'{"error": "x", "error_code": 4}'))
    assert isinstance(error, smsc.ErrorReply)
    assert error.code == 4
    with pytest.raises(smsc.HttpStatusError, match=re.escape("downloads_get_file: HTTP 502 with no SMSC reply")):
        parse_download(smsc.DOWNLOADS_GET_FILE, _response(502, b"%PDF"))
    with pytest.raises(smsc.TransportError, match=re.escape("downloads_get_file: the server sent an empty body")):
        parse_download(smsc.DOWNLOADS_GET_FILE, _response(200, b""))


def test_file_calls_check_their_options_and_stay_out_of_the_operations() -> None:
    assert set(smsc.FILE_OPERATIONS) == {"downloads_get_file", "documents_get_account", "documents_get_act"}
    assert not set(smsc.FILE_OPERATIONS) & set(smsc.OPERATIONS)
    assert smsc.DOWNLOADS_GET_FILE.description.startswith("downloads.php?get_file=1: ")
    with pytest.raises(
        smsc.RequestError, match=re.escape("documents_get_account: 'num': not a parameter of this call")
    ):
        smsc.DOCUMENTS_GET_ACCOUNT(num="1")
    assert repr(DownloadedFile("a.csv", None, b"123")) == "DownloadedFile(name='a.csv', content_type=None, 3 bytes)"

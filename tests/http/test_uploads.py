"""Files in a multipart/form-data body: built by the seam, sent by every HTTP stack, read by FakeSmsc.

The uploads go end to end to a FakeSmsc on 127.0.0.1 over urllib, httpx, requests and aiohttp
(sync and async); the refusals are checked before a byte is sent.
"""

from __future__ import annotations

import hashlib
import urllib.error
import urllib.request
from typing import Any

import pytest

import smsc_formats as smsc
from smsc_formats import RequestError, Upload, _multipart
from smsc_formats.operations.senders import SENDERS_ADD, SENDERS_DEL
from smsc_formats.testing import FakeSmsc
from tests.http.http_stacks import STACKS, Stack

on_every_stack = pytest.mark.parametrize("stack", STACKS, ids=[stack.name for stack in STACKS])

LOGIN = smsc.Credentials.login_password("alex", "s3cret-pass")
PICTURE = bytes(range(256)) * 40 + b"\r\n--not-a-boundary--\r\n"
"""Every byte value, CR LF and dashes: what a naive body would break on."""
MMS = smsc.SEND(phones="79991234567", mes="Смотри!", mms=1)


@on_every_stack
def test_an_mms_with_files_reaches_the_fake_byte_for_byte(stack: Stack, fake_smsc: FakeSmsc) -> None:
    files = {"file0": Upload("кот.jpg", PICTURE, "image/jpeg"), "file1": ("note.txt", b"hi", "text/plain")}
    sent = stack.call(fake_smsc, MMS, per_call={"files": files})
    assert isinstance(sent, smsc.Sent)
    assert sent.cnt == 1
    assert fake_smsc.uploads == [
        ("send", "file0", Upload("кот.jpg", PICTURE, "image/jpeg")),
        ("send", "file1", Upload("note.txt", b"hi", "text/plain")),
    ]
    assert fake_smsc.requests[-1].url_fields == ()  # the credentials went in the body
    assert fake_smsc.account.seen[-1]["mes"] == "Смотри!"


@on_every_stack
def test_send_email_attaches_files_to_an_e_mail(stack: Stack, fake_smsc: FakeSmsc) -> None:
    files = {"file0": ("report.pdf", b"%PDF-1.4 ...", "application/pdf")}
    sent = stack.use(fake_smsc, "send_email", "ann@example.com", "See attached", files, subj="Report", sender="me@x.ru")
    assert sent.cnt == 1
    assert fake_smsc.uploads == [("send", "file0", Upload("report.pdf", b"%PDF-1.4 ...", "application/pdf"))]
    assert fake_smsc.account.seen[-1]["phones"] == "ann@example.com"


@on_every_stack
def test_send_mms_and_a_sender_document_go_as_multipart(stack: Stack, fake_smsc: FakeSmsc) -> None:
    stack.use(fake_smsc, "send_mms", "79991234567", "Hi", {"file0": ("a.png", b"\x89PNG", "image/png")})
    stack.call(
        fake_smsc, SENDERS_ADD(sender="Shop"), per_call={"files": {"file0": ("tm.pdf", b"%PDF", "application/pdf")}}
    )
    assert [(name, upload.filename) for name, _, upload in fake_smsc.uploads] == [
        ("send", "a.png"),
        ("senders_add", "tm.pdf"),
    ]


def test_the_body_carries_every_field_and_the_credentials_never_the_url() -> None:
    request = smsc.build_request(MMS, credentials=LOGIN, files={"file0": ("a.jpg", PICTURE, "image/jpeg")})
    kind = dict(request.headers)["Content-Type"]
    assert kind.startswith("multipart/form-data; boundary=smsc-formats-")
    assert request.url == "https://smsc.ru/sys/send.php"
    form = _multipart.read(kind, request.content)
    assert dict(form.fields) == {
        "login": b"alex",
        "psw": b"s3cret-pass",
        "phones": b"79991234567",
        "mes": "Смотри!".encode(),
        "mms": b"1",
        "fmt": b"3",
        "charset": b"utf-8",
    }
    assert form.files == (("file0", Upload("a.jpg", PICTURE, "image/jpeg")),)
    assert "s3cret-pass" not in repr(request)
    assert repr(request).endswith("charset='utf-8', file0='a.jpg')")


def test_text_and_file_names_are_written_in_the_request_charset() -> None:
    request = smsc.build_request(
        MMS, credentials=LOGIN, charset="windows-1251", files={"file0": ("кот.jpg", b"x", "image/jpeg")}
    )
    assert b'name="mes"\r\n\r\n' + "Смотри!".encode("windows-1251") in request.content
    assert 'filename="кот.jpg"'.encode("windows-1251") in request.content
    with pytest.raises(smsc.EncodeError, match=r"text that koi8-r can carry, found '€'"):
        smsc.build_request(MMS, credentials=LOGIN, charset="koi8-r", files={"file0": ("€.jpg", b"x", "image/jpeg")})


def test_the_boundary_is_one_that_stands_in_no_part() -> None:
    assert _multipart.free_boundary([b"x"], "ab") == "smsc-formats-ab-0"
    assert _multipart.free_boundary([b"smsc-formats-ab-0 smsc-formats-ab-1"], "ab") == "smsc-formats-ab-2"


def _refusal(operation: Any = MMS, **options: Any) -> str:
    with pytest.raises(RequestError) as caught:
        smsc.build_request(operation, credentials=LOGIN, **options)
    return str(caught.value)


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {"file0": ("a.jpg", b"x" * (5 * 2**20 + 1), "image/jpeg")},
            r"'file0': 'a.jpg': at most 5 MiB \(5242880 bytes\)",
        ),
        (
            {f"file{n}": ("a.jpg", b"x" * 2**20, "image/jpeg") for n in range(6)},
            r"'files': files of at most 5 MiB \(5242880 bytes\) together, found 6 MiB",
        ),
        ({f"file{n}": ("a.jpg", b"", "image/jpeg") for n in range(21)}, r"'files': at most 20 files, found 21"),
        ({"photo": ("a.jpg", b"", "image/jpeg")}, r"'photo'\": a file's field is named file0, file1"),
        ({"file0": ('a"\r\nX-Evil: 1', b"", "image/jpeg")}, r"'file0': a file name of 1 to 255 characters"),
        ({"file0": ("", b"", "image/jpeg")}, r"'file0': a file name of 1 to 255 characters"),
        ({"file0": ("../a.jpg", b"", "image/jpeg")}, r"no control character, quote, backslash or slash"),
        ({"file0": ("a.jpg", "text", "image/jpeg")}, r"'file0': the bytes of 'a.jpg', found str"),
        ({"file0": ("a.jpg", b"", "image/jpeg\r\nX: 1")}, r"'file0': a media type such as image/jpeg"),
        ({"file0": ("a.jpg", b"", "image/jpeg; charset=x")}, r"a media type such as image/jpeg, without parameters"),
        ({"file0": ("a.jpg", b"")}, r"'file0': a \(filename, content, content_type\) triple"),
    ],
)
def test_an_upload_the_rule_refuses_is_named_with_the_limit(files: Any, message: str) -> None:
    with pytest.raises(RequestError, match=message):
        smsc.build_request(MMS, credentials=LOGIN, files=files)


def test_a_sender_document_is_one_file_of_3_mib_of_the_documented_kinds() -> None:
    add = SENDERS_ADD(sender="Shop")
    assert "a file of kind jpg, jpeg, tif, tiff, pdf, png, zip, rar" in _refusal(
        add, files={"file0": ("a.exe", b"", "a/b")}
    )
    assert "at most 3 MiB" in _refusal(add, files={"file0": ("a.PDF", b"x" * (3 * 2**20 + 1), "application/pdf")})
    assert "at most 1 file, found 2" in _refusal(
        add, files={"file0": ("a.pdf", b"", "a/b"), "file1": ("b.pdf", b"", "a/b")}
    )
    request = smsc.build_request(add, credentials=LOGIN, files={"file0": ("TM.PDF", b"%PDF", "Application/PDF")})
    assert request.files == (("file0", Upload("TM.PDF", b"%PDF", "application/pdf")),)


def test_a_call_that_takes_no_files_or_not_with_these_options_refuses_them() -> None:
    assert _refusal(smsc.BALANCE(), files={}) == "balance: 'files': this call takes no files"
    assert _refusal(SENDERS_DEL(sender="x"), files={}) == "senders_del: 'files': this call takes no files"
    plain = smsc.SEND(phones="79991234567", mes="x")
    assert _refusal(plain, files={"file0": ("a.jpg", b"", "image/jpeg")}) == (
        "send: 'files': files go only with mms=1 or mail=1"
    )
    files = {"file0": ("a.jpg", b"", "image/jpeg")}
    assert _refusal(MMS, files=files, method="GET") == (
        "send: 'files': files go in a multipart POST body, which method='GET' cannot send"
    )
    sneaky = MMS.with_unchecked({'x"\r\nContent-Type: text/html': "1"})
    assert "a name with no control character, quote, backslash or slash" in _refusal(sneaky, files=files)


def test_an_operation_with_files_shows_them_and_the_client_never_caches_an_upload(fake_smsc: FakeSmsc) -> None:
    assert repr(MMS.with_files({"file0": ("a.jpg", b"", "image/jpeg")})).endswith("files=['file0'])")
    cost = smsc.SEND(phones="79991234567", mes="x", mms=1, cost=1)
    files = {"file0": ("a.jpg", b"1", "image/jpeg")}
    with smsc.Client(fake_smsc.credentials, hosts=fake_smsc.base_urls, cache=smsc.ReplyCache()) as client:
        assert client.call(cost, files=files) == client.call(cost, files=files)
    assert len(fake_smsc.uploads) == 2


def test_the_fake_refuses_files_a_call_does_not_take(fake_smsc: FakeSmsc) -> None:
    request = smsc.build_request(MMS, credentials=fake_smsc.credentials, base_url=fake_smsc.base_urls[0], files={})
    balance = smsc.build_request(smsc.BALANCE(), credentials=fake_smsc.credentials, base_url=fake_smsc.base_urls[0])
    body = _multipart.write(balance.fields, (("file0", Upload("a.jpg", b"", "image/jpeg")),), "utf-8")
    answer = fake_smsc.account.answer("balance.php", balance.query, _multipart.read(*body).files)
    assert (answer.status, answer.body) == (501, b"not implemented by FakeSmsc: balance.php file0")
    assert request.files == ()


def test_a_request_the_fake_answers_with_501_keeps_no_file(fake_smsc: FakeSmsc) -> None:
    document = (("file0", Upload("tm.pdf", b"%PDF", "application/pdf")),)
    add = smsc.build_request(
        smsc.get_operation("senders_add")(sender="Shop", user="nobody"),
        credentials=fake_smsc.credentials,
        base_url=fake_smsc.base_urls[0],
    )
    answer = fake_smsc.account.answer("senders.php", add.query, document)
    expected = b"not implemented by FakeSmsc: senders.php user (a login that is no sub-client of the account)"
    assert (answer.status, answer.body) == (501, expected)
    assert fake_smsc.uploads == []
    kept = smsc.build_request(
        smsc.get_operation("senders_add")(sender="Shop"),
        credentials=fake_smsc.credentials,
        base_url=fake_smsc.base_urls[0],
    )
    assert fake_smsc.account.answer("senders.php", kept.query, document).status == 200
    assert [(name, field) for name, field, _ in fake_smsc.uploads] == [("senders_add", "file0")]


@pytest.mark.parametrize(
    ("content_type", "body", "message"),
    [
        ("multipart/mixed; boundary=b", b"--b\r\n\r\nx\r\n--b--\r\n", r"multipart/form-data with a boundary"),
        (
            "multipart/form-data; boundary=b",
            b"--b\r\nContent-Disposition: form-data; name=a\r\n\r\nx",
            r"a well-formed multipart body of 1 to 200 parts",
        ),
        ("multipart/form-data; boundary=b", b"--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--\r\n", r"a name"),
    ],
)
def test_the_fake_answers_a_malformed_multipart_body_with_400(
    fake_smsc: FakeSmsc, content_type: str, body: bytes, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        _multipart.read(content_type, body)
    wire = urllib.request.Request(
        fake_smsc.base_urls[0] + "send.php", data=body, headers={"Content-Type": content_type}
    )
    with pytest.raises(urllib.error.HTTPError, match="HTTP Error 400"):
        urllib.request.urlopen(wire, timeout=5)
    assert isinstance(fake_smsc.errors[-1], ValueError)


def test_the_digest_of_the_parts_names_the_boundary() -> None:
    fields, files = (("a", "1"),), (("file0", Upload("a.jpg", b"x", "image/jpeg")),)
    kind, body = _multipart.write(fields, files, "utf-8")
    parts = [
        b'Content-Disposition: form-data; name="a"\r\n\r\n1',
        b'Content-Disposition: form-data; name="file0"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\nx',
    ]
    digest = hashlib.sha256(b"".join(hashlib.sha256(part).digest() for part in parts)).hexdigest()[:24]
    assert kind == f"multipart/form-data; boundary=smsc-formats-{digest}-0"
    assert body.startswith(f"--smsc-formats-{digest}-0\r\n".encode())


def test_an_option_name_a_multipart_part_cannot_carry_is_refused_with_files_only() -> None:
    """An unchecked option's name goes between quotes in a part's header: with files it must hold no
    quote, backslash, slash or control character; in a url-encoded form any name is escaped."""
    odd = MMS.with_unchecked({'x"y': "1"})
    credentials = smsc.Credentials.api_key("k")
    assert ('x"y', "1") in smsc.build_request(odd, credentials=credentials).fields
    with pytest.raises(RequestError) as caught:
        smsc.build_request(odd.with_files({"file0": ("a.jpg", b"\xff", "image/jpeg")}), credentials=credentials)
    assert (str(caught.value), caught.value.operation, caught.value.param) == (
        "send: 'x\"y': a name with no control character, quote, backslash or slash, in a multipart body",
        "send",
        'x"y',
    )

"""multipart/form-data both ways: the body a request with files sends, and reading one back.

Writing is pure and deterministic: every form field (the credentials among them: they travel in
the body, never in the URL) is a part, then each file; text is encoded in the request's charset,
as the url-encoded form's is. The boundary is made from a digest of the parts and is checked to
stand in none of them.

Reading (what :class:`~smsc_formats.testing.FakeSmsc` does with such a body) uses the standard
library's ``email`` parser under strict rules: the body within a size the caller bounds, at most
``MAX_PARTS`` parts, every part a ``form-data`` with a name, no defect the parser reports.
"""

from __future__ import annotations

import email.message
import email.parser
import email.policy
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .operations import Upload

CRLF = b"\r\n"
MAX_PARTS = 200
"""The most parts a body read here may hold: the form's fields and up to a hundred files."""


def _disposition(name: str, filename: str | None, charset: str) -> bytes:
    text = f'Content-Disposition: form-data; name="{name}"'
    if filename is not None:
        text += f'; filename="{filename}"'
    return text.encode(charset)


def _parts(fields: Iterable[tuple[str, str]], files: Iterable[tuple[str, Upload]], charset: str) -> list[bytes]:
    parts = [_disposition(name, None, charset) + CRLF + CRLF + value.encode(charset) for name, value in fields]
    for name, upload in files:
        head = _disposition(name, upload.filename, charset) + CRLF + f"Content-Type: {upload.content_type}".encode()
        parts.append(head + CRLF + CRLF + upload.content)
    return parts


def free_boundary(parts: Sequence[bytes], seed: str) -> str:
    """``smsc-formats-<seed>-<n>`` for the first ``n`` that stands in no part."""
    number = 0
    while any(f"smsc-formats-{seed}-{number}".encode() in part for part in parts):
        number += 1
    return f"smsc-formats-{seed}-{number}"


def write(fields: Iterable[tuple[str, str]], files: Iterable[tuple[str, Upload]], charset: str) -> tuple[str, bytes]:
    """The Content-Type header's value and the body. ``UnicodeEncodeError`` for text the charset
    cannot carry (the caller turns it into an :class:`~smsc_formats.EncodeError`)."""
    parts = _parts(fields, files, charset)
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    boundary = free_boundary(parts, digest.hexdigest()[:24])
    delimiter = b"--" + boundary.encode("ascii")
    body = b"".join(delimiter + CRLF + part + CRLF for part in parts) + delimiter + b"--" + CRLF
    return f"multipart/form-data; boundary={boundary}", body


@dataclass(frozen=True, slots=True)
class ReadForm:
    """A multipart body read back: its fields (values as sent, in bytes) and its files."""

    fields: tuple[tuple[str, bytes], ...]
    files: tuple[tuple[str, Upload], ...]


def read(content_type: str, body: bytes) -> ReadForm:
    """The fields and files of a multipart/form-data ``body``; ``ValueError`` saying what is wrong
    with one that breaks the rules above (the caller bounds the body's size)."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + CRLF + CRLF + body
    )
    if not message.is_multipart() or message.get_content_type() != "multipart/form-data":
        raise ValueError(f"multipart/form-data with a boundary, found {content_type!r}")
    parts = [part for part in message.iter_parts() if isinstance(part, email.message.EmailMessage)]
    if message.defects or not parts or len(parts) > MAX_PARTS:
        raise ValueError(f"a well-formed multipart body of 1 to {MAX_PARTS} parts")
    fields: list[tuple[str, bytes]] = []
    files: list[tuple[str, Upload]] = []
    for part in parts:
        name = part.get_param("name", header="content-disposition")
        if part.get_content_disposition() != "form-data" or not isinstance(name, str) or part.defects:
            raise ValueError("every part a form-data with a name")
        content = part.get_payload(decode=True)
        assert isinstance(content, bytes)  # a non-multipart part's payload
        filename = part.get_filename()
        if filename is None:
            fields.append((name, content))
        else:
            files.append((name, Upload(filename, content, part.get_content_type())))
    return ReadForm(tuple(fields), tuple(files))

"""Replies that are a file, not a formatted reply: downloads.php ``get_file`` and documents.php's
invoices and acts (``smsc_formats.FILE_OPERATIONS``).

:func:`parse_download` is :func:`~smsc_formats.parse_response`'s counterpart for them: a body
that reads as the API's error reply in the asked ``fmt`` is that :class:`ErrorReply`; any other
body of a successful answer is the file, its name from ``Content-Disposition`` (``filename``,
quoted or not, or RFC 5987's ``filename*``, which wins) and its type from ``Content-Type``.
A name is only a name: a path (``/``, ``\\``), a control character (CR, LF among them), or
``.``/``..`` is refused, and the file comes back with no name rather than one that could
write outside the folder a program saves it in.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from urllib.parse import unquote

from ._codec import decode
from ._exceptions import DecodeError
from ._http import DEFAULT_FMT, HttpResponse, parse_response
from ._public import show_in
from ._reply import ErrorReply
from .operations.file_replies import FileOperation

ERROR_REPLY_BYTES = 4096
"""The longest body read as a possible error reply: an error reply is one short line or object."""

_PARAM = re.compile(r';\s*([!#$%&\'*+.^_`|~0-9A-Za-z-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)')
_EXTENDED = re.compile(r"([A-Za-z0-9!#$&+.^_`{}~-]+)'[A-Za-z0-9-]*'(.*)", re.DOTALL)
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\]")


@dataclass(frozen=True, slots=True)
class DownloadedFile:
    """A file the server sent: its name and media type as the headers give them (``None`` where they
    give none, or a name that is no plain file name), and its bytes."""

    name: str | None
    content_type: str | None
    data: bytes

    def __repr__(self) -> str:
        return f"DownloadedFile(name={self.name!r}, content_type={self.content_type!r}, {len(self.data)} bytes)"


def disposition_filename(header: str | None) -> str | None:
    """The file name a ``Content-Disposition`` header gives: ``filename*`` (RFC 5987, percent-encoded
    in its charset) before ``filename``; ``None`` for none, or one that is not a plain file name."""
    if header is None:
        return None
    params: dict[str, str] = {}
    for key, raw in _PARAM.findall(";" + header.partition(";")[2]):
        value = raw.strip()
        if value.startswith('"'):
            value = re.sub(r"\\(.)", r"\1", value[1:-1])
        params.setdefault(key.lower(), value)
    name = None
    extended = _EXTENDED.fullmatch(params.get("filename*", ""))
    if extended is not None:
        try:
            name = unquote(extended[2], encoding=codecs.lookup(extended[1]).name, errors="strict")
        except (LookupError, UnicodeDecodeError):
            name = None
    if name is None:
        name = params.get("filename")
    return name if name and name not in (".", "..") and not _UNSAFE.search(name) else None


def parse_download(
    operation: FileOperation, response: HttpResponse, /, *, fmt: int = DEFAULT_FMT, charset: str = "utf-8"
) -> DownloadedFile | ErrorReply:
    """The file in ``response``, or the :class:`ErrorReply` the server answered instead.

    As :func:`~smsc_formats.parse_response`: an empty body is a :class:`TransportError`, and any
    status but 2xx an :class:`HttpStatusError` unless its body is the API's error reply.
    """
    inner = operation.operation
    body = response.body
    if 200 <= response.status_code < 300 and body.strip() and not _is_error_reply(operation, body, fmt, charset):
        kind = response.header("Content-Type")
        return DownloadedFile(disposition_filename(response.header("Content-Disposition")), kind, body)
    reply = parse_response(inner, response, fmt=fmt, charset=charset)
    assert isinstance(reply, ErrorReply)  # a 2xx body that is no error reply is the file
    return reply


def _is_error_reply(operation: FileOperation, body: bytes, fmt: int, charset: str) -> bool:
    if len(body) > ERROR_REPLY_BYTES:
        return False
    try:
        reply = decode(operation.operation, body, fmt=fmt, charset=charset)
    except DecodeError:
        return False
    return isinstance(reply, ErrorReply)


show_in("smsc_formats", DownloadedFile, disposition_filename, parse_download)

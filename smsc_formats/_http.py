"""The sans-I/O seam: an operation becomes a neutral HTTP request, a neutral response a reply.

``build_request`` and ``parse_response`` are pure; any HTTP stack sends the one and fills in
the other. Credentials travel in a POST form body by default, so they never appear in a URL;
``method="GET"`` puts every field in the query string, as the API also accepts, and
``json_body=True`` sends a call's JSON form (send.php's ``/rest/send/``) instead. Fields are
percent-encoded in the ``charset`` the request names, so the server reads the text as sent; a
character that charset cannot carry is an :class:`EncodeError`, never a ``?`` on the wire.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, overload
from urllib.parse import quote, quote_plus, urlencode

from . import _json_body, _multipart
from ._codec import decode
from ._exceptions import DecodeError, EncodeError, HttpStatusError, RequestError, TransportError
from ._fmt import Fmt
from ._grammar import SECRET_FIELDS
from ._public import show_in
from ._reply import ErrorReply, NoRecords
from ._version import __version__
from .formats import DecodeLimits
from .operations import FilesArgument, Listed, Operation, Single, Upload

M = TypeVar("M")

_MASK = "***"
_MD5_HEX = re.compile(r"[0-9a-fA-F]{32}")
_SECRET_VALUE = re.compile(r"(?i)\b(psw|apikey)(=|%3D)[^&\s'\"<>]*")
"""A credential field in a form, a query or a URL quoted in some text."""
_SECRET_MEMBER = re.compile(r'(?i)("(?:psw|apikey)"\s*:\s*")(?:[^"\\]|\\.)*')
"""A credential member of a JSON body quoted in some text (its value up to the closing quote)."""
_SHORTEST_MASKED_VALUE = 6
"""Shorter secrets are masked only as fields: replacing every occurrence of a one-letter
password would garble a message and show where its letters stand."""

DEFAULT_FMT = Fmt.JSON
"""The format a request asks for when the caller names none: JSON, whose values come typed."""
DEFAULT_TIMEOUT = 10.0
"""Seconds a whole call may take when the caller names no timeout: a deadline, not a per-read wait."""
DEFAULT_MAX_REPLY_BYTES = 16 * 1024 * 1024
"""How large a reply (after any decompression) a transport reads before it gives up: far above
any real reply but the ported-numbers export, which raises it per call."""


def mirror_hosts(domain: str = "smsc.ru", *, scheme: str = "https") -> tuple[str, ...]:
    """The base URLs of a domain and its backups, in the order the official libraries try them.

    ``smsc.ru`` first, then ``www2`` to ``www5``; the same pattern serves ``smsc.kz``,
    ``smsc.ua`` and ``smscentre.com``.
    """
    prefixes = ("", "www2.", "www3.", "www4.", "www5.")
    return tuple(f"{scheme}://{prefix}{domain}/sys/" for prefix in prefixes)


DEFAULT_HOSTS = mirror_hosts()
DEFAULT_BASE_URL = DEFAULT_HOSTS[0]


def mask_credential_fields(text: str) -> str:
    """``text`` with the value of every ``psw=`` and ``apikey=`` field (and JSON member) masked."""
    return _SECRET_MEMBER.sub(rf"\1{_MASK}", _SECRET_VALUE.sub(rf"\1\2{_MASK}", text))


@dataclass(frozen=True, slots=True, repr=False)
class Credentials:
    """How a request proves who it is: login and password, login and the password's MD5, or an API key.

    Build one with a class method; ``repr`` shows the login only.
    """

    fields: tuple[tuple[str, str], ...]

    @classmethod
    def login_password(cls, login: str, password: str) -> Credentials:
        return cls((("login", login), ("psw", password)))

    @classmethod
    def login_md5(cls, login: str, password_md5: str) -> Credentials:
        """The server accepts the lowercase hex MD5 of the password in place of the password."""
        if not _MD5_HEX.fullmatch(password_md5):
            raise ValueError("password_md5 must be 32 hexadecimal digits")
        return cls((("login", login), ("psw", password_md5.lower())))

    @classmethod
    def login_password_hashed(cls, login: str, password: str) -> Credentials:
        """Send the password's MD5 rather than the password itself."""
        return cls.login_md5(login, hashlib.md5(password.encode()).hexdigest())  # noqa: S324 - the API's own scheme

    @classmethod
    def api_key(cls, key: str) -> Credentials:
        return cls((("apikey", key),))

    def __repr__(self) -> str:
        return f"Credentials({_show(self.fields)})"


def _show(fields: Iterable[tuple[str, str]]) -> str:
    return ", ".join(f"{key}={_MASK if key in SECRET_FIELDS else repr(value)}" for key, value in fields)


@dataclass(frozen=True, slots=True, repr=False)
class HttpRequest:
    """A request as any HTTP library needs it; ``url``, ``content`` and ``headers`` are derived.

    ``endpoint`` is the script's URL without a query; ``fields`` the form fields in order.
    """

    method: Literal["GET", "POST"]
    endpoint: str
    fields: tuple[tuple[str, str], ...]
    charset: str = "utf-8"
    timeout: float = DEFAULT_TIMEOUT
    """Seconds the whole exchange may take: connecting, sending and every read."""
    max_reply_bytes: int = DEFAULT_MAX_REPLY_BYTES
    """The most a transport reads of the reply, counted after decompression."""
    sink: Callable[[bytes], None] | None = field(default=None, compare=False)
    """Where a transport hands a successful reply's bytes as they arrive, instead of keeping
    them (the response's body is then empty): how ``Client.stream`` reads a reply it never holds."""
    drain: Callable[[], Awaitable[None]] | None = field(default=None, compare=False)
    """With ``sink``, what an async transport awaits after each piece: the reader's pace."""
    files: tuple[tuple[str, Upload], ...] = ()
    """Files sent with the fields in a multipart/form-data body (POST only), by field name."""
    json: bool = False
    """Whether the fields go as one JSON object (a call's JSON form), not as a form."""
    numbers: frozenset[str] = frozenset()
    """With ``json``: the fields written as JSON numbers."""

    @property
    def query(self) -> str:
        return urlencode(self.fields, encoding=self.charset)

    @property
    def url(self) -> str:
        return f"{self.endpoint}?{self.query}" if self.method == "GET" else self.endpoint

    @property
    def content(self) -> bytes:
        if self.json:
            return _json_body.write(self.fields, self.numbers)
        if self.files:
            return _multipart.write(self.fields, self.files, self.charset)[1]
        return self.query.encode("ascii") if self.method == "POST" else b""

    @property
    def headers(self) -> tuple[tuple[str, str], ...]:
        agent = ("User-Agent", f"smsc-formats/{__version__}")
        if self.json:
            return (agent, ("Content-Type", _json_body.MEDIA_TYPE))
        if self.files:
            return (agent, ("Content-Type", _multipart.write(self.fields, self.files, self.charset)[0]))
        if self.method == "POST":
            return (agent, ("Content-Type", "application/x-www-form-urlencoded"))
        return (agent,)

    @property
    def secrets(self) -> tuple[str, ...]:
        """The credential values in this request, as sent, as percent-encoded and as a JSON body escapes them."""
        values = [value for key, value in self.fields if key in SECRET_FIELDS and value]
        quoted = [quoting(value, safe="", encoding=self.charset) for value in values for quoting in (quote, quote_plus)]
        escaped = [_json_body.escaped(value) for value in values] if self.json else []
        return tuple(dict.fromkeys(values + quoted + escaped))

    def redact(self, text: str) -> str:
        """``text`` with every credential of this request masked (for messages and logs): each
        ``psw=``/``apikey=`` field, and any other occurrence of a secret long enough to tell."""
        text = mask_credential_fields(text)
        for secret in sorted(self.secrets, key=len, reverse=True):
            if len(secret) >= _SHORTEST_MASKED_VALUE:
                text = text.replace(secret, _MASK)
        return text

    def redact_bytes(self, body: bytes) -> bytes:
        """``body`` (a reply that may echo the request) with every credential masked."""
        return self.redact(body.decode("latin-1")).encode("latin-1")

    @property
    def redacted_url(self) -> str:
        return self.redact(self.url)

    def __repr__(self) -> str:
        files = "".join(f", {name}={upload.filename!r}" for name, upload in self.files)
        return f"HttpRequest({self.method!r}, {self.endpoint!r}, {_show(self.fields)}{files})"


@dataclass(frozen=True, slots=True)
class HttpResponse:
    """What came back: the status, the headers as sent, and the body's bytes."""

    status_code: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    request: HttpRequest | None = None
    """The request this answers, when the transport says: messages about the reply mask its credentials."""

    def header(self, name: str) -> str | None:
        """The first header called ``name`` (any case), or ``None``."""
        wanted = name.lower()
        return next((value for key, value in self.headers if key.lower() == wanted), None)

    def __repr__(self) -> str:
        return f"HttpResponse({self.status_code}, {len(self.body)} bytes)"


def build_request(
    operation: Operation[Any],
    /,
    *,
    credentials: Credentials,
    fmt: int = DEFAULT_FMT,
    charset: str = "utf-8",
    base_url: str = DEFAULT_BASE_URL,
    method: Literal["GET", "POST"] = "POST",
    timeout: float = DEFAULT_TIMEOUT,
    max_reply_bytes: int = DEFAULT_MAX_REPLY_BYTES,
    files: FilesArgument | None = None,
    json_body: bool = False,
) -> HttpRequest:
    """The request for ``operation``: its script, flags and options, the credentials, fmt and charset.

    ``files`` (``{"file0": (filename, content, content_type)}``, for a call that takes files) are
    checked against the call's limits and sent with every field in a multipart/form-data POST
    body, the credentials among them; ``method="GET"`` cannot carry files. ``json_body=True``
    sends the call's JSON form (send.php's, to ``/rest/send/`` beside the base URL's ``/sys/``):
    the same fields as one UTF-8 JSON object in a POST body, asking for JSON (fmt=3, utf-8), checked
    as the form is; a call without one, files or ``method="GET"`` are a :class:`RequestError`.
    """
    if not base_url.startswith(("https://", "http://")):
        raise ValueError(f"base_url must be an http:// or https:// URL, not {base_url!r}")
    if files is not None:
        operation = operation.with_files(files)
    operation.check_request()
    if operation.files and method == "GET":
        raise RequestError(
            "files go in a multipart POST body, which method='GET' cannot send", operation=operation.name, param="files"
        )
    fields = (
        *credentials.fields,
        *{**operation.flags, **operation.form}.items(),  # an unchecked option may set a flag's other value
        ("fmt", str(int(Fmt(fmt)))),
        ("charset", charset),
    )
    endpoint = base_url.rstrip("/") + "/" + operation.path
    if json_body:
        endpoint = _json_body.endpoint(base_url, _json_body.check(operation, method=method, fmt=fmt, charset=charset))
    request = HttpRequest(method, endpoint, fields, charset, timeout, max_reply_bytes, files=operation.files)
    if json_body:
        request = dataclasses.replace(request, json=True, numbers=operation.numbers | {"fmt"})
    try:
        request.query  # noqa: B018 - percent-encode once now, so a bad character fails here
        request.content  # noqa: B018 - and the multipart body, whose file names are text too
    except UnicodeEncodeError as exc:
        found = exc.object[exc.start : exc.end]
        raise EncodeError(
            f"text that {charset} can carry, found {found!r}", operation=operation.name, fmt=fmt
        ) from None
    return request


@overload
def parse_response(
    operation: Single[M],
    response: HttpResponse,
    /,
    *,
    fmt: int = ...,
    charset: str = ...,
    limits: DecodeLimits | None = ...,
) -> M | ErrorReply: ...
@overload
def parse_response(
    operation: Listed[M],
    response: HttpResponse,
    /,
    *,
    fmt: int = ...,
    charset: str = ...,
    limits: DecodeLimits | None = ...,
) -> list[M] | ErrorReply: ...
@overload
def parse_response(
    operation: Operation[M],
    response: HttpResponse,
    /,
    *,
    fmt: int = ...,
    charset: str = ...,
    limits: DecodeLimits | None = ...,
) -> M | list[M] | ErrorReply: ...
def parse_response(
    operation: Operation[M],
    response: HttpResponse,
    /,
    *,
    fmt: int = DEFAULT_FMT,
    charset: str = "utf-8",
    limits: DecodeLimits | None = None,
) -> M | list[M] | ErrorReply:
    """What ``decode`` returns for the body, decoded in the charset that was asked for.

    The server answers its errors with HTTP 200. An empty body is a :class:`TransportError`
    (the official libraries move on to the next host); any other status is an
    :class:`HttpStatusError` unless its body is an SMSC error reply (a redirect is never
    followed: its error names the ``Location``). When the response names its request, no
    message or body here holds a credential the server echoed. ``limits``: as ``decode``'s.
    """
    request = response.request
    if 200 <= response.status_code < 300:
        if not response.body.strip():
            raise TransportError(f"{operation.name}: the server sent an empty body")
        try:
            reply = decode(operation, response.body, fmt=fmt, charset=charset, limits=limits)
            return _as_asked(operation, reply, fmt)
        except DecodeError as error:
            if request is None:
                raise
            redacted = _redacted(error, request)
        raise redacted  # outside the handler: the original, which quotes the echo, is not its context
    try:
        answered = decode(operation, response.body, fmt=fmt, charset=charset, limits=limits)
    except DecodeError:
        answered = None
    if isinstance(answered, ErrorReply):
        return answered
    location = response.header("Location") if 300 <= response.status_code < 400 else None
    where = "" if location is None else f" to {location} (redirects are not followed)"
    message = f"{operation.name}: HTTP {response.status_code}{where} with no SMSC reply{_said(response)}"
    body = response.body
    if request is not None:
        message, body = request.redact(message), request.redact_bytes(body)
        location = None if location is None else request.redact(location)
    raise HttpStatusError(message, status_code=response.status_code, body=body, location=location)


SAID_CHARS = 200
"""The most of a plain-text error body that an :class:`HttpStatusError`'s message quotes."""


def _said(response: HttpResponse) -> str:
    """What a plain-text error body says, on its first line (``not implemented by FakeSmsc: …``,
    a proxy's one-line refusal), to quote in the error; nothing for HTML or bytes that are no
    UTF-8 text."""
    kind = (response.header("Content-Type") or "").partition(";")[0].strip().lower()
    if kind != "text/plain":
        return ""
    try:
        line = response.body.decode("utf-8").strip().partition("\n")[0].strip()
    except UnicodeDecodeError:
        return ""
    if not line:
        return ""
    return f": {line[:SAID_CHARS]!r}" + ("…" if len(line) > SAID_CHARS else "")


def _as_asked(operation: Operation[M], reply: M | list[M] | ErrorReply, fmt: int) -> M | list[M] | ErrorReply:
    """The reply, if it has the shape the request asked for: a request for one record that gets a
    list was not answered (what a type checker tells of ``Client.call`` rests on this)."""
    if isinstance(reply, list) and not isinstance(reply, NoRecords) and not operation.expects_list:
        raise DecodeError(
            f"one record, as the request asked, found a list of {len(reply)}", operation=operation.name, fmt=fmt
        )
    return reply


def _redacted(error: DecodeError, request: HttpRequest) -> DecodeError:
    """``error`` again, with what the server echoed of the request's credentials masked."""
    return DecodeError(
        request.redact(error.expected),
        operation=error.operation,
        fmt=error.fmt,
        line=error.line,
        column=error.column,
        channel=error.channel,
    )


show_in("smsc_formats", Credentials, HttpRequest, HttpResponse, build_request, mirror_hosts, parse_response)

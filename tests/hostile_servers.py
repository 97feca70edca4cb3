"""Loopback HTTP servers that misbehave on purpose, and count everything they receive.

``HostileServers("http-502", "ok")`` listens on 127.0.0.1 with one port per host; each host
reads a whole request (counted, per host and per script, with its fields), then acts out its
mode from :data:`MODES`: an error status, a dropped or reset connection, a body cut short, a
gzip bomb, a 256 MB body, a drip, a redirect to the next host, an echo of the credentials...
The mode ``"refused"`` binds a port and never listens, so a connection to it is refused.

Raw sockets, not ``http.server``, so that a reply can be anything at all (a broken status
line, a reset). Every thread ends by itself: sockets time out, waits and drips stop when the
servers close, and a reply stops at the first write the client no longer reads.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import socket
import ssl
import struct
import threading
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from types import TracebackType
from urllib.parse import parse_qsl, urlsplit

from typing_extensions import Self

from smsc_formats import Credentials

LOGIN = "demo"
PASSWORD = "p@ss wörd/+1"
"""One of the secrets tests.credential_sweep looks for: a leak of it anywhere fails the test."""
IO_TIMEOUT = 5.0
"""Seconds a server waits on a silent client before it lets the connection go."""
DRIP = 0.3
"""Seconds between two bytes of a drip."""
SLOW = 5.0
"""Seconds the ``slow`` mode waits before it answers: longer than any test's deadline."""
BLOCK = 64 * 1024
HUGE = 256 * 1024 * 1024
"""The size of the ``huge-*`` bodies, written block by block, never held."""
BOMB_INFLATES_TO = 200 * 1024 * 1024


@dataclass(frozen=True)
class Seen:
    """One request as a host read it."""

    host: int
    method: str
    script: str
    """The last part of the path: ``send.php``."""
    fields: dict[str, str]
    """The query's fields and a form body's, together."""
    query: bytes
    body: bytes


@dataclass(frozen=True)
class Remote:
    """Servers somewhere else (another process's), as ``tests.http_stacks`` needs them."""

    base_urls: list[str]
    ca_file: str | None = None

    @property
    def credentials(self) -> Credentials:
        return Credentials.login_password(LOGIN, PASSWORD)

    def client_ssl_context(self) -> ssl.SSLContext:
        return ssl.create_default_context()  # never asked for: no host here speaks TLS


@dataclass
class Host:
    index: int
    mode: str
    listener: socket.socket
    base_url: str
    connections: int = 0
    received: int = 0
    """Bytes read from every connection."""


@dataclass
class Exchange:
    """What a mode works with: the request, the connection, and the servers (for their URLs)."""

    servers: HostileServers
    host: Host
    conn: socket.socket
    request: Seen

    def send(self, data: bytes) -> None:
        self.conn.sendall(data)

    def answer(self, status: int, body: bytes, *headers: tuple[str, str], length: int | None = None) -> None:
        self.send(head(status, ("Content-Length", str(len(body) if length is None else length)), *headers) + body)

    def wait(self, seconds: float) -> bool:
        """Wait; ``False`` when the servers closed meanwhile."""
        return not self.servers.closing.wait(seconds)

    def drip(self, data: bytes) -> None:
        for byte in data:
            if not self.wait(DRIP):
                return
            self.send(bytes([byte]))

    def stream(self, blocks: Iterator[bytes]) -> None:
        """Write block after block until they end, the client stops reading, or the servers close."""
        for block in blocks:
            if self.servers.closing.is_set():
                return
            self.send(block)

    @property
    def echo(self) -> bytes:
        """What carries the credentials: the form body of a POST, the query of a GET."""
        return self.request.body or self.request.query

    def url(self, host: int, suffix: str = "") -> str:
        """The same script on another host (counted round: the next after the last is the first)."""
        urls = self.servers.base_urls
        return urls[host % len(urls)] + self.request.script + suffix


def head(status: int, *headers: tuple[str, str]) -> bytes:
    lines = [f"HTTP/1.1 {status} Whatever", *(f"{name}: {value}" for name, value in headers), "Connection: close"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def good_reply(request: Seen) -> bytes:
    """A fmt=3 reply to the request: the send's own id, an operator, or a balance."""
    if request.script == "send.php":
        return json.dumps({"id": int(request.fields["id"]), "cnt": 1}).encode()
    if request.script == "info.php":
        info = {"country": "Russia", "operator": "MTS", "region": "Moscow", "mcc": "250", "mnc": "01", "tz": "3"}
        return json.dumps(info).encode()
    return b'{"balance": "100.00"}'


def _ok(ex: Exchange) -> None:
    ex.answer(200, good_reply(ex.request), ("Content-Type", "application/json"))


def _status(code: int) -> Callable[[Exchange], None]:
    return lambda ex: ex.answer(code, b"<html><body>Gateway trouble</body></html>", ("Content-Type", "text/html"))


def _redirect(code: int, to_self: bool = False) -> Callable[[Exchange], None]:
    return lambda ex: ex.answer(code, b"", ("Location", ex.url(ex.host.index if to_self else ex.host.index + 1)))


def _reset(ex: Exchange) -> None:
    ex.conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def _truncated(ex: Exchange) -> None:
    ex.answer(200, b'{"id": 7, "c', length=100)


def _reset_mid_body(ex: Exchange) -> None:
    _truncated(ex)
    _reset(ex)


def _chunked_cut(ex: Exchange) -> None:
    ex.send(head(200, ("Transfer-Encoding", "chunked")) + b"20\r\n" + b'{"id": 7, "c')


def _encoded(encoding: str, body: bytes) -> Callable[[Exchange], None]:
    return lambda ex: ex.answer(200, body, ("Content-Encoding", encoding))


def _corrupt_gzip() -> bytes:
    whole = gzip.compress(b'{"id": 7, "cnt": 1, "balance": "100.00"}' * 4)
    return whole[:12] + b"\xff" * 16 + whole[28:]


@cache
def gzip_bomb() -> bytes:
    """About 200 KB of gzip that inflates to 200 MB of spaces, made in milliseconds: after a full
    flush every megabyte compresses to the same bytes, so one is repeated, and the trailer's
    checksum is computed over what it stands for."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    megabyte = b" " * (1 << 20)
    first = packer.compress(megabyte) + packer.flush(zlib.Z_FULL_FLUSH)
    again = packer.compress(megabyte) + packer.flush(zlib.Z_FULL_FLUSH)
    final = packer.flush(zlib.Z_FINISH)[:-8]  # the last, empty block, without the trailer
    count = BOMB_INFLATES_TO >> 20
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(megabyte, crc)
    return first + again * (count - 1) + final + struct.pack("<II", crc, BOMB_INFLATES_TO & 0xFFFFFFFF)


def _bomb(ex: Exchange) -> None:
    bomb = gzip_bomb()
    ex.send(head(200, ("Content-Encoding", "gzip"), ("Content-Length", str(len(bomb)))))
    ex.stream(bomb[start : start + BLOCK] for start in range(0, len(bomb), BLOCK))


def _huge_blocks() -> Iterator[bytes]:
    block = b"x" * BLOCK
    return (block for _ in range(HUGE // BLOCK))


def _huge(framing: str) -> Callable[[Exchange], None]:
    headers = {"length": [("Content-Length", str(HUGE))], "unframed": [], "chunked": [("Transfer-Encoding", "chunked")]}
    chunk_head = f"{BLOCK:x}\r\n".encode()

    def act(ex: Exchange) -> None:
        ex.send(head(200, *headers[framing]))
        if framing == "chunked":
            ex.stream(chunk_head + block + b"\r\n" for block in _huge_blocks())
        else:
            ex.stream(_huge_blocks())

    return act


def _drip_body(ex: Exchange) -> None:
    body = good_reply(ex.request)
    ex.send(head(200, ("Content-Length", str(len(body)))))
    ex.drip(body)


def _drip_headers(ex: Exchange) -> None:
    body = good_reply(ex.request)
    ex.drip(head(200, ("Content-Length", str(len(body)))) + body)


def _stall_body(ex: Exchange) -> None:
    body = good_reply(ex.request)
    ex.answer(200, body[:5], length=len(body))
    ex.wait(SLOW)


def _slow(ex: Exchange) -> None:
    if ex.wait(SLOW):
        _ok(ex)


def _echo_json(ex: Exchange) -> None:
    echo = ex.echo.decode("latin-1")
    ex.answer(200, json.dumps({"id": echo, "cnt": 1, "balance": echo}).encode())


def _echo_page(ex: Exchange) -> None:
    ex.answer(500, b"<html><pre>Internal error while handling " + ex.echo + b"</pre></html>")


def _echo_location(ex: Exchange) -> None:
    ex.answer(302, b"", ("Location", ex.url(ex.host.index + 1, "?" + ex.echo.decode("latin-1"))))


def _cut_short(ex: Exchange) -> None:
    """A reply that reads as a whole one (a balance) when its end is lost."""
    ex.answer(200, b"1234", length=len(b"1234.56"))


def _many_headers(ex: Exchange) -> None:
    body = good_reply(ex.request)
    ex.answer(200, body, *((f"X-Filler-{n}", "x" * 64) for n in range(300)))


MODES: dict[str, Callable[[Exchange], None]] = {
    "ok": _ok,
    **{f"http-{code}": _status(code) for code in (404, 500, 502, 503, 504)},
    "no-content": lambda ex: ex.answer(204, b""),
    "empty": lambda ex: ex.answer(200, b""),
    "whitespace": lambda ex: ex.answer(200, b" \r\n\t \n"),
    "html": lambda ex: ex.answer(200, b"<html><body>Welcome</body></html>", ("Content-Type", "text/html")),
    "drop": lambda ex: None,
    "reset": _reset,
    "truncated": _truncated,
    "cut-short": _cut_short,
    "reset-mid-body": _reset_mid_body,
    "chunked-cut": _chunked_cut,
    "headers-cut": lambda ex: ex.send(b"HTTP/1.1 200 OK\r\nContent-Le"),
    "continue-then-close": lambda ex: ex.send(b"HTTP/1.1 100 Continue\r\n\r\n"),
    "gzip-corrupt": _encoded("gzip", _corrupt_gzip()),
    "gzip-cut": _encoded("gzip", gzip.compress(b'{"id": 7, "cnt": 1}' * 40)[:40]),
    "deflate-corrupt": _encoded("deflate", b"\xff\xfe\xfd not deflate data at all"),
    "unasked-encoding": _encoded("br", b"\x8b\x03\x80{}\x03"),
    "gzip-bomb": _bomb,
    "huge-length": _huge("length"),
    "huge-unframed": _huge("unframed"),
    "huge-chunked": _huge("chunked"),
    "drip-body": _drip_body,
    "drip-headers": _drip_headers,
    "stall-body": _stall_body,
    "slow": _slow,
    **{f"redirect-{code}": _redirect(code) for code in (301, 302, 303, 307, 308)},
    "redirect-loop": _redirect(307, to_self=True),
    "malformed-status": lambda ex: ex.send(b"HTTP/1.1 2OO OK\r\nContent-Length: 2\r\n\r\n{}"),
    "not-http": lambda ex: ex.send(b"\x00\xff\xfe SMSC says hello\r\n\r\n"),
    "huge-header": lambda ex: ex.answer(200, good_reply(ex.request), ("X-Filler", "x" * 256 * 1024)),
    "many-headers": _many_headers,
    "echo-json": _echo_json,
    "echo-page": _echo_page,
    "echo-location": _echo_location,
}


class HostileServers:
    """Hosts on 127.0.0.1, one per mode given, in that order; a context manager.

    ``ca_file`` is ``None``: plain HTTP, which is what ``tests.http_stacks`` asks of a server.
    """

    ca_file: str | None = None

    def __init__(self, *modes: str) -> None:
        unknown = [mode for mode in modes if mode not in MODES and mode != "refused"]
        if unknown:
            raise ValueError(f"unknown modes {unknown}")
        self.modes = modes
        self.requests: list[Seen] = []
        self.closing = threading.Event()
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._open: set[socket.socket] = set()
        self.hosts = [self._host(index, mode) for index, mode in enumerate(modes)]

    def _host(self, index: int, mode: str) -> Host:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.bind(("127.0.0.1", 0))
        host = Host(index, mode, listener, f"http://127.0.0.1:{listener.getsockname()[1]}/sys/")
        if mode != "refused":  # bound and never listening: a connection is refused, and the port stays ours
            listener.listen(16)
            self._start(self._accept, host)
        return host

    @property
    def base_urls(self) -> list[str]:
        return [host.base_url for host in self.hosts]

    @property
    def credentials(self) -> Credentials:
        return Credentials.login_password(LOGIN, PASSWORD)

    def client_ssl_context(self) -> ssl.SSLContext:
        return ssl.create_default_context()  # never asked for: no host here speaks TLS

    def count(self, host: int | None = None, script: str | None = None) -> int:
        """Requests received, on one host and of one script when named."""
        return sum(1 for seen in self.requests if host in (None, seen.host) and script in (None, seen.script))

    def _start(self, target: Callable[..., None], *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        with self._lock:
            self._threads.append(thread)
        thread.start()

    def _accept(self, host: Host) -> None:
        while True:
            try:
                conn, _ = host.listener.accept()
            except OSError:
                return  # closed
            with self._lock:
                if self.closing.is_set():
                    conn.close()
                    return
                host.connections += 1
                self._open.add(conn)
            self._start(self._serve, host, conn)

    def _serve(self, host: Host, conn: socket.socket) -> None:
        conn.settimeout(IO_TIMEOUT)
        try:
            request = self._read(host, conn)
            if request is not None:
                MODES[host.mode](Exchange(self, host, conn, request))
        except OSError:
            pass  # the client went away: the act is over
        finally:
            with self._lock:
                self._open.discard(conn)
            conn.close()

    def _read(self, host: Host, conn: socket.socket) -> Seen | None:
        data = b""
        while b"\r\n\r\n" not in data:
            piece = conn.recv(BLOCK)
            if not piece:
                return None
            data += piece
            with self._lock:
                host.received += len(piece)
        head_bytes, _, body = data.partition(b"\r\n\r\n")
        lines = head_bytes.decode("latin-1").split("\r\n")
        method, target, _ = lines[0].split(" ", 2)
        headers = {
            name.strip().lower(): value.strip() for name, _, value in (line.partition(":") for line in lines[1:])
        }
        while len(body) < int(headers.get("content-length", "0")):
            piece = conn.recv(BLOCK)
            if not piece:
                return None
            body += piece
            with self._lock:
                host.received += len(piece)
        split = urlsplit(target)
        fields = dict(parse_qsl(split.query, keep_blank_values=True))
        fields.update(parse_qsl(body.decode("latin-1"), keep_blank_values=True))
        seen = Seen(host.index, method, split.path.rsplit("/", 1)[-1], fields, split.query.encode(), body)
        with self._lock:
            self.requests.append(seen)
        return seen

    def close(self) -> None:
        """Stop every wait and drip, close every socket, and let every thread end."""
        with self._lock:
            self.closing.set()
            for sock in [*(host.listener for host in self.hosts), *self._open]:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)  # wakes a thread blocked on it
            threads = list(self._threads)
        for thread in threads:
            thread.join(IO_TIMEOUT)
        for host in self.hosts:
            host.listener.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

"""How a misbehaving host answers: :data:`MODES`, by name, for tests/http/hostile_servers.py.

Each mode gets the request a host read whole and writes what it likes to the connection: an
error status, nothing at all, a body cut short, a corrupt or bomb gzip, 256 MB, a drip, a
redirect, a broken status line, the credentials echoed back... ``ok`` answers as the server
would (fmt=3). Waits and drips end when the servers close; a reply ends at the first write the
client no longer reads.
"""

from __future__ import annotations

import gzip
import json
import socket
import struct
import threading
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

DRIP = 0.3
"""Seconds between two bytes of a drip."""
SLOW = 5.0
"""Seconds the ``slow`` and ``stall-body`` modes wait: longer than any test's deadline."""
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


@dataclass
class Exchange:
    """What a mode works with: the request, the connection, and where the other hosts are."""

    host: int
    """Which host this is, counted from 0."""
    base_urls: list[str]
    """Every host's, for a redirect to point at."""
    closing: threading.Event
    conn: socket.socket
    request: Seen

    def send(self, data: bytes) -> None:
        self.conn.sendall(data)

    def answer(self, status: int, body: bytes, *headers: tuple[str, str], length: int | None = None) -> None:
        self.send(head(status, ("Content-Length", str(len(body) if length is None else length)), *headers) + body)

    def wait(self, seconds: float) -> bool:
        """Wait; ``False`` when the servers closed meanwhile."""
        return not self.closing.wait(seconds)

    def drip(self, data: bytes) -> None:
        for byte in data:
            if not self.wait(DRIP):
                return
            self.send(bytes([byte]))

    def stream(self, blocks: Iterator[bytes]) -> None:
        """Write block after block until they end, the client stops reading, or the servers close."""
        for block in blocks:
            if self.closing.is_set():
                return
            self.send(block)

    @property
    def echo(self) -> bytes:
        """What carries the credentials: the form body of a POST, the query of a GET."""
        return self.request.body or self.request.query

    def url(self, host: int, suffix: str = "") -> str:
        """The same script on another host (counted round: the next after the last is the first)."""
        return self.base_urls[host % len(self.base_urls)] + self.request.script + suffix


def head(status: int, *headers: tuple[str, str]) -> bytes:
    lines = [f"HTTP/1.1 {status} Whatever", *(f"{name}: {value}" for name, value in headers), "Connection: close"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def good_reply(request: Seen) -> bytes:
    """A fmt=3 reply to the request: the send's own id, an operator, or a balance."""
    if request.script == "send.php":
        if not request.fields.get("id", "").isdigit():  # a send that lost its form on the way (a followed 303)
            return b'{"error": "parameters error", "error_code": 1}'
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
    return lambda ex: ex.answer(code, b"", ("Location", ex.url(ex.host if to_self else ex.host + 1)))


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
    ex.answer(302, b"", ("Location", ex.url(ex.host + 1, "?" + ex.echo.decode("latin-1"))))


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

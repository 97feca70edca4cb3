"""Loopback HTTP servers that misbehave on purpose, and count everything they receive.

``HostileServers("http-502", "ok")`` listens on 127.0.0.1 with one port per host; each host
reads a whole request (counted, per host and per script, with its fields), then acts out its
mode (tests/http/hostile_modes.py). The mode ``"refused"`` binds a port and never listens, so a
connection to it is refused.

Raw sockets, not ``http.server``, so that a reply can be anything at all (a broken status
line, a reset). Every thread ends by itself: sockets time out, and closing the servers wakes
every thread that waits, drips or reads.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from urllib.parse import parse_qsl, urlsplit

from typing_extensions import Self

from smsc_formats import Credentials, _json_body
from smsc_formats._fake._received import JSON_FORMS
from tests.http.hostile_modes import BLOCK, MODES, Exchange, Seen

LOGIN = "demo"
PASSWORD = "p@ss wörd/+1"
"""One of the secrets tests.credential_sweep looks for: a leak of it anywhere fails the test."""
IO_TIMEOUT = 5.0
"""Seconds a server waits on a silent client before it lets the connection go."""


@dataclass(frozen=True)
class Remote:
    """Servers somewhere else (another process's), as ``tests.http.http_stacks`` needs them."""

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


class HostileServers:
    """Hosts on 127.0.0.1, one per mode given, in that order; a context manager.

    ``ca_file`` is ``None``: plain HTTP, which is what ``tests.http.http_stacks`` asks of a server.
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
                MODES[host.mode](Exchange(host.index, self.base_urls, self.closing, conn, request))
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
        script = JSON_FORMS.get(split.path)  # a JSON form's body is one object, answered as its script
        if script is not None and headers.get("content-type") == "application/json":
            fields.update(_json_body.read("application/json", body))
        else:
            script = split.path.rsplit("/", 1)[-1]
            fields.update(parse_qsl(body.decode("latin-1"), keep_blank_values=True))
        seen = Seen(host.index, method, script, fields, split.query.encode(), body)
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

"""SOAP end to end: a request envelope POSTed to a SOAP endpoint on 127.0.0.1 started here."""

from __future__ import annotations

import threading
import urllib.request
from collections.abc import Iterator
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from smsc_formats import AuthorisationFailed
from smsc_formats.channels.soap import (
    NAMESPACE,
    SoapErrorReply,
    decode_soap_request,
    decode_soap_response,
    encode_soap_request,
    encode_soap_response,
)
from smsc_formats.operations.balance import Balance


class _Endpoint(BaseHTTPRequestHandler):
    """Answers get_balance: 12.50 for alex/123, error 2 for anyone else."""

    def do_POST(self) -> None:
        request = self.rfile.read(int(self.headers["Content-Length"]))
        operation, params = decode_soap_request(request)
        ok = (params.get("login"), params.get("psw")) == ("alex", "123")
        reply = Balance(balance=Decimal("12.50")) if ok else SoapErrorReply(operation=operation.name, code=2)
        body = encode_soap_response(operation, reply)
        self.send_response(200)
        self.send_header("Content-Type", "text/xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the tests read replies, not logs."""


@pytest.fixture
def endpoint() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Endpoint)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sys/soap.php"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _post(url: str, login: str, psw: str) -> bytes:
    request = urllib.request.Request(
        url,
        data=encode_soap_request("soap_get_balance", {"login": login, "psw": psw}),
        headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": NAMESPACE},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        data: bytes = response.read()
        return data


def test_a_balance_request_over_http_comes_back_as_the_result(endpoint: str) -> None:
    assert decode_soap_response("soap_get_balance", _post(endpoint, "alex", "123")) == Balance(balance=Decimal("12.50"))


def test_a_refused_login_comes_back_as_the_shared_error_class(endpoint: str) -> None:
    reply = decode_soap_response("soap_get_balance", _post(endpoint, "alex", "wrong"))
    assert isinstance(reply, SoapErrorReply)
    with pytest.raises(AuthorisationFailed) as caught:
        reply.raise_for_error()
    assert (caught.value.error_code, caught.value.operation) == (2, "soap_get_balance")

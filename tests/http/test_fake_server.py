"""The fake SMSC: its documented wire lines, its state, its faults, and its pytest fixture."""

from __future__ import annotations

import errno
import http.client
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from decimal import Decimal
from urllib.parse import urlencode

import pytest

import smsc_formats as smsc
from smsc_formats import testing
from smsc_formats._fake import HANDLERS, FakeAccount
from smsc_formats._fake._state import Fields, Reply, Script
from smsc_formats.testing import FakeSmsc

pytest_plugins = ["pytester"]

LOGIN = "login=demo&psw=pw"


@pytest.fixture
def account() -> FakeAccount:
    return FakeAccount(login="demo", password="pw", apikey="key", balance=Decimal("10.00"), price=Decimal("1.50"))


def ask(account: FakeAccount, script: str, query: str) -> bytes:
    answer = account.answer(script, f"{LOGIN}&{query}")
    assert answer.status == 200
    return answer.body


@pytest.mark.parametrize(
    ("query", "line"),
    [
        ("cost=0&fmt=0", b"OK - 1 SMS, ID - 1"),
        ("cost=1&fmt=0", b"1.50 (1 SMS)"),
        ("cost=3&fmt=0", b"OK - 1 SMS, ID - 1, COST - 1.50, BALANCE - 8.50"),
        ("cost=0&fmt=1", b"1,1"),
        ("cost=1&fmt=1", b"1.50,1"),
        ("cost=3&fmt=1", b"1,1,1.50,8.50"),
        ("cost=0&fmt=2", b"<result>\n<id>1</id>\n<cnt>1</cnt>\n</result>"),
        ("cost=3&fmt=3", b'{\n"id": 1,\n"cnt": 1,\n"cost": "1.50",\n"balance": "8.50"\n}'),
    ],
)
def test_send_answers_the_documented_lines(account: FakeAccount, query: str, line: bytes) -> None:
    assert ask(account, "send.php", f"phones=79991234567&mes=hi&{query}") == line


def test_sending_lowers_the_balance_by_the_cost_until_money_runs_out(account: FakeAccount) -> None:
    long_cyrillic = urlencode({"mes": "ж" * 71, "charset": "utf-8"})  # two parts of 70
    assert ask(account, "send.php", f"phones=79991234567,79991234568&{long_cyrillic}&fmt=1") == b"1,4"
    assert ask(account, "balance.php", "fmt=0") == b"4.00"
    assert ask(account, "send.php", "phones=79991234567&mes=x&cost=1&fmt=0") == b"1.50 (1 SMS)"
    assert ask(account, "balance.php", "fmt=3") == b'{\n"balance": "4.00"\n}'
    no_money = b"ERROR = 3 (no money), ID - 2"  # send.php names the refused message
    assert ask(account, "send.php", f"phones=79991234567,79991234568&{long_cyrillic}&fmt=0") == no_money
    assert ask(account, "balance.php", "fmt=2") == b"<balance>4.00</balance>"


def test_invalid_numbers_and_missing_text_are_refused(account: FakeAccount) -> None:
    assert ask(account, "send.php", "phones=12345&mes=hi&fmt=0") == b"ERROR = 7 (invalid number), ID - 1"
    assert ask(account, "send.php", "phones=79991234567,12&mes=hi&id=77&fmt=1") == b"77,-7"
    assert ask(account, "send.php", "phones=79991234567&fmt=1") == b"0,-1"


def test_status_advances_with_the_clock(account: FakeAccount) -> None:
    ask(account, "send.php", "phones=79991234567&mes=hi&id=42&fmt=3")
    first = ask(account, "status.php", "id=42&phone=79991234567&fmt=0")
    account.clock.advance(account.delivery)
    second = ask(account, "status.php", "id=42&phone=79991234567&fmt=1")
    assert first.startswith(b"Status = 0, check_time = ")
    assert b"err" not in first  # left out when 0, as the server does
    assert second.startswith(b"1,")
    assert ask(account, "status.php", "id=7&phone=79991234567&fmt=3") == b'{\n"status": -3\n}'


def test_several_statuses_come_as_a_list(account: FakeAccount) -> None:
    ask(account, "send.php", "phones=79991234567&mes=hi&id=5")
    body = ask(account, "status.php", "id=5,6&phone=79991234567,79991234567&fmt=1")
    first, second = body.split(b"\n")
    assert first.startswith(b"0,")
    assert first.endswith(b",,5,79991234567")  # err 0 is an empty column
    assert second == b"-3,,,6,79991234567"


def test_operator_lookup_is_written_by_the_library(account: FakeAccount) -> None:
    assert ask(account, "info.php", "get_operator=1&phone=79991234567&fmt=1&charset=utf-8") == (
        "Россия,МТС,Москва,250,01,3".encode()
    )
    assert ask(account, "info.php", "get_operator=1&phone=15551234567&fmt=0") == b"ERROR = 3 (operator not found)"


def test_the_default_charset_is_windows_1251(account: FakeAccount) -> None:
    text = "Привет"
    form = urlencode({"phones": "79991234567", "mes": text, "fmt": "3"}, encoding="windows-1251")
    account.answer("send.php", f"{LOGIN}&{form}")
    assert account.seen[-1]["mes"] == text
    assert account.seen[-1]["psw"] == "***"
    body = account.answer("info.php", f"{LOGIN}&get_operator=1&phone=79991234567&fmt=3").body
    assert "Россия".encode("windows-1251") in body


@pytest.mark.parametrize(
    ("fmt", "body"),
    [
        ("0", b"ERROR = 2 (authorise error)"),
        ("1", b"0,-2"),
        ("2", b"<result>\n<error>authorise error</error>\n<error_code>2</error_code>\n</result>"),
        ("3", b'{\n"error": "authorise error",\n"error_code": 2\n}'),
    ],
)
def test_wrong_credentials_get_error_2_in_the_asked_format(account: FakeAccount, fmt: str, body: bytes) -> None:
    assert account.answer("balance.php", f"login=demo&psw=nope&fmt={fmt}").body == body
    assert account.answer("balance.php", f"apikey=key&fmt={fmt}").status == 200
    assert account.answer("balance.php", f"apikey=key&fmt={fmt}").body != body


def test_faults_are_spent_in_order(account: FakeAccount) -> None:
    account.queue("error", 9, 2)
    account.queue("error_line", 4, 1)
    account.queue("empty", None, 1)
    bodies = [ask(account, "balance.php", "fmt=3") for _ in range(5)]
    busy = b'{\n"error": "duplicate request, wait a minute",\n"error_code": 9\n}'
    assert bodies == [busy, busy, b"ERROR = 4 (IP address is temporarily blocked)", b"", b'{\n"balance": "10.00"\n}']


def test_an_error_fault_changes_no_state(account: FakeAccount) -> None:
    account.queue("error", 1, 1)
    ask(account, "send.php", "phones=79991234567&mes=hi")
    assert account.balance == Decimal("10.00")
    assert account.messages == {}


def test_a_host_taken_down_refuses_connections() -> None:
    with FakeSmsc(hosts=2) as server:
        port = int(server.base_urls[0].rsplit(":", 1)[1].split("/")[0])
        server.take_down(0)
        with pytest.raises(ConnectionRefusedError) as caught:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        assert caught.value.errno == errno.ECONNREFUSED
        request = urllib.request.Request(server.base_urls[1] + "balance.php?login=demo&psw=demo-password&fmt=3")
        with urllib.request.urlopen(request, timeout=2) as answer:
            assert answer.read() == b'{\n"balance": "100.00"\n}'
        assert server.requests[-1].url_fields == ("login", "psw", "fmt")


def test_a_server_never_started_closes_at_once_and_frees_its_ports() -> None:
    server = FakeSmsc(hosts=2)
    ports = [int(url.rsplit(":", 1)[1].split("/")[0]) for url in server.base_urls]
    closing = threading.Thread(target=server.close, daemon=True)
    closing.start()
    closing.join(timeout=5)
    assert not closing.is_alive()  # no serve_forever loop to wait for
    for port in ports:
        with pytest.raises(ConnectionRefusedError) as caught:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        assert caught.value.errno == errno.ECONNREFUSED


def test_without_pytest_the_module_is_the_server_alone() -> None:
    code = (
        "import sys; sys.modules['pytest'] = None\n"  # as if pytest were not installed
        "import smsc_formats.testing as testing\n"
        "from smsc_formats.testing import *\n"
        "print(testing.__all__, hasattr(testing, 'fake_smsc'), FakeSmsc.__name__)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "['FakeSmsc', 'Seen'] False FakeSmsc\n"


def test_the_fixture_is_a_plugin_any_project_can_load(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        "def test_server(fake_smsc):\n"
        "    assert len(fake_smsc.base_urls) == 2\n"
        "    assert fake_smsc.base_urls[0].startswith('http://127.0.0.1:')\n"
    )
    pytester.runpytest("-p", "smsc_formats.testing", "-p", "no:cacheprovider").assert_outcomes(passed=1)


@pytest.mark.parametrize(
    ("script", "query"),
    [
        ("status.php", "id=1,2&phone=79991234567"),
        ("status.php", "id=x&phone=79991234567"),
        ("status.php", "id=%C2%B2&phone=79991234567"),  # "²": a digit to str.isdigit, not to int()
        ("send.php", f"phones=79991234567&mes=hi&id={'9' * 5000}"),
        ("jobs.php", "get=1"),
        ("send.php", "phones=a@example.com&mes=hi&mail=1&sender=me@x.ru"),
        ("send.php", "phones=a@example.com&mes=hi&mail=1&subj=Hi"),
        ("senders.php", "get=1&cnt=x"),
        ("phones.php", "get=1&after_id=x"),
        ("documents.php", "add_account=1&user=shop&sum=-5"),
        ("jobs.php", "get_all=1&start=31.02"),
    ],
    ids=[
        "ids and phones differ in number",
        "id not a number",
        "id a superscript",
        "a send's id of 5000 digits",
        "a mailing without its id",
        "an e-mail without its subject",
        "an e-mail without its sender",
        "a count of sender names that is no number",
        "a contact's after_id that is no number",
        "an invoice of a negative sum",
        "mailings from a day that is no date",
    ],
)
def test_malformed_requests_get_error_1(account: FakeAccount, script: str, query: str) -> None:
    assert ask(account, script, f"{query}&fmt=1") == b"0,-1"


@pytest.mark.parametrize("address", ["ann", "@example.com", "ann@", "ann@x@y", "79991234567"])
def test_an_e_mail_to_what_is_no_address_is_error_7(account: FakeAccount, address: str) -> None:
    query = f"phones={address}&mes=hi&mail=1&subj=Hi&sender=me@x.ru&id=5&fmt=1"
    assert ask(account, "send.php", query) == b"5,-7"


@pytest.mark.parametrize(
    ("script", "query", "named"),
    [
        ("info.php", "phone=79991234567", "info.php phone"),
        ("nope.php", "a=1&b=2", "nope.php a, b"),
        ("get.php", "cnt=5", "get.php cnt"),
        ("send.php", "phones=79991234567&mes=hi&push=1&valid=01:00&flash=0", "send.php push, valid"),
        ("senders.php", "get=1&all=1", "senders.php all"),
    ],
    ids=["info without get_operator", "unknown script", "get.php without a command", "send as a push", "senders all=1"],
)
def test_what_the_fake_does_not_implement_is_http_501_naming_no_credential(
    account: FakeAccount, script: str, query: str, named: str
) -> None:
    before = (account.balance, dict(account.messages))
    answer = account.answer(script, f"login=demo&psw=pw&apikey=key&{query}&fmt=3&charset=utf-8")
    assert (answer.status, answer.body) == (501, f"not implemented by FakeSmsc: {named}".encode())
    assert (account.balance, account.messages) == before


def test_a_failure_inside_the_fake_is_an_http_500_and_recorded(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(account: FakeAccount, fields: Fields) -> Reply:
        raise RuntimeError("bug in a handler")

    monkeypatch.setitem(HANDLERS, "balance", Script(broken, frozenset()))
    with FakeSmsc() as server:
        request = urllib.request.Request(server.base_urls[0] + "balance.php?apikey=demo-api-key&fmt=3")
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(request, timeout=2)
        assert caught.value.code == 500
        assert b"bug in a handler" in caught.value.read()
        caught.value.close()
    assert [str(error) for error in server.errors] == ["bug in a handler"]


# A request whose body cannot be read is answered with HTTP 400 at once and recorded; the
# handler never waits on the client, and nothing is printed. Raw sockets, as no client library
# sends such a request.


LOGIN_QUERY = "login=demo&psw=demo-password"


def _port(server: FakeSmsc) -> int:
    return int(server.base_urls[0].rsplit(":", 1)[1].split("/")[0])


def _post(server: FakeSmsc, length: str, body: bytes, *, close_after_body: bool = False) -> tuple[bytes, float]:
    """Send a POST with ``Content-Length: length``; the answer (up to the server's close) and how long it took."""
    connection = socket.create_connection(("127.0.0.1", _port(server)), timeout=3)
    started = time.monotonic()
    with connection:
        head = f"POST /sys/balance.php?{LOGIN_QUERY} HTTP/1.1\r\nHost: x\r\nContent-Length: {length}\r\n\r\n"
        connection.sendall(head.encode() + body)
        if close_after_body:
            connection.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer, time.monotonic() - started


def _handlers() -> int:
    return sum("process_request_thread" in thread.name for thread in threading.enumerate())


@pytest.mark.parametrize(
    ("length", "body"),
    [("x", b"fmt=3"), ("-1", b"fmt=3"), ("99999999", b"fmt=3"), ("1e3", b""), ("5, 5", b"fmt=3")],
    ids=["not a number", "negative", "more than the server reads", "exponent", "a list"],
)
def test_a_malformed_content_length_is_answered_400_at_once(
    length: str, body: bytes, capfd: pytest.CaptureFixture[str]
) -> None:
    with FakeSmsc() as server:
        answer, seconds = _post(server, length, body)
    assert answer.startswith(b"HTTP/1.0 400 ")
    assert f"Content-Length {length!r}: expected a number of bytes from 0 to 8388608".encode() in answer
    assert seconds < 1  # at once: the client still holds the connection open
    assert [str(error) for error in server.errors] == [
        f"Content-Length {length!r}: expected a number of bytes from 0 to 8388608"
    ]
    assert capfd.readouterr().err == ""


def test_a_body_shorter_than_its_length_is_answered_400_when_the_client_stops(
    capfd: pytest.CaptureFixture[str],
) -> None:
    with FakeSmsc() as server:
        answer, _ = _post(server, "100", b"fmt=3", close_after_body=True)
    assert answer.startswith(b"HTTP/1.0 400 ")
    assert [str(error) for error in server.errors] == ["Content-Length 100: the body ended after 5 bytes"]
    assert capfd.readouterr().err == ""


def test_a_body_that_does_not_arrive_is_answered_400_after_the_body_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(testing, "BODY_TIMEOUT", 0.2)
    with FakeSmsc() as server:
        answer, seconds = _post(server, "100", b"fmt=3")
    assert answer.startswith(b"HTTP/1.0 400 ")
    assert 0.2 <= seconds < 2
    assert [str(error) for error in server.errors] == ["Content-Length 100: the body did not arrive within 0.2 s"]


def test_the_handler_ends_while_the_client_holds_the_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(testing, "LINGER", 0.2)
    with FakeSmsc() as server:
        before = _handlers()
        connection = socket.create_connection(("127.0.0.1", _port(server)), timeout=3)
        with connection:
            connection.sendall(b"POST /sys/balance.php HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\nfmt=3")
            assert connection.recv(12) == b"HTTP/1.0 400"
            deadline = time.monotonic() + 3
            while _handlers() > before and time.monotonic() < deadline:
                time.sleep(0.05)
            assert _handlers() == before  # the connection is still open on this side


def test_what_the_client_still_sends_after_a_400_is_read_so_the_answer_is_not_reset() -> None:
    """Closing a socket with unread bytes resets the connection; the client would lose the 400."""
    with FakeSmsc() as server:
        answer, _ = _post(server, "x", b"fmt=3&" + b"x" * 4_000_000)
        assert answer.startswith(b"HTTP/1.0 400 ")
        assert _post(server, "5", b"fmt=3")[0].endswith(b'{\n"balance": "100.00"\n}')  # and the host serves on


def test_a_client_that_hangs_up_before_its_answer_leaves_no_traceback(capfd: pytest.CaptureFixture[str]) -> None:
    """A client that gives up (a timeout, a failover) is ordinary: the server says nothing of it."""
    with FakeSmsc() as server:
        server.delay_next(0.3)
        port = int(server.base_urls[0].split(":")[2].split("/")[0])
        with socket.create_connection(("127.0.0.1", port)) as sock:
            sock.sendall(b"GET /sys/balance.php?login=demo&psw=demo-password HTTP/1.1\r\nHost: x\r\n\r\n")
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        time.sleep(0.6)  # the answer is written to a connection reset by then
        assert [seen.script for seen in server.requests] == ["balance.php"]
    assert "Traceback" not in capfd.readouterr().err


def test_a_fault_of_the_server_itself_is_still_printed(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    def broken(handler: object, body: bytes) -> None:
        raise RuntimeError("the handler broke")

    monkeypatch.setattr(testing._Handler, "_answer", broken)
    with FakeSmsc() as server, pytest.raises(http.client.RemoteDisconnected, match="Remote end closed"):
        urllib.request.urlopen(server.base_urls[0] + "balance.php", timeout=5)
    assert "RuntimeError: the handler broke" in capfd.readouterr().err


def test_an_hlr_request_that_fails_is_posted_without_a_network_answer(account: FakeAccount) -> None:
    account.failing["79991234567"] = (20, 1)
    ask(account, "send.php", "phones=79991234567,79990000001&mes=x&hlr=1&id=5&fmt=3")
    account.clock.advance(account.delivery)
    failed, answered = account.settle()
    assert isinstance(failed, smsc.HlrResult)
    assert isinstance(answered, smsc.HlrResult)
    assert (failed.status, failed.err, failed.imsi, failed.net) == (20, 1, None, None)
    assert (answered.status, answered.mcc, answered.mnc, answered.rcn) == (smsc.StatusCode.DELIVERED, "250", "01", None)
    assert account.settle() == []  # each once


def test_incoming_sms_and_confirmation_calls_are_posted_once_each(account: FakeAccount) -> None:
    sms = account.receive("79990000001", "Да", None)
    call = account.call("+79990000002")
    first = account.settle()
    assert [(type(event), event.id, event.phone) for event in first] == [
        (smsc.IncomingSms, sms, "79990000001"),
        (smsc.ConfirmationCall, call, "79990000002"),
    ]
    later = account.receive("79990000003", "Нет", None)
    assert [(type(event), event.id) for event in account.settle()] == [(smsc.IncomingSms, later)]
    assert account.settle() == []

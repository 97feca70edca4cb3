"""What the fake account refuses, and with which code, script by script: each request is
answered by ``FakeAccount`` directly (no sockets) in fmt=1, whose error line is ``<id>,-<code>``."""

from __future__ import annotations

from decimal import Decimal

import pytest

from smsc_formats._fake import FakeAccount
from smsc_formats.testing import FakeSmsc

LOGIN = "login=demo&psw=pw"
PHONE = "79991234567"


def account(*, rate_limits: bool = False) -> FakeAccount:
    return FakeAccount(
        login="demo",
        password="pw",
        apikey="key",
        balance=Decimal("10.00"),
        price=Decimal("1.50"),
        rate_limits=rate_limits,
    )


def ask(fake: FakeAccount, script: str, query: str, fmt: str = "1") -> tuple[int, bytes]:
    answer = fake.answer(script, f"{LOGIN}&{query}&fmt={fmt}&charset=utf-8")
    return answer.status, answer.body


SETUP = {
    "contact": [("phones.php", f"add=1&phone={PHONE}"), ("phones.php", "add=1&phone=79990000000")],
    "group": [("phones.php", "add_group=1&name=g")],
    "black": [("phones.php", f"add_black=1&phone={PHONE}")],
    "user": [("users.php", "add=1&user=shop&password=Str0ng-pass")],
    "sender": [("senders.php", "add=1&sender=Shop")],
    "": [],
}


@pytest.mark.parametrize(
    ("setup", "script", "query", "body"),
    [
        ("", "phones.php", "add=1&phone=79991234567&grp=x", b"0,-1"),
        ("", "phones.php", "add=1&phone=79991234567&grp=5", b"0,-5"),
        ("", "phones.php", "get=1&grp=x", b"0,-1"),
        ("", "phones.php", "get=1", b"0,-3"),
        ("contact", "phones.php", "chg=1&phone=79991234567&new_phone=79990000000", b"0,-5"),
        ("contact", "phones.php", "chg=1&phone=79991234567&new_phone=79991234567&name=x", b"OK"),
        ("", "phones.php", "add_group=1", b"0,-1"),
        ("", "phones.php", "chg_group=1&name=x", b"0,-1"),
        ("", "phones.php", "chg_group=1&grp=1,2&name=x", b"0,-1"),
        ("", "phones.php", "chg_group=1&grp=1&name=x", b"0,-3"),
        ("group", "phones.php", "chg_group=1&grp=1", b"0,-1"),
        ("group", "phones.php", f"move_group=1&grp=1&phone={PHONE}", b"0,-3"),
        ("contact", "phones.php", f"move_group=4&grp=1&phone={PHONE}", b"0,-3"),
        ("", "phones.php", "add_black=1&phone=79991234567&type=5", b"0,-1"),
        ("black", "phones.php", f"add_black=1&phone={PHONE}", b"0,-5"),
        ("", "phones.php", f"del_black=1&phone={PHONE}", b"0,-3"),
        ("", "templates.php", "add=1&name=x", b"0,-1"),
        ("", "templates.php", "del=1&id=4", b"0,-3"),
        ("", "op_templates.php", "add=1&sender=Shop", b"0,-1"),
        ("", "op_templates.php", "del=1&sender=Shop&msg=x", b"0,-3"),
        ("", "jobs.php", "add=1&phones=79991234567&mes=x&cost=2", b"0,-1"),
        ("", "jobs.php", "del=1&id=3", b"0,-1"),
        ("", "jobs.php", "cancel=1&id=3", b"0,-1"),
        ("user", "users.php", "add=1&user=shop&password=Str0ng-pass", b"0,-8"),
        ("user", "users.php", "chg=1&user=shop&password=weak", b"0,-1"),
        ("user", "users.php", "pay=1&user=shop&sum=x", b"0,-1"),
        ("user", "users.php", "pay=1&user=shop&sum=NaN", b"0,-1"),
        ("", "users.php", "pay=1&user=nobody&sum=1", b"0,-6"),
        ("user", "users.php", "get_stat=1&start=32.01.2026", b"0,-1"),
        ("user", "users.php", "get_stat=1&user=shop", b"0,-3"),
        ("", "senders.php", "add=1", b"0,-1"),
        ("sender", "senders.php", "add=1&sender=Shop", b"0,-5"),
        ("", "senders.php", "del=1&sender=Shop", b"0,-3"),
        ("", "senders.php", "send_code=1&sender=79991234567", b"0,-3"),
        ("", "senders.php", "check_code=1&sender=79991234567&code=1", b"0,-3"),
        ("", "get.php", "get_messages=1&cnt=0", b"0,-1"),
        ("", "get.php", "get_messages=1&email=a@example.com", b"0,-3"),
        ("", "get.php", "get_answers=1&hour=200", b"0,-1"),
        ("", "get.php", "get_stat=1&end=x", b"0,-1"),
        ("", "get_mnp.php", "date=x", b"0,-1"),
        ("", "tinyurls.php", "get=1", b"0,-1"),
        ("", "receive_phones.php", "buy=1&phone=79991234567", b"0,-1"),
        ("", "receive_phones.php", "chg=1&phone=79010000001", b"0,-1"),
        ("", "wait_call.php", "phone=", b"0,-1"),
        ("", "ping.php", "id=x", b"0,-1"),
        ("", "info.php", "get_operator=1&phone=79991234567,", b"0,-1"),
        ("", "send.php", "phones=79991234567&mes=x&tz=99", b"0,-5"),
        ("", "send.php", "phones=79991234567&mes=x&time=soon", b"0,-5"),
        ("", "status.php", "id=1&phone=79991234567&all=3", b"0,-1"),
    ],
)
def test_refusals(setup: str, script: str, query: str, body: bytes) -> None:
    fake = account()
    for step in SETUP[setup]:
        assert ask(fake, *step)[0] == 200
    assert ask(fake, script, query) == (200, body)


@pytest.mark.parametrize(
    ("script", "query", "fmt", "named"),
    [
        ("templates.php", "get=1", "1", "an empty list in fmt=1"),
        ("op_templates.php", "chg=1&sender=Shop&msg=x", "3", "chg"),
        ("phones.php", "get_group=1&type=1", "3", "type (e-mail groups)"),
        ("send.php", "phones=79991234567&mes=x&time=10-12", "3", "time (an h1-h2 window)"),
        ("send.php", "phones=79991234567&mes=x&op=1", "1", "op in fmt=1"),
        ("send.php", "phones=79991234567&mes=x&err=1", "2", "err in fmt=2"),
    ],
)
def test_what_the_fake_cannot_answer_is_501(script: str, query: str, fmt: str, named: str) -> None:
    assert ask(account(), script, query, fmt) == (501, f"not implemented by FakeSmsc: {script} {named}".encode())


def test_a_reply_fmt_1_cannot_carry_is_501() -> None:
    fake = account()
    ask(fake, "send.php", f"phones={PHONE}&mes=a,+b")
    status, body = ask(fake, "get.php", "get_messages=1")
    assert status == 501
    assert body.startswith(b"not implemented by FakeSmsc: get.php a reply fmt=1 cannot carry (")


def test_the_history_carries_errors_comments_and_numbers_of_unknown_operators() -> None:
    fake = account()
    fake.failing["15551234567"] = (20, 6)
    ask(fake, "send.php", "phones=15551234567&mes=hi%0A~~~%0Anote")
    fake.clock.advance(1)
    status, body = ask(fake, "get.php", "get_messages=1", fmt="3")
    assert status == 200
    assert b'"err": 6,' in body
    assert b'"comment": "note",' in body
    assert b"mccmnc" not in body
    assert b'"comment": "note",' in ask(fake, "status.php", "id=1&phone=15551234567&all=1", fmt="3")[1]


def test_groups_deleted_leave_their_contacts() -> None:
    fake = account()
    ask(fake, "phones.php", "add_group=1&name=g")
    ask(fake, "phones.php", f"add=1&phone={PHONE}&grp=1")
    ask(fake, "phones.php", "del_group=1&grp=1")
    assert ask(fake, "phones.php", "get=1", fmt="3")[1] == b'[\n{\n"phone": "79991234567",\n"id": 1\n}\n]'


def test_a_template_flag_and_a_sub_client_with_a_new_password() -> None:
    fake = account()
    ask(fake, "templates.php", "add=1&name=t&msg=m&fl[1]=1")
    ask(fake, "templates.php", "add=1&name=u&msg=m&fl[1]=0")
    assert b'"flag": 1\n}' in ask(fake, "templates.php", "get=1", fmt="3")[1]
    ask(fake, "users.php", "add=1&user=shop&password=Str0ng-pass")
    assert ask(fake, "users.php", "chg=1&user=shop&password=An0ther-pass") == (200, b"OK")


def test_operator_look_ups_for_several_numbers_and_a_list_with_a_group() -> None:
    fake = account()
    body = ask(fake, "info.php", "get_operator=1&phone=79991234567,380441234567", fmt="3")[1]
    assert b'"phone": "380441234567",\n"country": "\xd0\xa3' in body
    assert ask(fake, "send.php", "phones=G7;;79991234567&mes=x") == (200, b"1,1")  # an empty group: no one


def test_with_rate_limits_identical_requests_and_one_sub_client_are_counted() -> None:
    fake = account(rate_limits=True)
    answers = [ask(fake, "info.php", f"get_operator=1&phone={PHONE}")[1] for _ in range(4)]
    assert answers[3] == b"0,-9"
    assert ask(fake, "info.php", "get_operator=1&phone=79990000000")[1] != b"0,-9"  # another number
    changes = [ask(fake, "users.php", f"add=1&user=shop&password=Weak{n}")[1] for n in range(4)]
    assert changes == [b"0,-1", b"0,-1", b"0,-1", b"0,-9"]


def test_the_clock_does_not_go_back() -> None:
    with FakeSmsc() as server, pytest.raises(ValueError, match="time only moves forward"):
        server.advance(-1)

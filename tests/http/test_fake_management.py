"""The fake SMSC's management and data scripts, each driven through the library's own Client:
contacts, groups, blacklist, templates, mailings, sub-clients, sender names, the history and
incoming messages; the untyped operations as ``get_operation(name)(...)``."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest

import smsc_formats as smsc
from smsc_formats import get_operation
from smsc_formats._fake import local
from smsc_formats.operations.jobs import JobCreatedWithCost
from smsc_formats.testing import FakeSmsc
from tests.http.doubles import OTHER, PHONE  # server: a fixture
from tests.http.http_stacks import STACKS, OnStack


@pytest.fixture(params=STACKS, ids=[stack.name for stack in STACKS])
def client(server: FakeSmsc, request: pytest.FixtureRequest) -> OnStack:
    """In place of the module-wide client: every call through a new client on each HTTP stack in turn."""
    return OnStack(request.param, server, {"retry": smsc.Retry(attempts=1)})


def test_contacts_join_move_between_and_leave_groups(client: OnStack) -> None:
    assert client.call(get_operation("phones_get")()) == []  # error 3, read as no records
    friends = client.call(get_operation("phones_add_group")(name="friends")).id
    work = client.call(get_operation("phones_add_group")(name="work")).id
    ann = client.call(get_operation("phones_add")(phone=PHONE, name="Ann", grp=str(friends))).id
    client.call(get_operation("phones_add")(phone=OTHER, fnm="Bob"))
    assert [contact.id for contact in client.call(get_operation("phones_get")(grp=str(friends)))] == [ann]
    client.call(get_operation("phones_move_group")(grp=str(work), phone=PHONE, move_group="2"))
    assert client.call(get_operation("phones_get")(grp=str(work)))[0].group == f"{friends},{work}"
    client.call(get_operation("phones_move_group")(grp=str(friends), phone=PHONE, move_group="3"))
    assert client.call(get_operation("phones_get")(grp=str(friends))) == []
    client.call(get_operation("phones_chg")(phone=PHONE, new_phone="79990000000", name="Anna"))
    contacts = client.call(get_operation("phones_get")())
    assert [(contact.phone, contact.name, contact.first_name) for contact in contacts] == [
        ("79990000000", "Anna", None),
        (OTHER, None, "Bob"),
    ]


def test_contacts_keep_their_details_are_searched_and_read_in_pages(server: FakeSmsc, client: OnStack) -> None:
    ann = client.call(get_operation("phones_add")(phone=PHONE, name="Ann", bd=date(1990, 5, 17), tags="vip"))
    bob = client.call(get_operation("phones_add")(phone=OTHER, name="Bob", cmt="met at the fair", myid="b-7"))
    client.call(get_operation("phones_chg")(phone=OTHER, pho="79990000009"))
    assert server.account.contacts[OTHER].kept == {"cmt": "met at the fair", "myid": "b-7", "pho": "79990000009"}
    assert [contact.birthday for contact in client.call(get_operation("phones_get")())] == ["17.05.1990", None]
    assert [contact.id for contact in client.call(get_operation("phones_get")(search="VIP"))] == [ann.id]
    assert [contact.id for contact in client.call(get_operation("phones_get")(search="fair"))] == [bob.id]
    assert [contact.id for contact in client.call(get_operation("phones_get")(after_id=ann.id))] == [bob.id]
    assert client.call(get_operation("phones_get")(after_id=bob.id)) == []


def test_e_mail_contacts_are_kept_apart_from_phone_contacts(server: FakeSmsc, client: OnStack) -> None:
    assert client.call(smsc.MAILS_GET()) == []
    clients = client.call(smsc.MAILS_ADD_GROUP(name="clients")).id
    ann = client.call(smsc.MAILS_ADD(mail="ann@example.com", name="Ann", grp=str(clients))).id
    client.call(smsc.MAILS_ADD(mail="bob@example.com", fnm="Bob", cmt="a supplier"))
    assert client.call(smsc.MAILS_GET_GROUP()) == [smsc.ContactGroup(id=clients, name="clients")]
    assert client.call(smsc.MAILS_GET(grp=str(clients))) == [
        smsc.MailContact(mail="ann@example.com", name="Ann", group=str(clients), id=ann)
    ]
    client.call(smsc.MAILS_CHG(mail="ann@example.com", new_mail="anna@example.com"))
    client.call(smsc.MAILS_CHG_GROUP(grp=str(clients), name="buyers"))
    client.call(smsc.MAILS_MOVE_GROUP(grp=str(clients), mail="bob@example.com", move_group="2"))
    assert [(item.mail, item.group) for item in client.call(smsc.MAILS_GET(search="SUPPLIER"))] == [
        ("bob@example.com", str(clients))
    ]
    client.call(smsc.MAILS_DEL(mail="bob@example.com"))
    client.call(smsc.MAILS_DEL_GROUP(grp=str(clients)))
    assert client.call(smsc.MAILS_GET()) == [smsc.MailContact(mail="anna@example.com", name="Ann", id=ann)]
    assert client.call(smsc.MAILS_GET_GROUP()) == []
    assert server.account.contacts == {}  # phones.php's contacts are another book
    with pytest.raises(smsc.NoRecordsFound, match=re.escape("mails_del: error 3 (no records found)")):
        client.call(smsc.MAILS_DEL(mail="bob@example.com"))


def test_groups_are_renamed_and_deleted(client: OnStack) -> None:
    group = client.call(get_operation("phones_add_group")(name="old"))
    client.call(get_operation("phones_chg_group")(grp=str(group.id), name="new"))
    assert [item.name for item in client.call(get_operation("phones_get_group")())] == ["new"]
    client.call(get_operation("phones_del_group")(grp=str(group.id)))
    assert client.call(get_operation("phones_get_group")()) == []
    with pytest.raises(smsc.NoRecordsFound, match=re.escape("phones_del_group: error 3 (no records found)")):
        client.call(get_operation("phones_del_group")(grp=str(group.id)))


def test_what_phones_php_does_not_have_is_error_3_and_a_duplicate_error_5(client: OnStack) -> None:
    with pytest.raises(smsc.NoRecordsFound, match=re.escape("phones_del: error 3 (no records found)")):
        client.call(get_operation("phones_del")(phone=PHONE))
    client.call(get_operation("phones_add")(phone=PHONE))
    with pytest.raises(smsc.OperationFailed, match=re.escape("phones_add: error 5 (operation error)")):
        client.call(get_operation("phones_add")(phone=PHONE))
    client.call(get_operation("phones_del")(phone=PHONE))
    with pytest.raises(smsc.NoRecordsFound, match=re.escape("phones_chg: error 3 (no records found)")):
        client.call(get_operation("phones_chg")(phone=PHONE, name="x"))


def test_templates_are_added_changed_and_deleted(client: OnStack) -> None:
    created = client.call(smsc.TEMPLATES(add=1, name="code", msg="Your code: {code}", format="sms"))
    client.call(smsc.TEMPLATES(chg=1, id=created.id, msg="Code: {code}"))
    (template,) = client.call(smsc.TEMPLATES(get=1))
    assert (template.id, template.name, template.message, template.format) == (
        created.id,
        "code",
        "Code: {code}",
        "sms",
    )
    client.call(smsc.TEMPLATES(id=created.id).bind({"del": 1}))
    assert client.call(smsc.TEMPLATES(get=1)) == []
    with pytest.raises(smsc.TemplateNotFound, match=re.escape("templates: error 3 (template not found)")):
        client.call(smsc.TEMPLATES(chg=1, id=created.id, name="x"))


def test_a_mailing_is_kept_until_deleted(server: FakeSmsc, client: OnStack) -> None:
    priced = client.call(get_operation("jobs_add")(name="news", phones=f"{PHONE},{OTHER}", mes="hi", cost=1))
    assert isinstance(priced, JobCreatedWithCost)
    assert priced.cost == Decimal("3.00")
    assert client.call(get_operation("jobs_get")(id=priced.id)).name == "news"
    client.call(get_operation("jobs_cancel")(id=priced.id))
    assert server.account.jobs[priced.id]["state"] == "cancelled"
    assert [job.id for job in client.call(get_operation("jobs_get_all")())] == [priced.id]
    today = local(server.account.clock.now()).date()
    assert client.call(get_operation("jobs_get_all")(start=today, end=today))[0].id == priced.id
    assert client.call(get_operation("jobs_get_all")(end=today - timedelta(days=1))) == []
    repeated = client.call(
        get_operation("jobs_add")(phones=PHONE, mes="daily", rpt=2, rptn=5, sender2="Shop", mes2="x", translit=1)
    )
    assert server.account.jobs[repeated.id]["options"] == {
        "phones": PHONE, "mes": "daily", "rpt": "2", "rptn": "5", "sender2": "Shop", "mes2": "x", "translit": "1"
    }  # fmt: skip
    client.call(get_operation("jobs_del")(id=priced.id))
    with pytest.raises(smsc.InvalidParameters, match=re.escape("jobs_get: error 1 (parameters error)")):
        client.call(get_operation("jobs_get")(id=priced.id))


def test_e_mail_mailings_are_kept_apart_from_sms_ones_and_priced_per_address(server: FakeSmsc, client: OnStack) -> None:
    add = get_operation("jobs_add")
    text = "Новости недели " * 12  # 180 characters: three SMS parts, one e-mail
    with pytest.raises(smsc.InvalidParameters, match=re.escape("jobs_add: error 1 (parameters error)")):
        client.call(add(phones="ann@example.com", mes=text, mail=1))  # no subject, no sender address
    news = client.call(
        add(
            name="news", phones="ann@example.com;bob@example.com", mes=text, subj="News", sender="shop@example.com"
        ).bind({"mail": 1, "cost": 1}),
        files={"file0": ("prices.pdf", b"%PDF-1.4", "application/pdf")},
    )
    assert news.cost == Decimal("3.00")  # 1.50 an address
    sms = client.call(add(phones=PHONE, mes=text, cost=1))
    assert sms.cost == Decimal("4.50")  # 1.50 a part
    assert [(name, field, upload.filename) for name, field, upload in server.uploads] == [
        ("jobs_add", "file0", "prices.pdf")
    ]
    assert [job.id for job in client.call(get_operation("jobs_get_all")(mail=1))] == [news.id]
    assert [job.id for job in client.call(get_operation("jobs_get_all")())] == [sms.id]
    with pytest.raises(smsc.InvalidParameters, match=re.escape("jobs_get: error 1 (parameters error)")):
        client.call(get_operation("jobs_get")(id=news.id))  # an e-mail mailing is named with mail=1
    assert client.call(get_operation("jobs_get")(id=news.id, mail=1)).name == "news"
    with pytest.raises(smsc.InvalidParameters, match=re.escape("jobs_cancel: error 1 (parameters error)")):
        client.call(get_operation("jobs_cancel")(id=sms.id, mail=1))
    client.call(get_operation("jobs_cancel")(id=news.id, mail=1))
    assert (server.account.jobs[news.id]["state"], server.account.jobs[sms.id]["state"]) == ("cancelled", "waiting")
    with pytest.raises(smsc.InvalidParameters, match=re.escape("jobs_del: error 1 (parameters error)")):
        client.call(get_operation("jobs_del")(id=news.id))
    client.call(get_operation("jobs_del")(id=news.id, mail=1))
    assert list(server.account.jobs) == [sms.id]


def test_a_sub_client_s_sender_names_are_its_own(server: FakeSmsc, client: OnStack) -> None:
    client.call(get_operation("users_add")(user="shop", password="Str0ng-pass"))
    client.call(get_operation("senders_add")(sender="Shop"))
    client.call(get_operation("senders_add")(sender="Shop", user="shop", cmt="the sub-client's"))
    client.call(get_operation("senders_add")(sender="79991234567", user="shop"))
    with pytest.raises(smsc.SenderNotSaved, match=re.escape("senders_add: error 5")):
        client.call(get_operation("senders_add")(sender="Shop", user="shop"))
    assert [item.sender for item in client.call(get_operation("senders_get")(user="shop"))] == ["Shop"]
    assert [item.sender for item in client.call(get_operation("senders_get")())] == ["Shop"]
    with pytest.raises(smsc.SenderNotFound, match=re.escape("senders_send_code: error 3 (sender not found)")):
        client.call(get_operation("senders_send_code")(sender="79991234567"))  # not the account's
    client.call(get_operation("senders_send_code")(sender="79991234567", user="shop"))
    code = server.confirmation_code("79991234567")
    assert code is not None
    client.call(get_operation("senders_check_code")(sender="79991234567", code=code, user="shop"))
    shop, numeric = client.call(get_operation("senders_get")(user="shop"))
    assert (shop.sender, numeric.sender) == ("Shop", "79991234567")
    client.call(get_operation("senders_chg")(sender="Shop", id=shop.id or 0, user="shop", inn="7701234567"))
    assert server.account.users["shop"].senders["Shop"]["inn"] == "7701234567"
    assert "inn" not in server.account.senders["Shop"]
    client.call(get_operation("senders_del")(sender="Shop", id=shop.id or 0, user="shop"))
    with pytest.raises(smsc.SenderNotFound, match=re.escape("senders_del: error 3 (sender not found)")):
        client.call(get_operation("senders_del")(sender="Shop", id=shop.id or 0, user="shop"))
    assert list(server.account.senders) == ["Shop"]


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"user": "nobody"}, "user (a login that is no sub-client of the account)"),
        ({"operators": 1}, "operators"),
        ({"from_date": date(2024, 6, 1)}, "from_date"),
    ],
)
def test_what_senders_php_s_pages_do_not_say_is_http_501(
    client: OnStack, options: dict[str, object], named: str
) -> None:
    message = f"senders_get: HTTP 501 with no SMSC reply: 'not implemented by FakeSmsc: senders.php {named}'"
    with pytest.raises(smsc.HttpStatusError, match=re.escape(message)):
        client.call(get_operation("senders_get").bind(options))


def test_a_sub_client_is_paid_from_the_balance_and_shows_in_the_statistics(server: FakeSmsc, client: OnStack) -> None:
    assert client.call(get_operation("users_get_stat")()) == []
    with pytest.raises(smsc.InvalidParameters, match=re.escape("users_add: error 1 (parameters error)")):  # too weak
        client.call(get_operation("users_add")(user="shop", password="short"))
    settings = {"tz": 15, "curr": 1, "dlim": 1000, "tmlim": "9-21", "mph": [PHONE, OTHER], "sender2": "Shop"}
    client.call(
        get_operation("users_add").bind({"user": "shop", "password": "Str0ng-pass", "fio": "Shop Ltd", **settings})
    )
    assert server.account.users["shop"].settings == {
        "fio": "Shop Ltd", "tz": "15", "curr": "1", "dlim": "1000", "tmlim": "9-21", "mph": f"{PHONE},{OTHER}",
        "sender2": "Shop",
    }  # fmt: skip
    client.call(get_operation("users_pay")(user="shop", sum="40.00"))
    with pytest.raises(smsc.InsufficientFundsToCredit, match=re.escape("users_pay: error 10 (no money)")):
        client.call(get_operation("users_pay")(user="shop", sum="60.01"))
    with pytest.raises(smsc.SubClientNotFound, match=re.escape("users_chg: error 6 (user not found)")):
        client.call(get_operation("users_chg")(user="nobody", fio="x"))
    client.call(get_operation("users_chg")(user="shop", new_login="shop2"))
    (stat,) = client.call(get_operation("users_get_stat_all")())
    assert (stat.login, stat.debit, stat.currency) == ("shop2", Decimal("40.00"), "RUR")
    assert client.call(smsc.BALANCE()).balance == Decimal("60.00")


def test_an_invoice_is_made_for_a_sub_client_and_megafon_accounts_are_listed(server: FakeSmsc, client: OnStack) -> None:
    with pytest.raises(smsc.SubClientNotFound, match=re.escape("documents_add_account: error 6 (user not found)")):
        client.call(smsc.DOCUMENTS_ADD_ACCOUNT(user="shop", sum="100.00"))
    shop = client.call(get_operation("users_add")(user="shop", password="Str0ng-pass")).id
    invoice = client.call(smsc.DOCUMENTS_ADD_ACCOUNT(user_id=shop, sum=Decimal("100.00"), service="SMS"))
    assert server.account.invoices[invoice.id] == {"user": "shop", "sum": Decimal("100.00"), "service": "SMS"}
    document = client.download(smsc.DOCUMENTS_GET_ACCOUNT(id=invoice.id))
    assert (document.name, document.content_type) == (f"счёт-{invoice.id}.pdf", "application/pdf")
    assert document.data == f"%PDF-1.4\n% invoice {invoice.id}: shop, 100.00, SMS\n%%EOF\n".encode()
    with pytest.raises(smsc.NoRecordsFound, match=re.escape("documents_get_account: error 3 (document not found)")):
        client.download(smsc.DOCUMENTS_GET_ACCOUNT(id=invoice.id + 1))
    with pytest.raises(smsc.NoRecordsFound, match=re.escape("documents_get_act: error 3 (document not found)")):
        client.download(smsc.DOCUMENTS_GET_ACT(num="A-1"))
    assert client.call(smsc.GET_MEGA_ACCOUNTS()) == []
    server.add_megafon_account("100200300", balance="12.50")
    server.add_megafon_account("100200301")
    assert client.call(smsc.GET_MEGA_ACCOUNTS(account="100200300")) == [
        smsc.MegafonAccount(account="100200300", extra=(("balance", "12.50"),))
    ]
    assert len(client.call(smsc.GET_MEGA_ACCOUNTS())) == 2


def test_a_numeric_sender_name_is_active_once_its_code_is_confirmed(server: FakeSmsc, client: OnStack) -> None:
    client.call(get_operation("senders_add")(sender="Shop"))
    client.call(get_operation("senders_add")(sender="79991234567", fio="Shop Ltd", mega=1))
    assert server.account.senders["79991234567"]["fio"] == "Shop Ltd"
    assert [item.sender for item in client.call(get_operation("senders_get")())] == ["Shop"]
    with pytest.raises(smsc.InvalidNumberFormat, match=re.escape("senders_send_code: error 7 (invalid number)")):
        client.call(get_operation("senders_send_code")(sender="Shop"))
    client.call(get_operation("senders_send_code")(sender="79991234567"))
    with pytest.raises(smsc.CodeAlreadySent, match=re.escape("senders_send_code: error 10 (already sent)")):
        client.call(get_operation("senders_send_code")(sender="79991234567"))
    with pytest.raises(smsc.InvalidConfirmationCode, match=re.escape("senders_check_code: error 11 (invalid code)")):
        client.call(get_operation("senders_check_code")(sender="79991234567", code="wrong"))
    code = server.confirmation_code("79991234567")
    assert code is not None
    client.call(get_operation("senders_check_code")(sender="79991234567", code=code))
    assert [item.sender for item in client.call(get_operation("senders_get")())] == ["Shop", "79991234567"]
    shop, numeric = client.call(get_operation("senders_get")())
    assert client.call(get_operation("senders_get")(cnt=1)) == [numeric]
    assert client.call(get_operation("senders_get")(prev_id=numeric.id, cnt=5)) == [shop]
    client.call(get_operation("senders_chg")(sender="Shop", cmt="our shop", inn="7701234567", mts=1))  # by its name
    assert server.account.senders["Shop"] | {"id": 0} == {
        "id": 0,
        "active": True,
        "cmt": "our shop",
        "inn": "7701234567",
        "mts": "1",
    }
    client.call(get_operation("senders_del")(id=shop.id or 0))  # by its id alone
    with pytest.raises(smsc.SenderNotFound, match=re.escape("senders_chg: error 3 (sender not found)")):
        client.call(get_operation("senders_chg")(sender="Shop", id=shop.id or 0, cmt="x"))


def test_the_history_pages_back_by_int_id(server: FakeSmsc, client: OnStack) -> None:
    assert client.call(get_operation("get_messages")()) == []  # error 3, read as an empty history
    for text in ("one", "two", "three"):
        client.call(smsc.SEND(phones=PHONE, mes=text))
    server.advance(1)
    first = client.call(get_operation("get_messages")(cnt=2))
    assert [(item.message, item.status) for item in first] == [("three", 1), ("two", 1)]
    before = min(item.int_id or 0 for item in first)
    older = client.call(get_operation("get_messages")(cnt=2, prev_id=before))
    assert [item.message for item in older] == ["one"]
    assert client.call(get_operation("get_messages")(prev_id=older[0].int_id or 0)) == []
    assert client.call(get_operation("get_messages")(phone=OTHER)) == []


def test_incoming_messages_page_on_after_id_and_look_back_hours(server: FakeSmsc, client: OnStack) -> None:
    first = server.receive(PHONE, "old news")
    server.advance(2 * 3600)
    second = server.receive("+" + OTHER, "Да, приду", to_phone="79010000002")
    assert [item.id for item in client.call(get_operation("get_answers")())] == [first, second]
    (latest,) = client.call(get_operation("get_answers")(after_id=first))
    assert (latest.phone, latest.to_phone, latest.message) == (OTHER, "79010000002", "Да, приду")
    assert [item.id for item in client.call(get_operation("get_answers")(hour=1))] == [second]
    assert client.call(get_operation("get_answers")(after_id=second)) == []


def test_the_data_scripts_answer_from_the_account(server: FakeSmsc, client: OnStack) -> None:
    client.call(smsc.SEND(phones=PHONE, mes="x" * 161))
    (stat,) = client.call(get_operation("get_stat")())
    assert (stat.login, stat.cnt, stat.credit) == ("demo", 2, Decimal("3.00"))
    assert [zone.name for zone in client.call(get_operation("get_price")())] == ["Россия", "Украина"]
    server.port(PHONE, "25002")
    assert client.call(get_operation("get_mnp")(date="01.01.2000")) == []
    with pytest.raises(smsc.LinkNotFound, match=re.escape("tinyurls_get: error 3 (link not found)")):
        client.call(get_operation("tinyurls_get")(id=1))
    client.call(get_operation("receive_phones_buy")(phone="79010000001"))
    assert [item.phone for item in client.call(get_operation("receive_phones_get")())] == ["79010000002"]
    client.call(get_operation("receive_phones_chg")(phone="79010000001", noprolong=1))
    assert client.call(get_operation("wait_call")(phone=PHONE)).phone == "74950000000"
    assert client.call(get_operation("downloads_get_list")()) == []
    assert client.call(smsc.PING(id=3, name="db", ok=1)).result == "OK"
    assert server.account.events == [{"id": "3", "name": "db", "ok": "1"}]


def test_ported_numbers_come_by_day_and_as_the_export(server: FakeSmsc) -> None:
    server.port(PHONE, "25002")
    today = server.account.ported[PHONE][1].strftime("%d.%m.%Y")
    answer = server.account.answer("get_mnp.php", f"login=demo&psw=demo-password&date={today}&fmt=3")
    assert answer.body == b'[\n{\n"phone": "79991234567",\n"mccmnc": "25002"\n}\n]'
    export = server.account.answer("get_mnp.php", "login=demo&psw=demo-password&fmt=3")
    assert export.body == b"Phone;mccmnc\n79991234567;25002"


def test_operator_templates_are_added_listed_and_deleted(client: OnStack) -> None:
    client.call(smsc.OP_TEMPLATES(add=1, sender="Shop", msg="Code: %d", mts_srv=1))
    assert [item.message for item in client.call(smsc.OP_TEMPLATES(get=1, sender="Shop"))] == ["Code: %d"]
    client.call(smsc.OP_TEMPLATES(sender="Shop", msg="Code: %d").bind({"del": 1}))
    assert client.call(smsc.OP_TEMPLATES(get=1, sender="Shop")) == []

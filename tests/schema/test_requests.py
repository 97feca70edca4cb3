"""Typed requests: options are checked, normalised and written in the API's form before a byte is sent."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest

import smsc_formats as smsc
from smsc_formats import CostMode, Detail, RequestError, Translit
from smsc_formats.operations import (
    GET_OPERATOR,
    SEND,
    STATUS,
    Choice,
    Cost,
    Day,
    Flag,
    Integer,
    Items,
    MessageDetails,
    MessageList,
    MessageStatus,
    Money,
    Operation,
    Param,
    Phone,
    Record,
    SenderName,
    SendTime,
    Sent,
    Text,
)
from smsc_formats.testing import FakeSmsc
from smsc_formats.transports import MockTransport

PHONE = "79991234567"


@pytest.fixture(scope="module")
def server() -> Iterator[FakeSmsc]:
    with FakeSmsc() as fake:
        yield fake


def _client(server: FakeSmsc) -> smsc.Client:
    return smsc.Client(server.credentials, hosts=server.base_urls)


# Each type: what it takes, how it writes it, what it refuses.
TAKES = [
    (Integer(0, 3), 1, "1"),
    (Integer(0, 3), " 2 ", "2"),
    (Integer(0, 3), "03", "3"),
    (Integer(0, 3, CostMode), CostMode.PRICE_ONLY, "1"),
    (Integer(-24, 24), "-3", "-3"),
    (Flag(), True, "1"),
    (Flag(), False, "0"),
    (Flag(), 1, "1"),
    (Flag(), "0", "0"),
    (Money(), Decimal("10.50"), "10.50"),
    (Money(), 7, "7"),
    (Money(), "-0.385", "-0.385"),
    (Text(max_length=3), "abc", "abc"),
    (Text(), "две\nстроки\tи таб", "две\nстроки\tи таб"),
    (Phone(), 79991234567, "79991234567"),
    (Phone(), "+79991234567", "+79991234567"),
    (Phone(), "G12", "G12"),
    (Items(Phone(), "a phone"), ["+7999", 7888], "+7999,7888"),
    (Items(Phone(), "a phone", semicolons=True), "7999;7888", "7999;7888"),
    (Items(Integer(1, 9), "an id", trailing_comma=True), (5,), "5,"),
    (Items(Integer(1, 9), "an id"), (5,), "5"),
    (Items(Integer(1, 9), "an id"), 5, "5"),
    (Items(Integer(1, 9), "an id"), "5,", "5,"),
    (SendTime(), datetime(2026, 12, 31, 9, 5), "31.12.26 09:05"),  # noqa: DTZ001 - the API's naive local time
    (SendTime(), "+30", "+30"),
    (SendTime(), "0946720800", "0946720800"),
    (SendTime(), "9-18", "9-18"),
    (SendTime(), "3112260905", "3112260905"),
    (Day(), date(2026, 1, 2), "02.01.2026"),
    (Day(), "", ""),
    (SenderName(), "Shop", "Shop"),
    (SenderName(), "123456789012345", "123456789012345"),
    (SenderName(), ".", "."),
    (MessageList(), {79991234567: "Ваш код: 1", "+7888": "b"}, "79991234567:Ваш код: 1\n+7888:b\n"),
    (MessageList(), "7999:a\n7888:b", "7999:a\n7888:b"),
    (Choice(("m", "w")), "w", "w"),
]


@pytest.mark.parametrize(("kind", "given", "written"), TAKES, ids=[f"{type(k).__name__}-{g!r}" for k, g, _ in TAKES])
def test_each_type_takes_a_value_and_writes_it_as_the_api_does(kind: Any, given: object, written: str) -> None:
    normal = kind.normalise(given)
    assert kind.write(normal) == written
    assert kind.normalise(normal) == normal  # normalising twice changes nothing


REFUSES = [
    (Integer(0, 3), 4),
    (Integer(0, 3), "1.0"),
    (Integer(0, 3), True),  # a bool is no number here
    (Integer(0, 3), "x"),
    (Integer(0, 3), "9" * 40),
    (Integer(0, 3), None),
    (Flag(), "yes"),
    (Flag(), 2),
    (Flag(), None),
    (Money(), 1.5),  # a float is not the amount meant
    (Money(), "1,5"),
    (Money(), Decimal("NaN")),
    (Money(), True),
    (Text(max_length=3), "abcd"),
    (Text(), "nul\x00"),
    (Text(), 5),
    (Text(one_line=True), "a\nb"),
    (Phone(), "7999 1234"),
    (Phone(), "7999,7888"),
    (Phone(), "7999\x00"),  # a control character is no part of a number
    (MessageList(), {"7999\x01": "a"}),
    (Phone(), 0),
    (Phone(), True),
    (Items(Phone(), "a phone"), []),
    (Items(Phone(), "a phone"), "7999,,7888"),
    (Items(Phone(), "a phone"), b"7999"),
    (Items(Integer(1, 9), "an id"), [1, "x"]),
    (SendTime(), "tomorrow"),
    (SendTime(), date(2026, 1, 1)),
    (Day(), datetime(2026, 1, 1)),  # noqa: DTZ001 - a time of day is not a day
    (Day(), "2026-01-01"),
    (SenderName(), "A sender name too long"),
    (SenderName(), "1234567890123456"),
    (SenderName(), "Shop\n"),
    (MessageList(), {"7999": "two\nlines"}),
    (MessageList(), {}),
    (MessageList(), "no separator"),
    (MessageList(), {"79 99": "a"}),
    (Choice(("m", "w")), "x"),
]


@pytest.mark.parametrize(("kind", "given"), REFUSES, ids=[f"{type(k).__name__}-{g!r}" for k, g in REFUSES])
def test_each_type_refuses_what_it_cannot_write_unchanged(kind: Any, given: object) -> None:
    with pytest.raises(ValueError, match=re.escape(kind.expected)):
        kind.normalise(given)


def test_the_same_request_in_every_spelling_is_the_same_request() -> None:
    spellings: list[Operation[Any]] = [
        SEND(cost=1),
        SEND(cost="1"),
        SEND(cost=" 1"),
        SEND(cost="01"),
        SEND(cost=CostMode.PRICE_ONLY),
    ]
    assert {operation.form["cost"] for operation in spellings} == {"1"}
    assert all(operation.reply_record.model is Cost for operation in spellings)
    assert SEND(cost=3).reply_record.model is Sent
    assert SEND(cost=1).params["cost"] is CostMode.PRICE_ONLY


def test_the_reply_shape_follows_the_typed_options() -> None:
    assert STATUS(id=5, phone=PHONE, all=1).reply_record.model is MessageDetails
    assert STATUS(id=5, phone=PHONE, all=Detail.FULL_WITH_REGION).reply_record.model is MessageDetails
    assert STATUS(id=5, phone=PHONE).reply_record.model is MessageStatus
    several = STATUS(id=[5, 6], phone=[PHONE, PHONE])
    assert several.expects_list
    assert several.form == {"id": "5,6", "phone": f"{PHONE},{PHONE}"}
    one_as_a_list = STATUS(id=[5], phone=[PHONE])
    assert (one_as_a_list.expects_list, one_as_a_list.form) == (True, {"id": "5,", "phone": f"{PHONE},"})
    lookup = GET_OPERATOR(phone=[PHONE])  # get_operator has no trailing-comma form: the list is the request's
    assert (lookup.expects_list, lookup.form) == (True, {"phone": PHONE})
    assert GET_OPERATOR(phone=PHONE).expects_list is False


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"sendr": "Shop"}, "send: 'sendr': not a parameter of this call; did you mean 'sender'?"),
        ({"zzz": "1"}, "send: 'zzz': not a parameter of this call; it takes phones, mes, list, id,"),
        ({"cost": 5}, "send: 'cost': expected an integer from 0 to 3, found 5"),
        ({"flash": "yes"}, "send: 'flash': expected True or False (or 1 or 0), found 'yes'"),
        ({"phones": None}, "send: 'phones': expected a phone number, a sequence of them, or a comma-separated"),
        ({"time": "2024-01-02 03:04"}, "send: 'time': expected a datetime, or 'DDMMYYhhmm'"),
        ({"mes": "x" * 1001}, "send: 'mes': expected text of at most 1000 characters, found 'xxxx"),
        ({"sender": "A sender name too long"}, "send: 'sender': expected a sender name of at most 11 characters"),
        ({"PSW": "x"}, "send: 'PSW': set by the client (credentials, fmt and charset), not as an option"),
        ({"apikey[]": "x"}, "send: 'apikey[]': set by the client"),
        ({" fmt": "1"}, "send: ' fmt': set by the client"),
    ],
)
def test_a_mistake_is_refused_at_the_call_naming_the_fix(options: dict[str, object], message: str) -> None:
    with pytest.raises(RequestError) as caught:
        SEND.bind(options)
    assert str(caught.value).startswith(message)
    assert caught.value.operation == "send"
    assert caught.value.param == next(iter(options))
    assert "x" * 100 not in str(caught.value)  # a long value is shown shortened


def test_a_flag_an_operation_fixes_is_not_an_option() -> None:
    jobs_get = smsc.get_operation("jobs_get")
    with pytest.raises(RequestError, match=r"^jobs_get: 'get': fixed by this operation as get=1$"):
        jobs_get(get="0")  # type: ignore[call-arg]


def test_a_user_declaration_must_declare_what_shapes_its_reply() -> None:
    @dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
    class Pong:
        ok: int

    with pytest.raises(ValueError, match=r"^toy: cost, id shape the reply but are not in its request$"):
        Operation(
            name="toy",
            description="toy",
            path="toy.php",
            flags={},
            record=Record(Pong, xml_tag="pong"),
            errors={},
            cardinality=smsc.operations.Cardinality.per_item("id"),
            variants=(smsc.operations.Variant(when={"cost": ("1",)}, record=Record(Pong, xml_tag="pong")),),
        )


@pytest.mark.parametrize(
    ("operation", "message"),
    [
        (SEND(mes="x"), "send: 'phones': required or 'list'"),
        (STATUS(id=5), "status: 'phone': required"),
        (smsc.get_operation("jobs_add")(phones=PHONE), "jobs_add: 'mes': required or 'tpl'"),
        (smsc.get_operation("senders_del")(user="shop"), "senders_del: 'sender': required or 'id'"),
        (smsc.get_operation("senders_chg")(cmt="ours"), "senders_chg: 'sender': required or 'id'"),
        (STATUS(id=[5, 6], phone=PHONE), "status: 'phone': as many items as 'id', which it pairs with one by one"),
        (STATUS(id="5,6,7", phone="1,2"), "status: 'phone': as many items as 'id'"),
    ],
)
def test_an_incomplete_request_is_refused_before_it_is_built(operation: Operation[Any], message: str) -> None:
    with pytest.raises(RequestError) as caught:
        smsc.build_request(operation, credentials=smsc.Credentials.api_key("k"))
    assert str(caught.value).startswith(message)


def test_either_alternative_completes_a_request() -> None:
    credentials = smsc.Credentials.api_key("k")
    smsc.build_request(SEND(list={PHONE: "a"}), credentials=credentials)
    smsc.build_request(smsc.get_operation("jobs_add")(phones=PHONE, tpl=5), credentials=credentials)
    smsc.build_request(STATUS(id="5,", phone=f"{PHONE},"), credentials=credentials)
    for name in ("senders_chg", "senders_del"):  # a sender name by its name or by its id
        smsc.build_request(smsc.get_operation(name)(sender="Shop"), credentials=credentials)
        smsc.build_request(smsc.get_operation(name)(id=5), credentials=credentials)


def test_the_escape_hatch_sends_an_undeclared_option_as_given_and_nothing_reserved() -> None:
    operation = SEND(phones=PHONE, mes="x").with_unchecked({"new_option": "01"})
    request = smsc.build_request(operation, credentials=smsc.Credentials.api_key("k"))
    assert ("new_option", "01") in request.fields
    with pytest.raises(RequestError, match=r"^send: 'Psw\[\]': set by the client"):
        SEND.with_unchecked({"Psw[]": "x"})
    with pytest.raises(RequestError, match=r"^send: 'cost': an unchecked option is a string, as sent$"):
        SEND.with_unchecked({"cost": 1})  # type: ignore[dict-item]
    slipped = dataclasses.replace(SEND(phones=PHONE), params={"phones": PHONE, "login": "x"})
    with pytest.raises(RequestError, match=r"^send: 'login': set by the client"):
        smsc.build_request(slipped, credentials=smsc.Credentials.api_key("k"))


def test_typed_values_reach_the_server_in_the_apis_form(server: FakeSmsc) -> None:
    client = _client(server)
    sent = client.call(
        SEND(
            phones=[79991234567, "+79990000001"],
            mes="Привет",
            flash=True,
            translit=Translit.LATIN,
            time=datetime(2026, 12, 31, 9, 5),  # noqa: DTZ001 - the API's naive local time
            sender="Shop",
        )
    )
    assert isinstance(sent, Sent)
    seen = server.account.seen[-1]
    assert (seen["phones"], seen["flash"], seen["translit"], seen["time"], seen["sender"]) == (
        "79991234567,+79990000001",
        "1",
        "1",
        "31.12.26 09:05",
        "Shop",
    )
    status = client.call(STATUS(id=sent.id, phone=79991234567))  # the library's own int goes back as it came
    assert isinstance(status, MessageStatus)
    assert server.account.seen[-1]["id"] == str(sent.id)


def test_a_price_query_and_a_several_id_status_get_their_own_models(server: FakeSmsc) -> None:
    client = _client(server)
    price = client.call(SEND(phones=PHONE, mes="x", cost=1))
    assert isinstance(price, Cost)
    first = client.call(SEND(phones=PHONE, mes="a"))
    second = client.call(SEND(phones=PHONE, mes="b"))
    assert isinstance(first, Sent)
    assert isinstance(second, Sent)
    both = client.call(STATUS(id=[first.id, second.id], phone=[PHONE, PHONE]))
    assert isinstance(both, list)
    assert [item.id for item in both] == [first.id, second.id]
    details = client.call(STATUS(id=first.id, phone=PHONE, all=1))
    assert isinstance(details, MessageDetails)


@pytest.mark.parametrize(
    "mistake",
    [
        lambda: SEND(phones=PHONE, mes="x", sendr="Shop"),  # type: ignore[call-overload]
        lambda: SEND(mes="x"),
        lambda: SEND(phones=PHONE, mes="x", cost=9),
        lambda: SEND(phones=PHONE, mes="x", flash="on"),  # type: ignore[call-overload]
        lambda: SEND(phones=PHONE, mes="x", psw="other"),  # type: ignore[call-overload]
        lambda: STATUS(id="abc", phone=PHONE),
        lambda: STATUS(id=5),
    ],
    ids=["misspelt", "no phones", "cost out of range", "flash not a flag", "a credential", "bad id", "no phone"],
)
def test_the_server_sees_nothing_of_a_refused_request(server: FakeSmsc, mistake: Any) -> None:
    before = len(server.requests)
    with pytest.raises(RequestError, match=r"^(send|status): '(sendr|phones|cost|flash|psw|id|phone)': "):
        _client(server).call(mistake())
    assert len(server.requests) == before


def test_parameters_that_take_no_value_type_of_their_own_are_text() -> None:
    param = Param("note", "free text")
    assert param.type.normalise("any") == "any"
    with pytest.raises(ValueError, match="text"):
        param.type.normalise(5)


def test_a_misspelt_client_option_is_refused_not_left_at_its_default() -> None:
    with pytest.raises(TypeError, match=r"^Client\(\) got an unexpected option 'base_urls'$"):
        smsc.Client(smsc.Credentials.api_key("k"), base_urls=["http://127.0.0.1:1/"])  # type: ignore[call-arg]
    with pytest.raises(
        TypeError, match=r"^AsyncClient\(\) got an unexpected option 'timout'; did you mean 'timeout'\?$"
    ):
        smsc.AsyncClient(smsc.Credentials.api_key("k"), MockTransport(_never), timout=1)  # type: ignore[call-arg]


def _never(request: smsc.HttpRequest) -> smsc.HttpResponse:
    raise AssertionError(f"no request should be made: {request!r}")


def test_an_e_mail_s_sender_address_is_taken_where_a_message_is_sent_and_nowhere_else() -> None:
    """An e-mail (``mail=1``) needs the sender's address in ``sender`` [sending spec §2.8]."""
    address = "shop@example.com"
    assert SEND(phones="ann@example.com", mes="Hi", subj="News", mail=1, sender=address).form["sender"] == address
    jobs_add = smsc.get_operation("jobs_add")
    assert jobs_add(phones="ann@example.com", mes="Hi", subj="News", mail=1, sender=address).form["sender"] == address
    expected = "expected a sender name of at most 11 characters or 15 digits, an e-mail address, or '' or '.'"
    with pytest.raises(RequestError, match=re.escape(f"send: 'sender': {expected}, found 'not an address'")):
        SEND(sender="not an address")
    with pytest.raises(RequestError, match=re.escape("senders_add: 'sender': expected a sender name of at most 11")):
        smsc.get_operation("senders_add")(sender="shop@example.com")

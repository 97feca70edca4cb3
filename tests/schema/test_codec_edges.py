"""Edges of the codecs that the golden replies do not reach: odd but legal input decodes to what
it says, and every value a format cannot carry is refused rather than written wrong."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest

import smsc_formats as smsc
from smsc_formats import DecodeError, EncodeError, ErrorReply, Fmt, OperatorInfo
from smsc_formats.formats import Body, RawError, codec
from smsc_formats.operations import Record

OP = smsc.GET_OPERATOR
INFO = OperatorInfo(country="Россия", operator="МТС", region="Москва", mcc="250", mnc="01", tz="3")
JSON_FIELDS = '"country": "Россия", "operator": "МТС", "region": "Москва", "mcc": "250", "mnc": "01", "tz": "3"'


def info(**changes: object) -> OperatorInfo:
    return OperatorInfo(
        **{**{f: getattr(INFO, f) for f in ("country", "operator", "region", "mcc", "mnc", "tz")}, **changes}
    )


class TestEntryPoints:
    def test_encode_needs_a_definite_format_and_a_known_charset(self) -> None:
        with pytest.raises(ValueError, match="definite fmt"):
            smsc.encode(OP, INFO, fmt="auto")  # type: ignore[call-overload]
        for charset in ("no-such-charset", "idna", "punycode", "utf-16"):  # idna used to raise a bare UnicodeError
            with pytest.raises(ValueError, match=f"expected a text charset .*, found '{charset}'"):
                smsc.encode(OP, INFO, fmt=0, charset=charset)

    def test_encode_refuses_a_model_of_another_operation(self) -> None:
        with pytest.raises(EncodeError, match="OperatorInfo values or an ErrorReply"):
            smsc.encode(OP, "not a reply", fmt=3)  # type: ignore[misc]
        with pytest.raises(EncodeError, match="OperatorInfo values"):
            smsc.to_api(OP, "not a reply")  # type: ignore[misc]

    def test_bytes_that_would_not_read_back_are_refused(self) -> None:
        with pytest.raises(EncodeError, match="do not read as an error line"):
            smsc.encode(OP, info(country="ERROR = 1 (x)"), fmt=1)
        with pytest.raises(EncodeError, match="does not end the reply with white space"):
            smsc.encode(OP, info(tz="3 "), fmt=0)
        # What the encoders let through, the read-back check still refuses.
        nan, pair = info(extra=(("ratio", float("nan")),)), info(extra=(("pair", (1, 2)),))
        with pytest.raises(EncodeError, match="does not read back"):
            smsc.encode(OP, nan, fmt=3, check=True)
        with pytest.raises(EncodeError, match="would read back differently"):
            smsc.encode(OP, pair, fmt=3, check=True)
        assert smsc.encode(OP, pair, fmt=3).endswith(b'"pair": [1, 2]\n}')  # unchecked: what the encoder wrote

    def test_from_api_reads_objects_arrays_and_errors(self) -> None:
        api = smsc.to_api(OP, [INFO, INFO])
        assert smsc.from_api(OP, api) == [INFO, INFO]
        assert smsc.from_api(OP, {"error": "x", "error_code": 3, "id": 7}) == ErrorReply(
            operation="get_operator", code=3, description="x", message_id=7
        )
        with pytest.raises(DecodeError, match="an object or an array of objects"):
            smsc.from_api(OP, ["not an object"])

    def test_unknown_operation_names_list_the_known_ones(self) -> None:
        with pytest.raises(KeyError, match=r"known: .*get_operator"):
            smsc.get_operation("no_such_operation")

    def test_secrets_in_request_options_are_refused_unshown_and_masked_in_repr(self) -> None:
        with pytest.raises(smsc.RequestError, match="set by the client") as caught:
            OP(phone="79990000001", psw="hunter2")  # type: ignore[call-overload]
        assert "hunter2" not in str(caught.value)
        assert caught.value.found is None
        slipped = dataclasses.replace(OP, params={"phone": "79990000001", "PSW": "hunter2", "apikey": "KEY-123"})
        text = repr(slipped)
        assert "79990000001" in text
        assert "hunter2" not in text
        assert "KEY-123" not in text
        sub_client = smsc.get_operation("users_add")(user="shop", password="Sub-client-pw1")
        assert "Sub-client-pw1" not in repr(sub_client)
        assert "'shop'" in repr(sub_client)


class TestText:
    @pytest.mark.parametrize("fmt", [0, 1])
    def test_a_body_of_unicode_white_space_only_is_empty(self, fmt: int) -> None:
        with pytest.raises(DecodeError, match="empty body"):
            smsc.decode(OP, "\u00a0\u2003".encode(), fmt=fmt)

    def test_free_text_runs_over_keys_the_operation_does_not_know(self) -> None:
        body = "country = Россия, operator = МТС, region = Москва, x = y, mcc = 250, mnc = 01, tz = 3".encode()
        reply = smsc.decode(OP, body, fmt=0)
        assert reply == info(region="Москва, x = y")
        assert smsc.encode(OP, reply, fmt=0) == body

    @pytest.mark.parametrize(
        ("value", "fmt", "expected"),
        [
            (info(extra=(("ported", "1"),)), 1, "only the operation's own columns"),
            (info(mcc="2\n50"), 1, "without line breaks"),
            (info(extra=(("mcc", "1"),)), 0, "does not read as a declared field"),
            (info(extra=(("ported", 1),)), 0, "text, which fmt=0 carries, found int"),
            (info(extra=(("1x", "1"),)), 2, "XML element name"),
            (info(extra=(("xmlns", "1"),)), 2, "XML element name"),
            (info(extra=(("ported", object()),)), 3, "a value JSON can carry"),
        ],
    )
    def test_what_a_format_cannot_place_is_refused(self, value: OperatorInfo, fmt: int, expected: str) -> None:
        with pytest.raises(EncodeError, match=expected):
            smsc.encode(OP, value, fmt=fmt)


class TestJson:
    @pytest.mark.parametrize(
        ("body", "expected"),
        [
            (b'{"error": "x", "error_code": 3} {}', "the end of the JSON value"),
            (b'[{"error": "x", "error_code": 3}, 1]', "an object at index 1 of the array, found int"),
            (b'"text"', "an object or an array, found str"),
            (b'{"error": "x", "error_code": 3, "more": 1}', '"error", "error_code" and "id" in an error reply'),
            (b'{"error": 5, "error_code": 3}', 'text in "error"'),
            (b'{"error": "x", "error_code": 3, "id": "7a"}', 'integers in "error_code" and "id"'),
            (b"{" + JSON_FIELDS.encode() + b', "mcc": true}', "each key once"),
            (b'{"country": true, "operator": "", "region": "", "mcc": "", "mnc": "", "tz": ""}', "a text value"),
        ],
    )
    def test_malformed_replies_are_refused(self, body: bytes, expected: str) -> None:
        with pytest.raises(DecodeError, match=expected):
            smsc.decode(OP, body, fmt=3)

    def test_numbers_in_text_fields_and_null_for_absent_fields(self) -> None:
        body = b'{"phone": null, "country": "R", "operator": "M", "region": "X", "mcc": 250, "mnc": 1, "tz": 3}'
        assert smsc.decode(OP, body, fmt=3) == OperatorInfo(
            country="R", operator="M", region="X", mcc="250", mnc="1", tz="3"
        )

    def test_unknown_numbers_are_written_back_as_numbers(self) -> None:
        body = ("{\n" + JSON_FIELDS.replace(", ", ",\n") + ',\n"rate": 1.50\n}').encode()
        reply = smsc.decode(OP, body, fmt=3)
        assert isinstance(reply, OperatorInfo)
        assert reply.extra == (("rate", Decimal("1.50")),)
        assert smsc.encode(OP, reply, fmt=3) == body

    @pytest.mark.parametrize("fmt", [0, 2, 3])
    def test_an_error_without_description_has_no_form_where_one_is_required(self, fmt: int) -> None:
        with pytest.raises(EncodeError, match="description"):
            smsc.encode(OP, ErrorReply(operation="get_operator", code=3), fmt=fmt)


INFO_XML = (
    b"<info><country>R</country><operator>M</operator><region>r</region><mcc>250</mcc><mnc>01</mnc><tz>3</tz></info>"
)


class TestXml:
    def test_a_charset_lxml_does_not_know_is_a_decode_error(self) -> None:
        with pytest.raises(DecodeError, match="a charset lxml knows"):
            smsc.decode(OP, b"<info/>", fmt=2, charset="mac-cyrillic")

    @pytest.mark.parametrize(
        ("body", "expected"),
        [
            (b"<list><phone>79990000001</phone></list>", "<info> after <phone>"),
            (b"<result><error>x</error><error_code>3</error_code><more/></result>", "<error>, <error_code> and <id>"),
            (b"<result><error>x</error><error_code>3</error_code><id>7a</id></result>", "an integer in <error_code>"),
            (b"<other/>", "<info> or <list>, found <other>"),
        ],
    )
    def test_malformed_replies_are_refused(self, body: bytes, expected: str) -> None:
        with pytest.raises(DecodeError, match=expected):
            smsc.decode(OP, body, fmt=2)

    @pytest.mark.parametrize(
        "body",
        [
            b"<?xml version='1.0'?>\n<list>stray\n<info><mcc>250</mcc></info>\n</list>",
            b"<?xml version='1.0'?>\n<list>\n<info><mcc>250</mcc></info> stray\n</list>",
        ],
        ids=["before a record", "after a record"],
    )
    def test_text_between_the_records_of_a_list_is_refused(self, body: bytes) -> None:
        with pytest.raises(DecodeError) as caught:
            smsc.decode(OP, body, fmt=2)
        assert str(caught.value) == "get_operator fmt=2: expected only elements inside <list>, found text (at line 2)"
        assert (caught.value.operation, caught.value.fmt, caught.value.line) == ("get_operator", 2, 2)

    @pytest.mark.parametrize(
        "declaration", [b"", b'<?xml version="1.0" encoding="UTF-8"?>', b"<?xml version='1.0'?>\n"]
    )
    def test_records_sent_without_their_list_element_are_a_list(self, declaration: bytes) -> None:
        """Several root elements read as the records of the list element the server left out,
        a phone standing before its record included; the encoder writes the list element."""
        body = declaration + b"<phone>79990000001</phone>" + INFO_XML + b"\n<phone>79990000002</phone>" + INFO_XML
        operation = smsc.GET_OPERATOR(phone="79990000001,79990000002")
        reply = smsc.decode(operation, body, fmt=2)
        assert isinstance(reply, list)
        assert [item.phone for item in reply] == ["79990000001", "79990000002"]
        assert {(item.mcc, item.mnc) for item in reply} == {("250", "01")}
        assert smsc.decode(operation, smsc.encode(operation, reply, fmt=2), fmt=2) == reply
        assert smsc.encode(operation, reply, fmt=2).startswith(b"<list>\n<info>")

    def test_a_broken_record_after_the_first_is_refused_where_it_breaks(self) -> None:
        body = b"<info><mcc>250</mcc></info>\n<info><mcc>250</mcc>"
        with pytest.raises(DecodeError, match="well-formed XML") as caught:
            smsc.decode(OP, body, fmt=2)
        assert caught.value.line == 2

    def test_a_fragment_deeper_than_the_limit_is_refused_as_a_single_root_is(self) -> None:
        limits = smsc.DecodeLimits(max_depth=3)
        deep = b"<info><a><b><c/></b></a></info>"
        for body in (deep, deep + deep):
            with pytest.raises(DecodeError, match="max_depth"):
                smsc.decode(OP, body, fmt=2, limits=limits)
        assert smsc.decode(OP, INFO_XML + INFO_XML, fmt=2, limits=limits) == 2 * [smsc.decode(OP, INFO_XML, fmt=2)]

    def test_error_replies_carry_their_message_id(self) -> None:
        body = b"<result><error>x</error><error_code>3</error_code><id>7</id></result>"
        reply = ErrorReply(operation="get_operator", code=3, description="x", message_id=7)
        assert smsc.decode(OP, body, fmt=2) == reply
        assert (
            smsc.encode(OP, reply, fmt=2)
            == b"<result>\n<error>x</error>\n<error_code>3</error_code>\n<id>7</id>\n</result>"
        )


@pytest.mark.parametrize(
    ("fmt", "body"),
    [
        (Fmt.TEXT, b"ERROR = 3 (x)"),
        (Fmt.CSV, b"0,-3"),
        (Fmt.XML, b"<result><error>x</error><error_code>3</error_code></result>"),
        (Fmt.JSON, b'{"error": "x", "error_code": 3}'),
    ],
)
def test_each_format_module_reads_its_own_error_reply(fmt: Fmt, body: bytes) -> None:
    """The module contract stands alone, whatever the entry point checks first."""
    raw = codec(fmt).decode(Body(body, "utf-8"), OP.record.layout)
    assert isinstance(raw, RawError)
    assert raw.code == 3


def test_a_field_of_two_types_is_no_declaration() -> None:
    @dataclass(frozen=True)
    class Ambiguous:
        value: int | str

    declared = Record(Ambiguous, xml_tag="ambiguous")
    with pytest.raises(KeyError, match=re.escape("int | str")):
        declared.fields  # noqa: B018 (built on first use)

"""SMPP: the documented HLR receipt, the tolerant plain form, the vendor fields, the mapping."""

from __future__ import annotations

import contextlib
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smsc_formats import DecodeError, EncodeError
from smsc_formats.channels import DeliveryError, MessageState, SmppMessageType, StatusCode, TemplateKind
from smsc_formats.channels.smpp import (
    HLR_TEXT,
    PING_TEXT,
    Receipt,
    SmppFlags,
    decode_cost,
    decode_flags,
    decode_receipt,
    encode_cost,
    encode_flags,
    encode_receipt,
    relative_validity,
    status_from_message_state,
)
from smsc_formats.strategies import smpp_flags, smpp_receipts

# other-channels.md §2.4, the verbatim example of the SMPP HLR page [DOC D3].
HLR_EXAMPLE = (
    "id:855469 stat:DELIVRD err:000 imsi:250023012345678 msc:79232510066 mcc:250 mnc:02 "
    "cn:Russian+Federation net:MegaFON+open+Joint+Stock+Company rcn: rnet:"
)


def test_the_documented_hlr_receipt_decodes_to_its_fields_and_encodes_back_byte_for_byte() -> None:
    receipt = decode_receipt(HLR_EXAMPLE.encode("ascii"))
    assert receipt == Receipt(
        id="855469", stat="DELIVRD", err=0, imsi="250023012345678", msc="79232510066", mcc="250", mnc="02",
        cn="Russian Federation", net="MegaFON open Joint Stock Company", rcn="", rnet="",
    )  # fmt: skip
    assert receipt.err is DeliveryError.NO_ERROR
    assert encode_receipt(receipt) == HLR_EXAMPLE


def test_the_stat_word_maps_onto_the_smpp_state_and_the_http_status() -> None:
    receipt = decode_receipt(HLR_EXAMPLE)
    assert receipt.message_state is MessageState.DELIVERED
    assert receipt.status is StatusCode.DELIVERED
    assert decode_receipt("id:1 stat:UNDELIV err:001").status is StatusCode.UNABLE_TO_DELIVER
    assert decode_receipt("id:1 stat:DELETED err:000").status is None
    assert decode_receipt("id:1 stat:SOMETHING err:000").message_state is None
    assert status_from_message_state(2) is StatusCode.DELIVERED
    assert status_from_message_state(5) is StatusCode.UNABLE_TO_DELIVER
    assert status_from_message_state(7) is None
    assert status_from_message_state(42) is None


def test_the_appendix_b_form_is_read_tolerantly_and_written_canonically() -> None:
    logged = "id:7 sub:001 dlvrd:001 Submit date:2401011200 done date:2401011201 stat:DELIVRD err:0 Text:a b: c\x00"
    receipt = decode_receipt(logged)
    assert (receipt.submit_date, receipt.done_date) == ("2401011200", "2401011201")
    assert (receipt.err, receipt.text) == (0, "a b: c")
    assert encode_receipt(receipt) == (
        "id:7 sub:001 dlvrd:001 submit date:2401011200 done date:2401011201 stat:DELIVRD err:000 text:a b: c"
    )


def test_unknown_keys_are_kept_and_an_unknown_err_stays_a_number() -> None:
    receipt = decode_receipt("id:9 stat:REJECTD err:300 vendor_key:x%20y")
    assert receipt.extra == (("vendor_key", "x%20y"),)
    assert receipt.err == 300
    assert not isinstance(receipt.err, DeliveryError)
    assert encode_receipt(receipt) == "id:9 stat:REJECTD err:300 vendor_key:x%20y"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("stat:DELIVRD err:000", "'id' and 'stat'"),
        ("id:1 stat:DELIVRD id:2", "each key once"),
        ("id:1 stat:DELIVRD err:x1", "digits in 'err'"),
        ("id:1 stat:DELIVRD err:²", "digits in 'err'"),
        ("id:1  stat:DELIVRD", "single spaces"),
        ("id:1 stat:DELIVRD cn:%FF", "utf-8"),
        ("no pairs here", "single spaces"),
    ],
)
def test_text_outside_the_receipt_grammar_is_refused(text: str, expected: str) -> None:
    with pytest.raises(DecodeError, match=expected) as caught:
        decode_receipt(text)
    assert caught.value.channel == "smpp"


def test_a_decode_error_points_at_the_pair_it_could_not_read() -> None:
    with pytest.raises(DecodeError) as caught:
        decode_receipt("id:1 stat:DELIVRD id:2")
    assert (caught.value.expected, caught.value.line, caught.value.column) == ("each key once, found 'id' again", 1, 19)


def test_a_space_where_the_receipt_cannot_carry_one_is_refused() -> None:
    with pytest.raises(EncodeError) as caught:
        encode_receipt(Receipt(id="1", stat="DELIV RD"))
    assert caught.value.field == "stat"
    with pytest.raises(EncodeError, match=re.escape("an extra key of lower-case letters and '_'")) as refused:
        encode_receipt(Receipt(id="1", stat="DELIVRD", extra=(("Bad Key", "x"),)))
    assert refused.value.field == "Bad Key"
    with pytest.raises(EncodeError, match=re.escape("a receipt that reads back the same")) as refused:
        encode_receipt(Receipt(id="1", stat="DELIVRD", text="trailing "))
    assert refused.value.field == "text"
    with pytest.raises(EncodeError) as surrogate:
        encode_receipt(Receipt(id="1", stat="DELIVRD", net="ok", cn="\ud800"))
    assert surrogate.value.field == "cn"


@pytest.mark.parametrize(
    ("receipt", "field"),
    [
        (Receipt(id="1", stat="DELIVRD", text="trailing "), "text"),
        (Receipt(id="1", stat="DELIVRD", text="a\r\n"), "text"),
        (Receipt(id="1", stat="DELIVRD", extra=(("text", "x"),)), "text"),  # read back as the text
        (Receipt(id="1", stat="DELIVRD\x00"), "stat"),  # the last value, when there is no text
        (Receipt(id="1", stat="DELIVRD", extra=(("sub", "1"), ("dlvrd", "2"))), None),  # read back as two fields
        (Receipt(id="1", stat="DELIVRD", extra=(("x", "a\x00"),)), None),  # only an extra key changes
    ],
)
def test_a_receipt_that_reads_back_changed_names_the_field_that_changed(receipt: Receipt, field: str | None) -> None:
    with pytest.raises(EncodeError) as caught:
        encode_receipt(receipt)
    assert (caught.value.problem, caught.value.field) == ("a receipt that reads back the same", field)


@pytest.mark.parametrize(
    ("receipt", "expected"),
    [
        (
            Receipt(id="1", stat="DELIVRD", extra=(("id", "2"),)),
            "a receipt that reads back (each key once, found 'id' again)",
        ),
    ],
)
def test_a_receipt_whose_text_would_not_read_back_is_refused(receipt: Receipt, expected: str) -> None:
    with pytest.raises(EncodeError) as caught:
        encode_receipt(receipt)
    assert (caught.value.problem, caught.value.operation, caught.value.channel) == (expected, "smpp_receipt", "smpp")


def test_names_are_url_encoded_as_php_does() -> None:
    receipt = Receipt(id="1", stat="DELIVRD", err=0, cn="Кот-д’Ивуар ~", net="A&B")
    text = encode_receipt(receipt)
    assert text.endswith("cn:%D0%9A%D0%BE%D1%82-%D0%B4%E2%80%99%D0%98%D0%B2%D1%83%D0%B0%D1%80+%7E net:A%26B")
    assert decode_receipt(text) == receipt


def test_the_cost_field_reads_the_documented_form_and_refuses_others() -> None:
    assert decode_cost(b"1.2500\x00") == Decimal("1.25")
    assert decode_cost("12") == Decimal(12)
    assert encode_cost(Decimal("1.25")) == "1.2500"
    for bad in (b"", b"-1.0", b"1,25", b"abc", "١.٢"):
        with pytest.raises(DecodeError, match="0x2000"):
            decode_cost(bad)
    for cost in (Decimal("0.00001"), Decimal(-1), Decimal("NaN")):
        with pytest.raises(EncodeError, match=re.escape("a cost >= 0 with at most four decimals")) as refused:
            encode_cost(cost)
        assert refused.value.field is None


def test_the_flag_bits_are_read_as_documented() -> None:
    # bits 0-3 type 4 (HLR), bit 5 second balance, bit 8 template, bits 10,9 = 01 transactional
    flags = decode_flags(bytes([0b0000_0011, 0b0010_0100]))
    assert flags == SmppFlags(
        message_type=SmppMessageType.HLR, second_balance=True, template=True, template_kind=TemplateKind.TRANSACTIONAL
    )
    assert decode_flags(0x8000 | 9).other_bits == 0x8000
    assert decode_flags(9).message_type == 9
    for bad in (b"\x00", 0x10000, -1):
        with pytest.raises(
            DecodeError, match=r"^smpp_flags \(smpp\): expected (two bytes|a 16-bit value) in vendor field 0x2001$"
        ):
            decode_flags(bad)
    with pytest.raises(EncodeError, match=re.escape("values that fit their bits")) as refused:
        encode_flags(SmppFlags(message_type=16))
    assert refused.value.field is None
    with pytest.raises(EncodeError, match=re.escape("other_bits outside the documented bits")) as refused:
        encode_flags(SmppFlags(other_bits=1))
    assert refused.value.field is None


def test_the_submit_side_texts_and_validity() -> None:
    assert (HLR_TEXT, PING_TEXT) == ("__HLR__", "__PING__")
    assert relative_validity(1440) == "000001000000000R"
    assert relative_validity(90) == "000000013000000R"
    for minutes in (0, 1441):
        with pytest.raises(EncodeError, match=re.escape("1 to 1440 minutes")) as refused:
            relative_validity(minutes)
        assert refused.value.field is None


@given(smpp_receipts())
def test_receipts_round_trip_and_their_text_is_a_fixpoint(receipt: Receipt) -> None:
    text = encode_receipt(receipt)
    assert decode_receipt(text) == receipt
    assert encode_receipt(decode_receipt(text)) == text


@given(st.text())
def test_any_text_gives_a_receipt_or_a_decode_error_and_a_receipt_re_encodes_canonically(text: str) -> None:
    try:
        receipt = decode_receipt(text)
    except DecodeError:
        return
    canonical = encode_receipt(receipt)
    assert decode_receipt(canonical) == receipt
    assert encode_receipt(decode_receipt(canonical)) == canonical


@given(st.binary(max_size=40))
def test_any_bytes_give_a_receipt_or_a_decode_error(data: bytes) -> None:
    with contextlib.suppress(DecodeError):
        assert isinstance(decode_receipt(data), Receipt)


@given(smpp_flags())
def test_flags_round_trip_through_the_16_bit_value(flags: SmppFlags) -> None:
    value = encode_flags(flags)
    assert decode_flags(value) == flags
    assert decode_flags(value.to_bytes(2, "big")) == flags


@given(st.integers(min_value=0, max_value=0xFFFF))
def test_every_16_bit_value_is_a_fixpoint_of_the_flags(value: int) -> None:
    assert encode_flags(decode_flags(value)) == value


@given(st.decimals(min_value=0, max_value=99, places=4, allow_nan=False, allow_infinity=False))
def test_costs_round_trip_and_their_text_is_a_fixpoint(cost: Decimal) -> None:
    text = encode_cost(cost)
    assert decode_cost(text) == cost
    assert encode_cost(decode_cost(text)) == text


_ANY = st.text(st.characters(exclude_categories=()), max_size=6)  # surrogates too
_ANY_RECEIPTS = st.builds(
    Receipt,
    id=_ANY, stat=_ANY, err=st.none() | st.integers(min_value=-1, max_value=1200),
    mnc=st.none() | _ANY, cn=st.none() | _ANY, text=st.none() | _ANY,
    extra=st.lists(st.tuples(_ANY, _ANY), max_size=2).map(tuple),
)  # fmt: skip


@given(_ANY_RECEIPTS)
def test_any_receipt_value_is_refused_or_reads_back_as_itself(receipt: Receipt) -> None:
    try:
        text = encode_receipt(receipt)
    except EncodeError:
        return
    assert decode_receipt(text) == receipt

"""An ``extra`` key that some format names a declared field: written so it reads back, or refused.

Decoding in one format keeps another format's name of a field in ``extra`` (fmt=0 names the
message id ``ID``, so an ``id`` there is an unknown key). Encoding in a format that reads that key
as the declared field would change the value on the way back, so ``encode`` refuses it, naming
the key; in a format that does not, the key is written and reads back as ``extra``.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections import Counter
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import smsc_formats as smsc
from smsc_formats import EncodeError, Fmt
from smsc_formats.strategies import models, text_values

GET_MESSAGES = smsc.get_operation("get_messages")
OPERATIONS = list(smsc.OPERATIONS.values())
SHAPES = [
    op
    for op in [
        *OPERATIONS,
        *(op.bind({op.list_param: "79990000001,79990000002"}) for op in OPERATIONS if op.list_param),
        *(
            op.bind({key: values[0] for key, values in shape.when.items()})
            for op in OPERATIONS
            for shape in op.variants
        ),
    ]
    if "extra" in {item.name for item in dataclasses.fields(op.reply_record.model)}
]
"""Every operation's reply records that keep unknown keys, as the request options select them."""


def names(operation: smsc.Operation[Any], fmt: Fmt) -> list[str]:
    """``fmt``'s names of the declared fields of the reply's record."""
    return sorted({spec.wire_name(fmt) for spec in operation.reply_record.fields})


NAMED_APART = [op for op in SHAPES if len({tuple(names(op, fmt)) for fmt in Fmt}) > 1]
"""The shapes whose record some format names otherwise (``ID`` and ``id``), where most is at stake."""


def test_the_finding_s_reproducer_round_trips_or_is_refused_by_name() -> None:
    from_text = smsc.decode(GET_MESSAGES, b"Status = 1, id = 5", fmt=0)
    assert isinstance(from_text, list)
    assert (from_text[0].id, from_text[0].extra) == (None, (("id", "5"),))
    assert smsc.decode(GET_MESSAGES, smsc.encode(GET_MESSAGES, from_text, fmt=0), fmt=0) == from_text
    for fmt in (1, 2, 3):
        with pytest.raises(EncodeError) as caught:
            smsc.encode(GET_MESSAGES, from_text, fmt=fmt)
        assert caught.value.field == "id"
    from_json = smsc.decode(GET_MESSAGES, b'[{"status": 1, "ID": "5"}]', fmt=3)
    with pytest.raises(EncodeError, match="does not read as a declared field") as caught:
        smsc.encode(GET_MESSAGES, from_json, fmt=0)
    assert caught.value.field == "ID"
    assert smsc.decode(GET_MESSAGES, smsc.encode(GET_MESSAGES, from_json, fmt=2), fmt=2) == from_json


def test_an_extra_key_naming_an_unset_field_of_the_same_format_is_refused() -> None:
    with_credit = smsc.Balance(balance=Decimal("1.00"), extra=(("credit", "5.00"),))  # as a user may build it
    for fmt in Fmt:
        with pytest.raises(EncodeError) as caught:
            smsc.encode(smsc.BALANCE, with_credit, fmt=fmt)
        assert caught.value.field == "credit"


def test_an_extra_key_given_twice_is_refused() -> None:
    twice = smsc.Balance(balance=Decimal("1.00"), extra=(("x", "1"), ("x", "2")))
    with pytest.raises(EncodeError, match="each extra key once") as caught:
        smsc.encode(smsc.BALANCE, twice, fmt=3)
    assert caught.value.field == "x"


def test_an_extra_key_after_free_text_in_fmt_0_is_refused_by_name() -> None:
    """fmt=0 free text runs on over keys the record does not declare: the key would be lost in it."""
    message = smsc.decode(GET_MESSAGES, b"Status = 1, message = hi, x = 1", fmt=0)
    assert isinstance(message, list)
    assert (message[0].message, message[0].extra) == ("hi, x = 1", ())
    after_free_text = [dataclasses.replace(message[0], message="hi", extra=(("x", "1"),))]
    with pytest.raises(EncodeError) as caught:
        smsc.encode(GET_MESSAGES, after_free_text, fmt=0)
    assert caught.value.field == "x"


FMT_PAIRS = pytest.mark.parametrize(("source", "target"), list(itertools.product(Fmt, Fmt)), ids=repr)


@FMT_PAIRS
def test_extra_keys_named_as_fields_round_trip_or_are_refused_by_name(source: Fmt, target: Fmt) -> None:
    """Extra keys drawn from ``source``'s names of the declared fields, encoded in ``target``.

    In fmt=2 and fmt=3 the outcome is exact: refused, naming a key, when ``target`` reads one of
    the keys as a declared field; read back unchanged otherwise. fmt=1 has no place for any extra
    key and fmt=0 none after free text, so there a refusal must name a drawn key, and it may
    refuse at most a third of the values that avoid ``target``'s names: the run counts them. A
    record whose own value is refused (fmt=1 free text with commas) is refused the same without
    its extra keys; at most a tenth of the draws.
    """
    seen: Counter[str] = Counter()

    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        operation = data.draw(st.sampled_from(NAMED_APART) | st.sampled_from(SHAPES), label="operation")
        own, read_as_fields = names(operation, source), names(operation, target)
        apart = [name for name in own if name not in read_as_fields]  # fmt=0's "ID" where the others say "id"
        pool = st.sampled_from(own) | st.sampled_from(apart) if apart else st.sampled_from(own)
        keys = data.draw(st.lists(pool, unique=True, max_size=2), label="keys")
        values = [data.draw(text_values(target, min_size=1), label=key) for key in keys]
        record = dataclasses.replace(data.draw(models(operation, target)), extra=tuple(zip(keys, values, strict=True)))
        reply = [record] if operation.expects_list else record
        colliding = [key for key in keys if key in read_as_fields]
        wire = _encoded(operation, reply, target)
        if isinstance(wire, EncodeError) and wire.field not in keys:
            # the record's own values are refused (free text whose commas fmt=1 cannot place),
            # extra keys or not: the refusal must be the same without them
            bare = dataclasses.replace(record, extra=())
            refused = _encoded(operation, [bare] if operation.expects_list else bare, target)
            assert isinstance(refused, EncodeError)
            assert (refused.field, refused.problem) == (wire.field, wire.problem)
            seen["own value refused"] += 1
            return
        if isinstance(wire, EncodeError):
            assert colliding or target in (Fmt.TEXT, Fmt.CSV)
            seen["refused" if not colliding else "named as a field"] += 1
            return
        assert not colliding
        assert smsc.decode(operation, wire, fmt=target) == reply
        seen["read back" if keys else "no extra key"] += 1

    check()
    assert seen["own value refused"] <= seen.total() / 10, seen
    assert seen["named as a field"], seen  # every format shares most names with every other
    if (source is Fmt.TEXT) != (target is Fmt.TEXT) and target is not Fmt.CSV:
        assert seen["read back"], seen  # fmt=0 alone names some fields otherwise
    assert seen["refused"] <= (seen["refused"] + seen["read back"]) / 3 or target is Fmt.CSV, seen


def _encoded(operation: smsc.Operation[Any], reply: object, fmt: Fmt) -> bytes | EncodeError:
    try:
        return smsc.encode(operation, reply, fmt=fmt)
    except EncodeError as refused:
        return refused

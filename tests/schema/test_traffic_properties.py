"""Round trips in the API's own charsets: every operation, every format, the charset drawn.

The API writes its replies in utf-8, windows-1251 or koi8-r, and its text is mostly Russian.
``charset_replies`` draws a charset with a reply it can write, so each law here holds for the
bytes a real server sends, not only for UTF-8. Where the reply is drawn apart from the charset,
the encoder may refuse a character the charset lacks: each refusal must be such a character,
and refusals stay a small share of the draws, so the law is not held by refusing.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from smsc_formats import CHARSETS, OPERATIONS, EncodeError, ErrorReply, Fmt, Operation, decode, encode
from smsc_formats.formats import capabilities
from smsc_formats.strategies import charset_models, charset_replies, charsets, replies

PAIRS = [(operation, fmt) for operation in OPERATIONS.values() for fmt in Fmt]
PAIR_IDS = [f"{operation.name}-fmt{int(fmt)}" for operation, fmt in PAIRS]
EXAMPLES = max(5, settings().max_examples // 6)
"""Each (operation, fmt) gets a share of the profile's examples: there are 180 of them."""


def _as_carried(reply: object, fmt: Fmt) -> object:
    """An error reply as ``fmt`` carries it: without its description where the format has none."""
    if isinstance(reply, ErrorReply) and not capabilities(fmt).error_description:
        return dataclasses.replace(reply, description=None)
    return reply


def _texts(value: object) -> Iterator[str]:
    """Every text a reply holds: its fields', its nested records', its extra keys' values."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item)
    elif dataclasses.is_dataclass(value):
        for item in dataclasses.fields(value):
            yield from _texts(getattr(value, item.name))


def _writes(charset: str, text: str) -> bool:
    try:
        text.encode(charset)
    except UnicodeEncodeError:
        return False
    return True


def _encoded(operation: Operation[Any], reply: Any, fmt: Fmt, charset: str) -> bytes | EncodeError:
    try:
        return encode(operation, reply, fmt=fmt, charset=charset)
    except EncodeError as exc:
        return exc


@pytest.mark.parametrize(("operation", "fmt"), PAIRS, ids=PAIR_IDS)
@settings(max_examples=EXAMPLES)
@given(data=st.data())
def test_round_trip_and_fixpoint_in_a_drawn_charset(operation: Operation[Any], fmt: Fmt, data: st.DataObject) -> None:
    charset, reply = data.draw(charset_replies(operation, fmt), label="charset, reply")
    event(charset)
    wire = encode(operation, reply, fmt=fmt, charset=charset)
    decoded = decode(operation, wire, fmt=fmt, charset=charset)
    assert decoded == _as_carried(reply, fmt)
    assert encode(operation, decoded, fmt=fmt, charset=charset) == wire


@pytest.mark.parametrize("operation", list(OPERATIONS.values()), ids=list(OPERATIONS))
@settings(max_examples=EXAMPLES)
@given(data=st.data())
def test_all_formats_agree_in_a_drawn_charset(operation: Operation[Any], data: st.DataObject) -> None:
    charset, model = data.draw(charset_models(operation), label="charset, model")
    value = [model] if operation.expects_list else model
    for fmt in Fmt:
        assert decode(operation, encode(operation, value, fmt=fmt, charset=charset), fmt=fmt, charset=charset) == value


def test_a_reply_drawn_apart_from_the_charset_is_written_or_refused_for_a_character_the_charset_lacks() -> None:
    """``replies`` draws any text; a charset drawn apart may lack some of it. A refusal names the
    charset and the reply does hold a character it lacks; what is written reads back. Refusals
    stay under a fifth of the draws (a deterministic run of the profile's examples, twice over)."""
    seen: Counter[str] = Counter()
    operations = list(OPERATIONS.values())

    @settings(max_examples=2 * settings().max_examples, database=None, derandomize=True)
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        operation = data.draw(st.sampled_from(operations), label="operation")
        fmt = data.draw(st.sampled_from(Fmt), label="fmt")
        reply = data.draw(replies(operation, fmt), label="reply")
        charset = data.draw(charsets(), label="charset")
        seen[charset] += 1
        wire = _encoded(operation, reply, fmt, charset)
        if isinstance(wire, EncodeError):
            assert charset in str(wire)
            assert not all(_writes(charset, text) for text in _texts(reply))
            event("refused")
            seen["refused"] += 1
            return
        assert decode(operation, wire, fmt=fmt, charset=charset) == _as_carried(reply, fmt)

    check()
    total = sum(seen[charset] for charset in CHARSETS)
    assert all(seen[charset] > 0 for charset in CHARSETS), seen
    assert seen["refused"] < 0.2 * total, seen

"""The benchmark's generated log: every operation in it, each reply the library's own bytes."""

from __future__ import annotations

import sys
from collections import Counter

import smsc_formats as smsc
from tests.paths import ROOT

sys.path.insert(0, str(ROOT))

from benchmarks.generate import replies


def test_the_generated_log_holds_every_operation_in_every_format_and_decodes() -> None:
    made = list(replies(4 * len(smsc.OPERATIONS) * 4, seed=1))
    assert {reply.op for reply in made} == set(smsc.OPERATIONS)
    assert Counter(reply.fmt for reply in made).keys() == {0, 1, 2, 3}
    for reply in made:
        operation = smsc.get_operation(reply.op).bind(reply.params)
        value = smsc.decode(operation, reply.body, fmt=reply.fmt)
        assert smsc.encode(operation, value, fmt=reply.fmt) == reply.body, reply


def test_the_same_seed_gives_the_same_log() -> None:
    assert list(replies(50, seed=7)) == list(replies(50, seed=7))
    assert list(replies(50, seed=7)) != list(replies(50, seed=8))

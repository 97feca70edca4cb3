"""The fuzz harness's first byte: every request shape of every operation has one, and every
sample reply the fuzzer is seeded with maps to a binding that reads it as it was recorded."""

from __future__ import annotations

import json
import sys

import pytest

import smsc_formats as smsc
from tests.paths import ROOT

sys.path.insert(0, str(ROOT))

from fuzz.selection import OPERATIONS, pick, selector


def test_pick_inverts_selector_for_every_binding_and_charset() -> None:
    for operation in OPERATIONS:
        for charset in smsc.CHARSETS:
            first = selector(operation, charset)
            assert 0 <= first < 256
            assert pick(first) == (operation, charset)


def test_every_reply_record_of_every_operation_can_be_picked() -> None:
    for operation in smsc.OPERATIONS.values():
        records = {operation.record.model, *(variant.record.model for variant in operation.variants)}
        picked = {binding.reply_record.model for binding in OPERATIONS if binding.name == operation.name}
        assert picked == records, operation.name


def _recorded() -> list[tuple[str, dict[str, str]]]:
    cases = []
    for path in sorted((ROOT / "tests" / "data").glob("*/*.expected.json")):
        if path.parent.name in smsc.OPERATIONS:
            cases.append((path.parent.name, json.loads(path.read_text(encoding="utf-8")).get("params", {})))
    return cases


@pytest.mark.parametrize(("name", "params"), _recorded())
def test_a_recorded_reply_seeds_the_binding_that_reads_its_record(name: str, params: dict[str, str]) -> None:
    recorded = smsc.get_operation(name).bind(params)
    picked, _ = pick(selector(recorded, "utf-8"))
    assert picked.name == name
    assert picked.reply_record is recorded.reply_record
    assert picked.expects_list == recorded.expects_list

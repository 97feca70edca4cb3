"""Golden replies under tests/data: each pins a grammar line of the spec (quoted in its JSON).

A valid case decodes to the hand-written fields of its ``.expected.json``; a byte-exact one
re-encodes to the very same bytes. An invalid case is a DecodeError at the stated position.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import smsc_formats as smsc
from tests.paths import DATA


def _cases(folder: Path) -> list[tuple[Path, dict[str, Any]]]:
    return [
        (body, json.loads(expected.read_text(encoding="utf-8")))
        for expected in sorted(folder.glob("*.expected.json"))
        for body in folder.glob(expected.name.replace(".expected.json", ".*"))
        if body != expected
    ]


VALID = [(op.name, *case) for op in smsc.OPERATIONS.values() for case in _cases(DATA / op.name)]
INVALID = [(op.name, *case) for op in smsc.OPERATIONS.values() for case in _cases(DATA / op.name / "invalid")]


def test_every_operation_has_golden_replies() -> None:
    assert {name for name, *_ in VALID} == set(smsc.OPERATIONS)


@pytest.mark.parametrize(("name", "path", "case"), VALID, ids=[f"{n}/{p.name}" for n, p, _ in VALID])
def test_golden_reply_decodes_to_its_fields(name: str, path: Path, case: dict[str, Any]) -> None:
    operation = smsc.get_operation(name).bind(case["params"])
    reply = smsc.decode(operation, path.read_bytes(), fmt=case["fmt"], charset=case["charset"])
    assert smsc.to_api(operation, reply) == case["expect"]


@pytest.mark.parametrize(("name", "path", "case"), VALID, ids=[f"{n}/{p.name}" for n, p, _ in VALID])
def test_golden_reply_is_told_apart_by_auto(name: str, path: Path, case: dict[str, Any]) -> None:
    operation = smsc.get_operation(name).bind(case["params"])
    reply = smsc.decode(operation, path.read_bytes(), fmt="auto", charset=case["charset"])
    assert smsc.to_api(operation, reply) == case["expect"]


EXACT = [item for item in VALID if item[2]["byte_exact"]]


@pytest.mark.parametrize(("name", "path", "case"), EXACT, ids=[f"{n}/{p.name}" for n, p, _ in EXACT])
def test_canonical_golden_reply_reencodes_byte_for_byte(name: str, path: Path, case: dict[str, Any]) -> None:
    operation = smsc.get_operation(name).bind(case["params"])
    data = path.read_bytes()
    reply = smsc.decode(operation, data, fmt=case["fmt"], charset=case["charset"])
    assert smsc.encode(operation, reply, fmt=case["fmt"], charset=case["charset"]) == data


def test_tolerant_variants_reencode_to_the_canonical_form() -> None:
    canonical = (DATA / "get_operator" / "fmt2-single.xml").read_bytes()
    glued = (DATA / "get_operator" / "fmt2-declaration.xml").read_bytes()
    reply = smsc.decode(smsc.GET_OPERATOR, glued, fmt=2)
    assert smsc.encode(smsc.GET_OPERATOR, reply, fmt=2) == canonical


@pytest.mark.parametrize(("name", "path", "case"), INVALID, ids=[f"{n}/{p.name}" for n, p, _ in INVALID])
def test_malformed_reply_is_a_decode_error_at_its_position(name: str, path: Path, case: dict[str, Any]) -> None:
    with pytest.raises(smsc.DecodeError) as caught:
        smsc.decode(smsc.get_operation(name), path.read_bytes(), fmt=case["fmt"])
    error = caught.value
    assert case["expected"] in error.expected
    assert (error.operation, error.fmt) == (name, case["fmt"])
    assert error.line == case["line"]
    if case["column"] is not None:
        assert error.column == case["column"]
    assert f"fmt={case['fmt']}" in str(error)

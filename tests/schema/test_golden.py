"""Golden replies under tests/data: each pins a grammar line of the spec (quoted in its JSON).

The cases are found for every operation of ``smsc_formats.OPERATIONS`` under
``tests/data/<operation>/``: a valid case decodes to the hand-written fields of its
``.expected.json``; a byte-exact one re-encodes to the very same bytes. An invalid case, under
``invalid/``, is a DecodeError at the stated position. Every operation must have one valid case at
least. Then what some goldens mean beyond their fields: typed values, and error 3 read per script.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import smsc_formats as smsc
from smsc_formats import OPERATIONS, ErrorReply, decode, encode
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


def test_no_records_found_is_an_empty_list_that_keeps_the_error_reply() -> None:
    reply = decode(OPERATIONS["phones_get"], b"ERROR = 3 (no records found)", fmt=0)
    assert reply == []
    assert isinstance(reply, list)
    error = getattr(reply, "error", None)
    assert isinstance(error, ErrorReply)
    assert (error.code, error.description) == (3, "no records found")
    assert error.error_class().__name__ == "NoRecordsFound"


def test_error_three_stays_an_error_where_it_means_something_else() -> None:
    reply = decode(OPERATIONS["senders_get"], b"ERROR = 3 (sender not found)", fmt=0)
    assert isinstance(reply, ErrorReply)
    assert reply.error_class().__name__ == "SenderNotFound"


@pytest.mark.parametrize(
    ("name", "params"),
    [("jobs_del", {}), ("jobs_cancel", {}), ("phones_del", {}), ("phones_move_group", {}), ("status", {"del": "1"})],
)
def test_an_acknowledgement_seen_bare_under_fmt_3_is_written_bare_and_the_object_still_read(
    name: str, params: dict[str, str]
) -> None:
    operation = OPERATIONS[name].bind(params)
    assert encode(operation, decode(operation, b'{"result": "OK"}', fmt=3), fmt=3) == b"OK"
    assert encode(operation, decode(operation, b"OK", fmt=3), fmt=3) == b"OK"
    assert encode(operation, decode(operation, b"OK", fmt=3), fmt=2) == b"<result>OK</result>"


@pytest.mark.parametrize(("name", "params"), [("templates", {"chg": "1"}), ("users_chg", {}), ("users_pay", {})])
def test_an_acknowledgement_seen_as_an_object_under_fmt_3_is_written_so_and_the_bare_ok_still_read(
    name: str, params: dict[str, str]
) -> None:
    operation = OPERATIONS[name].bind(params)
    assert encode(operation, decode(operation, b"OK", fmt=3), fmt=3) == b'{\n"result": "OK"\n}'


def test_users_php_s_fmt_3_object_rests_on_its_own_client_and_says_why_node_smsc_does_not_decide() -> None:
    (written,) = [item for item in OPERATIONS["users_chg"].evidence if "fmt=3" in item.part]
    assert written.part.startswith('`{"result": "OK"}` written in fmt=3')
    assert "igorbunov/smsc-php-sdk" in written.where
    assert "rmdm/node-smsc `test/calls/users.spec.js`" in written.where
    assert "weighs for neither" in written.where


def test_the_fmt_0_error_line_under_fmt_3_is_the_error_reply_it_says() -> None:
    operation = OPERATIONS["templates"].bind({"chg": "1"})
    reply = decode(operation, b"ERROR = 3 (template not found)", fmt=3)
    assert isinstance(reply, ErrorReply)
    assert (reply.code, reply.description) == (3, "template not found")
    assert reply.error_class() is smsc.TemplateNotFound
    assert encode(operation, reply, fmt=3) == b'{\n"error": "template not found",\n"error_code": 3\n}'


def test_get_messages_reads_the_real_history_line_into_types() -> None:
    reply = (DATA / "get_messages" / "fmt0.txt").read_bytes()
    (message,) = decode(OPERATIONS["get_messages"], reply, fmt=0)  # type: ignore[misc]
    assert str(message.cost) == "0.385"
    assert message.last_date.isoformat() == "2021-06-28T15:55:47"
    assert (message.id, message.int_id, message.region, message.comment) == (206113, 401671913, "", None)

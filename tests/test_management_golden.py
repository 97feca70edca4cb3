"""Golden replies of the management and data operations: each pins a line the spec quotes.

``tests/data/management/<case>.expected.json`` names the reply file, the operation and its
request options, the spec line it pins, and the reply as ``to_api`` must give it (written by
hand from the spec); ``byte_exact`` replies are canonical and must re-encode to the same bytes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from smsc_formats import OPERATIONS, ErrorReply, decode, encode, to_api

DATA = Path(__file__).parent / "data" / "management"
CASES = sorted(DATA.glob("*.expected.json"))


def _load(path: Path) -> tuple[dict[str, Any], bytes]:
    case = json.loads(path.read_text(encoding="utf-8"))
    return case, (DATA / case["reply"]).read_bytes()


@pytest.mark.parametrize("path", CASES, ids=lambda path: path.name.removesuffix(".expected.json"))
def test_golden_reply_decodes_to_the_expected_api_fields(path: Path) -> None:
    case, reply = _load(path)
    assert case["pins"], "every golden file quotes the spec line it pins"
    operation = OPERATIONS[case["op"]](**case["params"])
    value = decode(operation, reply, fmt=case["fmt"])
    assert json.loads(json.dumps(to_api(operation, value), default=str)) == case["expect"]
    if case["byte_exact"]:
        assert encode(operation, value, fmt=case["fmt"]) == reply


def test_there_is_a_golden_reply_for_every_script() -> None:
    scripts = {OPERATIONS[_load(path)[0]["op"]].path for path in CASES}
    assert scripts >= {"jobs.php", "phones.php", "users.php", "senders.php", "get.php", "get_mnp.php", "tinyurls.php"}


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


def test_a_bare_ok_under_fmt_3_is_written_back_as_the_result_object() -> None:
    operation = OPERATIONS["jobs_del"]
    assert encode(operation, decode(operation, b"OK", fmt=3), fmt=3) == b'{\n"result": "OK"\n}'


def test_get_messages_reads_the_real_history_line_into_types() -> None:
    _case, reply = _load(DATA / "get_messages.fmt0.expected.json")
    (message,) = decode(OPERATIONS["get_messages"], reply, fmt=0)  # type: ignore[misc]
    assert str(message.cost) == "0.385"
    assert message.last_date.isoformat() == "2021-06-28T15:55:47"
    assert (message.id, message.int_id, message.region, message.comment) == (206113, 401671913, "", None)

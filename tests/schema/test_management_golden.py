"""What the management goldens under ``tests/data/<operation>/`` mean beyond their fields
(``test_golden`` checks every golden's fields and bytes): typed values, and error 3 read per
script.
"""

from __future__ import annotations

from smsc_formats import OPERATIONS, ErrorReply, decode, encode
from tests.paths import DATA


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
    reply = (DATA / "get_messages" / "fmt0.txt").read_bytes()
    (message,) = decode(OPERATIONS["get_messages"], reply, fmt=0)  # type: ignore[misc]
    assert str(message.cost) == "0.385"
    assert message.last_date.isoformat() == "2021-06-28T15:55:47"
    assert (message.id, message.int_id, message.region, message.comment) == (206113, 401671913, "", None)

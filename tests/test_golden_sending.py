"""Golden replies: each ``tests/data/<op>/<name>.expect.json`` names a raw reply, the request
options, and what it decodes to (written by hand from the spec line it quotes). A canonical
reply must also encode back to the same bytes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from smsc_formats import decode, encode, get_operation, to_api

DATA = Path(__file__).parent / "data"
CASES = sorted(DATA.glob("*/*.expect.json"))


def _plain(value: object) -> Any:
    """to_api's values as JSON has them (money stays the string the wire had)."""
    return json.loads(json.dumps(value, default=str))


@pytest.mark.parametrize("path", CASES, ids=[f"{path.parent.name}/{path.name[:-12]}" for path in CASES])
def test_golden_reply(path: Path) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    operation = get_operation(case["op"])(**case["params"])
    body = (path.parent / case["reply"]).read_bytes()
    reply = decode(operation, body, fmt=case["fmt"], charset=case["charset"])
    assert _plain(to_api(operation, reply)) == case["expect"], case["spec"]
    if case["canonical"]:
        assert encode(operation, reply, fmt=case["fmt"], charset=case["charset"]) == body, case["spec"]


def test_every_operation_has_golden_replies() -> None:
    from smsc_formats import OPERATIONS

    covered = {json.loads(path.read_text(encoding="utf-8"))["op"] for path in CASES}
    assert covered >= set(OPERATIONS) - {"get_operator"}

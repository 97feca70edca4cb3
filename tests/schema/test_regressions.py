"""Every input the fuzz harness (or a hostile-input review) found breaking the decoding invariant.

Each case under tests/data/regressions is a body and a JSON description: the operation and its
request options, the format, the charset, what went wrong before it was fixed, and the outcome it
must keep. ``outcome`` is either ``decode_error`` (a fragment of what was expected, with the line
and column) or ``value``: the reply in the API's names, compared field by field; ``no_records``
says the value is an empty list that keeps the server's error, and ``refused`` lists the formats
that encoding the value must refuse, with the field named.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import smsc_formats as smsc
from tests.paths import DATA

from .invariant import check_invariant
from .oracle import assert_reply

CASES = sorted((DATA / "regressions").glob("*.json"))


def _load(case: Path) -> tuple[dict[str, Any], smsc.Operation[Any], bytes]:
    spec: dict[str, Any] = json.loads(case.read_text(encoding="utf-8"))
    operation = smsc.get_operation(spec["operation"]).bind(spec["params"])
    return spec, operation, case.with_suffix(".bin").read_bytes()


def test_regressions_are_present() -> None:
    assert CASES
    assert all(case.with_suffix(".bin").exists() for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_regression_keeps_the_invariant(case: Path, fast_extra: bool) -> None:
    spec, operation, body = _load(case)
    assert spec["finding"], "say what broke"
    check_invariant(operation, body, spec["fmt"], spec["charset"])


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_regression_keeps_its_outcome(case: Path) -> None:
    spec, operation, body = _load(case)
    outcome = spec["outcome"]
    assert {"value", "decode_error"} & set(outcome), "say what the body must decode to, or that it is refused"
    if "decode_error" in outcome:
        wanted = outcome["decode_error"]
        with pytest.raises(smsc.DecodeError, match=re.escape(wanted["expected"])) as caught:
            smsc.decode(operation, body, fmt=spec["fmt"], charset=spec["charset"])
        assert (caught.value.line, caught.value.column) == (wanted["line"], wanted["column"])
        assert caught.value.operation == spec["operation"]
        return
    reply = smsc.decode(operation, body, fmt=spec["fmt"], charset=spec["charset"])
    assert isinstance(reply, smsc.NoRecords) is outcome.get("no_records", False)
    assert_reply(operation, reply, outcome["value"])
    for refusal in outcome.get("refused", []):
        with pytest.raises(smsc.EncodeError, match=re.escape(refusal["match"])) as refused:
            smsc.encode(operation, reply, fmt=refusal["fmt"], charset=spec["charset"])
        assert refused.value.field == refusal["field"]

"""Every input the fuzz harness (or a hostile-input review) found breaking the decoding invariant.

Each case under tests/data/regressions is a body and a JSON description: the operation and its
request options, the format, the charset, and what went wrong before it was fixed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import smsc_formats as smsc
from tests.paths import DATA

from .invariant import check_invariant

CASES = sorted((DATA / "regressions").glob("*.json"))


def test_regressions_are_present() -> None:
    assert CASES
    assert all(case.with_suffix(".bin").exists() for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_regression_keeps_the_invariant(case: Path) -> None:
    spec = json.loads(case.read_text(encoding="utf-8"))
    assert spec["finding"], "say what broke"
    operation = smsc.get_operation(spec["operation"]).bind(spec["params"])
    check_invariant(operation, case.with_suffix(".bin").read_bytes(), spec["fmt"], spec["charset"])

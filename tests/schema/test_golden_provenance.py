"""Where each golden's expected values come from, and checks that they are not the encoder's echo.

Every ``.expected.json`` under tests/data names its ``source``: ``captured`` (a reply recorded
from the live server), ``documented`` (the API's own pages), ``official_client`` (the vendor's
client libraries) or ``inferred`` (a neighbouring script, a third party, a guess), and ``library``
for a malformed reply under ``invalid/``, which pins the library's own refusal. The field is
*generated*: ``tools/golden_provenance.py`` writes it from the evidence tags that the ``spec``
quote carries, and the first test below holds the files to that script.

The expected values themselves are compared here field by field with the decoded model
(``tests/schema/oracle.py``), each turned into the Python value the test expects, never through
``to_api`` or ``encode``. Goldens whose ``source`` is ``inferred`` are consistency checks only:
where such a golden is also byte-exact, its body is the encoder's own layout, a snapshot and not
evidence (``SNAPSHOTS`` below names them).
"""

from __future__ import annotations

import copy
import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

import smsc_formats as smsc
from tests.paths import DATA, ROOT

from .oracle import assert_reply
from .test_golden import VALID

_SPEC = importlib.util.spec_from_file_location("golden_provenance", ROOT / "tools" / "golden_provenance.py")
assert _SPEC is not None
assert _SPEC.loader is not None
PROVENANCE: Any = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(PROVENANCE)

EXPECTED = sorted([*DATA.glob("*/*.expected.json"), *DATA.glob("*/invalid/*.expected.json")])
INDEPENDENT = {"captured", "documented", "official_client"}
IDS = [f"{n}/{p.name}" for n, p, _ in VALID]
SNAPSHOTS = sorted(f"{n}/{p.name}" for n, p, case in VALID if case["source"] == "inferred" and case["byte_exact"])
"""Byte-exact goldens whose shape is inferred: their bodies are written in the encoder's layout."""


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("path", EXPECTED, ids=[p.relative_to(DATA).as_posix() for p in EXPECTED])
def test_every_golden_names_its_source(path: Path) -> None:
    name = path.relative_to(DATA).as_posix()
    case = _load(path)
    if "/invalid/" in name:
        assert case["source"] == "library", name
        return
    assert case["source"] in PROVENANCE.KINDS, name
    assert case["spec"].strip(), f"{name} quotes no line of the spec"
    assert case["source"] == PROVENANCE.classify(name, case["spec"]), f"run tools/golden_provenance.py ({name})"


def test_the_files_are_as_the_provenance_script_writes_them() -> None:
    assert PROVENANCE.main(["--check"]) == 0


def test_the_provenance_script_reads_the_evidence_tags() -> None:
    classify = PROVENANCE.classify
    assert classify("x/a.expected.json", '"OK - 1 SMS, ID - 279" [REAL R1]') == "captured"
    assert classify("x/a.expected.json", "sending.md §4.2 [DOC S2] fmt=1") == "documented"
    assert classify("x/a.expected.json", "при fmt = 1: <country>,<operator>") == "documented"
    assert classify("x/a.expected.json", "management.md 6.2 [LIB]: fmt=3 array") == "official_client"
    assert classify("x/a.expected.json", "[DOC S2] layout inferred") == "inferred"
    assert classify("x/a.expected.json", "[3P P1, live demo account]") == "inferred"
    with pytest.raises(SystemExit, match="names no evidence; add it to OVERRIDES"):
        classify("x/a.expected.json", "a line with no tag")


def test_every_kind_of_source_is_represented() -> None:
    kinds = {case["source"] for _, _, case in VALID}
    assert kinds == set(PROVENANCE.KINDS)


@pytest.mark.parametrize(("name", "path", "case"), VALID, ids=IDS)
def test_golden_fields_match_the_hand_written_values(name: str, path: Path, case: dict[str, Any]) -> None:
    operation = smsc.get_operation(name).bind(case["params"])
    reply = smsc.decode(operation, path.read_bytes(), fmt=case["fmt"], charset=case["charset"])
    assert_reply(operation, reply, case["expect"])


def _altered(expect: Any) -> tuple[Any, str, Any] | None:
    """``expect`` with its first scalar value changed, the key changed and its new value; or
    None when it holds none."""
    altered = copy.deepcopy(expect)
    items = altered if isinstance(altered, list) else [altered]
    for item in items:
        for key, value in item.items():
            if isinstance(value, bool) or value is None or isinstance(value, list):
                continue
            item[key] = value + 1 if isinstance(value, int) else value + "0" if value else "x"
            return altered, key, item[key]
    return None


ORACLES = [item for item in VALID if item[2]["source"] in INDEPENDENT]


@pytest.mark.parametrize(("name", "path", "case"), ORACLES, ids=[f"{n}/{p.name}" for n, p, _ in ORACLES])
def test_the_field_check_fails_on_a_changed_value(name: str, path: Path, case: dict[str, Any]) -> None:
    """The comparison is not vacuous: one changed value, or one key too many, is caught."""
    operation = smsc.get_operation(name).bind(case["params"])
    reply = smsc.decode(operation, path.read_bytes(), fmt=case["fmt"], charset=case["charset"])
    changed = _altered(case["expect"])
    if changed is not None:
        altered, key, value = changed
        with pytest.raises(AssertionError) as caught:
            assert_reply(operation, reply, altered)
        # the comparison of the changed value failed (the oracle names a field by its attribute,
        # which may differ from the API's name in case: Phone, phone)
        assert f"'{key.lower()}'" in str(caught.value).lower()
        assert repr(value) in str(caught.value)
    if isinstance(case["expect"], dict):
        with pytest.raises(AssertionError, match="'unheard_of': '1'"):
            assert_reply(operation, reply, {**case["expect"], "unheard_of": "1"})


@pytest.mark.parametrize(("name", "path", "case"), VALID, ids=IDS)
def test_byte_exact_says_whether_the_encoder_writes_the_body(name: str, path: Path, case: dict[str, Any]) -> None:
    """A golden that is not byte-exact is in a form the encoder does not write: whatever its
    source, that body was not produced by the library."""
    operation = smsc.get_operation(name).bind(case["params"])
    data = path.read_bytes()
    reply = smsc.decode(operation, data, fmt=case["fmt"], charset=case["charset"])
    again = smsc.encode(operation, reply, fmt=case["fmt"], charset=case["charset"])
    assert (again == data) is case["byte_exact"], again


def test_captured_replies_in_the_servers_own_form_are_not_the_encoders() -> None:
    """For each operation with a capture the encoder does not write byte for byte, the capture
    and the canonical bytes differ: those goldens could not have come from the encoder."""
    differing = {name for name, _, case in VALID if case["source"] == "captured" and not case["byte_exact"]}
    assert differing == {"balance", "get_operator", "send", "status"}


def test_the_snapshots_are_named() -> None:
    """The inferred byte-exact goldens, listed so a reader can tell them from evidence."""
    assert len(SNAPSHOTS) >= 30
    assert "ping/fmt0.txt" in SNAPSHOTS
    assert not any(case["source"] in INDEPENDENT for n, p, case in VALID if f"{n}/{p.name}" in SNAPSHOTS)

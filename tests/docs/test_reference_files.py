"""The files other implementations read: the OpenAPI document (valid by a real validator, one
operation object per declared operation, current where the docs publish it, the same as
``smsc-formats schema`` prints) and the conformance corpus (current, and passed by this library)."""

from __future__ import annotations

import base64
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

import smsc_formats as smsc
from smsc_formats.operations.openapi import openapi_document
from tests.paths import ROOT

_SPEC = importlib.util.spec_from_file_location("reference_files", ROOT / "tools" / "reference_files.py")
assert _SPEC is not None
assert _SPEC.loader is not None
TOOL = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(TOOL)

DOCUMENT = openapi_document(smsc.OPERATIONS.values(), smsc.FILE_OPERATIONS.values())
CASES = sorted((ROOT / "conformance").rglob("*.json"))


def test_the_document_is_valid_openapi_3_1() -> None:
    validate(DOCUMENT)
    assert DOCUMENT["openapi"] == "3.1.0"


def test_the_validator_refuses_a_broken_document() -> None:
    broken = json.loads(json.dumps(DOCUMENT))
    broken["paths"]["/sys/balance.php"]["post"]["operationId"] = 5
    with pytest.raises(OpenAPIValidationError, match="5 is not of type 'string'"):
        validate(broken)


def _operations(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The operation objects by id, a call's JSON form aside (``x-smsc-json-form-of``)."""
    items = document["paths"].values()
    return {item["post"]["operationId"]: item["post"] for item in items if "x-smsc-json-form-of" not in item["post"]}


def test_every_operation_is_in_the_document_with_its_errors_and_evidence() -> None:
    operations = _operations(DOCUMENT)
    assert set(operations) == set(smsc.OPERATIONS) | set(smsc.FILE_OPERATIONS)
    for name, operation in operations.items():
        declared = smsc.OPERATIONS[name] if name in smsc.OPERATIONS else smsc.FILE_OPERATIONS[name].operation
        assert set(operation["x-smsc-errors"]) == {str(code) for code in declared.errors}
        assert [item["part"] for item in operation["x-smsc-evidence"]] == [item.part for item in declared.evidence]
        form = operation["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]
        assert {param.name for param in declared.request} <= set(form["properties"])


def test_request_parameters_replies_and_variants_are_typed() -> None:
    operations = _operations(DOCUMENT)
    send = operations["send"]["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]
    assert send["properties"]["cost"]["type"] == "integer"
    assert send["allOf"] == [{"anyOf": [{"required": ["list"]}, {"required": ["phones"]}]}]
    schemas = DOCUMENT["components"]["schemas"]
    assert schemas["OperatorInfo"]["properties"]["mcc"] == {"type": "string"}
    assert schemas["ErrorReply"]["required"] == ["error_code"]
    status = operations["status"]["responses"]["200"]["content"]["application/json"]["schema"]["anyOf"]
    bare = next(item for item in status if item.get("x-smsc-when") == {"del": ["1"]})
    assert (bare["x-smsc-fmt"], bare["x-smsc-sentence"]) == (0, "{result}")
    export = operations["get_mnp"]["responses"]["200"]["content"]["application/json"]["schema"]["anyOf"][1]
    assert export["x-smsc-limits"]["max_records"] == 25_000_000
    assert operations["get_mnp"]["x-smsc-evidence"][0]["source"] == "inferred"


def test_send_s_json_form_has_its_own_path_with_a_json_body() -> None:
    rest = DOCUMENT["paths"]["/rest/send/"]["post"]
    form = DOCUMENT["paths"]["/sys/send.php"]["post"]
    body = rest["requestBody"]["content"]["application/json"]["schema"]
    assert (rest["operationId"], rest["x-smsc-json-form-of"]) == ("send_json", "/sys/send.php")
    assert body == form["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]
    assert (body["properties"]["cost"]["type"], body["properties"]["fmt"]["type"]) == ("integer", "integer")
    assert rest["responses"] == form["responses"]
    assert [path for path, item in DOCUMENT["paths"].items() if "x-smsc-json-form-of" in item["post"]] == [
        "/rest/send/"
    ]


@pytest.mark.parametrize("name", sorted(smsc.FILE_OPERATIONS))
def test_a_call_answered_with_a_file_answers_binary_content_its_name_or_the_error_reply(name: str) -> None:
    operation = _operations(DOCUMENT)[name]
    reply = operation["responses"]["200"]
    assert reply["content"]["application/octet-stream"]["schema"] == {"type": "string", "format": "binary"}
    assert reply["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ErrorReply"}
    assert reply["headers"]["Content-Disposition"]["schema"] == {"type": "string"}
    assert operation["x-smsc-reply"] == "file"
    declared = smsc.FILE_OPERATIONS[name].operation
    path = f"/sys/{declared.path}?" + "&".join(f"{key}={value}" for key, value in declared.flags.items())
    assert DOCUMENT["paths"][path]["post"] is operation
    form = operation["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]
    assert form["properties"]["id"]["type"] == "integer"


def test_downloads_get_file_asks_for_its_id_or_its_name() -> None:
    form = _operations(DOCUMENT)["downloads_get_file"]["requestBody"]["content"]
    schema = form["application/x-www-form-urlencoded"]["schema"]
    assert schema["allOf"] == [{"anyOf": [{"required": ["id"]}, {"required": ["name"]}]}]
    assert schema["required"] == ["get_file"]


def _multipart(name: str) -> dict[str, Any] | None:
    body: dict[str, Any] = _operations(DOCUMENT)[name]["requestBody"]["content"]
    part = body.get("multipart/form-data")
    return None if part is None else dict(part["schema"])


@pytest.mark.parametrize("name", sorted(smsc.OPERATIONS))
def test_a_call_that_takes_files_has_a_multipart_body_with_its_files_and_their_limits(name: str) -> None:
    rule = smsc.OPERATIONS[name].takes_files
    schema = _multipart(name)
    if rule is None:
        assert schema is None
        return
    assert schema is not None
    files = {key: value for key, value in schema["properties"].items() if re.fullmatch(r"file[0-9]+", key)}
    assert list(files) == [f"file{index}" for index in range(rule.max_files)]
    for field in files.values():
        assert (field["type"], field["format"]) == ("string", "binary")
        assert f"at most {rule.max_bytes} bytes" in field["description"]
    limits = schema["x-smsc-files"]
    assert (limits["max_files"], limits["max_bytes"], limits["max_total_bytes"]) == (
        rule.max_files,
        rule.max_bytes,
        rule.max_total,
    )
    assert limits["extensions"] == list(rule.extensions)
    form = _operations(DOCUMENT)[name]["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]
    assert {key: value for key, value in schema["properties"].items() if key not in files} == form["properties"]


def test_the_multipart_body_takes_files_only_with_the_options_that_let_them_go() -> None:
    send = _multipart("send")
    assert send is not None
    assert send["x-smsc-files"]["when"] == {"mms": ["1"], "mail": ["1"]}
    checked = OAS31Validator(send)
    message = {"phones": "79990000000", "mes": "Hi", "file0": "…"}
    assert not checked.is_valid(message)
    assert checked.is_valid({**message, "mms": 1})
    assert checked.is_valid({**message, "mail": 1})
    assert not checked.is_valid({**message, "mail": 0})
    assert not checked.is_valid({"mes": "Hi", "mms": 1})  # the form's own rules hold: phones or list
    senders = _multipart("senders_add")
    assert senders is not None
    assert "when" not in senders["x-smsc-files"]
    assert senders["x-smsc-files"]["extensions"] == ["jpg", "jpeg", "tif", "tiff", "pdf", "png", "zip", "rar"]
    assert list(senders["properties"])[-1] == "file0"


def test_the_published_document_and_the_corpus_are_current() -> None:
    stale = [str(path.relative_to(ROOT)) for path, text in TOOL.written().items() if path.read_text("utf-8") != text]
    assert stale == [], "run: python tools/reference_files.py"
    assert set(CASES) == set(TOOL.corpus())


def test_the_schema_command_prints_the_published_document(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "smsc_formats.cli", "schema"]
    printed = subprocess.run(command, capture_output=True, check=True, timeout=60).stdout
    published = (ROOT / "docs" / "openapi.json").read_bytes()
    assert printed == published
    subprocess.run([*command, "--output", str(tmp_path / "openapi.json")], check=True, timeout=60)
    assert (tmp_path / "openapi.json").read_bytes() == published


@pytest.mark.parametrize("path", CASES, ids=[str(path.relative_to(ROOT / "conformance")) for path in CASES])
def test_this_library_passes_the_conformance_case(path: Path) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    operation = smsc.get_operation(case["operation"]).bind(case["request"])
    body = base64.b64decode(case["body_base64"])
    if case["body"] is not None:
        assert body == case["body"].encode(case["charset"])
    if case["refusal"] is not None:
        with pytest.raises(smsc.DecodeError, match="expected") as caught:
            smsc.decode(operation, body, fmt=case["fmt"], charset=case["charset"])
        assert case["refusal"]["expected"] in caught.value.expected
        assert caught.value.line == case["refusal"]["line"]
        assert case["refusal"]["column"] in (None, caught.value.column)
        return
    reply = smsc.decode(operation, body, fmt=case["fmt"], charset=case["charset"])
    assert json.loads(json.dumps(smsc.to_api(operation, reply), default=str)) == case["expect"]
    if case["byte_exact"]:
        assert smsc.encode(operation, reply, fmt=case["fmt"], charset=case["charset"]) == body


def test_the_corpus_holds_every_golden_and_every_kind_of_case() -> None:
    cases = [json.loads(path.read_text(encoding="utf-8")) for path in CASES]
    assert {case["operation"] for case in cases} == set(smsc.OPERATIONS)
    assert {case["source"] for case in cases} == {"captured", "documented", "official_client", "inferred", "library"}
    assert any(case["body"] is None for case in cases)
    assert any(case["refusal"] for case in cases)

"""The operations as an OpenAPI 3.1 document, generated from their declarations.

One operation object per declared operation: its request parameters as the form a POST carries
(typed: integers with their bounds, closed sets as enums, patterns where the API has one), its
reply in fmt=3, the format with a schema language of its own (each record a schema under
``components``, each variant an alternative marked with the options that choose it, a list where
the cardinality says so), the error reply with the operation's codes, and how each part is known
(``x-smsc-evidence``), and a call's JSON form (send.php's ``/rest/send/``) as the same operation
object at its own path, its request an ``application/json`` body (``x-smsc-json-form-of``
names the script). OpenAPI keys an operation by path and method, while the API tells a
script's commands apart by a flag: each command's path is written with its flag as the query
(``/sys/phones.php?add=1``), and ``x-smsc-script`` and ``x-smsc-flags`` say it plainly.

What JSON Schema cannot say is said in ``x-smsc-`` extensions: a reply the server writes in
another syntax whatever fmt was asked (the get_mnp export, a file; a bare ``OK`` where the
evidence shows one), and the option values that choose a variant.

A call that takes files (``Operation.takes_files``) has a ``multipart/form-data`` body beside the
form: the same fields and ``file0``, ``file1``, … (binary), with the rule's count, sizes and kinds,
and the options without which no file goes. A call answered with a file (``FILE_OPERATIONS``)
answers ``application/octet-stream``, its name in ``Content-Disposition``, or the error reply.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from .._exceptions import ApiError
from .._fmt import Fmt
from .._grammar import INTEGER_DIGITS
from .._version import __version__
from ..formats import DEFAULT_LIMITS, capabilities
from ._files import FIELD_NAME, FileRule
from ._kinds import sample_of
from ._operation import Cardinality, Operation
from ._params import Param
from ._schema import FieldSpec, Record
from ._values import Choice, Day, Flag, Integer, Items, Money
from .file_replies import FileOperation

Schema = dict[str, Any]

ERROR_SCHEMA: Schema = {
    "type": "object",
    "description": "An error reply, in fmt=3; the fmt=0 line `ERROR = N (description)` may come instead.",
    "properties": {
        "error": {"type": "string", "description": "The server's description (its language follows the host)."},
        "error_code": {"type": "integer", "description": "The code; what it means depends on the script."},
        "id": {"type": "integer", "description": "The message id, on send.php's errors 3, 6, 7 and 8."},
    },
    "required": ["error_code"],
}

CREDENTIALS: Schema = {
    "login": {"type": "string", "description": "The account's login (with `psw`)."},
    "psw": {"type": "string", "description": "The password, or its lower-case MD5 (with `login`)."},
    "apikey": {"type": "string", "description": "An API key, instead of `login` and `psw`."},
    "fmt": {"type": "integer", "enum": [0, 1, 2, 3], "description": "The reply's format; the schemas are fmt=3's."},
    "charset": {"type": "string", "description": "The charset of the request and the reply (utf-8, ...)."},
}


def openapi_document(operations: Iterable[Operation[Any]], files: Iterable[FileOperation] = ()) -> Schema:
    """The OpenAPI 3.1 document of ``operations`` (``smsc_formats.OPERATIONS.values()``) and of the
    calls answered with a file (``smsc_formats.FILE_OPERATIONS.values()``)."""
    components: dict[str, Schema] = {"ErrorReply": ERROR_SCHEMA}
    described = [(operation, _operation(operation, components)) for operation in operations]
    described += [(call.operation, _file_operation(call.operation)) for call in files]
    paths: dict[str, Schema] = {}
    for operation, item in sorted(described, key=lambda pair: pair[0].name):
        flags = "&".join(f"{key}={value}" for key, value in operation.flags.items())
        path = f"/sys/{operation.path}" + (f"?{flags}" if flags else "")
        paths.setdefault(path, {})["post"] = item
        if operation.json_path is not None:
            paths[f"/{operation.json_path}"] = {"post": _json_form(item, path)}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "SMSC.ru HTTP API",
            "version": __version__,
            "description": (
                "Every operation smsc_formats declares, generated from its declaration: the request "
                "as a form, the fmt=3 reply, the error codes, and the evidence for each part."
            ),
        },
        "servers": [{"url": "https://smsc.ru"}],
        "paths": paths,
        "components": {"schemas": dict(sorted(components.items()))},
    }


def _operation(operation: Operation[Any], components: dict[str, Schema]) -> Schema:
    replies = [_reply(operation.record, operation.cardinality, None, components)]
    replies += [
        _reply(variant.record, variant.cardinality or operation.cardinality, variant.when, components)
        for variant in operation.variants
    ]
    reply = {
        "description": "The reply, or an error reply (the server answers its errors with HTTP 200).",
        "content": {"application/json": {"schema": {"anyOf": [*replies, _ref("ErrorReply")]}}},
    }
    return _described(operation, reply)


def _file_operation(operation: Operation[Any]) -> Schema:
    """A call answered with a file: its request as any call's, the file or the error reply."""
    reply = {
        "description": (
            "The file, its bytes as the server sends them whatever `fmt` asked, with its own type in "
            "`Content-Type`; or an error reply in the asked format (the server answers its errors with HTTP 200)."
        ),
        "headers": {
            "Content-Disposition": {
                "description": "The file's name: `attachment; filename=\"…\"`, or RFC 5987's `filename*=UTF-8''…`.",
                "schema": {"type": "string"},
            }
        },
        "content": {
            "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
            "application/json": {"schema": _ref("ErrorReply")},
        },
    }
    return {**_described(operation, reply), "x-smsc-reply": "file"}


def _described(operation: Operation[Any], reply: Schema) -> Schema:
    """The operation object: the request as a form (and a multipart body when it takes files), ``reply``, and
    what the extensions say of the call."""
    body = {"application/x-www-form-urlencoded": {"schema": _form(operation)}}
    if operation.takes_files is not None:
        body["multipart/form-data"] = {"schema": _multipart(operation, operation.takes_files)}
    return {
        "operationId": operation.name,
        "summary": operation.description,
        "requestBody": {"required": True, "content": body},
        "responses": {"200": reply},
        "x-smsc-script": operation.path,
        "x-smsc-flags": dict(operation.flags),
        "x-smsc-idempotent": operation.idempotent,
        "x-smsc-errors": _errors(operation.errors),
        "x-smsc-no-records-codes": sorted(operation.no_records_codes),
        "x-smsc-evidence": [
            {"part": item.part, "source": item.source.name.lower(), "where": item.where} for item in operation.evidence
        ],
    }


def _json_form(form: Schema, path: str) -> Schema:
    """The call's JSON form: the same operation at its own path, the parameters as one JSON object
    (integers and flags as numbers, as the form schema types them)."""
    body = form["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]
    content = {"application/json": {"schema": body}}
    body = {"required": True, "content": content}
    return {**form, "operationId": f"{form['operationId']}_json", "requestBody": body, "x-smsc-json-form-of": path}


def _form(operation: Operation[Any]) -> Schema:
    properties = dict(CREDENTIALS)
    properties.update({name: {"type": "string", "const": value} for name, value in operation.flags.items()})
    properties.update({param.name: _param(param) for param in operation.request})
    required = [*operation.flags, *(param.name for param in operation.request if param.required and not param.either)]
    form: Schema = {"type": "object", "properties": properties, "required": required}
    alternatives = [param for param in operation.request if param.required and param.either]
    if alternatives:
        groups = {tuple(sorted((param.name, *param.either))) for param in alternatives}
        form["allOf"] = [{"anyOf": [{"required": [name]} for name in group]} for group in sorted(groups)]
    return form


def _multipart(operation: Operation[Any], rule: FileRule) -> Schema:
    """The form's fields and the files the rule lets go with them (``file0``, …, each binary)."""
    form = _form(operation)
    kinds = f" of kind {', '.join(rule.extensions)}" if rule.extensions else ""
    files = {
        f"file{index}": {
            "type": "string",
            "format": "binary",
            "contentMediaType": "application/octet-stream",
            "description": f"A file{kinds}, at most {rule.max_bytes} bytes; {rule.max_total} bytes for all together.",
        }
        for index in range(rule.max_files)
    }
    schema: Schema = {
        **form,
        "description": rule.meaning,
        "properties": {**form["properties"], **files},
        "x-smsc-files": {
            "field_pattern": FIELD_NAME.pattern,
            "max_files": rule.max_files,
            "max_bytes": rule.max_bytes,
            "max_total_bytes": rule.max_total,
            "extensions": list(rule.extensions),
        },
    }
    if rule.when:
        declared = {param.name: _param(param) for param in operation.request}
        allowing = [
            {"required": [key], "properties": {key: {"enum": [_typed(declared[key], value) for value in values]}}}
            for key, values in rule.when.items()
        ]
        schema["allOf"] = [*form.get("allOf", ()), {"anyOf": allowing}]
        schema["x-smsc-files"]["when"] = {key: list(values) for key, values in rule.when.items()}
    return schema


def _typed(schema: Schema, value: str) -> int | str:
    """An option's value as its schema types it (``1`` for a flag)."""
    return int(value) if schema["type"] == "integer" else value


def _param(param: Param) -> Schema:
    kind = param.type
    schema: Schema
    if isinstance(kind, Flag):
        schema = {"type": "integer", "enum": [0, 1]}
    elif isinstance(kind, Integer):
        schema = {"type": "integer", "minimum": kind.low, "maximum": kind.high}
        if kind.choices is not None:
            schema["x-smsc-names"] = {member.name: member.value for member in kind.choices}
    elif isinstance(kind, Choice):
        schema = {"type": "string", "enum": list(kind.values)}
    elif isinstance(kind, Money):
        schema = {"type": "string", "pattern": r"^-?[0-9]{1,15}(\.[0-9]{1,6})?$"}
    elif isinstance(kind, Day):
        schema = {"type": "string", "pattern": r"^[0-9]{2}\.[0-9]{2}\.[0-9]{4}$"}
    else:
        schema = {"type": "string"}
    if isinstance(kind, Items):
        schema["x-smsc-list"] = "several values, separated by commas"
    schema["description"] = f"{param.meaning} Takes {kind.expected}."
    if param.either:
        schema["x-smsc-either"] = list(param.either)
    if param.secret:
        schema["writeOnly"] = True
    return schema


def _reply(
    record: Record[Any],
    cardinality: Cardinality,
    when: Mapping[str, tuple[str, ...]] | None,
    components: dict[str, Schema],
) -> Schema:
    """One alternative of the reply: the record, a list of it, or either, as the cardinality says."""
    name = _component(record, components)
    item = _ref(name)
    listed: Schema = {"type": "array", "items": item}
    if record.layout.json_list_key is not None:
        listed = {"type": "object", "properties": {record.layout.json_list_key: listed}}
    shape = {"one": item, "many": listed}.get(cardinality.kind) or {
        "anyOf": [item, listed],
        "x-smsc-list-when": f"the request names several items in `{cardinality.param}`",
    }
    written = record.written_in(Fmt.JSON)
    if written is not Fmt.JSON:
        shape = {
            "type": "string",
            "contentMediaType": "text/csv" if record.layout.csv_header else "text/plain",
            "description": f"The server answers in its fmt={int(written)} syntax whatever fmt was asked.",
            "x-smsc-fmt": int(written),
            "x-smsc-records": shape,
        }
        if record.layout.text_template is not None and capabilities(written).sentences:
            shape["x-smsc-sentence"] = record.layout.text_template.source
    if record.limits is not DEFAULT_LIMITS:
        shape = {**shape, "x-smsc-limits": dataclasses.asdict(record.limits)}
    if when is not None:
        shape = {**shape, "x-smsc-when": {key: list(values) for key, values in when.items()}}
    return shape


def _component(record: Record[Any], components: dict[str, Schema]) -> str:
    name = record.model.__name__
    if name not in components:
        fields = {spec.name: _field(spec, components) for spec in record.fields}
        components[name] = {
            "type": "object",
            "description": (record.model.__doc__ or name).strip().split("\n\n")[0],
            "properties": fields,
            "required": [spec.name for spec in record.fields if spec.required],
            "additionalProperties": any(item.name == "extra" for item in dataclasses.fields(record.model)),
        }
    return name


def _field(spec: FieldSpec, components: dict[str, Schema]) -> Schema:
    if spec.nested is not None:
        return {"type": "array", "items": _ref(_component(spec.nested, components))}
    base = spec.base
    if isinstance(base, type) and issubclass(base, enum.IntEnum):
        return {"type": "integer", "x-smsc-codes": {member.name: member.value for member in base}}
    schema: Schema = {"type": "string"}
    if base is int:
        schema = {
            "type": ["integer", "string"],
            "description": f"At most {INTEGER_DIGITS} digits; written as a number, also read as its digits.",
        }
    elif base is Decimal:
        schema = {"type": ["string", "number"], "description": "An amount, written as a string (`4.50`)."}
    elif base is datetime:
        schema = {"type": "string", "pattern": r"^[0-9]{2}\.[0-9]{2}\.[0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2}$"}
    if base is not str:
        schema["examples"] = [spec.kind.write_json(sample_of(base).example)]
    if spec.text_name != spec.name:
        schema["x-smsc-fmt0-name"] = spec.text_name
    return schema


def _errors(table: Mapping[int, type[ApiError]]) -> dict[str, Schema]:
    return {
        str(code): {"class": error.__name__, "meaning": (error.__doc__ or "").strip().split("\n")[0]}
        for code, error in sorted(table.items())
    }


def _ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}

"""A call's JSON form both ways: the body ``build_request(json_body=True)`` writes, and reading one back.

send.php's JSON form is ``POST /rest/send/`` beside ``/sys/`` with the same parameters as one JSON
object in the body. Writing is pure and deterministic: every field of the request (the
credentials among them: they travel in the body, never in the URL) is one member, in the
request's order; a field bound as a whole number or a flag is a JSON number (the live server took
``"cost": 3`` so), every other one the string the form would carry. JSON is UTF-8 (RFC 8259):
the body is written in ASCII, every other character as a ``\\u`` escape, as the JSON encoders
of the clients seen using the form write it, and ``charset`` says ``utf-8`` in it.

Reading (what :class:`~smsc_formats.testing.FakeSmsc` does with such a body) is strict:
``Content-Type: application/json``, a UTF-8 body that is one JSON object, each member named
once, each value a string or a number (read as its text, as written); anything else is a
``ValueError`` that says what was expected and what was found.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterable
from typing import Any, Literal, NoReturn
from urllib.parse import urljoin

from ._exceptions import RequestError
from ._fmt import Fmt
from .operations import Operation

MEDIA_TYPE = "application/json"


def endpoint(base_url: str, json_path: str) -> str:
    """The JSON form's URL beside the base URL's last directory: ``https://smsc.ru/sys/`` and
    ``rest/send/`` give ``https://smsc.ru/rest/send/``."""
    return urljoin(base_url.rstrip("/") + "/", "../" + json_path)


def check(operation: Operation[Any], *, method: Literal["GET", "POST"], fmt: int, charset: str) -> str:
    """The path of the call's JSON form, after refusing what it cannot carry, before a byte is sent:
    a call without one, files, ``GET``; a reply asked in another format or charset than JSON in UTF-8."""
    if operation.json_path is None:
        raise RequestError(
            "this call has no JSON form (send.php's is /rest/send/)", operation=operation.name, param="json_body"
        )
    if operation.files:
        raise RequestError(
            "files go in a multipart body, which the JSON form cannot carry", operation=operation.name, param="files"
        )
    if method == "GET":
        raise RequestError(
            "the JSON form is a POST body, which method='GET' cannot send", operation=operation.name, param="json_body"
        )
    if Fmt(fmt) is not Fmt.JSON or codecs.lookup(charset).name != "utf-8":
        raise ValueError(f"json_body=True asks for JSON in UTF-8: fmt=3 and charset='utf-8', not {fmt} and {charset!r}")
    return operation.json_path


def write(fields: Iterable[tuple[str, str]], numbers: frozenset[str]) -> bytes:
    """The body: one JSON object of ``fields``, those named in ``numbers`` as numbers."""
    members = {name: int(value) if name in numbers else value for name, value in fields}
    return json.dumps(members, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def escaped(value: str) -> str:
    """``value`` as the body writes it inside its quotes (``\\u00f6`` for ``ö``)."""
    return json.dumps(value, ensure_ascii=True)[1:-1]


class _Members(tuple[tuple[str, Any], ...]):
    """An object's members, as read: told apart from an array, whose values are refused."""


def _members(pairs: list[tuple[str, Any]]) -> _Members:
    named: set[str] = set()
    for name, _ in pairs:  # a set, not a count per name: linear in the members
        if name in named:
            raise ValueError(f"each member named once, found {name!r} twice")
        named.add(name)
    return _Members(pairs)


def _constant(name: str) -> NoReturn:
    raise ValueError(f"a JSON number, found {name}")


def read(content_type: str, body: bytes) -> tuple[tuple[str, str], ...]:
    """The fields of a JSON form's body, each value as its text; ``ValueError`` saying what is wrong
    with one that breaks the rules above (the caller bounds the body's size)."""
    if content_type.partition(";")[0].strip().lower() != MEDIA_TYPE:
        raise ValueError(f"a JSON body (Content-Type: {MEDIA_TYPE}), found {content_type!r}")
    try:
        document = json.loads(
            body.decode("utf-8"), object_pairs_hook=_members, parse_int=str, parse_float=str, parse_constant=_constant
        )
    except UnicodeDecodeError as exc:
        raise ValueError(f"a UTF-8 body, found byte {body[exc.start]:#04x} at offset {exc.start}") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"a JSON object: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise ValueError("a JSON object of parameters, found values nested too deep") from None
    if not isinstance(document, _Members):
        raise ValueError(f"a JSON object of parameters, found {_kind(document)}")
    for name, value in document:
        if not isinstance(value, str):
            raise ValueError(f"{name!r}: a string or a number, found {_kind(value)}")
    return tuple(document)


def _kind(value: object) -> str:
    """What a value read is, in words (numbers are read as their text)."""
    if isinstance(value, _Members):
        return "an object"
    if isinstance(value, list):
        return "an array"
    return "a string or a number" if isinstance(value, str) else json.dumps(value)

"""What a host reads of a request: the script it names, and its fields as one url-encoded form.

The account takes a request as a script and a url-encoded form (query and body joined), with
the files of a multipart body beside it. A url-encoded body is joined as it is; a multipart body
gives its fields (their bytes as sent) and its files; a POST to a call's JSON form (send.php's
``/rest/send/``, beside ``/sys/``) is read as one JSON object (``_json_body.read``) and answered as
its script: read as UTF-8, answered in UTF-8, in JSON unless the body asks for another ``fmt``
(the one captured exchange asked none and got JSON). A body that breaks its format's rules is a
``ValueError`` saying what is wrong, which the host answers with HTTP 400.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit

from .. import _json_body, _multipart
from ..operations import OPERATIONS, Upload

JSON_FORMS = {f"/{operation.json_path}": operation.path for operation in OPERATIONS.values() if operation.json_path}
"""The JSON forms' paths from a host's root (``/rest/send/``), and the script each one is."""


@dataclass(frozen=True, slots=True)
class Received:
    """A request as the account takes it, with what ``FakeSmsc.requests`` records of it."""

    script: str
    form: str
    files: tuple[tuple[str, Upload], ...] = ()
    path: str = ""
    url_fields: tuple[str, ...] = ()


def received(method: str, target: str, content_type: str, body: bytes) -> Received:
    """The request to ``target`` (a path with its query) with ``body`` of ``content_type``."""
    url = urlsplit(target)
    in_url = tuple(key for key, _ in parse_qsl(url.query, encoding="latin-1"))
    script = JSON_FORMS.get(url.path)
    if script is not None and method == "POST":
        fields = dict(_json_body.read(content_type, body))
        fields.setdefault("fmt", "3")
        fields["charset"] = "utf-8"
        form = _joined(url.query, urlencode(fields, encoding="utf-8"))
        return Received(script, form, path=url.path, url_fields=in_url)
    script = url.path.rsplit("/", 1)[-1] or url.path.strip("/")
    if not content_type.lower().startswith("multipart/"):
        return Received(script, _joined(url.query, body.decode("latin-1")), path=url.path, url_fields=in_url)
    parts = _multipart.read(content_type, body)  # the fields as a url-encoded form, their bytes as sent
    return Received(script, _joined(url.query, urlencode(parts.fields)), parts.files, url.path, in_url)


def _joined(query: str, form: str) -> str:
    return "&".join(part for part in (query, form) if part)

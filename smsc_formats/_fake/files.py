"""The calls answered with a file in the fake (``FILE_OPERATIONS``):

- ``downloads_get_file``: the export ``FakeSmsc.add_download`` put in, by ``id`` or ``name``
  (``downloads_get_list`` lists them), as ``text/csv``;
- ``documents_get_account``: an invoice ``documents_add_account`` made, as a small PDF-like body;
- ``documents_get_act``: the fake keeps no acts.

An id or name the account does not have is error 3 (1 on downloads.php, whose page lists no 3).
The file's name goes in ``Content-Disposition`` twice: an ASCII ``filename`` and RFC 5987's
``filename*``, in UTF-8. Each call takes the options its declaration names; as on every other
call, any other (or a file sent with the request) is answered with HTTP 501, and the request
passes the same checks of credentials and per-minute limits first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote

from .._grammar import INTEGER_DIGITS, bounded_int
from ..operations.file_replies import FILE_OPERATIONS, FileOperation
from ._state import Fields, Served

if TYPE_CHECKING:
    from ._account import FakeAccount


@dataclass(frozen=True, slots=True)
class FileBody:
    """A file as the fake sends it."""

    name: str
    content_type: str
    data: bytes

    @property
    def disposition(self) -> str:
        fallback = self.name.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
        return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(self.name, safe='')}"


def file_operation(script: str, fields: Fields) -> FileOperation | None:
    """The call answered with a file that this request names, if any."""
    return next(
        (
            operation
            for operation in FILE_OPERATIONS.values()
            if operation.operation.path == script and all(key in fields for key in operation.operation.flags)
        ),
        None,
    )


def _downloads_get_file(account: FakeAccount, fields: Fields) -> FileBody | int:
    wanted = bounded_int(fields.get("id", ""), INTEGER_DIGITS)
    for number, (name, data) in account.downloads.items():
        if number == wanted or name == fields.get("name"):
            return FileBody(name, "text/csv", data)
    return 1


def _documents_get_account(account: FakeAccount, fields: Fields) -> FileBody | int:
    number = bounded_int(fields.get("id", ""), INTEGER_DIGITS)
    invoice = account.invoices.get(number) if number is not None else None
    if invoice is None:
        return 3
    text = f"%PDF-1.4\n% invoice {number}: {invoice['user']}, {invoice['sum']}, {invoice['service']}\n%%EOF\n"
    return FileBody(f"счёт-{number}.pdf", "application/pdf", text.encode())


FileScript = Served[FileBody | int]
"""A call answered with a file, or an error code."""

HANDLERS: dict[str, FileScript] = {
    "downloads_get_file": FileScript(_downloads_get_file, frozenset({"id", "name"})),
    "documents_get_account": FileScript(_documents_get_account, frozenset({"id"})),
    "documents_get_act": FileScript(lambda account, fields: 3, frozenset({"id", "num"})),
}
"""Each call's answer: a file, or an error code."""

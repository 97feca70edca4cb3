"""The calls whose reply is a file, not a formatted reply: a deferred export (downloads.php
``get_file``), an invoice and an act (documents.php ``get_account``, ``get_act``).

They build their request as every call does, and the server answers their errors with the
API's error reply in the asked format; what it sends on success is the file itself
(management spec §4.3, §7.3). So they are no :class:`Operation` of the registry that decodes
and encodes replies (``OPERATIONS``), but a :class:`FileOperation` each, in
:data:`FILE_OPERATIONS`, which ``Client.download`` fetches as a
:class:`~smsc_formats.DownloadedFile` (and :func:`~smsc_formats.parse_download` reads).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .._public import show_in
from ._common import DONE, Done, script_operation
from ._evidence import documented, inferred
from ._operation import Operation
from ._params import Param
from ._values import LINE, SERVER_ID
from .documents import SDK
from .misc import UNSHOWN_ERRORS
from .users import USERS_ERRORS


@dataclass(frozen=True, slots=True)
class FileOperation:
    """A call answered with a file: ``operation`` builds its request and reads its error replies."""

    operation: Operation[Done]

    @property
    def name(self) -> str:
        return self.operation.name

    @property
    def description(self) -> str:
        return self.operation.description

    def __call__(self, **options: object) -> FileOperation:
        """This call with request options set, checked as :meth:`Operation.__call__` checks them."""
        return FileOperation(self.operation.bind(options))


_FILE = inferred("The reply: the file's bytes, its name in `Content-Disposition`", "no page or capture shows one")

DOWNLOADS_GET_FILE = FileOperation(
    script_operation(
        "downloads",
        "get_file",
        "a deferred export's file, by `id` or `name` (a file, not a reply)",
        DONE,
        request=(
            Param("id", "The task's id, as `get_list` gives it.", required=True, type=SERVER_ID, either=("name",)),
            Param("name", "The task's name, instead of `id`.", required=True, type=LINE, either=("id",)),
        ),
        evidence=(
            documented("The reply is the task's file", "the deferred-tasks page (miscellaneous/downloads)"),
            _FILE,
            UNSHOWN_ERRORS,
        ),
        idempotent=True,
    )
)


def _document(command: str, description: str, *request: Param) -> FileOperation:
    return FileOperation(
        script_operation(
            "documents",
            command,
            f"{description} as a document (a file, not a reply; inferred)",
            DONE,
            errors=USERS_ERRORS,
            request=request,
            evidence=(
                inferred(f"`{command}` downloads {description}", f"{SDK} name the command a download"),
                _FILE,
                inferred("Error replies in four formats; users.php's codes", "the page is not reachable"),
            ),
            idempotent=True,
        )
    )


DOCUMENTS_GET_ACCOUNT = _document(
    "get_account",
    "an invoice",
    Param("id", f"The invoice's id, as `add_account` answers it. {SDK}", required=True, type=SERVER_ID),
)
DOCUMENTS_GET_ACT = _document(
    "get_act",
    "an act",
    Param("id", f"The act's id. {SDK}", required=True, type=SERVER_ID, either=("num",)),
    Param("num", f"The act's number, instead of `id`. {SDK}", required=True, type=LINE, either=("id",)),
)

FILE_OPERATIONS: Mapping[str, FileOperation] = {
    operation.name: operation for operation in (DOWNLOADS_GET_FILE, DOCUMENTS_GET_ACCOUNT, DOCUMENTS_GET_ACT)
}
"""The calls answered with a file, by name; ``Client.download`` fetches each."""

show_in("smsc_formats", FileOperation)

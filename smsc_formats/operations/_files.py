"""Files a call takes in a multipart/form-data body: which calls take them, their limits, and the
checks an upload passes before a byte is sent.

The official libraries attach MMS files and e-mail attachments as ``file0``, ``file1``, … in a
multipart POST (smsc_api.php, smsc_api.js); senders.php takes a document for the operators
("jpg, tif, pdf, png, zip, rar … not exceed 3 MB") [DOC-EN senders]. A call declares a
:class:`FileRule`; an upload is a ``(filename, content, content_type)`` triple (an
:class:`Upload` is one), checked here: the field's name, the file's name and type (nothing that
could break out of a part's headers), and its size, each refusal a
:class:`~smsc_formats.RequestError` that names the file and the limit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from .._exceptions import RequestError


class Upload(NamedTuple):
    """A file to send: its name, its bytes, and its media type (``image/jpeg``)."""

    filename: str
    content: bytes
    content_type: str = "application/octet-stream"


FilesArgument = Mapping[str, tuple[str, bytes, str]]
"""What ``files=`` takes: each field name (``file0``, ``file1``, …) to a file, a plain triple or an :class:`Upload`."""

FIELD_NAME = re.compile(r"file(?:0|[1-9][0-9]?)", re.ASCII)
"""The official libraries' field names: ``file0`` to ``file99``."""
_CONTENT_TYPE = re.compile(r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,62}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,62}", re.ASCII)
"""A media type without parameters (RFC 6838's restricted names): nothing a header could be bent with."""
UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f"\\/]')
"""What a file's name may not hold: control characters (CR, LF among them), quotes, slashes."""
MAX_NAME = 255
MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class FileRule:
    """The files a call takes: how many, how large, of which kinds, and with which options.

    ``when`` maps an option to the values of which one must be set for files to go at all
    (send.php takes files with ``mms=1`` or ``mail=1``); ``extensions``, when not empty, are the
    file-name endings allowed (lower case, no dot).
    """

    meaning: str
    max_files: int
    max_bytes: int
    """The most one file may hold."""
    max_total: int
    """The most all the files of a request may hold together."""
    extensions: tuple[str, ...] = ()
    when: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def check(self, operation: str, files: FilesArgument) -> tuple[tuple[str, Upload], ...]:
        """``files`` as ``(field, Upload)`` pairs in order, or the :class:`RequestError` of the first
        one the rule refuses."""
        if len(files) > self.max_files:
            raise RequestError(
                f"at most {self.max_files} file{'s' if self.max_files > 1 else ''}, found {len(files)}",
                operation=operation,
                param="files",
            )
        checked = tuple((name, _upload(operation, name, given, self)) for name, given in files.items())
        total = sum(len(upload.content) for _, upload in checked)
        if total > self.max_total:
            raise RequestError(
                f"files of at most {_size(self.max_total)} together, found {_size(total)}",
                operation=operation,
                param="files",
            )
        return checked

    def allows(self, form: Mapping[str, str]) -> bool:
        """Whether the request's options let files go (``when``)."""
        return not self.when or any(form.get(key, "0") in values for key, values in self.when.items())

    @property
    def options(self) -> str:
        """``when`` as a reader writes it: ``mms=1 or mail=1``."""
        return " or ".join(f"{key}={value}" for key, values in self.when.items() for value in values)


MESSAGE_FILES = FileRule(
    "MMS files and e-mail attachments, as the official libraries send them (`file0`, `file1`, …), with `mms=1` or "
    "`mail=1`. No page states a limit: at most 20 files of 5 MiB together is the library's own bound (inferred).",
    max_files=20,
    max_bytes=5 * MIB,
    max_total=5 * MIB,
    when={"mms": ("1",), "mail": ("1",)},
)
"""send.php's and jobs.php's files [LIB smsc_api.php, smsc_api.js; node-smsc's jobs test]."""

SENDER_DOCUMENT = FileRule(
    "A document for the operators (a trademark or domain certificate) in jpg, tif, pdf, png, zip or rar, at most "
    "3 MB [DOC-EN senders]; 3 MB is read as 3 MiB, and `jpeg`, `tiff` are accepted as spellings of jpg, tif "
    "(inferred).",
    max_files=1,
    max_bytes=3 * MIB,
    max_total=3 * MIB,
    extensions=("jpg", "jpeg", "tif", "tiff", "pdf", "png", "zip", "rar"),
)
"""senders.php's document on ``add`` and ``chg``."""


def _upload(operation: str, name: object, given: object, rule: FileRule) -> Upload:
    if not isinstance(name, str) or not FIELD_NAME.fullmatch(name):
        raise RequestError("a file's field is named file0, file1, … file99", operation=operation, param=repr(name))
    if not (isinstance(given, tuple) and len(given) == 3):
        raise RequestError("a (filename, content, content_type) triple", operation=operation, param=name)
    filename, content, content_type = given
    if not isinstance(filename, str) or not filename or len(filename) > MAX_NAME or UNSAFE_NAME.search(filename):
        raise RequestError(
            f"a file name of 1 to {MAX_NAME} characters with no control character, quote, backslash or slash",
            operation=operation,
            param=name,
            found=repr(filename)[:80],
        )
    if not isinstance(content, (bytes, bytearray, memoryview)):
        raise RequestError(f"the bytes of {filename!r}", operation=operation, param=name, found=type(content).__name__)
    if not isinstance(content_type, str) or not _CONTENT_TYPE.fullmatch(content_type):
        raise RequestError(
            "a media type such as image/jpeg, without parameters",
            operation=operation,
            param=name,
            found=repr(content_type)[:80],
        )
    extension = filename.rpartition(".")[2].lower() if "." in filename else ""
    if rule.extensions and extension not in rule.extensions:
        raise RequestError(
            f"{filename!r}: a file of kind {', '.join(rule.extensions)}", operation=operation, param=name
        )
    data = bytes(content)
    if len(data) > rule.max_bytes:
        raise RequestError(
            f"{filename!r}: at most {_size(rule.max_bytes)}, found {_size(len(data))}", operation=operation, param=name
        )
    return Upload(filename, data, content_type.lower())


def _size(count: int) -> str:
    return f"{count / MIB:g} MiB ({count} bytes)" if count >= MIB else f"{count} bytes"

"""What a log run writes: JSON lines or a table on stdout, a progress bar on a terminal's stderr.

JSON lines, one per reply, keep the source position so each line can be traced back::

    {"file": "a.log", "line": 3, "op": "get_operator", "reply": {...}}
    {"file": "a.log", "line": 4, "op": "get_operator", "malformed": {"expected": "...", ...}}

``reply`` is what the single-reply ``decode`` prints (an object, an array, or an error reply).
"""

from __future__ import annotations

import json
import shutil
import time
from typing import BinaryIO, Literal, Protocol, TextIO

from ..operations import OPERATIONS
from ._decode import Outcome

IPC_SUFFIXES = (".arrow", ".arrows", ".feather", ".ipc")
"""File names of an Arrow IPC file; ``.parquet`` names a Parquet file."""


def is_columnar(path: str) -> bool:
    """Whether a file name asks for a columnar file (Parquet, Arrow IPC) rather than text."""
    return path.lower().endswith((".parquet", *IPC_SUFFIXES))


_dumps = json.JSONEncoder(ensure_ascii=False, default=str).encode


class Writer(Protocol):
    """Where outcomes go, one at a time, in the order of the log."""

    def write(self, outcome: Outcome, /) -> None: ...


class JsonLines:
    """One JSON object per reply, written as UTF-8 whatever the locale."""

    def __init__(self, out: BinaryIO) -> None:
        self._out = out
        self._names: dict[str | None, str] = {}
        """File and operation names as JSON, written once each (there are few)."""

    def _name(self, name: str | None) -> str:
        written = self._names.get(name)
        if written is None:
            written = _dumps(name)
            if len(self._names) < 1024 and len(written) <= 1024:  # a log naming endless or huge unknown operations
                self._names[name] = written
        return written

    def write(self, outcome: Outcome) -> None:
        entry = outcome.entry
        head = f'{{"file": {self._name(entry.source)}, "line": {entry.line}, "op": {self._name(outcome.op)}, '
        malformed = outcome.malformed
        if malformed is None:
            self._out.write(f'{head}"reply": {_dumps(outcome.value)}}}\n'.encode())
            return
        problem = {
            "expected": malformed.expected,
            "line": malformed.line,
            "column": malformed.column,
            "fmt": malformed.fmt,
            "message": malformed.message(entry.source, outcome.op),
        }
        self._out.write(f'{head}"malformed": {_dumps(problem)}}}\n'.encode())


_BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_ESCAPES = {code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0))}
_ESCAPES |= {code: f"\\u{code:04x}" for code in (*_BIDI, 0x2028, 0x2029)}
"""What a terminal acts on rather than shows: C0 and C1 controls (ESC, BEL, CR, the CSI byte),
DEL, the bidi marks, embeddings, overrides and isolates, the line and paragraph separators."""


class Table:
    """A table for a person: one row per record, error reply or malformed reply.

    Rows are cut to the terminal's width when the output is a terminal, and left whole otherwise.
    Every cell shows a control character as an escape (``\\x1b``), so a hostile reply cannot
    retitle, clear or recolour the reader's terminal; the JSON lines keep the exact text.
    """

    _WHERE = 32

    def __init__(self, out: TextIO, *, width: int | Literal["auto"] | None = "auto", header: bool = True) -> None:
        """``width`` cuts rows (``"auto"``: the terminal's, when ``out`` is one); a part of a table
        written elsewhere (by a worker process) has no ``header``."""
        self._out = out
        self._width = table_width(out) if width == "auto" else width
        self._op_width = max((len(name) for name in OPERATIONS), default=2)
        if header:
            self._row("WHERE", "OP", "RESULT", "FIELDS")

    def write(self, outcome: Outcome) -> None:
        entry = outcome.entry
        where = f"{entry.source}:{entry.line}"
        op = outcome.op or "-"
        if outcome.malformed is not None:
            self._row(where, op, "malformed", outcome.malformed.message(entry.source, outcome.op))
        elif outcome.error_code is not None:
            value = outcome.value if isinstance(outcome.value, dict) else {}
            self._row(where, op, f"error {outcome.error_code}", _pairs(value, skip="error_code"))
        elif outcome.value == []:
            self._row(where, op, "ok 0/0", "(no records)")
        elif isinstance(outcome.value, list):
            for index, record in enumerate(outcome.value, start=1):
                self._row(where, op, f"ok {index}/{len(outcome.value)}", _pairs(record))
        else:
            assert isinstance(outcome.value, dict)  # to_api gives one object for a reply of one record
            self._row(where, op, "ok", _pairs(outcome.value))

    def _row(self, where: str, op: str, result: str, fields: str) -> None:
        where, op, result, fields = (cell.translate(_ESCAPES) for cell in (where, op, result, fields))
        if len(where) > self._WHERE:
            where = "…" + where[len(where) - self._WHERE + 1 :]
        row = f"{where:<{self._WHERE}}  {op:<{self._op_width}}  {result:<10}  {fields}"
        if self._width is not None and len(row) > self._width:
            row = row[: self._width - 1] + "…"
        self._out.write(row + "\n")


def table_width(out: TextIO) -> int | None:
    """The width rows are cut to: the terminal's, when ``out`` is one."""
    return shutil.get_terminal_size().columns if out.isatty() else None


def _pairs(value: dict[str, object], *, skip: str = "") -> str:
    return "  ".join(f"{key}={item}" for key, item in value.items() if key != skip)


class Progress:
    """A one-line bar on stderr when stderr is a terminal and the input's size is known.

    Otherwise every method does nothing, so logs and pipes stay clean.
    """

    _EVERY = 0.1
    """Seconds between redraws."""

    def __init__(self, stream: TextIO, total: int | None) -> None:
        self._stream = stream
        self._total = total or 0
        self._on = total is not None and total > 0 and stream.isatty()
        self._done = self._count = 0
        self._drawn = False
        self._last = 0.0

    def advance(self, size: int, replies: int = 1) -> None:
        if not self._on:
            return
        self._done += size
        self._count += replies
        now = time.monotonic()
        if now - self._last >= self._EVERY:
            self._last = now
            self._draw()

    def _draw(self) -> None:
        share = min(self._done / self._total, 1.0)
        filled = int(share * 30)
        self._stream.write(
            f"\r[{'#' * filled}{'.' * (30 - filled)}] {share:4.0%}  "
            f"{self._done / 1e6:.1f}/{self._total / 1e6:.1f} MB  {self._count} replies"
        )
        self._stream.flush()
        self._drawn = True

    def clear(self) -> None:
        """Wipe the bar, so a message can take its line."""
        if self._drawn:
            self._stream.write("\r\x1b[K")
            self._drawn = False

"""Columnar files of outcomes: Parquet in row groups, or an Arrow IPC file, memory flat.

Imported only when columnar output is asked for: it needs pyarrow (``smsc-formats[arrow]``).
Rows are converted a batch at a time and written a row group at a time, so a log of any size
holds one row group in memory. The file's kind is told by its name: ``.arrow``, ``.arrows``,
``.feather`` and ``.ipc`` are Arrow IPC files, anything else Parquet.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from typing import BinaryIO

import pyarrow as pa
import pyarrow.ipc
import pyarrow.parquet as pq

from ._arrow import Columns
from ._decode import Outcome
from ._output import IPC_SUFFIXES

Target = str | os.PathLike[str] | BinaryIO
"""A file name, or a binary file open for writing (always Parquet)."""
ROW_GROUP_ROWS = 65_536
"""Rows per Parquet row group (and per Arrow IPC batch): large enough to scan fast, small enough to hold."""
BATCH_OUTCOMES = 4096
"""Outcomes converted at a time."""


class ColumnarFile:
    """Record batches to a Parquet or Arrow IPC file, gathered into row groups."""

    def __init__(self, path: Target, schema: pa.Schema, *, row_group_rows: int = ROW_GROUP_ROWS) -> None:
        self._rows, self._held, self._pending = row_group_rows, 0, list[pa.RecordBatch]()
        if isinstance(path, str | os.PathLike) and os.fspath(path).lower().endswith(IPC_SUFFIXES):
            self._writer: pq.ParquetWriter | pa.ipc.RecordBatchFileWriter = pa.ipc.new_file(path, schema)
        else:
            self._writer = pq.ParquetWriter(path, schema)
        self.rows = 0

    def write_batch(self, batch: pa.RecordBatch) -> None:
        self._pending.append(batch)
        self._held += batch.num_rows
        if self._held >= self._rows:
            self._flush()

    def _flush(self) -> None:
        if self._held:
            table = pa.Table.from_batches(self._pending)
            if isinstance(self._writer, pq.ParquetWriter):
                self._writer.write_table(table, row_group_size=self._held)
            else:
                self._writer.write_table(table.combine_chunks())
            self.rows += self._held
        self._pending, self._held = [], 0

    def close(self) -> None:
        self._flush()
        self._writer.close()


class ColumnarWriter:
    """A :class:`~smsc_formats.logs.Writer` of outcomes to a columnar file (the one-process run)."""

    def __init__(self, columns: Columns, file: ColumnarFile) -> None:
        self._columns, self._file, self._outcomes = columns, file, list[Outcome]()

    def write(self, outcome: Outcome) -> None:
        self._outcomes.append(outcome)
        if len(self._outcomes) >= BATCH_OUTCOMES:
            self.flush()

    def flush(self) -> None:
        if self._outcomes:
            self._file.write_batch(self._columns.batch(self._outcomes))
            self._outcomes = []


class ArrowPart:
    """A worker's part of a columnar output: its outcomes as one record batch."""

    def __init__(self, op: str | None, params: Mapping[str, str]) -> None:
        self._columns, self._outcomes = Columns(op, params), list[Outcome]()

    def write(self, outcome: Outcome) -> None:
        self._outcomes.append(outcome)

    def payload(self) -> pa.RecordBatch:
        return self._columns.batch(self._outcomes)


def record_batches(
    outcomes: Iterable[Outcome],
    *,
    op: str | None = None,
    params: Mapping[str, str] | None = None,
    batch_size: int = BATCH_OUTCOMES,
) -> Iterator[pa.RecordBatch]:
    """Outcomes as Arrow record batches of ``batch_size`` outcomes each, typed for ``op`` if given."""
    columns, held = Columns(op, params), list[Outcome]()
    for outcome in outcomes:
        held.append(outcome)
        if len(held) >= batch_size:
            yield columns.batch(held)
            held = []
    if held:
        yield columns.batch(held)


def write_parquet(
    outcomes: Iterable[Outcome],
    path: Target,
    *,
    op: str | None = None,
    params: Mapping[str, str] | None = None,
    row_group_rows: int = ROW_GROUP_ROWS,
) -> int:
    """Write outcomes to a Parquet file (an Arrow IPC file for an ``.arrow`` name); the rows written.

    ``op`` (the operation every outcome is a reply to, with the request options ``params``) gives
    each declared field a typed column; without it, each record's fields are one JSON column.
    """
    columns = Columns(op, params)
    file = ColumnarFile(path, columns.schema, row_group_rows=row_group_rows)
    try:
        writer = ColumnarWriter(columns, file)
        for outcome in outcomes:
            writer.write(outcome)
        writer.flush()
    finally:
        file.close()
    return file.rows

"""The log run: decode every entry in order and hand each outcome on before the next is read.

Memory stays bounded: sources are read as streams, and nothing of an outcome is kept once it
is written, but the counts of the summary.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ._decode import Decoder, Summary
from ._output import Progress, Writer
from ._records import Entry


def run(
    entries: Iterable[Entry],
    decoder: Decoder,
    writer: Writer,
    summary: Summary,
    *,
    progress: Progress,
    report: Callable[[str], None],
    fail_fast: bool = False,
) -> None:
    """Decode and write each entry, counting it in ``summary`` (which keeps its counts when
    writing fails); a malformed reply is also reported, and stops the run when ``fail_fast``."""
    for entry in entries:
        outcome = decoder(entry)
        summary.add(outcome)
        writer.write(outcome)
        progress.advance(entry.size)
        if outcome.malformed is not None:
            report(outcome.malformed.message(entry.source, outcome.op))
            if fail_fast:
                return

"""The log run on several cores: pieces decoded in worker processes, written in input order.

The main process only cuts the input into pieces (:mod:`._split`, bytes only) and writes what
comes back; each worker reads its pieces, decodes every reply and renders its part of the output
(JSON lines, table rows, an Arrow batch) with the very writers a one-process run uses, so the
output is the same, byte for byte. A part holds its summary counts and its malformed messages,
handed on in order. At most two tasks per worker are in flight: memory is bounded by the pieces
and parts held, whatever the size of the log. A worker that dies ends the run with an error
(``BrokenProcessPool``), never a hang.
"""

from __future__ import annotations

import io
import itertools
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Protocol

from ._decode import Decoder, Outcome, Summary
from ._output import JsonLines, Table
from ._read import CHUNK
from ._split import Failure, Form, Piece, entries_of


class Part(Protocol):
    """A writer of one part of the output in a worker, and what it wrote."""

    def write(self, outcome: Outcome, /) -> None: ...

    def payload(self) -> object: ...


class JsonPart(JsonLines):
    def __init__(self) -> None:
        self._buffer = io.BytesIO()
        super().__init__(self._buffer)

    def payload(self) -> bytes:
        return self._buffer.getvalue()


class TablePart(Table):
    def __init__(self, width: int | None) -> None:
        self._buffer = io.StringIO()
        super().__init__(self._buffer, width=width, header=False)

    def payload(self) -> str:
        return self._buffer.getvalue()


@dataclass(frozen=True, slots=True)
class Job:
    """What every worker needs, sent once when it starts."""

    decoder: Mapping[str, Any]
    """The :class:`Decoder`'s keyword arguments."""
    form: Form
    part: Callable[[], Part]
    """A picklable maker of a part's writer (a class, or a ``functools.partial`` of one)."""
    fail_fast: bool = False


@dataclass(slots=True)
class Done:
    """One task's part of the output, and what the main process reports of it."""

    payload: object
    summary: Summary
    messages: list[str] = field(default_factory=list)
    size: int = 0
    stopped: bool = False
    """``fail_fast`` stopped the task at a malformed reply: nothing after it is written."""


_job: Job | None = None
_decoder: Decoder | None = None


def start(job: Job) -> None:
    """A worker's start: keep the job and its decoder (whose cache of operations is reused)."""
    global _job, _decoder
    _job, _decoder = job, Decoder(**job.decoder)


def work(pieces: list[Piece]) -> Done:
    """Decode a task's pieces in order and render them."""
    assert _job is not None, "start() runs first in each worker"
    assert _decoder is not None
    part, done = _job.part(), Done(None, Summary())
    summary = done.summary
    for piece in pieces:
        done.size += piece.size
        for entry in entries_of(piece, _job.form):
            outcome = _decoder(entry)
            summary.add(outcome)
            part.write(outcome)
            if outcome.malformed is not None:
                done.messages.append(outcome.malformed.message(entry.source, outcome.op))
                if _job.fail_fast:
                    done.stopped = True
                    done.payload = part.payload()
                    return done
    done.payload = part.payload()
    return done


def tasks(items: Iterator[Piece | Failure], chunk: int = CHUNK) -> Iterator[list[Piece] | Failure]:
    """Pieces bundled into tasks of about ``chunk`` bytes (many small files make one task)."""
    bundle: list[Piece] = []
    size = 0
    for item in items:
        if isinstance(item, Failure):
            if bundle:
                yield bundle
            bundle, size = [], 0
            yield item
            continue
        bundle.append(item)
        size += len(item.data)
        if size >= chunk:
            yield bundle
            bundle, size = [], 0
    if bundle:
        yield bundle


def run_parallel(
    items: Iterator[Piece | Failure],
    job: Job,
    jobs: int,
    on_done: Callable[[Done], bool],
    on_failure: Callable[[Failure], None],
    *,
    chunk: int = CHUNK,
) -> None:
    """Decode in ``jobs`` worker processes and hand each part on in input order; ``on_done``
    returns False to stop the run (fail-fast), and the tasks not yet started are dropped."""
    context = multiprocessing.get_context(
        "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    )
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=start, initargs=(job,)) as pool:
        pending: deque[Future[Done] | Failure] = deque()
        try:
            for task in itertools.chain(tasks(items, chunk), [None]):  # None: the input is all read
                if task is not None:
                    pending.append(task if isinstance(task, Failure) else pool.submit(work, task))
                while pending and (task is None or len(pending) > 2 * jobs or _ready(pending[0])):
                    if not _hand_on(pending.popleft(), on_done, on_failure):
                        return
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _ready(item: Future[Done] | Failure) -> bool:
    return isinstance(item, Failure) or item.done()


def _hand_on(
    item: Future[Done] | Failure, on_done: Callable[[Done], bool], on_failure: Callable[[Failure], None]
) -> bool:
    if isinstance(item, Failure):
        on_failure(item)
        return True
    return on_done(item.result())

"""Reading one spelling of a fixed fmt=0 sentence in time linear in the line.

A spelling is a lead, then slots, each followed by a delimiter (literals in any letter case,
with runs of letters between them), then the line's end or ``, LABEL - value`` pairs up to it.
A slot takes the shortest value after which the rest of the line still reads, as a lazy
``(.*?)`` does; the answer is the one a backtracking regex finds, without trying every split
(which made a long line cost quadratic time). Right to left, the last place each slot may end
is found once; left to right, each slot is then one forward search for its delimiter, taking
the first match after which the rest can still be read.

``formats._template`` guarantees what makes a delimiter's match at a given start unique: it
begins with a literal, and a run of letters stands between characters that are not letters.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

FLAGS = re.DOTALL | re.IGNORECASE
LETTERS = r"[^\W\d_]+"
_PAIR = re.compile(r", [A-Za-z_]+ - [^,]*", FLAGS)


def _pair_starts(line: str) -> list[int]:
    """Where the rest of the line is ``, LABEL - value`` pairs only: its end, and the commas
    of the longest run of pairs before it, in order (a value holds no comma)."""
    starts = [len(line)]
    comma = line.rfind(",")
    while comma >= 0 and _PAIR.fullmatch(line, comma, starts[-1]):
        starts.append(comma)
        comma = line.rfind(",", 0, comma)
    starts.reverse()
    return starts


@dataclass(frozen=True, slots=True)
class Spelling:
    """``lead``, then each slot's field with the delimiter after it (``None``: the end follows)."""

    lead: re.Pattern[str] | None
    slots: tuple[tuple[str, re.Pattern[str] | None], ...]
    pairs: bool

    def read(self, line: str) -> tuple[dict[str, str], str] | None:
        """The slots' values and the pairs after them, or ``None`` if the line is not this one."""
        position = 0
        if self.lead is not None:
            lead = self.lead.match(line)
            if lead is None:
                return None
            position = lead.end()
        ends = _pair_starts(line) if self.pairs else [len(line)]
        bounds = self._bounds(line, ends)
        if bounds is None or not (self.slots or _fits(position, ends, None)):
            return None
        record = {}
        for (field, delimiter), bound in zip(self.slots, bounds, strict=True):
            if delimiter is None:  # the last slot: up to where the end or the pairs start
                start = end = ends[bisect_left(ends, position)]
            else:
                found = next(_found(delimiter, line, position, ends, bound), None)
                if found is None:
                    return None
                start, end = found
            record[field] = line[position:start]
            position = end
        return record, line[position:]

    def _bounds(self, line: str, ends: list[int]) -> list[int | None] | None:
        """For each slot, where the next one may end at the latest with the rest of the line
        still read (``None`` for the last slot, which ends where the line may); ``None`` if nowhere."""
        bounds: list[int | None] = [None] * len(self.slots)
        for index in range(len(self.slots) - 1, 0, -1):
            delimiter = self.slots[index][1]
            if delimiter is None:
                limit: int | None = ends[-1]
            else:  # the matches come in order: the start of the last one
                limit = max((start for start, _ in _found(delimiter, line, 0, ends, bounds[index])), default=None)
            if limit is None:
                return None
            bounds[index - 1] = limit
        return bounds


def _fits(end: int, ends: list[int], bound: int | None) -> bool:
    """Whether the rest reads from ``end``: up to the next slot's limit, or at an end or pairs."""
    if bound is not None:
        return end <= bound
    return ends[bisect_left(ends, end)] == end  # an end is never past the line's, the last of ``ends``


def _found(
    delimiter: re.Pattern[str], line: str, position: int, ends: list[int], bound: int | None
) -> Iterator[tuple[int, int]]:
    """Start and end of each match of ``delimiter`` from ``position`` after which the rest reads."""
    match = delimiter.search(line, position)
    while match is not None:
        if _fits(match.end(), ends, bound):
            yield match.start(), match.end()
        match = delimiter.search(line, match.start() + 1)

"""Line templates: fmt=0 replies that are fixed sentences rather than ``key = value`` pairs.

A template is written the way the API's pages write the line, with ``{field}`` where a value
stands, ``{*WORD}`` where any word may stand (written as WORD), and ``[…]`` around a part
that may be absent::

    OK - {cnt} SMS, ID - {id}[, COST - {cost}][, BALANCE - {balance}]

Decoding matches the whole line in any letter case (a value runs as short as the rest of the
line allows); an optional part is read when present. Encoding writes an optional part when
every field in it has a value.

Reading takes time linear in the line (``formats._scan``), so a template is refused when it is
declared unless that reading is unambiguous: each field once; a value followed by text or the
line's end; a word between characters that are not letters; an optional part either at the very
end, right after a value, or a ``, LABEL - {field}`` pair as below.

Where every optional part is a pair ``[, LABEL - {field}]`` after the fixed head, the pairs are
read in any order, and a pair the template does not name is kept under its label in lower case
(``, PARTS - 3`` gives ``parts``) and written back last, in upper case.

Other spellings of the same line may be accepted (``accepts``) but are never written. They are
tried first, as they are the narrower reading: ``{balance} {currency}`` before
``{balance}[,{currency}]``, whose first value would otherwise take the whole line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Union

from .._fault import Fault
from ._raw import RawRecord
from ._scan import FLAGS, LETTERS, Spelling

_PAIR_LABEL = re.compile(r", (?P<label>[A-Za-z_]+) - ")
_TAIL_PAIR = re.compile(r", (?P<label>[A-Za-z_]+) - (?P<value>[^,]*)")
_TOKEN = re.compile(
    r"\{(?P<field>[A-Za-z_][A-Za-z0-9_]*)\}|\{\*(?P<word>\w+)\}|(?P<open>\[)|(?P<close>\])|(?P<literal>[^{}\[\]]+)"
)

_OPTIONAL = "an optional part only at the end of the line, after a value, or as ', LABEL - {field}'"

Part = Union[str, "Slot", "Word", "Optional"]


@dataclass(frozen=True, slots=True)
class Slot:
    field: str


@dataclass(frozen=True, slots=True)
class Word:
    """``{*SMS}``: written as that word, read as any word (the unit may differ by channel)."""

    word: str


@dataclass(frozen=True, slots=True)
class Optional:
    parts: tuple[Part, ...]


def _parse(source: str) -> tuple[Part, ...]:
    stack: list[list[Part]] = [[]]
    position = 0
    while position < len(source):
        token = _TOKEN.match(source, position)
        if token is None:
            raise ValueError(f"bad template {source!r} at {position}")
        position = token.end()
        if token["field"]:
            stack[-1].append(Slot(token["field"]))
        elif token["word"]:
            stack[-1].append(Word(token["word"]))
        elif token["open"]:
            stack.append([])
        elif token["close"]:
            if len(stack) == 1:
                raise ValueError(f"unbalanced ']' in template {source!r}")
            inner = stack.pop()
            stack[-1].append(Optional(tuple(inner)))
        else:
            stack[-1].append(token["literal"])
    if len(stack) != 1:
        raise ValueError(f"unbalanced '[' in template {source!r}")
    return tuple(stack[0])


def _spellings(parts: tuple[Part, ...]) -> list[tuple[Part, ...]]:
    """The line with its final optional part (and that part's own) present, then without it:
    in this order, the first that reads gives what the regex ``(?:…)?`` gives."""
    if not parts or not isinstance(parts[-1], Optional):
        return [parts]
    head = parts[:-1]
    if not head or not isinstance(head[-1], Slot):
        raise ValueError(_OPTIONAL)
    return [head + inner for inner in _spellings(parts[-1].parts)] + [head]


def _boundary(literal: Part, at: int) -> bool:
    """Whether ``literal[at]`` is an ASCII character that is not a letter: a run of letters stops there."""
    return isinstance(literal, str) and literal[at].isascii() and not literal[at].isalpha()


def _spelling(parts: tuple[Part, ...], *, pairs: bool) -> Spelling:
    """One spelling, refused where reading it could be ambiguous, and so not linear: a value is
    followed by text or the end, a word stands between characters that are not letters."""
    lead: list[str] = []
    slots: list[tuple[str, list[str]]] = []
    pieces = lead  # the regex pieces after the latest slot
    for index, part in enumerate(parts):
        after = parts[index + 1] if index + 1 < len(parts) else None
        if isinstance(part, Optional):
            raise ValueError(_OPTIONAL)
        if isinstance(part, Slot):
            if not (after is None or isinstance(after, str)):
                raise ValueError(f"text or the end after {{{part.field}}}, not another value or word")
            pieces = []
            slots.append((part.field, pieces))
        elif isinstance(part, Word):
            before = parts[index - 1] if index else None
            if not ((before is None or _boundary(before, -1)) and (after is None or _boundary(after, 0))):
                raise ValueError(f"{{*{part.word}}} between characters that are not letters")
            pieces.append(LETTERS)
        else:
            pieces.append(re.escape(part))
    return Spelling(_compiled(lead), tuple((field, _compiled(following)) for field, following in slots), pairs)


def _compiled(pieces: list[str]) -> re.Pattern[str] | None:
    return re.compile("".join(pieces), FLAGS) if pieces else None


def _fields(parts: tuple[Part, ...]) -> list[str]:
    found: list[str] = []
    for part in parts:
        if isinstance(part, Slot):
            found.append(part.field)
        elif isinstance(part, Optional):
            found.extend(_fields(part.parts))
    return found


def _pair_labels(parts: tuple[Part, ...]) -> tuple[tuple[str, str], ...] | None:
    """Label (folded) to field when every optional part is ``, LABEL - {field}``; else ``None``."""
    tail = parts[next((i for i, part in enumerate(parts) if isinstance(part, Optional)), len(parts)) :]
    labels = {}
    for part in tail:
        if not isinstance(part, Optional) or len(part.parts) != 2:
            return None
        literal, slot = part.parts
        label = _PAIR_LABEL.fullmatch(literal) if isinstance(literal, str) else None
        if label is None or not isinstance(slot, Slot):
            return None
        labels[label["label"].casefold()] = slot.field
    return tuple(labels.items()) or None


@dataclass(frozen=True, slots=True, init=False)
class LineTemplate:
    """A compiled template: ``read`` a line into a raw record, ``write`` one back."""

    source: str
    accepts: tuple[str, ...]
    parts: tuple[Part, ...]
    spellings: tuple[Spelling, ...]
    fields: tuple[str, ...]
    labels: tuple[tuple[str, str], ...] | None

    def __init__(self, source: str, accepts: tuple[str, ...] = ()) -> None:
        parts = _parse(source)
        for each in (parts, *map(_parse, accepts)):
            fields = _fields(each)
            if len(set(fields)) < len(fields):
                raise ValueError(f"each field once in the template, found {source!r}")
        labels = _pair_labels(parts)
        if labels is None:
            own = [_spelling(spelling, pairs=False) for spelling in _spellings(parts)]
        else:  # the fixed head, then any ", LABEL - value" pairs
            own = [_spelling(tuple(part for part in parts if not isinstance(part, Optional)), pairs=True)]
        others = [_spelling(spelling, pairs=False) for other in accepts for spelling in _spellings(_parse(other))]
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "accepts", accepts)
        object.__setattr__(self, "parts", parts)
        object.__setattr__(self, "spellings", (*others, *own))
        object.__setattr__(self, "fields", tuple(_fields(parts)))
        object.__setattr__(self, "labels", labels)

    def read(self, line: str) -> RawRecord | None:
        for spelling in self.spellings:
            found = spelling.read(line)
            if found is not None:
                return self._read_pairs(*found)
        return None

    def _read_pairs(self, record: RawRecord, pairs: str) -> RawRecord | None:
        for pair in _TAIL_PAIR.finditer(pairs):
            label = pair["label"].casefold()
            key = dict(self.labels or ()).get(label, label)
            if key in record:
                return None
            record[key] = pair["value"]
        return record

    def write(self, record: RawRecord) -> str:
        """The line; keys the template does not name become trailing pairs in a pair template."""
        unknown = [key for key in record if key not in self.fields]
        if unknown and self.labels is None:
            raise Fault(f"only the fields of the line {self.source!r}", field=unknown[0])
        pairs = "".join(f", {key.upper()} - {record[key]}" for key in unknown)
        return (self._write(self.parts, record, optional=False) or "") + pairs

    def _write(self, parts: tuple[Part, ...], record: RawRecord, *, optional: bool) -> str | None:
        out = []
        for part in parts:
            if isinstance(part, str):
                out.append(part)
            elif isinstance(part, Word):
                out.append(part.word)
            elif isinstance(part, Slot):
                if part.field not in record:
                    if optional:
                        return None
                    raise Fault(f"a value, which the line {self.source!r} always carries", field=part.field)
                out.append(record[part.field])
            else:
                out.append(self._write(part.parts, record, optional=True) or "")
        return "".join(out)

"""Fixed fmt=0 sentences: optional pairs in any order and case, other spellings, refusals."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import smsc_formats as smsc
from smsc_formats._fault import Fault
from smsc_formats.formats._template import LineTemplate, Optional, Part, Slot, Word, _parse

SENT = LineTemplate("OK - {cnt} {*SMS}, ID - {id}[, COST - {cost}][, BALANCE - {balance}]")


@pytest.mark.parametrize(
    ("line", "record"),
    [
        ("OK - 1 SMS, ID - 5", {"cnt": "1", "id": "5"}),
        ("OK - 1 SMS, ID - 5, BALANCE - 9, COST - 2", {"cnt": "1", "id": "5", "balance": "9", "cost": "2"}),
        ("ok - 1 sms, id - 5, Cost - 2", {"cnt": "1", "id": "5", "cost": "2"}),
        ("OK - 1 SMS, ID - 5, PARTS - 3", {"cnt": "1", "id": "5", "parts": "3"}),
        ("OK - 3 CALL, ID - 5", {"cnt": "3", "id": "5"}),
    ],
)
def test_pairs_read_in_any_order_and_case(line: str, record: dict[str, str]) -> None:
    assert SENT.read(line) == record


@pytest.mark.parametrize(
    "line", ["OK - 1 SMS, ID - 5, COST - 1, COST - 2", "OK - 1 SMS", "1.40 (1 SMS)", "OK - 1 5, ID - 5"]
)
def test_lines_that_are_not_the_sentence(line: str) -> None:
    assert SENT.read(line) is None


def test_written_in_declared_order_with_unnamed_pairs_last() -> None:
    record = {"parts": "3", "balance": "9", "id": "5", "cnt": "1", "cost": "2"}
    assert SENT.write(record) == "OK - 1 SMS, ID - 5, COST - 2, BALANCE - 9, PARTS - 3"


def test_other_spellings_are_read_first_and_never_written() -> None:
    balance = LineTemplate("{balance}[,{currency}]", ("{balance} {currency}",))
    assert balance.read("250.80 RUR") == {"balance": "250.80", "currency": "RUR"}
    assert balance.read("250.80,RUR") == {"balance": "250.80", "currency": "RUR"}
    assert balance.write({"balance": "250.80", "currency": "RUR"}) == "250.80,RUR"


def test_a_template_without_pairs_refuses_unknown_fields() -> None:
    with pytest.raises(Fault) as caught:
        LineTemplate("{cost} ({cnt} SMS)").write({"cost": "1", "cnt": "1", "id": "5"})
    assert caught.value.field == "id"


# -- the linear reading gives what the backtracking regex it replaced gave ----------------------


def _regex(parts: tuple[Part, ...]) -> str:
    """The regex a template was read with before: lazy values, optional parts as ``(?:…)?``."""
    pieces = []
    for part in parts:
        if isinstance(part, str):
            pieces.append(re.escape(part))
        elif isinstance(part, Slot):
            pieces.append(f"(?P<{part.field}>.*?)")
        elif isinstance(part, Word):
            pieces.append(r"[^\W\d_]+")
        else:
            pieces.append(f"(?:{_regex(part.parts)})?")
    return "".join(pieces)


def regex_read(template: LineTemplate, line: str) -> dict[str, str] | None:
    """The oracle: that regex reading, quadratic on a long line, so run on short ones only."""
    own = _regex(template.parts)
    if template.labels is not None:
        head = tuple(part for part in template.parts if not isinstance(part, Optional))
        own = _regex(head) + r"(?P<_pairs>(?:, [A-Za-z_]+ - [^,]*)*)"
    for text in (*(_regex(_parse(other)) for other in template.accepts), own):
        match = re.fullmatch(text, line, re.DOTALL | re.IGNORECASE)
        if match is not None:
            record = {key: value for key, value in match.groupdict().items() if value is not None}
            return template._read_pairs(record, record.pop("_pairs", ""))
    return None


SHIPPED = {
    (template.source, template.accepts): template
    for operation in smsc.OPERATIONS.values()
    for record in (operation.record, *(variant.record for variant in operation.variants))
    if (template := record.layout.text_template) is not None
}
TEMPLATES = [
    *SHIPPED.values(),
    LineTemplate("A{a}[ B{b}[ C{c}]]"),
    LineTemplate("{result}[, ID - {id}]"),
    LineTemplate("{a} OK[, X - {x}]"),
    LineTemplate("OK[, COST - {cost}]"),
    LineTemplate("{*W} at {a} {*V}"),
    LineTemplate("{a}-{b}-{c}", ("{a}--{b}",)),
    LineTemplate("x{a}y{b}[,]"),
    LineTemplate("OK"),
]
# Template text, and what stretches a reading: letters that fold to ASCII (K, ı, ſ), a digit
# that is no decimal (½), commas, spaces, line breaks.
TOKENS = ["OK", " - ", ", ", ",", " ", "ID", "SMS", "sms", "1", "(", ")", "A", "B", "C", "-", "x", "y", "_"]
TOKENS += ["\u212a", "\u0131", "\u017f", "\u00bd", "é", "\n", " B", " C", "at", "X - ", "COST", "Sms)"]


def _lines(template: LineTemplate) -> st.SearchStrategy[str]:
    pieces = [piece for piece in re.split(r"\{[^}]*\}|[\[\]]", template.source) if piece]
    tokens = st.sampled_from(TOKENS + pieces)
    written = st.fixed_dictionaries(
        {}, optional={field: st.lists(tokens, max_size=3).map("".join) for field in template.fields}
    )
    return st.lists(tokens, max_size=14).map("".join) | written.map(
        lambda record: _write_or_empty(template, record)
    ).flatmap(
        lambda line: (
            st.tuples(st.integers(0, len(line)), tokens).map(lambda cut: line[: cut[0]] + cut[1] + line[cut[0] :])
            | st.just(line)
        )
    )


def _write_or_empty(template: LineTemplate, record: dict[str, str]) -> str:
    try:
        return template.write(record)
    except Fault:
        return ""


@pytest.mark.parametrize("template", TEMPLATES, ids=[template.source for template in TEMPLATES])
@given(data=st.data())
def test_reading_gives_what_the_backtracking_regex_gave(template: LineTemplate, data: st.DataObject) -> None:
    line = data.draw(_lines(template))
    assert template.read(line) == regex_read(template, line)


@pytest.mark.parametrize(
    ("template", "line", "record"),
    [
        (LineTemplate("OK"), "ok", {}),
        (LineTemplate("OK"), "OK!", None),
        (LineTemplate("OK[, COST - {cost}]"), "OK, cost - 1", {"cost": "1"}),
        (LineTemplate("{cost} ({cnt} {*SMS})"), "1 (2 SMS", None),
        (LineTemplate("OK, ID - {id}, COST - {cost}"), "OK, ID - 5", None),
        (LineTemplate("{a} ({b}) {c}"), "1 (2 (3) 4) 5", {"a": "1", "b": "2 (3", "c": "4) 5"}),
    ],
)
def test_readings_of_each_kind(template: LineTemplate, line: str, record: dict[str, str] | None) -> None:
    assert template.read(line) == record == regex_read(template, line)


@pytest.mark.parametrize(
    ("source", "accepts", "problem"),
    [
        ("{a}{b}", (), "text or the end after {a}"),
        ("{a}{*W}", (), "text or the end after {a}"),
        ("x{*W} y", (), "{*W} between characters that are not letters"),
        ("{*W}x{a}", (), "{*W} between characters that are not letters"),
        ("{a} [X] Y", (), "an optional part only at the end"),
        ("OK[ {a}]", (), "an optional part only at the end"),
        ("[{a}]", (), "an optional part only at the end"),
        ("{a} {a}", (), "each field once"),
        ("{a}[, A - {a}]", (), "each field once"),
        ("{a}", ("{b} {b}",), "each field once"),
    ],
)
def test_templates_that_cannot_be_read_in_linear_time_are_refused(
    source: str, accepts: tuple[str, ...], problem: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(problem)):
        LineTemplate(source, accepts)

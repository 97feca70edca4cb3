"""Cyrillic replies in windows-1251 and koi8-r, in every fmt: the Russian text read back as typed.

The goldens are tests/data/*/cyrillic-* and status/all1-cyrillic-* (written by
tools/charset_goldens.py); the strings below are typed again here, by hand, so that a body
decoded with the wrong table, or a table mixed up between the two charsets, cannot pass.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import smsc_formats as smsc
from tests.paths import DATA

OPERATOR = ("Россия", "Билайн", "Санкт-Петербург и Ленинградская область")
ERROR = "Оператор не найден."
STATUS = ("Доставлено", "Ваш код подтверждения: 4821")
OTHER = {"windows-1251": "koi8-r", "koi8-r": "windows-1251"}

BODIES = sorted(
    path
    for pattern in ("get_operator/cyrillic-*", "status/all1-cyrillic-*")
    for path in DATA.glob(pattern)
    if not path.name.endswith(".expected.json")
)


def _charset(path: Path) -> str:
    return "koi8-r" if "koi8-r" in path.name else "windows-1251"


def _fmt(path: Path) -> int:
    return int(path.name.split("fmt")[1][0])


def _russian(path: Path, charset: str) -> tuple[Any, ...]:
    if path.name.startswith("all1-"):
        status = smsc.decode(smsc.STATUS(all=1), path.read_bytes(), fmt=_fmt(path), charset=charset)
        assert isinstance(status, smsc.MessageDetails), status
        return (status.status_name, status.message)
    reply = smsc.decode(smsc.GET_OPERATOR, path.read_bytes(), fmt=_fmt(path), charset=charset)
    if "error" in path.name:
        assert isinstance(reply, smsc.ErrorReply), reply
        return (reply.description,)
    assert isinstance(reply, smsc.OperatorInfo), reply
    return (reply.country, reply.operator, reply.region)


def _wanted(path: Path) -> tuple[str, ...]:
    if path.name.startswith("all1-"):
        return STATUS
    return (ERROR,) if "error" in path.name else OPERATOR


def test_every_charset_and_fmt_has_its_goldens() -> None:
    seen = {(p.name.split("-fmt")[0], _fmt(p), _charset(p)) for p in BODIES}
    for charset in OTHER:
        assert {("cyrillic", fmt, charset) for fmt in range(4)} <= seen
        assert {("all1-cyrillic", fmt, charset) for fmt in range(4)} <= seen
        # fmt=1 carries no description of an error (0,-N), so the error reply has three
        assert {("cyrillic-error", fmt, charset) for fmt in (0, 2, 3)} <= seen
    assert len(BODIES) == 22


@pytest.mark.parametrize("path", BODIES, ids=[p.name for p in BODIES])
def test_the_russian_text_reads_back_with_its_charset(path: Path) -> None:
    assert _russian(path, _charset(path)) == _wanted(path)


@pytest.mark.parametrize("path", BODIES, ids=[p.name for p in BODIES])
def test_the_body_is_in_its_charset_and_no_other(path: Path) -> None:
    charset = _charset(path)
    data = path.read_bytes()
    for text in _wanted(path):
        assert text.encode(charset) in data
        assert text.encode(OTHER[charset]) not in data
    with pytest.raises(UnicodeDecodeError, match="invalid continuation byte") as caught:
        data.decode("utf-8")
    assert caught.value.start == min(data.find(text.encode(charset)) for text in _wanted(path))  # at the Russian text


@pytest.mark.parametrize("path", BODIES, ids=[p.name for p in BODIES])
def test_the_other_table_reads_other_text(path: Path) -> None:
    """Read with the other 8-bit table, the body is other letters (or refused), never the same."""
    try:
        misread: tuple[Any, ...] | None = _russian(path, OTHER[_charset(path)])
    except smsc.DecodeError:
        misread = None
    assert misread != _wanted(path)

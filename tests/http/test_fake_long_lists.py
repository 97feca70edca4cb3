"""FakeSmsc writes a long list once: the same export asked for again is answered with the bytes
already written and checked, and any change to the records, the request or the format is written
afresh. Records holding anything but plain values are never kept."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

import smsc_formats as smsc
from smsc_formats import ExportedPortedNumber, PortedNumber
from smsc_formats._fake import _wire
from smsc_formats._fake._wire import LongListWriter
from smsc_formats._fmt import Fmt
from smsc_formats.operations.mnp import GET_MNP
from smsc_formats.testing import FakeSmsc

LONG = LongListWriter.LONG


class Counted:
    """How many times the fake's writer really encoded a reply."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        write = _wire.write

        def counted(*arguments: Any) -> bytes:
            self.calls += 1
            return write(*arguments)

        monkeypatch.setattr(_wire, "write", counted)


def _export(count: int, mccmnc: str = "25001") -> list[dict[str, Any]]:
    return [{"Phone": f"7999{index:07d}", "mccmnc": mccmnc} for index in range(count)]


def test_the_same_long_export_is_encoded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    written, writer = Counted(monkeypatch), LongListWriter()
    first = writer.write(GET_MNP(), {"fmt": "1"}, _export(LONG), Fmt.CSV, "utf-8")
    again = writer.write(GET_MNP(), {"fmt": "1"}, _export(LONG), Fmt.CSV, "utf-8")
    assert again is first
    assert written.calls == 1


@pytest.mark.parametrize(
    ("fields", "data", "fmt", "charset"),
    [
        ({"fmt": "1"}, _export(LONG, mccmnc="25002"), Fmt.CSV, "utf-8"),  # a record changed
        ({"fmt": "1"}, _export(LONG + 1), Fmt.CSV, "utf-8"),  # one more
        ({"fmt": "1", "id": "2"}, _export(LONG), Fmt.CSV, "utf-8"),  # another request
        ({"fmt": "1"}, _export(LONG), Fmt.TEXT, "utf-8"),  # another format
        ({"fmt": "1"}, _export(LONG), Fmt.CSV, "windows-1251"),  # another charset
    ],
    ids=["record", "length", "request", "fmt", "charset"],
)
def test_anything_different_is_written_afresh(
    monkeypatch: pytest.MonkeyPatch, fields: dict[str, str], data: list[dict[str, Any]], fmt: Fmt, charset: str
) -> None:
    written, writer = Counted(monkeypatch), LongListWriter()
    writer.write(GET_MNP(), {"fmt": "1"}, _export(LONG), Fmt.CSV, "utf-8")
    body = writer.write(GET_MNP(), fields, data, fmt, charset)
    assert written.calls == 2
    assert body == _wire.write(GET_MNP(), fields, data, fmt, charset)


@pytest.mark.parametrize(
    "data",
    [_export(LONG - 1), [{**record, "groups": ["a"]} for record in _export(LONG)], {"Phone": "79990000000"}],
    ids=["short", "not-plain", "one-record"],
)
def test_short_lists_and_records_of_containers_are_never_kept(monkeypatch: pytest.MonkeyPatch, data: Any) -> None:
    assert _wire._plain_records(data) is None
    written, writer = Counted(monkeypatch), LongListWriter()
    short = _export(LONG - 1)
    writer.write(GET_MNP(), {"fmt": "1"}, short, Fmt.CSV, "utf-8")
    writer.write(GET_MNP(), {"fmt": "1"}, short, Fmt.CSV, "utf-8")
    assert written.calls == 2


def test_the_fake_answers_an_export_changed_between_two_reads(fake_smsc: FakeSmsc) -> None:
    day = datetime.date(2024, 1, 1)
    with fake_smsc.account.lock:
        fake_smsc.account.ported.update({f"7999{index:07d}": ("25001", day) for index in range(LONG)})
    with smsc.Client(fake_smsc.credentials, hosts=fake_smsc.base_urls) as client:
        assert len(_listed(client.call(GET_MNP()))) == LONG
        with fake_smsc.account.lock:
            fake_smsc.account.ported["79990000000"] = ("25099", day)
        assert _listed(client.call(GET_MNP()))[0] == ExportedPortedNumber(phone="79990000000", mccmnc="25099")
        fake_smsc.port("79990099999", "25002")
        assert len(_listed(client.call(GET_MNP()))) == LONG + 1


def _listed(
    reply: ExportedPortedNumber | PortedNumber | list[ExportedPortedNumber | PortedNumber],
) -> list[ExportedPortedNumber | PortedNumber]:
    assert isinstance(reply, list)
    return reply

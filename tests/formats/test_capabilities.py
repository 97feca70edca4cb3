"""What each format can say is stated once, in its module, and the docs' table says the same."""

from __future__ import annotations

import dataclasses
import re

import pytest

from smsc_formats import Fmt
from smsc_formats.formats import capabilities, codec, every_format, opened_by, server_default
from tests.paths import DOCS

TABLE = DOCS / "formats" / "index.md"


@pytest.mark.parametrize("fmt", list(Fmt), ids=repr)
def test_each_format_module_states_its_own_capabilities(fmt: Fmt) -> None:
    assert codec(fmt).CAPABILITIES is capabilities(fmt)
    assert capabilities(fmt).fmt is fmt


def test_one_format_is_the_server_s_own_and_an_opening_byte_tells_one_format() -> None:
    assert [caps.fmt for caps in every_format() if caps.server_default] == [server_default().fmt]
    openings = [byte for caps in every_format() for byte in caps.opens]
    assert len(openings) == len(set(openings))
    assert all(opened_by(bytes([byte])) is not None for byte in openings)
    assert opened_by(b"") is None
    assert all(not caps.opens or caps.error_opens for caps in every_format())


def test_the_docs_table_says_what_the_modules_state() -> None:
    rows = re.findall(r"^\| [^|]*\(`(\w+)`\) \| (.*) \|$", TABLE.read_text(encoding="utf-8"), re.MULTILINE)
    flags = [field.name for field in dataclasses.fields(capabilities(Fmt.TEXT)) if field.type == "bool"]
    stated = {name: [cell.strip() for cell in cells.split("|")] for name, cells in rows}
    assert sorted(stated) == sorted([*flags, "opens"])
    for name in flags:
        assert stated[name] == ["yes" if getattr(caps, name) else "no" for caps in every_format()], name
    shown = [" ".join(f"`{chr(byte)}`" for byte in caps.opens) for caps in every_format()]
    assert stated["opens"] == shown

"""The API reference (docs/api.md) documents every public name and every public client method."""

from __future__ import annotations

import re

import pytest

import smsc_formats
from tests.paths import DOCS

API = (DOCS / "api.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", smsc_formats.__all__)
def test_every_public_name_is_in_the_reference(name: str) -> None:
    assert re.search(rf"smsc_formats\.{re.escape(name)}\b", API), f"docs/api.md does not document {name}"


@pytest.mark.parametrize("client", [smsc_formats.Client, smsc_formats.AsyncClient])
def test_every_public_method_of_the_clients_is_in_the_reference(client: type) -> None:
    listed = re.search(rf"autoclass:: smsc_formats\.{client.__name__}\n\s+:members: ([^\n]+)", API)
    assert listed is not None
    members = {member.strip() for member in listed[1].split(",")}
    public = {name for name in dir(client) if not name.startswith("_") and callable(getattr(client, name))}
    assert public - {"transport"} == members

"""Curated example replies for the operation pages, keyed by the API's field names.

An operation without an entry here still gets its page; its example model is then made from the
field types, and the page says so. Values follow the API's documentation and captured replies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Example:
    title: str
    reply: Any
    """The reply as ``smsc_formats.to_api`` gives it: an object, or an array for a list reply."""
    params: dict[str, str] = field(default_factory=dict)
    note: str = ""
    error: tuple[int, str] | None = None
    """An error code with the server's description, for the error example."""


_MTS = {
    "country": "Россия",
    "operator": "МТС",
    "region": "г.Москва и Московская область",
    "mcc": "250",
    "mnc": "01",
    "tz": "3",
}
_MEGAFON = {
    "country": "Россия",
    "operator": "МегаФон",
    "region": "Свердловская область",
    "mcc": "250",
    "mnc": "02",
    "tz": "5",
}

CURATED: dict[str, list[Example]] = {
    "get_operator": [
        Example("One number", _MTS, error=(3, "operator not found")),
        Example(
            "Several numbers",
            [{"phone": "79999999999", **_MTS}, {"phone": "79123456789", **_MEGAFON}],
            params={"phone": "79999999999,79123456789"},
            note=(
                'The API adds "phone" to each record; where it stands is not documented. '
                "The encoder writes it first, which is inferred; the decoder reads it anywhere."
            ),
        ),
    ],
}

JSON_FORM_REQUESTS: dict[str, dict[str, str]] = {
    "send": {"phones": "79991234567", "mes": "Привет", "valid": "01:00", "cost": "3"},
}
"""The request each call's JSON form shows on its page: the captured exchange's parameters (sending.md R9)."""

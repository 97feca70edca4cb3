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

DOCUMENTED = "the API's documentation"
CAPTURED = "captured server replies"
INFERRED = "**inferred**"

EVIDENCE: dict[str, list[tuple[str, str, str]]] = {
    "get_operator": [
        ("The six fields, their order and names in all four formats", DOCUMENTED, "the get_operator page"),
        ("Several `<info>` records wrapped in `<list>`", DOCUMENTED, "the get_operator page"),
        ("`phone` added to each record when several numbers are asked", DOCUMENTED, "the get_operator page"),
        (
            "Where `phone` stands: first in fmt=0/1, first child in XML, first key in JSON",
            INFERRED,
            "the page does not say; one third-party parser of fmt=0 expects a field before `country`",
        ),
        ("Every fmt=3 value a string (`mnc` keeps `01`)", DOCUMENTED, "the fmt=3 template quotes every value"),
        ("An array of objects in fmt=3 for several numbers", INFERRED, "status.php does so in captured replies"),
        ("Error replies in four formats; codes 1, 2, 3, 4, 9", DOCUMENTED, "the get_operator page"),
        ("Error descriptions on the wire (`operator not found`, `parameters error`)", CAPTURED, "fmt=0 error lines"),
        ("An XML declaration glued to the root, or none", CAPTURED, "XML replies of other scripts"),
        ("`tz` as the region's offset from UTC in hours", INFERRED, "a third-party client uses it so"),
    ],
}
"""Per operation: a part of its reply, how it is known, and from where."""

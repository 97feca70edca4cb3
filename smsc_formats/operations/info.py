"""info.php: what the API knows of a phone number.

``get_operator`` is declared exactly as the founding document writes it::

    fmt=0  country = <country>, operator = <operator>, region = <region>, mcc = <mcc>, mnc = <mnc>, tz = <tz>
    fmt=1  <country>,<operator>,<region>,<mcc>,<mnc>,<tz>
    fmt=2  <info><country>…</country>…<tz>…</tz></info>, several <info> wrapped in <list>
    fmt=3  {"country": "<country>", …, "tz": "<tz>"}, every value a string

"в этом случае в ответ Сервера добавляется параметр "phone"": with several numbers each record
also carries ``phone``. Where it stands is not documented; it is written first (inferred) and
read anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from .._exceptions import OperatorNotFound
from .._grammar import INTEGER_DIGITS, PHONE, bounded_int
from ._common import COMMON_ERRORS, FREE_TEXT
from ._evidence import captured, documented, inferred
from ._operation import Cardinality, Operation
from ._params import Param
from ._schema import Extra, Record, Wire
from ._values import PHONE_NUMBER, Items


@dataclass(frozen=True, slots=True, kw_only=True)
class OperatorInfo:
    """The operator a number belongs to. ``mcc``/``mnc`` keep their leading zeros."""

    phone: Annotated[str | None, Wire(csv_found_by=PHONE)] = None
    """The number asked about; sent only when several numbers were asked for."""
    country: Annotated[str, FREE_TEXT]
    operator: Annotated[str, FREE_TEXT]
    region: Annotated[str, FREE_TEXT]
    mcc: str
    """Mobile country code, digits as sent (``"250"``)."""
    mnc: str
    """Mobile network code, digits as sent (``"01"``)."""
    tz: str
    """Time zone of the region as the API writes it (``"3"``)."""
    extra: Extra = ()

    @property
    def utc_offset_hours(self) -> int | None:
        """``tz`` as a whole number of hours, when it is one (the API's own meaning is inferred)."""
        return bounded_int(self.tz.removeprefix("+"), INTEGER_DIGITS, signed=True)


GET_OPERATOR: Operation[OperatorInfo] = Operation(
    name="get_operator",
    description="info.php?get_operator=1: operator, region, MCC/MNC and time zone of one or several numbers",
    path="info.php",
    flags={"get_operator": "1"},
    record=Record(OperatorInfo, xml_tag="info"),
    errors={**COMMON_ERRORS, 3: OperatorNotFound},
    cardinality=Cardinality.per_item("phone"),
    request=(
        Param(
            "phone",
            "The subscriber's number, or several numbers separated by commas.",
            required=True,
            type=Items(PHONE_NUMBER, "a phone number"),
        ),
    ),
    evidence=(
        documented("The six fields, their order and names in all four formats", "the get_operator page"),
        documented("Several `<info>` records wrapped in `<list>`", "the get_operator page"),
        documented("`phone` added to each record when several numbers are asked", "the get_operator page"),
        inferred(
            "Where `phone` stands: first in fmt=0/1, first child in XML, first key in JSON",
            "the page does not say; one third-party parser of fmt=0 expects a field before `country`",
        ),
        documented("Every fmt=3 value a string (`mnc` keeps `01`)", "the fmt=3 template quotes every value"),
        inferred("An array of objects in fmt=3 for several numbers", "status.php does so in captured replies"),
        documented("Error replies in four formats; codes 1, 2, 3, 4, 9", "the get_operator page"),
        captured("Error descriptions on the wire (`operator not found`, `parameters error`)", "fmt=0 error lines"),
        captured("An XML declaration glued to the root, or none", "XML replies of other scripts"),
        inferred("`tz` as the region's offset from UTC in hours", "a third-party client uses it so"),
    ),
    idempotent=True,
)

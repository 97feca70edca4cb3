"""get_mnp.php: numbers ported between operators (MNP).

The page is not reachable; node-smsc's live tests show the two replies [LIB]:

- with ``date=dd.mm.yyyy``, fmt=3 gives an array. Its keys are not shown: ``phone`` and
  ``mccmnc`` are inferred from the export's columns, other keys kept in ``extra``; the fmt=0/1/2
  shapes are inferred as for every list.
- without ``date`` the body is a file, not an API reply, whatever ``fmt`` asked: a
  ``;``-separated table whose first line is ``Phone;mccmnc``. It is declared as a file export:
  the header is required and written, and each line is ``<phone>;<mccmnc>``. An error about it is
  read in any format and written as the plain ``ERROR = N (description)`` line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from .._fmt import Fmt
from ._common import COMMON_ERRORS
from ._schema import Extra, Operation, Record, Variant, Wire


@dataclass(frozen=True, slots=True, kw_only=True)
class PortedNumber:
    """A ported number and the network it belongs to now (``mccmnc`` digits as sent)."""

    phone: str
    mccmnc: str | None = None
    extra: Extra = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ExportedPortedNumber:
    """One line of the ``Phone;mccmnc`` export."""

    phone: Annotated[str, Wire(name="Phone")]
    mccmnc: str


EXPORT = Record(ExportedPortedNumber, xml_tag="phone", csv_separator=";", csv_header=True, fixed_fmt=Fmt.CSV)

GET_MNP: Operation[PortedNumber | ExportedPortedNumber] = Operation(
    name="get_mnp",
    description="get_mnp.php: ported numbers for a date; without date, the Phone;mccmnc export file",
    path="get_mnp.php",
    flags={},
    record=Record(PortedNumber, xml_tag="phone"),
    errors=COMMON_ERRORS,
    lists=True,
    variants=(Variant(when={"date": ("",)}, record=EXPORT, default=""),),
)

OPERATIONS = (GET_MNP,)

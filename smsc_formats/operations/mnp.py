"""get_mnp.php: numbers ported between operators (MNP).

The page is not reachable; node-smsc's live tests show the two replies, and ``evidence`` says
what rests on them:

- with ``date=dd.mm.yyyy``, a list read by field name, other keys kept in ``extra``;
- without ``date`` the body is a file, not an API reply, whatever ``fmt`` asked: a
  ``;``-separated table whose first line is ``Phone;mccmnc``. It is declared as a file export:
  the header is required and written, and each line is ``<phone>;<mccmnc>``. An error about it is
  read in any format and written as the plain ``ERROR = N (description)`` line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from .._fmt import Fmt
from .._public import show_in
from ..formats import DecodeLimits
from ._common import COMMON_ERRORS
from ._evidence import inferred
from ._operation import Cardinality, Operation, Variant
from ._params import Param
from ._schema import Extra, Record, Wire
from ._values import DAY


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


EXPORT_LIMITS = DecodeLimits(max_body_bytes=512 * 1024 * 1024, max_records=25_000_000)
"""The export holds every ported number: 25 million lines of ``<phone>;<mccmnc>`` (about 18 bytes
each) fit, where the defaults (8 MiB, 100,000 records) would refuse a real one. Its size is not
documented; ``Client.stream`` reads it a batch of lines at a time instead of holding it. A call
for it is given five minutes at least."""

EXPORT = Record(
    ExportedPortedNumber,
    xml_tag="phone",
    csv_separator=";",
    csv_header=True,
    fixed_fmt=Fmt.CSV,
    limits=EXPORT_LIMITS,
    timeout=300.0,
)

GET_MNP: Operation[PortedNumber | ExportedPortedNumber] = Operation(
    name="get_mnp",
    description="get_mnp.php: ported numbers for a date; without date, the Phone;mccmnc export file",
    path="get_mnp.php",
    flags={},
    record=Record(PortedNumber, xml_tag="phone"),
    errors=COMMON_ERRORS,
    cardinality=Cardinality.MANY,
    variants=(Variant(when={"date": ("",)}, record=EXPORT, default=""),),
    request=(
        Param(
            "date",
            "A day, 'dd.mm.yyyy', whose ported numbers come as a list; without it, the whole export file.",
            type=DAY,
        ),
    ),
    evidence=(
        inferred("With `date`, fmt=3: an array", "the third-party node-smsc's live test of get_mnp (2016)"),
        inferred("Each number's keys `phone` and `mccmnc`", "the export's two columns; the array's keys are not shown"),
        inferred(
            "With `date`, fmt=0/1/2: one line per number, `<phone>` elements in `<list>`",
            "no page or capture shows them; the other lists' shapes",
        ),
        inferred(
            "Without `date`, a file whatever `fmt` asked, its first line `Phone;mccmnc`",
            "the third-party node-smsc's live test of get_mnp (2016) checks the first bytes",
        ),
        inferred("Each export line `<phone>;<mccmnc>`, `;`-separated", "the header's separator and two columns"),
        inferred(
            "The export is large: read within 512 MiB and 25 million lines, and streamed by node-smsc",
            "it holds every ported number; node-smsc's test of get_mnp without `date` reads it as a stream",
        ),
        inferred(
            "Error replies in four formats; codes 1, 2, 4, 9",
            "the page is not reachable; every reachable script's grammar, where these codes mean the same",
        ),
        inferred(
            "An error to the export request read in any format",
            "the file is not a formatted reply, so `fmt` need not hold for its errors",
        ),
    ),
    idempotent=True,
)

OPERATIONS = (GET_MNP,)

show_in("smsc_formats", ExportedPortedNumber, PortedNumber)  # exported there, loaded on first use

"""jobs.php: mailings (a message sent to many numbers as one job).

Create, as the jobs_answer page writes it [DOC]::

    cost=0  fmt=0 OK, ID - <id>                fmt=1 <id>          fmt=2 <result><id>id</id></result>
    cost=1  fmt=0 OK, ID - <id>, COST - <cost> fmt=1 <id>,<cost>   fmt=2 <result><id/><cost/></result>
            fmt=3 {"id": <id>, "cost": "<cost>"}   (the cost=0 block is lost: {"id": <id>} inferred)

The page documents only ``cost`` 0 and 1 for jobs. Delete and cancel answer ``OK`` /
``<result>OK</result>``. The replies to ``get`` and ``get_all`` are not in the archived pages: a
job is read by field name with unknown keys kept in ``extra``; only ``id`` and ``name`` are
declared, and the fmt=1 order ``id,name`` and the ``<job>`` element are inferred. A value may
hold ", " but not ", <key> = ", which would start an undeclared key. One client
takes each fmt=0 ``get_all`` line to start with the bare id; such a line is refused (use fmt=3).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .._exceptions import ApiError, InvalidDateFormat, RecordNotSaved
from ._common import COMMON_ERRORS
from ._schema import Extra, Operation, Record, Variant
from ._shapes import DONE, Done


@dataclass(frozen=True, slots=True, kw_only=True)
class JobCreated:
    """A new mailing's id."""

    id: int
    extra: Extra = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class JobCreatedWithCost:
    """A new mailing's id and what it costs (``cost=1``)."""

    id: int
    cost: Decimal
    extra: Extra = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Job:
    """One mailing as ``get``/``get_all`` list it (fields beyond ``id``, ``name``: inferred, in ``extra``)."""

    id: int
    name: str | None = None
    extra: Extra = ()


JOBS_ERRORS: Mapping[int, type[ApiError]] = {**COMMON_ERRORS, 3: RecordNotSaved, 5: InvalidDateFormat}
""""for 1,2,3,4,5,9 errors" [DOC-EN jobs_answer]: 3 "Error saving a record", 5 "Invalid date format"."""

JOB = Record(Job, xml_tag="job")


def _jobs(command: str, description: str, record: Record[Any], **options: Any) -> Operation[Any]:
    return Operation(
        name=f"jobs_{command}",
        description=f"jobs.php?{command}=1: {description}",
        path="jobs.php",
        flags={command: "1"},
        record=record,
        errors=JOBS_ERRORS,
        **options,
    )


JOBS_ADD: Operation[JobCreated] = _jobs(
    "add",
    "create a mailing; cost=1 adds its cost",
    Record(JobCreated, xml_tag="result", text_template="OK, ID - {id}"),
    variants=(
        Variant(
            when={"cost": ("1",)},
            record=Record(JobCreatedWithCost, xml_tag="result", text_template="OK, ID - {id}, COST - {cost}"),
        ),
    ),
)
JOBS_GET: Operation[Job] = _jobs("get", "one mailing (reply shape inferred)", JOB)
JOBS_GET_ALL: Operation[Job] = _jobs("get_all", "every mailing (reply shape inferred)", JOB, lists=True)
JOBS_DEL: Operation[Done] = _jobs("del", "delete a mailing", DONE)
JOBS_CANCEL: Operation[Done] = _jobs("cancel", "disable a mailing waiting to be sent", DONE)

OPERATIONS = (JOBS_ADD, JOBS_GET, JOBS_GET_ALL, JOBS_DEL, JOBS_CANCEL)

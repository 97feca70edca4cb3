"""What several operations share, declared once: the error codes that mean the same on every
script, how a script's command is named and addressed, the free-text marker, and the two reply
records of a change (``Done``) and of a creation (``Created``).

A change or a deletion answers ``OK`` (fmt=0/1) and ``<result>OK</result>`` (fmt=2) [DOC jobs].
Under fmt=3 both the bare ``OK`` and ``{"result": "OK"}`` are read; which one is written follows
each script's evidence: :data:`BARE_DONE` where a client's tests against the live API got the
bare ``OK`` (phones.php, status.php ``del=1``, jobs.php), :data:`DONE` (the object) where one got
the object (templates.php) or nothing is known.

A creation answers with the new record's id: ``ID = <id>`` / ``<id>`` /
``<xml_tag><id>id</id></xml_tag>`` / ``{"id": <id>}`` [DOC phones.php], or, in fmt=0, the
sentence ``OK, ID - <id>`` where a script writes one (jobs.php, templates.php). Both are a
:class:`Created`; the pair form is its subclass :class:`CreatedId`, whose fmt=0 name differs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from .._exceptions import ApiError, AuthorisationFailed, InvalidParameters, IpTemporarilyBlocked, TooManyRequests
from .._fmt import Fmt
from ._operation import Operation
from ._schema import Extra, Record, Wire

COMMON_ERRORS: Mapping[int, type[ApiError]] = {
    1: InvalidParameters,
    2: AuthorisationFailed,
    4: IpTemporarilyBlocked,
    9: TooManyRequests,
}
"""Codes 1, 2, 4 and 9 mean the same on every script; the others differ by script."""

FREE_TEXT = Wire(free_text=True)
"""The marker of human text that may contain ", " (an operator's name, a message)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Done:
    """The server did what was asked; ``result`` is its word for it (``"OK"``)."""

    result: Annotated[str, Wire(xml_text=True)]
    extra: Extra = ()


DONE: Record[Done] = Record(Done, xml_tag="result", text_template="{result}")
"""The acknowledgement, written ``{"result": "OK"}`` under fmt=3."""

BARE_DONE: Record[Done] = Record(Done, xml_tag="result", text_template="{result}", sentence_in=frozenset({Fmt.JSON}))
"""The acknowledgement, written as the bare ``OK`` under fmt=3 too (the object still read)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Created:
    """A record was created; ``id`` is the id the server gave it."""

    id: int
    extra: Extra = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class CreatedId(Created):
    """A :class:`Created` whose fmt=0 reply is the pair ``ID = <id>`` rather than a sentence."""

    id: Annotated[int, Wire(text_name="ID")]


def created(xml_tag: str) -> Record[CreatedId]:
    """``ID = <id>`` / ``<id>`` / ``<xml_tag><id>id</id></xml_tag>`` / ``{"id": <id>}`` [DOC phones.php]."""
    return Record(CreatedId, xml_tag=xml_tag)


def created_sentence(*, text_accepts: tuple[str, ...] = ()) -> Record[Created]:
    """``OK, ID - <id>`` / ``<id>`` / ``<result><id>id</id></result>`` / ``{"id": <id>}`` [DOC jobs.php];
    ``text_accepts``: other fmt=0 spellings read but never written."""
    return Record(Created, xml_tag="result", text_template="OK, ID - {id}", text_accepts=text_accepts)


def script_operation(
    script: str,
    command: str | None,
    description: str,
    record: Record[Any],
    *,
    errors: Mapping[int, type[ApiError]] = COMMON_ERRORS,
    **options: Any,
) -> Operation[Any]:
    """``<script>.php?<command>=1``, named ``<script>_<command>`` (``<script>.php`` and ``<script>``
    for a script without commands); ``options`` are the rest of the declaration."""
    return Operation(
        name=f"{script}_{command}" if command else script,
        description=f"{script}.php{f'?{command}=1' if command else ''}: {description}",
        path=f"{script}.php",
        flags={command: "1"} if command else {},
        record=record,
        errors=errors,
        **options,
    )

"""Reply records that several management scripts share: a bare ``OK``, and a new record's id.

A change or a deletion answers ``OK`` (fmt=0/1) and ``<result>OK</result>`` (fmt=2) [DOC jobs];
under fmt=3 the server has been seen to send the bare ``OK`` too, and ``{"result": "OK"}`` is
what other clients expect (gaps G30, still open): both are read, the object is written. That
record is ``_ok.DONE``, which the sending scripts share too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from ._ok import DONE, Done
from ._schema import Extra, Record, Wire

__all__ = ["DONE", "Created", "Done", "created"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Created:
    """A record was created; ``id`` is the id the server gave it."""

    id: Annotated[int, Wire(text_name="ID")]
    extra: Extra = ()


def created(xml_tag: str) -> Record[Created]:
    """``ID = <id>`` / ``<id>`` / ``<xml_tag><id>id</id></xml_tag>`` / ``{"id": <id>}`` [DOC phones.php]."""
    return Record(Created, xml_tag=xml_tag)

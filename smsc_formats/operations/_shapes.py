"""Reply records that several management scripts share: a bare ``OK``, and a new record's id.

A change or a deletion answers ``OK`` (fmt=0/1) and ``<result>OK</result>`` (fmt=2) [DOC jobs];
under fmt=3 the server has been seen to send the bare ``OK`` too, and ``{"result": "OK"}`` is
what other clients expect (gaps G30, still open): both are read, the object is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from ._schema import Extra, Record, Wire


@dataclass(frozen=True, slots=True, kw_only=True)
class Done:
    """A change or a deletion was carried out."""

    result: Annotated[str, Wire(xml_text=True)]
    """The server's word for it, ``OK``."""
    extra: Extra = ()


DONE: Record[Done] = Record(Done, xml_tag="result", text_template="{result}")


@dataclass(frozen=True, slots=True, kw_only=True)
class Created:
    """A record was created; ``id`` is the id the server gave it."""

    id: Annotated[int, Wire(text_name="ID")]
    extra: Extra = ()


def created(xml_tag: str) -> Record[Created]:
    """``ID = <id>`` / ``<id>`` / ``<xml_tag><id>id</id></xml_tag>`` / ``{"id": <id>}`` [DOC phones.php]."""
    return Record(Created, xml_tag=xml_tag)

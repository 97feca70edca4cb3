"""How each part of a declared reply is known.

An operation's reply shape comes from four kinds of source of unequal weight: the API's own
pages, replies captured from the server, the vendor's own client libraries (which show what
the server is expected to send, not what it sends), and inference (a neighbouring script's
layout, a third party's client). The declarations say which, part by part, so the reference
pages can show it and a reader knows what to trust.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Source(enum.Enum):
    """How a part of a reply is known, strongest first."""

    DOCUMENTED = "the API's documentation"
    CAPTURED = "captured server replies"
    OFFICIAL_CLIENT = "the API's official client libraries"
    INFERRED = "inferred"


@dataclass(frozen=True, slots=True)
class Evidence:
    """One part of an operation's reply, how it is known (``source``) and from where."""

    part: str
    source: Source
    where: str


def documented(part: str, where: str) -> Evidence:
    return Evidence(part, Source.DOCUMENTED, where)


def captured(part: str, where: str) -> Evidence:
    return Evidence(part, Source.CAPTURED, where)


def official_client(part: str, where: str) -> Evidence:
    return Evidence(part, Source.OFFICIAL_CLIENT, where)


def inferred(part: str, why: str) -> Evidence:
    return Evidence(part, Source.INFERRED, why)

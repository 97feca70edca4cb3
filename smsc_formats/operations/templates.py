"""templates.php and op_templates.php: message templates and operator (sender) templates.

One operation per script; the action flag chooses the reply: ``get=1`` (the default) lists,
``add=1`` gives the new id, ``chg=1`` and ``del=1`` acknowledge. Only fmt=3 has been seen
(against the live demo account, by a client library)::

    get=1  [{"id": N, "name": "…", "format": "…", "message": "…", "sender": "…", "flag": N}, …]
    add=1  {"id": N}
    chg=1  {"result": "OK"}      (an unknown id answers with the fmt=0 error line even in fmt=3)

Everything else is inferred: fmt=0 one ``key = value`` line per template (``message`` free
text), fmt=1 the fields in that order (``message`` the free column), fmt=2 ``<template>``
elements in ``<list>``; ``add=1`` as ``OK, ID - <id>`` / ``<id>`` / ``<result><id>…</id></result>``
(read also ``ID = <id>``); the acknowledgement as in ``_ok``. op_templates.php is documented
only by its requests: its replies are declared by analogy, with unknown keys kept in ``extra``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from .._exceptions import TemplateNotFound
from ._common import COMMON_ERRORS
from ._ok import DONE, Done
from ._schema import Extra, Operation, Record, Variant, Wire

FREE_TEXT = Wire(free_text=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class Template:
    """A saved message template. The request calls its text ``msg``, the reply ``message``."""

    id: int
    name: str | None = None
    format: str | None = None
    """``""``, ``sms``, ``flash``, ``bin``, ``push``, ``mms``, ``call``, ``mail`` or ``viber``."""
    message: Annotated[str | None, FREE_TEXT] = None
    sender: str | None = None
    flag: int | None = None
    """Template flags; 1 marks an auto-signature."""
    extra: Extra = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class OperatorTemplate:
    """A template registered with the operators for a sender (inferred; keys kept in ``extra``)."""

    sender: str
    id: int | None = None
    message: Annotated[str | None, FREE_TEXT] = None
    extra: Extra = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Created:
    """The id the server gave a new template."""

    id: int
    extra: Extra = ()


TemplateReply = Template | Created | Done
OperatorTemplateReply = OperatorTemplate | Created | Done

CREATED: Record[Created] = Record(Created, xml_tag="result", text_template="OK, ID - {id}", text_accepts=("ID = {id}",))


def _actions(created: Record[Created]) -> tuple[Variant, ...]:
    return (
        Variant(when={"add": ("1",)}, record=created),
        Variant(when={"chg": ("1",)}, record=DONE),
        Variant(when={"del": ("1",)}, record=DONE),
    )


TEMPLATES: Operation[TemplateReply] = Operation(
    name="templates",
    description="templates.php: list (get=1), add (add=1), change (chg=1) or delete (del=1) message templates",
    path="templates.php",
    flags={},
    record=Record(Template, xml_tag="template", listed=True),
    errors={**COMMON_ERRORS, 3: TemplateNotFound},
    variants=_actions(CREATED),
)

OP_TEMPLATES: Operation[OperatorTemplateReply] = Operation(
    name="op_templates",
    description="op_templates.php: operator templates of a sender: info (get=1), add, change, delete (inferred)",
    path="op_templates.php",
    flags={},
    record=Record(OperatorTemplate, xml_tag="template", listed=True),
    errors=COMMON_ERRORS,
    variants=_actions(CREATED),
)

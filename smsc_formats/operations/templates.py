"""templates.php and op_templates.php: message templates and operator (sender) templates.

One operation per script; the action flag chooses the reply: ``get=1`` (the default) lists,
``add=1`` gives the new id, ``chg=1`` and ``del=1`` acknowledge. Only fmt=3 has been seen
(against the live demo account, by valery1707/smsc-java)::

    get=1  [{"id": N, "name": "…", "format": "…", "message": "…", "sender": "…", "flag": N}, …]
    add=1  {"id": N}
    chg=1  {"result": "OK"}      (an unknown id answers with the fmt=0 error line even in fmt=3)

Everything else is inferred: fmt=0 one ``key = value`` line per template (``message`` free
text), fmt=1 the fields in that order (``message`` the free column), fmt=2 ``<template>``
elements in ``<list>``; ``add=1`` as ``OK, ID - <id>`` / ``<id>`` / ``<result><id>…</id></result>``
(read also ``ID = <id>``); the acknowledgement as in ``_common``. op_templates.php is documented
only by its requests: its replies are declared by analogy, with unknown keys kept in ``extra``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from .._exceptions import TemplateNotFound
from ._common import COMMON_ERRORS, DONE, FREE_TEXT, Created, Done, created_sentence
from ._evidence import Evidence, documented, inferred
from ._operation import Cardinality, Operation, Variant
from ._params import Param
from ._schema import Extra, Record
from ._values import FLAG, LINE, SERVER_ID, TEXT, Choice, SenderName


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


TemplateReply = Template | Created | Done
OperatorTemplateReply = OperatorTemplate | Created | Done

CREATED: Record[Created] = created_sentence(text_accepts=("ID = {id}",))

ACTIONS_BY_ANALOGY: tuple[Evidence, ...] = (
    inferred(
        "add=1 in fmt=0/1/2: `OK, ID - <id>` (also read `ID = <id>`), `<id>`, `<result><id>…</id></result>`",
        "the mailing-list page documents this reply to an add; none seen here (gaps G25)",
    ),
    inferred(
        "chg=1 and del=1 in fmt=0/1/2: `OK`, `<result>OK</result>`",
        "the mailing-list page documents this acknowledgement; none seen here (gaps G25)",
    ),
)
"""How both scripts' add/change/delete replies in fmt=0/1/2 are known: by analogy only."""


def _actions(created: Record[Created]) -> tuple[Variant, ...]:
    return (
        Variant(when={"add": ("1",)}, record=created, cardinality=Cardinality.ONE, idempotent=False),
        Variant(when={"chg": ("1",)}, record=DONE, cardinality=Cardinality.ONE, idempotent=False),
        Variant(when={"del": ("1",)}, record=DONE, cardinality=Cardinality.ONE, idempotent=False),
    )


TEMPLATES: Operation[TemplateReply] = Operation(
    name="templates",
    description="templates.php: list (get=1), add (add=1), change (chg=1) or delete (del=1) message templates",
    path="templates.php",
    flags={},
    record=Record(Template, xml_tag="template"),
    cardinality=Cardinality.MANY,
    errors={**COMMON_ERRORS, 3: TemplateNotFound},
    variants=_actions(CREATED),
    request=(
        Param("get", "Lists the templates when 1.", type=FLAG),
        Param("add", "Creates a template from `name` and `msg` when 1.", type=FLAG),
        Param("chg", "Changes the template given by `id` when 1.", type=FLAG),
        Param("del", "Deletes the template given by `id` when 1.", type=FLAG),
        Param("id", "The template's id, for `chg` and `del`.", type=SERVER_ID),
        Param("name", "The template's name.", type=LINE),
        Param("msg", "The template's message text (`message` in the reply).", type=TEXT),
        Param(
            "format",
            "The message format: empty (not specified), `sms`, `flash`, `bin`, `push`, `mms`, `call`, `mail` "
            "or `viber`.",
            type=Choice(("", "sms", "flash", "bin", "push", "mms", "call", "mail", "viber")),
        ),
        Param("sender", "The sender ID.", type=SenderName()),
        Param("fl[1]", "Marks the template for auto-signing.", type=FLAG),
    ),
    evidence=(
        inferred(
            "The fields `id`, `name`, `format`, `message`, `sender`, `flag`, in that order",
            "a third-party client's model, run against the live demo account (sending.md §7.1, P1)",
        ),
        inferred(
            "get=1 in fmt=3: an array of objects, `id` and `flag` numbers",
            "the same third-party client (sending.md §7.1, P1)",
        ),
        inferred(
            'add=1 in fmt=3 `{"id": N}`; chg=1 and del=1 `{"result": "OK"}` (the object: unlike phones.php, no '
            "client has seen a bare `OK` here)",
            "valery1707/smsc-java's models, tested against the live demo account (sending.md §7.1, P1)",
        ),
        inferred(
            "get=1 in fmt=0: one `key = value` line per template, `message` free text",
            "the fmt=0 lists of other scripts; no reply seen (gaps G25)",
        ),
        inferred(
            "get=1 in fmt=1: the fields in order, `message` the free-text column",
            "the fmt=1 lists of other scripts; no reply seen (gaps G25)",
        ),
        inferred(
            "get=1 in fmt=2: `<template>` elements in `<list>`",
            "get_operator's documented `<list>` wrapper; no reply seen (gaps G25)",
        ),
        *ACTIONS_BY_ANALOGY,
        documented("Error replies in four formats", "the templates page"),
        inferred(
            "Error codes 1, 2, 4, 9 as on every script; 3 an unknown template id",
            "the page is cut before its code table; a third-party client maps 3 (sending.md §7.1, P1)",
        ),
        inferred(
            "The fmt=0 error line (`ERROR = 3 (template not found)`) even when fmt=3 was asked (chg=1 with an "
            "unknown id): read as the error reply it is",
            'valery1707/smsc-java `RequestExecutor.java`, tested against the live demo account: "in some cases '
            '(Update Template with unknown id) server returns response in plain format", matched with '
            "`ERROR = (\\d+) \\(([^)]+)\\)` before the JSON is read (sending.md §1.4, P1)",
        ),
    ),
    idempotent=True,
)

OPERATORS = {"mts": "MTS", "mega": "MegaFon", "bee": "Beeline", "tele2": "Tele2", "motiv": "Motiv"}
OPERATOR_FLAGS: tuple[Param, ...] = tuple(
    Param(
        f"{key}_{category}", f"Registers the template with {OPERATORS[key]}, category `{category}`, when 1.", type=FLAG
    )
    for key, category in (
        ("mts", "srv"),
        ("mts", "auth"),
        ("mts", "trn"),
        ("mega", "srv"),
        ("mega", "auth"),
        ("mega", "trn"),
        ("mega", "adv"),
        ("bee", "srv"),
        ("bee", "trn"),
        ("tele2", "srv"),
        ("tele2", "trn"),
        ("motiv", "srv"),
        ("motiv", "trn"),
    )
)
"""The operator and category flags of the page's create example."""

OP_TEMPLATES: Operation[OperatorTemplateReply] = Operation(
    name="op_templates",
    description="op_templates.php: operator templates of a sender: info (get=1), add, change, delete (inferred)",
    path="op_templates.php",
    flags={},
    record=Record(OperatorTemplate, xml_tag="template"),
    cardinality=Cardinality.MANY,
    errors=COMMON_ERRORS,
    variants=_actions(CREATED),
    request=(
        Param("get", "Gives the operator templates of `sender` and `msg` when 1.", type=FLAG),
        Param("add", "Registers `msg` as a template of `sender` with the flagged operators when 1.", type=FLAG),
        Param(
            "chg", "Changes an operator template when 1 (not on the page; by analogy with templates.php).", type=FLAG
        ),
        Param(
            "del", "Deletes an operator template when 1 (not on the page; by analogy with templates.php).", type=FLAG
        ),
        Param("sender", "The sender ID the operator templates belong to.", type=SenderName()),
        Param("msg", "The template's message text.", type=TEXT),
        *OPERATOR_FLAGS,
    ),
    evidence=(
        inferred(
            "Every reply's fields (`sender`, `id`, `message`; other keys kept)",
            "the page documents the requests only (sending.md §7.2); declared by analogy with templates.php",
        ),
        inferred(
            "get=1: `<template>` records, a list in every format",
            "templates.php's list; no reply seen (gaps G25)",
        ),
        inferred(
            'add=1 in fmt=3 `{"id": N}`; chg=1 and del=1 `{"result": "OK"}`',
            "templates.php's replies; no reply seen (gaps G25)",
        ),
        *ACTIONS_BY_ANALOGY,
        inferred(
            "Error replies in four formats; codes 1, 2, 4, 9",
            "the error grammar every documented script shares; this page's replies were not retrieved",
        ),
    ),
    idempotent=True,
)

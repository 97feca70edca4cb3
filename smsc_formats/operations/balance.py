"""balance.php: the account's balance, with ``cur=1`` its currency.

    fmt=0/1  <balance>                 e.g. 250.80 (the two are the same)
    fmt=2    <balance>250.80</balance>
    fmt=3    {"balance": "250.80"}     (a JSON string)

With ``cur=1`` the JSON gains ``currency`` (``"RUR"``), and some accounts report ``credit``.
The other ``cur=1`` forms are inferred: fmt=0/1 ``250.80,RUR`` (also read: ``250.80 RUR``);
fmt=2 ``<balance>`` holding ``<balance>``, ``<credit>`` and ``<currency>`` elements. ``credit``
has no known fmt=0/1 form and is refused there.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated

from ._common import COMMON_ERRORS
from ._evidence import captured, documented, inferred
from ._operation import Operation
from ._params import Param
from ._schema import Extra, Record, Wire
from ._values import FLAG


@dataclass(frozen=True, slots=True, kw_only=True)
class Balance:
    """The money left on the account, in its currency."""

    balance: Annotated[Decimal, Wire(xml_text=True)]
    credit: Decimal | None = None
    """The credit limit granted to the account, where the server reports one."""
    currency: str | None = None
    """The account's currency code as the server writes it (``"RUR"``); with ``cur=1``."""
    extra: Extra = ()


BALANCE: Operation[Balance] = Operation(
    name="balance",
    description="balance.php: the account's balance; cur=1 adds the currency",
    path="balance.php",
    flags={},
    record=Record(
        Balance,
        xml_tag="balance",
        text_template="{balance}[,{currency}]",
        text_accepts=("{balance} {currency}",),
        csv_columns=(("balance",), ("balance", "currency")),
    ),
    errors=COMMON_ERRORS,
    request=(Param("cur", "Adds the account's currency to the reply when 1.", type=FLAG),),
    evidence=(
        documented("fmt=0 and fmt=1 alike: the bare balance (`250.80`)", "the balance request page (get_balance)"),
        documented(
            "fmt=2 a bare `<balance>` element, no `<result>` wrapper", "the balance answer page (balance_answer)"
        ),
        documented(
            "fmt=3 an object with `balance` a string",
            "the fmt=3 template of the balance answer page, cut after `balance`",
        ),
        captured("`balance` a JSON string", "captured fmt=3 balance replies (gaps G21, R-J01)"),
        inferred("cur=1 fmt=3 `currency` key (`RUR`)", "three third-party clients read it (gaps G21)"),
        inferred(
            "fmt=3 `credit` key, for some accounts",
            "a third-party client documents it; whether every account sends it is unknown (gaps G21)",
        ),
        inferred(
            "cur=1 fmt=0/1 `<balance>,<currency>` (also read `<balance> <currency>`); `credit` refused there",
            "no reply seen; a third-party client prints `72.2 RUR` (gaps G21)",
        ),
        inferred(
            "cur=1 fmt=2 `<balance>` holding `<balance>`, `<credit>` and `<currency>` elements",
            "no reply seen; the fmt=3 keys as elements (gaps G21)",
        ),
        documented("Error replies in four formats; codes 1, 2, 4, 9", "the balance answer page"),
        captured("An XML declaration glued to the root, or none", "captured fmt=2 replies of other scripts (gaps G5)"),
    ),
    idempotent=True,
)

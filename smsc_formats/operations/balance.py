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
from ._schema import Extra, Operation, Record, Wire


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
)

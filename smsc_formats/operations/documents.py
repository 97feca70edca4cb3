"""documents.php (a sub-client's invoices and acts) and get.php's MegaFon accounts.

Neither page could be read; what is known comes from clients (management spec §4.3, §6.7):

- documents.php's commands ``add_account`` (create an invoice), ``get_account`` and ``get_act``
  (download an invoice, an act) and their parameters ``user``, ``user_id``, ``sum``,
  ``service``, ``id``, ``num`` are named by the itpanda SDK, whose doc comments link to
  ``/api/http/users/documents/``. The downloads answer with a file, not a reply, and are not
  declared here; ``add_account`` is read as a creation answering the new invoice's id (the id
  ``get_account`` takes), inferred.
- ``get_mega_accounts`` (MegaFon statistics, parameter ``account``, the same SDK) answers a JSON
  array under fmt=3 and error 3 for none, which node-smsc's live tests turn into ``[]``. No key
  of its records is on record: each is read with an ``account`` (the parameter's own name,
  inferred) and every other key kept in ``extra``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .._exceptions import NoRecordsFound
from .._public import show_in
from ._common import COMMON_ERRORS, CreatedId, created, script_operation
from ._evidence import inferred
from ._operation import Cardinality, Operation
from ._params import Param
from ._schema import Extra, Record
from ._values import LINE, MONEY, SERVER_ID
from .data import CUT_ERRORS, LIST_SHAPES
from .users import USERS_ERRORS


@dataclass(frozen=True, slots=True, kw_only=True)
class MegafonAccount:
    """One MegaFon account's statistics (``get_mega_accounts``): ``account`` and the rest in ``extra``."""

    account: str
    extra: Extra = ()


SDK = "[LIB: the itpanda SDK's doc comments, linked to the documents page]"

DOCUMENTS_ADD_ACCOUNT: Operation[CreatedId] = script_operation(
    "documents",
    "add_account",
    "create an invoice for a sub-client (reply inferred)",
    created("result"),
    errors=USERS_ERRORS,
    request=(
        Param("user", f"The sub-client's login. {SDK}", required=True, type=LINE, either=("user_id",)),
        Param(
            "user_id", f"The sub-client's id, instead of `user`. {SDK}", required=True, type=SERVER_ID, either=("user",)
        ),
        Param("sum", f"The invoice's amount, in the client's currency. {SDK}", required=True, type=MONEY),
        Param("service", f"The name of the service the invoice is for. {SDK}", type=LINE),
    ),
    evidence=(
        inferred(
            'The reply: the new invoice\'s id, `ID = <id>`, `<id>`, `<result><id>id</id></result>`, `{"id": <id>}`',
            "the page is not reachable; `get_account` takes the invoice's `id`, and phones.php documents this "
            "reply to a creation",
        ),
        inferred(
            "Error replies in four formats; users.php's codes",
            "the page is not reachable; it stands under users.php's in the API's tree",
        ),
    ),
)
GET_MEGA_ACCOUNTS: Operation[MegafonAccount] = Operation(
    name="get_mega_accounts",
    description="get.php?get_mega_accounts=1: statistics of MegaFon accounts (shape inferred)",
    path="get.php",
    flags={"get_mega_accounts": "1"},
    record=Record(MegafonAccount, xml_tag="account"),
    errors={**COMMON_ERRORS, 3: NoRecordsFound},
    cardinality=Cardinality.MANY,
    no_records_codes=frozenset({3}),
    request=(Param("account", f"The number of the personal account at MegaFon. {SDK}", type=LINE),),
    evidence=(
        inferred("fmt=3: an array of objects", "the third-party node-smsc's live test of get_mega_accounts (2016)"),
        inferred("Error 3 for no accounts, read as an empty list", "node-smsc turns code 3 into `[]` for this call"),
        inferred(
            "Each record's `account`, every other key kept in `extra`",
            "the page is not reachable and no client reads a key; the request parameter's name",
        ),
        inferred("fmt=2: one `<account>` element per record", "no page or capture names it"),
        *LIST_SHAPES,
        inferred("Error replies in four formats; codes 1, 2", "every get.php page's grammar"),
        *CUT_ERRORS,
    ),
    idempotent=True,
)

OPERATIONS = (DOCUMENTS_ADD_ACCOUNT, GET_MEGA_ACCOUNTS)

show_in("smsc_formats", MegafonAccount)  # exported there, loaded on first use

"""The seven SOAP operations as declarations, and the error reply that knows their tables.

Element names come from code generated from SMSC's WSDL (other-channels.md §3.2); where the
spec marks a child list or a result name as not seen, the entry says so. The results carry the
HTTP fmt=2 names, so they are read into the HTTP operations' models (``Sent``, ``Cost``,
``MessageStatus``/``MessageDetails``, ``Balance``) under the SOAP result element's name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .._exceptions import ApiError
from .._reply import ErrorReply
from ..operations import Record
from ..operations.balance import BALANCE, Balance
from ..operations.send import SEND, Cost, Sent
from ..operations.status import STATUS, MessageDetails, MessageStatus


@dataclass(frozen=True, slots=True, repr=False)
class SoapOperation:
    """One WSDL operation: its request element and parameters, its response and result elements."""

    name: str
    """The name the CLI and :class:`SoapErrorReply` use (``soap_`` + the SOAP method)."""
    method: str
    request: str
    params: tuple[str, ...]
    """In WSDL order."""
    optional: frozenset[str]
    response: str
    result: str
    record: Record[Any]
    """The result's model; for get_status(2) the ``all=0`` one (:class:`MessageStatus`)."""
    order: tuple[str, ...]
    """The result's children in WSDL order, as the encoder writes them (``error`` included)."""
    errors: Mapping[int, type[ApiError]]
    """INFERRED beyond 1, 2, 4, 9: the HTTP script's table should replace this at merge."""
    phone_errors: bool = False
    """Whether the result repeats ``<errors><phone/><status/></errors>`` (send_sms2), read into
    :attr:`Sent.phones` as :class:`PhoneDetail` items."""
    details: Record[Any] | None = None
    """get_status(2): the ``all=1/2`` model (:class:`MessageDetails`), chosen when the result
    holds one of :data:`DETAILS_KEYS`."""

    def __repr__(self) -> str:
        return f"SoapOperation({self.name!r})"


SoapErrorReply = ErrorReply
"""An ``error`` other than 0 in a SOAP result (SOAP sends a code and no description): an
:class:`ErrorReply` that carries the SOAP operation's error table, as every decoded one does."""


_AUTH = ("login", "psw")
_SEND = (*_AUTH, "phones", "mes", "id", "sender", "time")
_STATUS = (*_AUTH, "phone", "id", "all")
_SEND_ORDER = ("id", "balance", "cost", "cnt", "error")
_COST_ORDER = ("cost", "cnt", "error")
_STATUS_ORDER = (
    "status", "last_date", "last_timestamp", "err", "error", "send_date", "send_timestamp", "phone", "cost",
    "sender_id", "status_name", "message", "sms_cnt", "operator", "region",
)  # fmt: skip

_send = Record(Sent, xml_tag="sendresult")
_cost = Record(Cost, xml_tag="costresult")
_status = Record(MessageStatus, xml_tag="statusresult")
_details = Record(MessageDetails, xml_tag="statusresult")
_balance = Record(Balance, xml_tag="balanceresult")

_BRIEF_KEYS = {spec.name for spec in _status.fields}
DETAILS_KEYS: frozenset[str] = frozenset(
    {spec.name for spec in _details.fields if spec.name not in _BRIEF_KEYS} | {"sms_cnt"}
)
"""Result children that only ``all=1/2`` sends: one of them makes a status a :class:`MessageDetails`.
``sms_cnt`` (parts, or seconds of a call; [DOC], absent from the WSDL type) has no field in the
HTTP model and is kept in its ``extra``."""

# fmt: off
_TABLE = (
        SoapOperation(
            "soap_send_sms", "send_sms", "send", _SEND, frozenset({"id", "sender", "time"}),
            "SendResponse", "sendresult", _send, _SEND_ORDER, SEND.errors,
        ),
        SoapOperation(
            "soap_send_sms2", "send_sms2", "send2", (*_SEND, "query"), frozenset({"id", "sender", "time", "query"}),
            "Send2Response", "sendresult", _send, (*_SEND_ORDER, "errors"), SEND.errors, phone_errors=True,
        ),
        SoapOperation(
            "soap_get_sms_cost", "get_sms_cost", "cost", (*_AUTH, "phones", "mes"), frozenset(),
            "CostResponse", "costresult", _cost, _COST_ORDER, SEND.errors,
        ),
        SoapOperation(
            "soap_get_sms_cost2", "get_sms_cost2", "cost2", (*_AUTH, "phones", "mes", "query"), frozenset(),
            "Cost2Response", "costresult", _cost, _COST_ORDER, SEND.errors,
        ),
        SoapOperation(
            "soap_get_status", "get_status", "status", _STATUS, frozenset({"all"}),
            "StatusResponse", "statusresult", _status, _STATUS_ORDER, STATUS.errors, details=_details,
        ),
        SoapOperation(
            "soap_get_status2", "get_status2", "status2", (*_STATUS, "query"), frozenset({"all"}),
            "Status2Response", "statusresult", _status, _STATUS_ORDER, STATUS.errors, details=_details,
        ),
        SoapOperation(
            "soap_get_balance", "get_balance", "balance", _AUTH, frozenset(),
            "BalanceResponse", "balanceresult", _balance, ("balance", "error"), BALANCE.errors,
        ),
)
# fmt: on

SOAP_OPERATIONS: Mapping[str, SoapOperation] = {operation.name: operation for operation in _TABLE}
"""Every SOAP operation by its CLI name (``soap_get_balance``, …)."""

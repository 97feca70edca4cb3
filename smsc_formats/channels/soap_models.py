"""What the SOAP results hold, declared like the HTTP replies, under their fmt=2 element names.

SOAP's result elements carry the same names as send.php, status.php and balance.php's XML, so
each result is a record of the schema layer and is read by it (``Decimal`` money, ``int`` ids,
naive datetimes, status and error enums). When those HTTP operations are declared in
``operations/``, SOAP should point at their records instead of these.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from ..operations import Extra
from ..operations.codes import DeliveryError, StatusCode


@dataclass(frozen=True, slots=True, kw_only=True)
class SendResult:
    """send_sms / send_sms2: the message id, the number of parts, cost and balance when sent."""

    id: int
    cnt: int
    cost: Decimal | None = None
    balance: Decimal | None = None
    extra: Extra = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class PhoneError:
    """One item of send_sms2's repeated ``errors``: a number and its status (meaning INFERRED)."""

    phone: str
    status: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Send2Result:
    """send_sms2: the send result and the per-number ``errors`` list."""

    result: SendResult
    errors: tuple[PhoneError, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class CostResult:
    """get_sms_cost / get_sms_cost2: what the message would cost, and its number of parts."""

    cost: Decimal
    cnt: int
    extra: Extra = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusResult:
    """get_status / get_status2; ``all=1`` adds the send details, ``all=2`` operator and region."""

    status: StatusCode
    last_date: datetime | None = None
    last_timestamp: int | None = None
    err: DeliveryError | None = None
    send_date: datetime | None = None
    send_timestamp: int | None = None
    phone: str | None = None
    cost: Decimal | None = None
    sender_id: str | None = None
    status_name: str | None = None
    message: str | None = None
    sms_cnt: int | None = None
    operator: str | None = None
    region: str | None = None
    extra: Extra = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class BalanceResult:
    """get_balance: the account balance (``credit`` and ``currency`` when the server adds them)."""

    balance: Decimal
    credit: Decimal | None = None
    currency: str | None = None
    extra: Extra = ()

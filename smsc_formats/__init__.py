"""Every response format of the SMSC.ru HTTP API, decoded to typed models and encoded back.

The core does no I/O: ``decode(operation, data, fmt=...)`` turns a reply's bytes into a model,
a list of models or an :class:`ErrorReply`; ``encode`` writes the bytes the server would send.
"""

import importlib as _importlib
from types import FunctionType as _FunctionType
from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any

from . import _script_constants
from ._exceptions import (
    ApiError,
    AuthorisationFailed,
    BalanceNotShared,
    CannotDeleteMessage,
    CannotDeliver,
    CodeAlreadySent,
    CodeNotDeliverable,
    DecodeError,
    EncodeError,
    HttpStatusError,
    InsufficientFundsToCredit,
    InvalidConfirmationCode,
    InvalidDateFormat,
    InvalidNumberFormat,
    InvalidParameters,
    InvalidPhoneNumber,
    IpTemporarilyBlocked,
    LinkNotFound,
    MessageDenied,
    NoRecordsFound,
    NotEnoughMoney,
    OperationFailed,
    OperatorNotFound,
    OutcomeUnknown,
    RecordNotSaved,
    ReplyTooLarge,
    RequestError,
    RequestNotSent,
    SenderNotFound,
    SenderNotSaved,
    SmscFormatsError,
    StatusNotFinal,
    SubClientNotFound,
    TemplateNotFound,
    TooManyRequests,
    TransportError,
    TransportTimeout,
)
from ._fmt import CHARSETS, Fmt
from ._public import show_in as _show_in
from ._reply import ErrorReply, NoRecords
from ._version import __version__
from .formats import DecodeLimits

__all__ = [
    "BALANCE",
    "CHARSETS",
    "DEFAULT_HOSTS",
    "GET_OPERATOR",
    "OPERATIONS",
    "OP_TEMPLATES",
    "PING",
    "SEND",
    "STATUS",
    "TEMPLATES",
    "ApiError",
    "AsyncClient",
    "AuthorisationFailed",
    "Balance",
    "BalanceNotShared",
    "CallConfirmation",
    "CallbackEvent",
    "CannotDeleteMessage",
    "CannotDeliver",
    "Client",
    "CodeAlreadySent",
    "CodeNotDeliverable",
    "ConfirmationCall",
    "Contact",
    "ContactGroup",
    "Cost",
    "CostMode",
    "Created",
    "CreatedId",
    "Credentials",
    "DecodeError",
    "DecodeLimits",
    "DedicatedNumber",
    "DeliveryError",
    "DeliveryEvent",
    "Detail",
    "Done",
    "EncodeError",
    "ErrorReply",
    "ExportedPortedNumber",
    "Fmt",
    "HlrResult",
    "HttpRequest",
    "HttpResponse",
    "HttpStatusError",
    "IncomingMessage",
    "IncomingSms",
    "InsufficientFundsToCredit",
    "InvalidConfirmationCode",
    "InvalidDateFormat",
    "InvalidNumberFormat",
    "InvalidParameters",
    "InvalidPhoneNumber",
    "IpTemporarilyBlocked",
    "Job",
    "JobCreatedWithCost",
    "Limits",
    "LinkNotFound",
    "MailContact",
    "MegafonAccount",
    "MessageDenied",
    "MessageDetails",
    "MessageStatus",
    "NoRecords",
    "NoRecordsFound",
    "NotEnoughMoney",
    "Operation",
    "OperationFailed",
    "OperatorInfo",
    "OperatorNotFound",
    "OperatorTemplate",
    "OutcomeUnknown",
    "PendingDownload",
    "PhoneDetail",
    "PortedNumber",
    "RateLimiter",
    "RateLimits",
    "RecordNotSaved",
    "Reply",
    "ReplyCache",
    "ReplyTooLarge",
    "RequestError",
    "RequestNotSent",
    "Retry",
    "Sender",
    "SenderNotFound",
    "SenderNotSaved",
    "Sent",
    "SentMessage",
    "ShortLink",
    "SmscFormatsError",
    "Statistics",
    "StatusCode",
    "StatusNotFinal",
    "SubClientNotFound",
    "TariffZone",
    "Template",
    "TemplateNotFound",
    "TooManyRequests",
    "Translit",
    "TransportError",
    "TransportTimeout",
    "Upload",
    "__version__",
    "build_request",
    "callback_checksum",
    "callback_key",
    "channels",
    "decode",
    "encode",
    "encode_callback",
    "from_api",
    "get_operation",
    "mirror_hosts",
    "parse_callback",
    "parse_response",
    "sign_callback",
    "to_api",
    "verify_callback",
]
__all__ += _script_constants.__all__  # the scripts' operations (PHONES_ADD …), each loaded with its module


# The entry points with the operations' declarations and their models (the sending operations,
# with the schema layer they are declared in) and the callback's functions load on first use too:
# the first of them read pays for the codec (one operation's use needs all of it).
_CODEC_NAMES = ("Reply", "decode", "encode", "from_api", "to_api")
_OPERATION_NAMES = (
    "BALANCE", "GET_OPERATOR", "OP_TEMPLATES", "OPERATIONS", "PING", "SEND", "STATUS", "TEMPLATES", "Balance",
    "Cost", "CostMode", "Created", "CreatedId", "DeliveryError", "Detail", "Done", "MessageDetails", "MessageStatus",
    "Operation", "OperatorInfo", "OperatorTemplate", "PhoneDetail", "Sent", "StatusCode", "Template", "Translit",
    "Upload", "get_operation",
)  # fmt: skip

# The HTTP side (its client pulls in asyncio and ssl) and the mail/SMPP/SOAP channels load on
# first use, so that decoding a reply does not pay for them at import.
_LAZY = {
    "channels": ".channels",
    "operations": ".operations",  # a subpackage, once loaded, is its package's attribute anyway
    **dict.fromkeys(_CODEC_NAMES, "._codec"),
    **dict.fromkeys((*_OPERATION_NAMES, *_script_constants.__all__), ".operations"),
    **dict.fromkeys(
        ("callback_checksum", "encode_callback", "parse_callback", "sign_callback", "verify_callback"),
        ".operations.callback",
    ),
    **dict.fromkeys(
        ("CallbackEvent", "ConfirmationCall", "DeliveryEvent", "HlrResult", "IncomingSms", "callback_key"),
        ".operations.callback_events",
    ),
    **dict.fromkeys(("AsyncClient", "Client", "Limits", "RateLimiter", "RateLimits", "ReplyCache", "Retry"), ".client"),
    **dict.fromkeys(("Job", "JobCreatedWithCost"), ".operations.jobs"),
    **dict.fromkeys(("CallConfirmation", "DedicatedNumber", "PendingDownload"), ".operations.misc"),
    **dict.fromkeys(("ExportedPortedNumber", "PortedNumber"), ".operations.mnp"),
    **dict.fromkeys(("Contact", "ContactGroup"), ".operations.phones"),
    **dict.fromkeys(("MailContact",), ".operations.mails"),
    **dict.fromkeys(("MegafonAccount",), ".operations.documents"),
    **dict.fromkeys(("Sender",), ".operations.senders"),
    **dict.fromkeys(("IncomingMessage", "SentMessage", "ShortLink", "Statistics", "TariffZone"), ".operations.data"),
    **dict.fromkeys(
        (
            "DEFAULT_HOSTS",
            "Credentials",
            "HttpRequest",
            "HttpResponse",
            "build_request",
            "mirror_hosts",
            "parse_response",
        ),
        "._http",
    ),
}

_show_in(__name__, *(value for value in map(globals().get, __all__) if isinstance(value, type | _FunctionType)))

if _TYPE_CHECKING:
    from . import channels
    from ._codec import Reply, decode, encode, from_api, to_api
    from ._http import (
        DEFAULT_HOSTS,
        Credentials,
        HttpRequest,
        HttpResponse,
        build_request,
        mirror_hosts,
        parse_response,
    )
    from ._script_constants import *  # noqa: F403
    from .client import AsyncClient, Client, Limits, RateLimiter, RateLimits, ReplyCache, Retry
    from .operations import (
        BALANCE,
        GET_OPERATOR,
        OP_TEMPLATES,
        OPERATIONS,
        PING,
        SEND,
        STATUS,
        TEMPLATES,
        Balance,
        Cost,
        CostMode,
        Created,
        CreatedId,
        DeliveryError,
        Detail,
        Done,
        MessageDetails,
        MessageStatus,
        Operation,
        OperatorInfo,
        OperatorTemplate,
        PhoneDetail,
        Sent,
        StatusCode,
        Template,
        Translit,
        Upload,
        get_operation,
    )
    from .operations.callback import (
        callback_checksum,
        encode_callback,
        parse_callback,
        sign_callback,
        verify_callback,
    )
    from .operations.callback_events import (
        CallbackEvent,
        ConfirmationCall,
        DeliveryEvent,
        HlrResult,
        IncomingSms,
        callback_key,
    )
    from .operations.data import IncomingMessage, SentMessage, ShortLink, Statistics, TariffZone
    from .operations.documents import MegafonAccount
    from .operations.jobs import Job, JobCreatedWithCost
    from .operations.mails import MailContact
    from .operations.misc import CallConfirmation, DedicatedNumber, PendingDownload
    from .operations.mnp import ExportedPortedNumber, PortedNumber
    from .operations.phones import Contact, ContactGroup
    from .operations.senders import Sender


def __getattr__(name: str) -> _Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    imported = _importlib.import_module(module, __name__)
    value = imported if name in ("channels", "operations") else getattr(imported, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})

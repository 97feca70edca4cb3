"""Every response format of the SMSC.ru HTTP API, decoded to typed models and encoded back.

The core does no I/O: ``decode(operation, data, fmt=...)`` turns a reply's bytes into a model,
a list of models or an :class:`ErrorReply`; ``encode`` writes the bytes the server would send.
"""

from . import channels
from ._codec import Reply, decode, encode, from_api, to_api
from ._exceptions import (
    ApiError,
    AuthorisationFailed,
    BalanceNotShared,
    CodeAlreadySent,
    CodeNotDeliverable,
    DecodeError,
    EncodeError,
    InsufficientFundsToCredit,
    InvalidConfirmationCode,
    InvalidDateFormat,
    InvalidNumberFormat,
    InvalidParameters,
    IpTemporarilyBlocked,
    LinkNotFound,
    NoRecordsFound,
    OperationFailed,
    OperatorNotFound,
    RecordNotSaved,
    SenderNotFound,
    SenderNotSaved,
    SmscFormatsError,
    SubClientNotFound,
    TooManyRequests,
)
from ._fmt import CHARSETS, Fmt
from ._reply import ErrorReply, NoRecords
from ._version import __version__
from .operations import GET_OPERATOR, OPERATIONS, Operation, OperatorInfo, get_operation

__all__ = [
    "CHARSETS",
    "GET_OPERATOR",
    "OPERATIONS",
    "ApiError",
    "AuthorisationFailed",
    "BalanceNotShared",
    "CodeAlreadySent",
    "CodeNotDeliverable",
    "DecodeError",
    "EncodeError",
    "ErrorReply",
    "Fmt",
    "InsufficientFundsToCredit",
    "InvalidConfirmationCode",
    "InvalidDateFormat",
    "InvalidNumberFormat",
    "InvalidParameters",
    "IpTemporarilyBlocked",
    "LinkNotFound",
    "NoRecords",
    "NoRecordsFound",
    "Operation",
    "OperationFailed",
    "OperatorInfo",
    "OperatorNotFound",
    "RecordNotSaved",
    "Reply",
    "SenderNotFound",
    "SenderNotSaved",
    "SmscFormatsError",
    "SubClientNotFound",
    "TooManyRequests",
    "__version__",
    "channels",
    "decode",
    "encode",
    "from_api",
    "get_operation",
    "to_api",
]

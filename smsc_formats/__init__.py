"""Every response format of the SMSC.ru HTTP API, decoded to typed models and encoded back.

The core does no I/O: ``decode(operation, data, fmt=...)`` turns a reply's bytes into a model,
a list of models or an :class:`ErrorReply`; ``encode`` writes the bytes the server would send.
"""

from ._codec import Reply, decode, encode, from_api, to_api
from ._exceptions import (
    ApiError,
    AuthorisationFailed,
    DecodeError,
    EncodeError,
    InvalidParameters,
    IpTemporarilyBlocked,
    OperatorNotFound,
    SmscFormatsError,
    TooManyRequests,
)
from ._fmt import CHARSETS, Fmt
from ._reply import ErrorReply
from ._version import __version__
from .operations import GET_OPERATOR, OPERATIONS, Operation, OperatorInfo, get_operation
from .operations.callback import (
    DeliveryEvent,
    callback_checksum,
    encode_callback,
    parse_callback,
    sign_callback,
    verify_callback,
)

__all__ = [
    "CHARSETS",
    "GET_OPERATOR",
    "OPERATIONS",
    "ApiError",
    "AuthorisationFailed",
    "DecodeError",
    "DeliveryEvent",
    "EncodeError",
    "ErrorReply",
    "Fmt",
    "InvalidParameters",
    "IpTemporarilyBlocked",
    "Operation",
    "OperatorInfo",
    "OperatorNotFound",
    "Reply",
    "SmscFormatsError",
    "TooManyRequests",
    "__version__",
    "callback_checksum",
    "decode",
    "encode",
    "encode_callback",
    "from_api",
    "get_operation",
    "parse_callback",
    "sign_callback",
    "to_api",
    "verify_callback",
]

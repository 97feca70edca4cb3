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
from ._limits import Limits
from ._reply import ErrorReply
from ._version import __version__
from .operations import GET_OPERATOR, OPERATIONS, Operation, OperatorInfo, get_operation

__all__ = [
    "CHARSETS",
    "GET_OPERATOR",
    "OPERATIONS",
    "ApiError",
    "AuthorisationFailed",
    "DecodeError",
    "EncodeError",
    "ErrorReply",
    "Fmt",
    "InvalidParameters",
    "IpTemporarilyBlocked",
    "Limits",
    "Operation",
    "OperatorInfo",
    "OperatorNotFound",
    "Reply",
    "SmscFormatsError",
    "TooManyRequests",
    "__version__",
    "decode",
    "encode",
    "from_api",
    "get_operation",
    "to_api",
]

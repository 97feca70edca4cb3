"""Every response format of the SMSC.ru HTTP API, decoded to typed models and encoded back.

The core does no I/O: ``decode(operation, data, fmt=...)`` turns a reply's bytes into a model,
a list of models or an :class:`ErrorReply`; ``encode`` writes the bytes the server would send.
"""

from ._client import AsyncClient, Client, Retry
from ._codec import Reply, decode, encode, from_api, to_api
from ._exceptions import (
    ApiError,
    AuthorisationFailed,
    DecodeError,
    EncodeError,
    HttpStatusError,
    InvalidParameters,
    IpTemporarilyBlocked,
    OperatorNotFound,
    SmscFormatsError,
    TooManyRequests,
    TransportError,
    TransportTimeout,
)
from ._fmt import CHARSETS, Fmt
from ._http import (
    DEFAULT_HOSTS,
    Credentials,
    HttpRequest,
    HttpResponse,
    build_request,
    mirror_hosts,
    parse_response,
)
from ._limits import Limits, RateLimiter, ReplyCache
from ._reply import ErrorReply
from ._version import __version__
from .operations import GET_OPERATOR, OPERATIONS, Operation, OperatorInfo, get_operation

__all__ = [
    "CHARSETS",
    "DEFAULT_HOSTS",
    "GET_OPERATOR",
    "OPERATIONS",
    "ApiError",
    "AsyncClient",
    "AuthorisationFailed",
    "Client",
    "Credentials",
    "DecodeError",
    "EncodeError",
    "ErrorReply",
    "Fmt",
    "HttpRequest",
    "HttpResponse",
    "HttpStatusError",
    "InvalidParameters",
    "IpTemporarilyBlocked",
    "Limits",
    "Operation",
    "OperatorInfo",
    "OperatorNotFound",
    "RateLimiter",
    "Reply",
    "ReplyCache",
    "Retry",
    "SmscFormatsError",
    "TooManyRequests",
    "TransportError",
    "TransportTimeout",
    "__version__",
    "build_request",
    "decode",
    "encode",
    "from_api",
    "get_operation",
    "mirror_hosts",
    "parse_response",
    "to_api",
]

"""The schema layer: every operation of the API as a declaration, and the registry by name."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import data, jobs, misc, mnp, phones, senders, users  # management and data scripts
from ._evidence import Evidence, Param, Source
from ._ok import Done
from ._schema import Extra, Operation, Record, Variant, Wire
from .balance import BALANCE, Balance
from .codes import DeliveryError, StatusCode
from .info import GET_OPERATOR, OperatorInfo
from .ping import PING
from .send import SEND, Cost, PhoneDetail, Sent
from .status import STATUS, MessageDetails, MessageStatus
from .templates import OP_TEMPLATES, TEMPLATES, Created, OperatorTemplate, Template

__all__ = [
    "BALANCE",
    "GET_OPERATOR",
    "OPERATIONS",
    "OP_TEMPLATES",
    "PING",
    "SEND",
    "STATUS",
    "TEMPLATES",
    "Balance",
    "Cost",
    "Created",
    "DeliveryError",
    "Done",
    "Evidence",
    "Extra",
    "MessageDetails",
    "MessageStatus",
    "Operation",
    "OperatorInfo",
    "OperatorTemplate",
    "Param",
    "PhoneDetail",
    "Record",
    "Sent",
    "Source",
    "StatusCode",
    "Template",
    "Variant",
    "Wire",
    "get_operation",
]

_MANAGEMENT: tuple[Operation[Any], ...] = tuple(
    operation for module in (jobs, phones, users, senders, data, mnp, misc) for operation in module.OPERATIONS
)

_SENDING: tuple[Operation[Any], ...] = (GET_OPERATOR, SEND, STATUS, BALANCE, TEMPLATES, OP_TEMPLATES, PING)

OPERATIONS: Mapping[str, Operation[Any]] = {operation.name: operation for operation in (*_SENDING, *_MANAGEMENT)}
"""Every operation, by the name the CLI and the docs use."""


def get_operation(name: str) -> Operation[Any]:
    """The operation called ``name``; a ``KeyError`` lists the known names."""
    try:
        return OPERATIONS[name]
    except KeyError:
        raise KeyError(f"unknown operation {name!r}; known: {', '.join(sorted(OPERATIONS))}") from None

"""The schema layer: every operation of the API as a declaration, and the registry by name."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._ok import Done
from ._schema import Extra, Operation, Record, Variant, Wire
from .codes import DeliveryError, StatusCode
from .info import GET_OPERATOR, OperatorInfo
from .send import SEND, Cost, PhoneDetail, Sent
from .status import STATUS_OPERATION, MessageDetails, MessageStatus

__all__ = [
    "GET_OPERATOR",
    "OPERATIONS",
    "SEND",
    "STATUS_OPERATION",
    "Cost",
    "DeliveryError",
    "Done",
    "Extra",
    "MessageDetails",
    "MessageStatus",
    "Operation",
    "OperatorInfo",
    "PhoneDetail",
    "Record",
    "Sent",
    "StatusCode",
    "Variant",
    "Wire",
    "get_operation",
]

OPERATIONS: Mapping[str, Operation[Any]] = {
    operation.name: operation
    for operation in (
        GET_OPERATOR,
        SEND,
        STATUS_OPERATION,
    )
}
"""Every operation, by the name the CLI and the docs use."""


def get_operation(name: str) -> Operation[Any]:
    """The operation called ``name``; a ``KeyError`` lists the known names."""
    try:
        return OPERATIONS[name]
    except KeyError:
        raise KeyError(f"unknown operation {name!r}; known: {', '.join(sorted(OPERATIONS))}") from None

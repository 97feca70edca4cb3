"""The schema layer: every operation of the API as a declaration, and the registry by name."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._schema import Extra, Operation, Record, Variant, Wire
from .info import GET_OPERATOR, OperatorInfo
from .send import SEND, Cost, PhoneDetail, Sent

__all__ = [
    "GET_OPERATOR",
    "OPERATIONS",
    "SEND",
    "Cost",
    "Extra",
    "Operation",
    "OperatorInfo",
    "PhoneDetail",
    "Record",
    "Sent",
    "Variant",
    "Wire",
    "get_operation",
]

OPERATIONS: Mapping[str, Operation[Any]] = {operation.name: operation for operation in (GET_OPERATOR, SEND)}
"""Every operation, by the name the CLI and the docs use."""


def get_operation(name: str) -> Operation[Any]:
    """The operation called ``name``; a ``KeyError`` lists the known names."""
    try:
        return OPERATIONS[name]
    except KeyError:
        raise KeyError(f"unknown operation {name!r}; known: {', '.join(sorted(OPERATIONS))}") from None

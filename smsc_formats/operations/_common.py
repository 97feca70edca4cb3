"""What several operations share: the error codes that mean the same on every script, and how a
script's command is named and addressed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._exceptions import ApiError, AuthorisationFailed, InvalidParameters, IpTemporarilyBlocked, TooManyRequests
from ._operation import Operation
from ._schema import Record

COMMON_ERRORS: Mapping[int, type[ApiError]] = {
    1: InvalidParameters,
    2: AuthorisationFailed,
    4: IpTemporarilyBlocked,
    9: TooManyRequests,
}
"""Codes 1, 2, 4 and 9 mean the same on every script; the others differ by script."""


def script_operation(
    script: str,
    command: str | None,
    description: str,
    record: Record[Any],
    *,
    errors: Mapping[int, type[ApiError]] = COMMON_ERRORS,
    **options: Any,
) -> Operation[Any]:
    """``<script>.php?<command>=1``, named ``<script>_<command>`` (``<script>.php`` and ``<script>``
    for a script without commands); ``options`` are the rest of the declaration."""
    return Operation(
        name=f"{script}_{command}" if command else script,
        description=f"{script}.php{f'?{command}=1' if command else ''}: {description}",
        path=f"{script}.php",
        flags={command: "1"} if command else {},
        record=record,
        errors=errors,
        **options,
    )

"""What several operations share: the error codes that mean the same on every script."""

from __future__ import annotations

from collections.abc import Mapping

from .._exceptions import ApiError, AuthorisationFailed, InvalidParameters, IpTemporarilyBlocked, TooManyRequests

COMMON_ERRORS: Mapping[int, type[ApiError]] = {
    1: InvalidParameters,
    2: AuthorisationFailed,
    4: IpTemporarilyBlocked,
    9: TooManyRequests,
}
"""Codes 1, 2, 4 and 9 mean the same on every script; the others differ by script."""

"""The error a call is refused with, for a test to read its fields (``expected``, ``line``, ``column`` …).

Shared by the test modules that pin what each refusal says, so that none imports another.
"""

from __future__ import annotations

from typing import Any

import pytest

from smsc_formats import DecodeError, DecodeLimits, EncodeError, decode, encode
from smsc_formats.operations import Operation


def decode_error(
    operation: Operation[Any], body: bytes, fmt: int, *, limits: DecodeLimits | None = None
) -> DecodeError:
    """The :class:`DecodeError` that decoding ``body`` in ``fmt`` raises (within ``limits``, if given)."""
    with pytest.raises(DecodeError) as caught:
        decode(operation, body, fmt=fmt, limits=limits or DecodeLimits())
    return caught.value


def encode_error(operation: Operation[Any], reply: object, fmt: int) -> EncodeError:
    """The :class:`EncodeError` that encoding ``reply`` in ``fmt`` raises."""
    with pytest.raises(EncodeError) as caught:
        encode(operation, reply, fmt=fmt)
    return caught.value

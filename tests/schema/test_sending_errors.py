"""Error codes mean what their script says: the same number is a different error elsewhere."""

from __future__ import annotations

import pytest

import smsc_formats as smsc


@pytest.mark.parametrize(
    ("operation", "code", "error"),
    [
        (smsc.SEND, 3, smsc.NotEnoughMoney),
        (smsc.SEND, 5, smsc.InvalidDateFormat),
        (smsc.SEND, 6, smsc.MessageDenied),
        (smsc.SEND, 7, smsc.InvalidPhoneNumber),
        (smsc.SEND, 8, smsc.CannotDeliver),
        (smsc.STATUS, 5, smsc.CannotDeleteMessage),
        (smsc.TEMPLATES, 3, smsc.TemplateNotFound),
        (smsc.BALANCE, 2, smsc.AuthorisationFailed),
        (smsc.PING, 4, smsc.IpTemporarilyBlocked),
        (smsc.STATUS, 3, smsc.ApiError),
    ],
)
def test_code_maps_to_the_scripts_error(operation: smsc.Operation[object], code: int, error: type) -> None:
    reply = smsc.decode(operation, f"ERROR = {code} (text), ID - 17".encode(), fmt=0)
    assert isinstance(reply, smsc.ErrorReply)
    with pytest.raises(smsc.ApiError) as caught:
        reply.raise_for_error()
    assert type(caught.value) is error
    assert (caught.value.error_code, caught.value.message_id, caught.value.operation) == (code, 17, operation.name)


@pytest.mark.parametrize(
    "operation", [smsc.SEND, smsc.STATUS, smsc.BALANCE, smsc.TEMPLATES, smsc.OP_TEMPLATES, smsc.PING]
)
def test_too_many_requests_is_retryable_everywhere(operation: smsc.Operation[object]) -> None:
    reply = smsc.decode(operation, b"0,-9", fmt=1)
    assert isinstance(reply, smsc.ErrorReply)
    assert reply.retryable
    assert not smsc.ErrorReply(operation=operation.name, code=1).retryable

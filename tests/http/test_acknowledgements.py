"""A change acknowledged the way each script's evidence says, through Client against FakeSmsc on
every HTTP stack: phones.php, status.php ``del=1`` and jobs.php answer the bare ``OK`` under
fmt=3 (as node-smsc's tests against the live API saw), templates.php the ``{"result": "OK"}``
object (as smsc-java's did), and a template change with an unknown id the fmt=0 error line."""

from __future__ import annotations

import re
from typing import Any

import pytest

import smsc_formats as smsc
from smsc_formats import Done, get_operation
from smsc_formats.testing import FakeSmsc
from smsc_formats.transports.urllib import UrllibTransport
from tests.http.http_stacks import STACKS, Stack

PHONE = "79991234567"
on_every_stack = pytest.mark.parametrize("stack", STACKS, ids=[stack.name for stack in STACKS])


def _body(server: FakeSmsc, operation: smsc.Operation[Any]) -> bytes:
    """The bytes the fake answers, as they came off the wire."""
    request = smsc.build_request(operation, credentials=server.credentials, base_url=server.base_urls[0], fmt=3)
    with UrllibTransport() as transport:
        return transport.handle_request(request).body


@on_every_stack
def test_a_contact_deleted_is_acknowledged_with_the_bare_ok_and_read_as_done(stack: Stack, fake_smsc: FakeSmsc) -> None:
    stack.call(fake_smsc, get_operation("phones_add")(phone=PHONE))
    assert _body(fake_smsc, get_operation("phones_chg")(phone=PHONE, name="Ann")) == b"OK"
    assert stack.call(fake_smsc, get_operation("phones_del")(phone=PHONE)) == Done(result="OK")


@on_every_stack
def test_a_message_deleted_from_the_history_is_acknowledged_with_the_bare_ok(stack: Stack, fake_smsc: FakeSmsc) -> None:
    sent = stack.use(fake_smsc, "send_sms", PHONE, "Hi")
    assert stack.call(fake_smsc, smsc.STATUS(phone=PHONE, id=str(sent.id), **{"del": 1})) == Done(result="OK")
    sent = stack.use(fake_smsc, "send_sms", PHONE, "Hi again")  # an identical send within a minute is error 9
    assert _body(fake_smsc, smsc.STATUS(phone=PHONE, id=str(sent.id), **{"del": 1})) == b"OK"


@on_every_stack
def test_a_template_change_is_acknowledged_with_the_object_and_an_unknown_id_with_the_error_line(
    stack: Stack, fake_smsc: FakeSmsc
) -> None:
    created = stack.call(fake_smsc, smsc.TEMPLATES(add=1, name="code", msg="Code: {code}"))
    assert _body(fake_smsc, smsc.TEMPLATES(chg=1, id=created.id, msg="x")) == b'{\n"result": "OK"\n}'
    assert stack.call(fake_smsc, smsc.TEMPLATES(chg=1, id=created.id, msg="y")) == Done(result="OK")
    unknown = smsc.TEMPLATES(chg=1, id=created.id + 1, msg="z")
    assert _body(fake_smsc, unknown) == b"ERROR = 3 (template not found)"
    with pytest.raises(smsc.TemplateNotFound, match=re.escape("templates: error 3")):
        stack.call(fake_smsc, unknown)

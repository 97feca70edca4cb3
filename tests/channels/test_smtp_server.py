"""The SMTP round trip through a real SMTP server on 127.0.0.1 (aiosmtpd), started here."""

from __future__ import annotations

import smtplib
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from smsc_formats.channels import SmtpBody, build_smtp_message, decode_smtp_message


class _Inbox:
    """Keeps every mail the server accepts, as the bytes it received."""

    def __init__(self) -> None:
        self.mails: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.mails.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def smtp_server() -> Iterator[tuple[_Inbox, int]]:
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        yield inbox, controller.port
    finally:
        controller.stop()


@pytest.mark.parametrize(
    "body",
    [
        SmtpBody(login="alex", psw="123", phones="79999999999", mes="сообщение"),
        SmtpBody(login="alex", psw="123", phones="", mes="79999999999:Ваш пароль: 123\n78888888888:Ваш пароль: 456"),
        SmtpBody(login="login", psw="p", id=0, translit="1", format="", sender="", test="", phones="7", mes="a\n"),
    ],
)
def test_a_mail_sent_with_smtplib_arrives_and_decodes_to_the_same_body(
    smtp_server: tuple[_Inbox, int], body: SmtpBody
) -> None:
    inbox, port = smtp_server
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
        client.send_message(build_smtp_message(body))
    [(mail_from, recipients, received)] = inbox.mails
    assert (mail_from, recipients) == ("api@smsc.ru", ["send@send.smsc.ru"])
    assert b'charset="koi8-r"' in received
    assert decode_smtp_message(received) == body

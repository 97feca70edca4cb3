"""Recipe: send over SMPP with smpplib and read SMSC's delivery receipts with smsc_formats.

smpplib does the socket, the PDUs, the bind and ``enquire_link``; smsc_formats reads what SMSC
puts in them: the receipt text, the cost (vendor TLV 0x2000) and the flags (0x2001). smpplib
skips TLVs it does not know (with ``allow_unknown_opt_params=True``; without it, it fails), so
:func:`register_vendor_tlvs` teaches it the two tags first.

Run against SMSC (``pip install 'smsc-formats[smpp]'``)::

    python examples/smpp_receipts.py smpp.smsc.ru 3700 LOGIN SMPP_PASSWORD 79999999999 "Hello"

The tests run this recipe against a small SMPP server on 127.0.0.1 (tests/channels/smpp_server.py).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import smpplib.client
import smpplib.command
import smpplib.consts
import smpplib.exceptions
from smpplib.command import Param

from smsc_formats.channels.smpp import Receipt, SmppFlags, decode_cost, decode_flags, decode_receipt

VENDOR_TLVS = {"smsc_cost": (0x2000, Param(type=str, max=7)), "smsc_flags": (0x2001, Param(type=int, size=2))}
"""SMSC's vendor TLVs of ``deliver_sm`` [DOC]: the cost as ``n.nnnn``, and 16 bits of flags."""


def register_vendor_tlvs() -> None:
    """Teach smpplib's ``deliver_sm`` the two vendor TLVs, so it keeps their values (idempotent)."""
    for name, (tag, param) in VENDOR_TLVS.items():
        smpplib.consts.OPTIONAL_PARAMS[name] = tag
        smpplib.command.DeliverSM.params[name] = param
        if name not in smpplib.command.DeliverSM.params_order:
            smpplib.command.DeliverSM.params_order += (name,)


@dataclass(frozen=True)
class DeliveryReport:
    """One receipt with what the TLVs add; ``cost``/``flags`` are ``None`` when not sent."""

    receipt: Receipt
    message_state: int | None
    cost: Decimal | None
    flags: SmppFlags | None


def read_report(pdu: Any) -> DeliveryReport:
    """What smsc_formats makes of a receipt ``deliver_sm``."""
    cost = getattr(pdu, "smsc_cost", None)
    flags = getattr(pdu, "smsc_flags", None)
    return DeliveryReport(
        receipt=decode_receipt(pdu.short_message),
        message_state=pdu.message_state,
        cost=decode_cost(cost) if cost is not None else None,
        flags=decode_flags(flags) if flags is not None else None,
    )


def connect(host: str, port: int, login: str, password: str, on_report: Callable[[DeliveryReport], None]) -> Any:
    """A transceiver bound with the account login and the SMPP password; receipts go to ``on_report``.

    SMPP 3.4 carries at most 8 characters of password, and smpplib cuts a longer one silently.
    """
    if len(password) > 8:
        raise ValueError("an SMPP password has at most 8 characters")
    register_vendor_tlvs()
    client = smpplib.client.Client(host, port, allow_unknown_opt_params=True)

    def handle(pdu: Any) -> None:
        if pdu.esm_class & 0x04:  # a delivery receipt, not an incoming message
            on_report(read_report(pdu))

    client.set_message_received_handler(handle)
    client.connect()
    try:
        client.bind_transceiver(system_id=login, password=password, system_type="")
    except smpplib.exceptions.PDUError:
        client.disconnect()
        raise
    return client


def submit(client: Any, phone: str, text: str, *, sender: str = "") -> Any:
    """One ``submit_sm`` asking for receipts; UCS2 when the text is not ASCII (as SMSC's PHP library)."""
    ascii_text = text.isascii()
    return client.send_message(
        source_addr_ton=5,
        source_addr_npi=1,
        source_addr=sender,
        dest_addr_ton=1,
        dest_addr_npi=1,
        destination_addr=phone,
        data_coding=0 if ascii_text else 8,
        short_message=text.encode("ascii" if ascii_text else "utf-16-be"),
        registered_delivery=1,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("host", "port", "login", "password", "phone", "text"):
        parser.add_argument(name)
    args = parser.parse_args()
    client = connect(args.host, int(args.port), args.login, args.password, print)
    submit(client, args.phone, args.text)
    client.listen()


if __name__ == "__main__":
    main()

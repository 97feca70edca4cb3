"""A small SMPP server on 127.0.0.1 for the tests, built on smpplib's own PDU classes.

It binds one login, answers each ``submit_sm`` with a message id and, when receipts were asked
for, sends the receipt SMSC would: the receipt text from :func:`encode_receipt` (the HLR form
for ``__HLR__``), ``receipted_message_id``, ``message_state`` and the two vendor TLVs.
"""

from __future__ import annotations

import socketserver
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import smpplib.consts
import smpplib.smpp

from smsc_formats.channels import SmppMessageType
from smsc_formats.channels.smpp import HLR_TEXT, Receipt, SmppFlags, encode_cost, encode_flags, encode_receipt

LOGIN, PASSWORD = "alex", "smpp-pw"  # SMPP passwords are at most 8 characters
COST = Decimal("1.2500")


class _Sequence:
    """The sequence numbers of the PDUs the server starts."""

    def __init__(self) -> None:
        self.sequence = 0

    def next_sequence(self) -> int:
        self.sequence += 1
        return self.sequence


def receipt_for(message_id: str, text: bytes) -> tuple[Receipt, SmppFlags]:
    """The receipt the server sends for a message: HLR for ``__HLR__``, else delivered."""
    if text == HLR_TEXT.encode():
        receipt = Receipt(
            id=message_id, stat="DELIVRD", err=0, imsi="250023012345678", msc="79232510066", mcc="250",
            mnc="02", cn="Russian Federation", net="MegaFON open Joint Stock Company", rcn="", rnet="",
        )  # fmt: skip
        return receipt, SmppFlags(message_type=SmppMessageType.HLR)
    return Receipt(id=message_id, stat="DELIVRD", err=0), SmppFlags(message_type=SmppMessageType.SMS)


class _Session(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        sequence = _Sequence()
        bound = False
        while (raw := self._read()) is not None:
            pdu = smpplib.smpp.parse_pdu(raw, client=sequence, allow_unknown_opt_params=True)
            if pdu.command == "bind_transceiver":
                ok = pdu.system_id == LOGIN.encode() and pdu.password == PASSWORD.encode()
                bound = ok
                status = smpplib.consts.SMPP_ESME_ROK if ok else smpplib.consts.SMPP_ESME_RINVPASWD
                self._answer("bind_transceiver_resp", pdu, sequence, status=status, system_id="SMSC")
            elif pdu.command == "submit_sm" and bound:
                self.server.submitted.append(pdu)  # type: ignore[attr-defined]
                message_id = str(len(self.server.submitted))  # type: ignore[attr-defined]
                self._answer("submit_sm_resp", pdu, sequence, message_id=message_id)
                if pdu.registered_delivery:
                    self._deliver(sequence, message_id, pdu)
            elif pdu.command in ("enquire_link", "unbind"):
                self._answer(f"{pdu.command}_resp", pdu, sequence)
            elif pdu.command == "submit_sm":
                self._answer("submit_sm_resp", pdu, sequence, status=smpplib.consts.SMPP_ESME_RINVBNDSTS)

    def _read(self) -> bytes | None:
        head = self._exact(4)
        if head is None:
            return None
        (length,) = struct.unpack(">L", head)
        body = self._exact(length - 4)
        return None if body is None else head + body

    def _exact(self, size: int) -> bytes | None:
        data = b""
        while len(data) < size:
            chunk = self.request.recv(size - len(data))
            if not chunk:
                return None
            data += chunk
        return data

    def _answer(self, command: str, request: Any, sequence: _Sequence, **fields: Any) -> None:
        answer = smpplib.smpp.make_pdu(command, client=sequence, **fields)
        answer.sequence = request.sequence
        self.request.sendall(answer.generate())

    def _deliver(self, sequence: _Sequence, message_id: str, submitted: Any) -> None:
        receipt, flags = receipt_for(message_id, submitted.short_message)
        deliver = smpplib.smpp.make_pdu(
            "deliver_sm",
            client=sequence,
            source_addr=submitted.destination_addr.decode(),
            destination_addr=submitted.source_addr.decode(),
            esm_class=0x04,
            short_message=encode_receipt(receipt).encode(),
            receipted_message_id=message_id,
            message_state=2,
            smsc_cost=encode_cost(COST),
            smsc_flags=encode_flags(flags),
        )
        self.request.sendall(deliver.generate())


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Session)
        self.submitted: list[Any] = []


@contextmanager
def running_server() -> Iterator[_Server]:
    """The server on a free port of 127.0.0.1, for the length of the block."""
    server = _Server()
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()

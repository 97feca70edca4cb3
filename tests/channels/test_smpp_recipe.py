"""The smpplib recipe (examples/smpp_receipts.py) against an SMPP server on 127.0.0.1 started here."""

from __future__ import annotations

import importlib.util
import sys
import time
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest
import smpplib.consts
import smpplib.exceptions

from smsc_formats.channels import MessageState, SmppMessageType, StatusCode
from smsc_formats.channels.smpp import HLR_TEXT
from tests.paths import EXAMPLES

from .smpp_server import COST, LOGIN, PASSWORD, running_server


def _load_recipe() -> ModuleType:
    path = EXAMPLES / "smpp_receipts.py"
    spec = importlib.util.spec_from_file_location("smpp_receipts", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


recipe = _load_recipe()


@pytest.fixture
def server_port() -> Iterator[int]:
    recipe.register_vendor_tlvs()
    with running_server() as server:
        yield server.server_address[1]


def _wait_for(reports: list[Any], client: Any, count: int) -> None:
    deadline = time.monotonic() + 5
    while len(reports) < count and time.monotonic() < deadline:
        client.read_once()


def test_the_recipe_binds_submits_and_reads_a_delivery_receipt_with_its_vendor_fields(server_port: int) -> None:
    reports: list[Any] = []
    client = recipe.connect("127.0.0.1", server_port, LOGIN, PASSWORD, reports.append)
    try:
        recipe.submit(client, "79999999999", "Привет", sender="SMSC")
        _wait_for(reports, client, 1)  # reads the submit_sm_resp, then the receipt
        [report] = reports
        assert report.receipt.id == "1"
        assert report.receipt.status is StatusCode.DELIVERED
        assert report.message_state == MessageState.DELIVERED
        assert report.cost == COST
        assert report.flags.message_type is SmppMessageType.SMS
    finally:
        client.unbind()
        client.disconnect()


def test_an_hlr_request_comes_back_as_the_documented_hlr_receipt(server_port: int) -> None:
    reports: list[Any] = []
    client = recipe.connect("127.0.0.1", server_port, LOGIN, PASSWORD, reports.append)
    try:
        recipe.submit(client, "79999999999", HLR_TEXT)
        _wait_for(reports, client, 1)
        [report] = reports
        assert (report.receipt.mcc, report.receipt.mnc, report.receipt.cn) == ("250", "02", "Russian Federation")
        assert report.flags.message_type is SmppMessageType.HLR
    finally:
        client.unbind()
        client.disconnect()


def test_a_wrong_password_is_refused_at_bind(server_port: int) -> None:
    with pytest.raises(smpplib.exceptions.PDUError) as caught:
        recipe.connect("127.0.0.1", server_port, LOGIN, "wrong", print)
    assert caught.value.args == ("(14) bind_transceiver_resp: Invalid Password", smpplib.consts.SMPP_ESME_RINVPASWD)

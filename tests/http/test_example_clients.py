"""Each example client runs as its own process against the fake server, over HTTP and HTTPS."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from smsc_formats.testing import FakeSmsc
from tests import paths

EXAMPLES = sorted(paths.EXAMPLES.glob("*_client.py"))


def run(example: Path, server: FakeSmsc, phones: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "SMSC_LOGIN": server.account.login,
        "SMSC_PASSWORD": server.account.password,
        "SMSC_HOSTS": ",".join(server.base_urls),
        "SMSC_CA_FILE": server.ca_file or "",
    }
    if not server.ca_file:
        del env["SMSC_CA_FILE"]
    return subprocess.run(
        [sys.executable, str(example), phones], env=env, capture_output=True, text=True, timeout=30, check=False
    )


def test_there_is_one_example_per_stack() -> None:
    assert [path.stem for path in EXAMPLES] == [
        "aiohttp_client",
        "httpx_async_client",
        "httpx_client",
        "requests_client",
        "urllib_client",
    ]


@pytest.mark.parametrize("example", EXAMPLES, ids=[path.stem for path in EXAMPLES])
def test_example_fails_over_and_prints_the_operators(example: Path, fake_smsc: FakeSmsc) -> None:
    fake_smsc.take_down(0)
    result = run(example, fake_smsc, "79991234567,380501234567")
    assert result.returncode == 0, result.stderr
    replies = json.loads(result.stdout)
    assert [(reply["phone"], reply["operator"]) for reply in replies] == [
        ("79991234567", "МТС"),
        ("380501234567", "Киевстар"),
    ]
    assert [seen.host for seen in fake_smsc.requests] == [1]


@pytest.mark.parametrize("example", EXAMPLES, ids=[path.stem for path in EXAMPLES])
def test_example_over_https(example: Path) -> None:
    with FakeSmsc(tls=True) as server:
        result = run(example, server, "79991234567")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["mcc"] == "250"

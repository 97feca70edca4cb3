"""What several HTTP test modules share, so that no test module imports another.

The client tests' account, hosts, look-up, scripted transport and clock (``test_client``,
``test_safe_sending``, ``test_mutants_plan``, ``test_mutants_clients``),
the request whose body the reading tests feed through a reader (``test_transport_reading``,
``test_hostile_server_findings``), and the fake account with a client of one attempt that the
fake's tests drive (``test_fake_account``, ``test_fake_management``) as the fixtures ``server``
and ``client``, which ``conftest`` gives every module here.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import smsc_formats as smsc
from smsc_formats.testing import FakeSmsc
from smsc_formats.transports import MockTransport

LOGIN = smsc.Credentials.login_password("demo", "pw")
HOSTS = ["http://127.0.0.1:1/sys/", "http://127.0.0.1:2/sys/", "http://127.0.0.1:3/sys/"]
LOOKUP = smsc.GET_OPERATOR(phone="79991234567")
INFO = smsc.OperatorInfo(country="Россия", operator="МТС", region="Москва", mcc="250", mnc="01", tz="3")
GOOD = smsc.encode(smsc.GET_OPERATOR, INFO, fmt=3)


def scripted(*answers: bytes | Exception) -> MockTransport:
    """A transport that gives these answers in turn (an exception is raised), then GOOD."""
    queue: Iterator[bytes | Exception] = iter(answers)

    def handler(request: smsc.HttpRequest) -> smsc.HttpResponse:
        answer = next(queue, GOOD)
        if isinstance(answer, Exception):
            raise answer
        return smsc.HttpResponse(200, (), answer)

    return MockTransport(handler)


class FakeTime:
    """A clock that only moves when the client sleeps."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)


READING_LOGIN = smsc.Credentials.login_password("demo", "S3cret-pass")
"""The reading tests' account: ``S3cret`` must show in no message, log or URL they make."""


def request(*, limit: int = 1000, timeout: float = 5.0, method: str = "POST") -> smsc.HttpRequest:
    """A balance request with this reply cap, deadline and method, for a reader to read against."""
    return smsc.build_request(
        smsc.BALANCE,
        credentials=READING_LOGIN,
        max_reply_bytes=limit,
        timeout=timeout,
        method=method,  # type: ignore[arg-type]
    )


PHONE, OTHER = "79991234567", "79991234568"
"""The fake account's tests' two numbers."""


@pytest.fixture
def server() -> Iterator[FakeSmsc]:
    """A fake SMSC on 127.0.0.1, with its default account."""
    with FakeSmsc() as fake:
        yield fake


@pytest.fixture
def client(server: FakeSmsc) -> Iterator[smsc.Client]:
    """A client of ``server``'s account that tries each request once."""
    with smsc.Client(server.credentials, hosts=server.base_urls, retry=smsc.Retry(attempts=1)) as made:
        yield made

"""The sweep itself can fail: a passing test whose output shows a secret is reported failed."""

from __future__ import annotations

from typing import Literal

import pytest

from tests.credential_sweep import SWEPT, forms, leaked, sweep


def test_every_secret_is_searched_as_is_as_md5_and_url_quoted() -> None:
    assert forms("demo-password") <= SWEPT
    assert "0d107d09f5bbe40cade3de5c71e9e9b7" not in SWEPT  # md5("letmein"): not one of the suite's
    assert leaked("psw=p%40ss+w%C3%B6rd%2F%2B1&login=demo") == ["p%40ss+w%C3%B6rd%2F%2B1"]
    assert leaked("psw=*** login=demo") == []


SECRET = "demo-" + "password"  # spelled apart, so this file's own source is no leak


def report(when: Literal["setup", "call", "teardown"], sections: list[tuple[str, str]]) -> pytest.TestReport:
    return pytest.TestReport("t.py::t", ("t.py", 1, "t"), {}, "passed", None, when, sections)


@pytest.mark.parametrize(
    ("when", "sections", "fails"),
    [
        ("call", [("Captured log call", "DEBUG smsc_formats: psw=" + SECRET)], True),
        ("call", [("Captured stdout call", "apikey " + "demo-api" + "-key")], True),
        ("call", [("Captured stdout call", "psw=***")], False),
        ("teardown", [("Captured log call", "psw=" + SECRET)], False),  # that phase said it
        (
            "call",
            [("Captured log call", "INFO     httpx:_client.py:1 GET http://h/?psw=" + SECRET)],
            False,
        ),
        (
            "call",
            [("Captured log call", "INFO     smsc_formats._client:_client.py:1 psw=" + SECRET)],
            True,
        ),
    ],
)
def test_a_passing_report_that_shows_a_secret_is_failed(
    when: Literal["setup", "call", "teardown"], sections: list[tuple[str, str]], fails: bool
) -> None:
    swept = report(when, sections)
    sweep(swept)
    assert swept.failed is fails
    assert ("a credential shows" in str(swept.longrepr)) is fails

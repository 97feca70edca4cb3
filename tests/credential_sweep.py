"""A sweep over the whole suite: no test's captured output shows a credential.

Every test's captured stdout and stderr, and every record of the package's own loggers (all
levels), are searched for the secrets the suite's accounts use, as they are, as their MD5 (the
password form the API accepts) and as URLs quote them. A test whose output shows one fails,
whatever it asserted itself. The HTTP libraries' own loggers are not the package's: with GET
(never the default) httpx and urllib3 log the URL they were given, credentials included.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Generator
from urllib.parse import quote, quote_plus

import pytest

# The fake server's account and the redaction and request tests' own secrets: distinctive
# enough that finding one anywhere is a leak, not a coincidence.
SECRETS = ("demo-password", "demo-api-key", "p@ss wörd/+1", "key-Ωmega 42", "s3cret&=")


def forms(secret: str) -> set[str]:
    digest = hashlib.md5(secret.encode()).hexdigest()
    return {digest, *(variant for variant in (secret, quote(secret, safe=""), quote_plus(secret), quote(secret)))}


SWEPT = frozenset(form for secret in SECRETS for form in forms(secret))


def leaked(text: str) -> list[str]:
    return sorted(form for form in SWEPT if form in text)


def _ours(name: str, content: str) -> str:
    """Captured output, with log sections cut to the package's own records."""
    if not name.startswith("Captured log"):
        return content
    return "".join(line for line in content.splitlines(keepends=True) if _LOGGER.match(line))


_LOGGER = re.compile(r"\w+ +smsc_formats[.:]")


def sweep(report: pytest.TestReport) -> None:
    """Fail a passing report whose own phase's captured output shows a secret."""
    own = (_ours(name, content) for name, content in report.sections if name.endswith(f" {report.when}"))
    shown = leaked("".join(own))
    if shown and report.passed:
        report.outcome = "failed"
        report.longrepr = f"a credential shows in the captured output of {report.nodeid} ({report.when}): {shown}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, object, None]:
    outcome = yield
    sweep(outcome.get_result())  # type: ignore[attr-defined]

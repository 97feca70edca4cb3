"""Hypothesis profiles: ``dev`` (the default, quick) and ``ci`` (many more examples, no deadline).

Choose one with ``HYPOTHESIS_PROFILE=ci``; .ci/run does.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

from smsc_formats._compiled import use_fast_extra

settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile(
    "ci", max_examples=200, deadline=None, print_blob=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

pytest_plugins = [
    "smsc_formats.testing",  # the fake_smsc fixture
    "tests.credential_sweep",  # no test's output shows a credential
]


@pytest.fixture(params=[True, False], ids=["fast-extra", "json"])
def fast_extra(request: pytest.FixtureRequest) -> Iterator[bool]:
    """fmt=3 decoded with the ``fast`` extra where it is installed (msgspec), then with ``json``."""
    use_fast_extra(request.param)
    yield request.param
    use_fast_extra(True)

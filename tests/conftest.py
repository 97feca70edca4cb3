"""Hypothesis profiles: ``dev`` (the default, quick) and ``ci`` (many more examples, no deadline).

Choose one with ``HYPOTHESIS_PROFILE=ci``; .ci/run does.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile(
    "ci", max_examples=200, deadline=None, print_blob=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

pytest_plugins = [
    "smsc_formats.testing",  # the fake_smsc fixture
    "tests.credential_sweep",  # no test's output shows a credential
]

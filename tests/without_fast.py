"""A pytest plugin (``-p tests.without_fast``): the run sees msgspec as not installed, so fmt=3 is
read as it is without the ``fast`` extra. .ci/run runs the fmt=3 tests so, next to the run with it."""

from __future__ import annotations

import sys

sys.modules["msgspec"] = None  # type: ignore[assignment]  # what an import finds for a package not installed

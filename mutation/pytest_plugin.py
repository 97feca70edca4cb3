"""Loaded (``-p mutation.pytest_plugin``) into every pytest run that mutmut makes for ``.ci/mutation``.

- The Hypothesis profile ``mutation``: 25 examples a test (``MUTATION_EXAMPLES``), derandomized
  (each property test draws the same examples on every run, so a verdict does not change from one
  run to the next by chance), no example database (no run replays another's failures), and no
  shrinking (a mutant is killed by its first failing example; a smaller one only makes a nicer
  report). The test step runs the ``ci`` profile's 200 random examples; here every surviving
  mutant runs every property test that reaches it, so the examples are what a run costs. A mutant
  that only a rare random example would kill deserves a test that names that example.
- Every cache the library keeps is emptied before a mutant's tests run: mutmut forks each
  mutant's process from a server that has already imported and collected the tests, and a value
  computed then (by the unmutated code) would otherwise hide the mutant. These are the
  ``functools`` caches, the XML parsers kept per charset and thread (a ``threading.local``), and
  the ``cached_property`` values of the declarations' records. In the stats run they are emptied
  before every test, so that each test that needs a cached value is recorded as reaching the
  functions that compute it, not only the first one.
- Each mutant's tests in order of their duration in mutmut's stats run, fastest first: mutmut
  runs them with ``-x``, so a mutant that a quick test kills is not first run through a slow one.
"""

from __future__ import annotations

import functools
import gc
import json
import os
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings

settings.register_profile(
    "mutation",
    max_examples=int(os.environ.get("MUTATION_EXAMPLES", "25")),
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate, Phase.target],
    suppress_health_check=[HealthCheck.too_slow],
)


def _forget_module_caches() -> None:
    library = [module for name, module in list(sys.modules.items()) if name.partition(".")[0] == "smsc_formats"]
    for module in library:
        for value in list(vars(module).values()):
            if isinstance(value, threading.local):
                vars(value).clear()
            elif callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


def _cache_holders() -> list[tuple[object, list[str]]]:
    """Every object of the library that has ``cached_property`` values, with their names."""
    cached: dict[type, list[str]] = {}
    holders = []
    for instance in gc.get_objects():
        kind = type(instance)
        if not str(getattr(kind, "__module__", "")).startswith("smsc_formats"):
            continue
        if kind not in cached:
            cached[kind] = [
                name
                for klass in kind.__mro__
                for name, value in vars(klass).items()
                if isinstance(value, functools.cached_property)
            ]
        if cached[kind]:
            holders.append((instance, cached[kind]))
    return holders


def _forget_cached_values(holders: list[tuple[object, list[str]]] | None = None) -> None:
    _forget_module_caches()
    for instance, names in _cache_holders() if holders is None else holders:
        for name in names:
            vars(instance).pop(name, None)


def pytest_sessionstart(session: pytest.Session) -> None:
    _forget_cached_values()


_STATS_RUN_HOLDERS: list[tuple[object, list[str]]] = []


def pytest_collection_finish(session: pytest.Session) -> None:
    _STATS_RUN_HOLDERS.clear()
    if not Path("mutmut-stats.json").exists():  # the stats run
        _STATS_RUN_HOLDERS.extend(_cache_holders())


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """In the stats run, every test starts without the values an earlier test cached, so that each
    test that needs one computes it and is recorded as reaching the functions that compute it
    (a declaration's fields, its layouts): else only the first such test would be, and a mutant
    there would run against that test alone. The holders are those that collection made."""
    if _STATS_RUN_HOLDERS:
        _forget_cached_values(_STATS_RUN_HOLDERS)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    stats = Path("mutmut-stats.json")  # mutmut runs pytest in its mutants/ directory
    if not stats.exists():
        return  # the stats run itself
    durations: dict[str, float] = json.loads(stats.read_text("utf-8")).get("duration_by_test", {})
    items.sort(key=lambda item: durations.get(item.nodeid, 0.0))

"""The limiter and the cache say they are thread-safe: many threads at once keep their counts exact."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator

import pytest

from smsc_formats import RateLimiter, RateLimits, ReplyCache

THREADS = 8
ROUNDS = 3000  # puts and gets per thread, over 50 entries


@pytest.fixture(autouse=True)
def _switch_often() -> Iterator[None]:
    """Threads switch every microsecond, so a count updated without the lock loses updates."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(interval)


def at_once(work: Callable[[int], None]) -> None:
    start = threading.Barrier(THREADS)

    def run(index: int) -> None:
        start.wait()
        work(index)

    threads = [threading.Thread(target=run, args=(index,)) for index in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def test_threads_asking_the_same_request_get_no_more_than_the_identical_limit() -> None:
    """Checking a count and adding to it is one step: repeated on fresh limiters, never a fourth grant."""
    for _ in range(100):
        limiter = RateLimiter(RateLimits(identical=3), clock=lambda: 0.0)
        granted: list[int] = []

        def work(index: int, limiter: RateLimiter = limiter, granted: list[int] = granted) -> None:
            for _ in range(3):
                if limiter.reserve("same request", "get_operator") == 0.0:
                    granted.append(index)

        at_once(work)
        assert len(granted) == 3
        assert limiter.in_flight == 3


def test_a_cache_shared_by_threads_keeps_its_bound_and_every_fresh_reply() -> None:
    cache = ReplyCache(ttl=60.0, max_entries=50, clock=lambda: 0.0)

    wrong: list[object] = []

    def work(index: int) -> None:
        for round_ in range(ROUNDS // 10):
            key = (index, round_)
            cache.put("get_operator", key, f"reply {index} {round_}")
            if cache.get("get_operator", key) not in (f"reply {index} {round_}", None):
                wrong.append(key)

    at_once(work)
    assert wrong == []
    assert len(cache) == 50
    kept = [(index, round_) for index in range(THREADS) for round_ in range(ROUNDS // 10)]
    assert sum(cache.get("get_operator", key) == f"reply {key[0]} {key[1]}" for key in kept) == 50

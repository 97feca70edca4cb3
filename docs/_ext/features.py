"""Library features that some pages describe before every version of the library has them.

A page marks such a section with ``{requires} <feature>``: the Sphinx build shows a note when
the installed library lacks the feature, and ``tests/docs/test_docs.py`` skips the section's examples
then, and runs them as soon as the feature is there. One table serves both.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
from collections.abc import Callable

import smsc_formats


def _has(name: str) -> Callable[[], bool]:
    return lambda: hasattr(smsc_formats, name)


def _module(name: str) -> Callable[[], bool]:
    def check() -> bool:
        try:
            return importlib.util.find_spec(name) is not None
        except ModuleNotFoundError:
            return False

    return check


def _modules(*names: str) -> Callable[[], bool]:
    checks = [_module(name) for name in names]
    return lambda: all(check() for check in checks)


def _cli_option(option: str) -> Callable[[], bool]:
    def check() -> bool:
        from smsc_formats.cli import main

        shown = io.StringIO()
        with contextlib.redirect_stdout(shown), contextlib.suppress(SystemExit):
            main(["decode", "--help"])
        return option in shown.getvalue()

    return check


FEATURES: dict[str, tuple[str, Callable[[], bool]]] = {
    "requests": ("smsc_formats.build_request and smsc_formats.parse_response", _has("build_request")),
    "client": ("smsc_formats.Client and smsc_formats.AsyncClient", _has("Client")),
    "transports": ("the smsc_formats.transports package", _module("smsc_formats.transports")),
    "transport-httpx": (
        "the httpx transport (smsc_formats.transports.httpx, with httpx installed)",
        _modules("smsc_formats.transports.httpx", "httpx"),
    ),
    "transport-requests": (
        "the requests transport (smsc_formats.transports.requests, with requests installed)",
        _modules("smsc_formats.transports.requests", "requests"),
    ),
    "fake-server": ("the fake SMSC server smsc_formats.testing.FakeSmsc", _module("smsc_formats.testing")),
    "logs": ("log decoding in 'smsc-formats decode' (--body-field)", _cli_option("--body-field")),
}
"""Feature name: (what it is, in words; whether the installed library has it)."""


def available(feature: str) -> bool:
    """Whether the installed library has ``feature``; an unknown name is a mistake in a page."""
    try:
        _, check = FEATURES[feature]
    except KeyError:
        raise KeyError(f"unknown feature {feature!r}; known: {', '.join(sorted(FEATURES))}") from None
    return check()


def describe(feature: str) -> str:
    return FEATURES[feature][0]

"""Request parameters as declarations, and the checks a request passes before it is sent.

A value is checked and normalised once, when an operation is bound (``SEND(phones=..., mes=...)``),
so ``cost=1`` and ``cost="1"`` are the same request; it is written in the API's form when the
request is built (the value types are in ``_values``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .._exceptions import RequestError
from .._grammar import is_reserved
from ._values import TEXT, Refused, ValueType


def reserved_error(operation: str, name: str) -> RequestError:
    return RequestError(
        "set by the client (credentials, fmt and charset), not as an option", operation=operation, param=name
    )


@dataclass(frozen=True, slots=True)
class Param:
    """A request parameter of one operation, as the API names it, and the values it takes
    (``login``, ``psw``, ``apikey``, ``fmt`` and ``charset`` go with every call and are set by
    the client, not declared per operation)."""

    name: str
    meaning: str
    required: bool = False
    """The API refuses the call without it, or without one of its ``either`` alternatives."""
    type: ValueType = TEXT
    either: tuple[str, ...] = ()
    """Parameters that may stand instead of this one (``list`` for ``phones``)."""
    pairs_with: str | None = None
    """A parameter whose items pair with this one's, one by one (status.php's ``id`` and ``phone``)."""
    secret: bool = False
    """A password of its own (a sub-client's): never shown in a repr, as the credentials are not."""


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def check_options(
    operation: str, request: tuple[Param, ...], flags: Mapping[str, str], options: Mapping[str, object]
) -> dict[str, object]:
    """``options`` checked against the declared parameters and normalised, or a ``RequestError``
    that names the parameter, the value and what was expected."""
    declared = {param.name: param for param in request}
    checked: dict[str, object] = {}
    for name, value in options.items():
        if is_reserved(name):
            raise reserved_error(operation, name)
        param = declared.get(name)
        if param is None:
            if name in flags:
                raise RequestError(f"fixed by this operation as {name}={flags[name]}", operation=operation, param=name)
            import difflib  # only for a misspelt option

            close = difflib.get_close_matches(name, list(declared), n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else f"; it takes {', '.join(declared) or 'none'}"
            raise RequestError(f"not a parameter of this call{hint}", operation=operation, param=name)
        try:
            checked[name] = param.type.normalise(value)
        except Refused as refused:
            raise RequestError(
                f"expected {refused.expected}", operation=operation, param=name, found=_shown(value)
            ) from None
    return checked


def check_required(operation: str, request: tuple[Param, ...], options: Mapping[str, object]) -> None:
    """Refuse a request that lacks a required parameter (and all its alternatives), or whose
    paired lists differ in length."""
    for param in request:
        if param.required and not any(name in options for name in (param.name, *param.either)):
            alternatives = "".join(f" or {name!r}" for name in param.either)
            raise RequestError(f"required{alternatives}", operation=operation, param=param.name)
        if param.pairs_with is not None and param.name in options and param.pairs_with in options:
            counts = {_count(options[name]) for name in (param.name, param.pairs_with)}
            if len(counts) > 1:
                raise RequestError(
                    f"as many items as {param.pairs_with!r}, which it pairs with one by one",
                    operation=operation,
                    param=param.name,
                    found=_shown(options[param.name]),
                )


def _count(value: object) -> int:
    if isinstance(value, tuple):
        return len(value)
    if isinstance(value, str):
        return len(value.removesuffix(",").split(","))
    return 1

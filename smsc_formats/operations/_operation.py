"""An operation: one call of the API as a declaration, and the request options that shape its reply."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from .._exceptions import ApiError
from ._evidence import Evidence, Param
from ._schema import Record

M = TypeVar("M")

_SECRETS = frozenset({"psw", "apikey"})


@dataclass(frozen=True, slots=True)
class Variant:
    """A reply record that replaces the operation's own when request options match.

    ``when`` maps an option to the values that select this record; ``default`` is the value an
    absent option has (the API's default, usually ``"0"``). ``several``: match only a request
    that asks (``True``) or does not ask (``False``) for several records. ``idempotent``
    overrides the operation's when these options change what the call does (send.php's
    ``cost=1`` only asks a price; status.php's ``del=1`` deletes).
    """

    when: Mapping[str, tuple[str, ...]]
    record: Record[Any]
    default: str = "0"
    several: bool | None = None
    idempotent: bool | None = None


@dataclass(frozen=True, slots=True, eq=False)
class Operation(Generic[M]):
    """One call of the API: where it goes, what its reply holds, what its error codes mean.

    An operation value also carries the request options that shape the reply (``params``), so
    the same object builds the request and decodes the reply: ``GET_OPERATOR(phone="79…,79…")``
    expects one record per phone.
    """

    name: str
    description: str
    path: str
    flags: Mapping[str, str]
    record: Record[M]
    errors: Mapping[int, type[ApiError]]
    list_param: str | None = None
    """A request parameter that, holding a comma-separated list, asks for one record per item."""
    params: Mapping[str, str] = field(default_factory=dict)
    variants: tuple[Variant, ...] = ()
    """Other reply records, chosen by the request's options (``cost=1`` on send.php)."""
    lists: bool = False
    """The reply is a list of records whatever their number (one record is a list of one)."""
    no_records_codes: frozenset[int] = frozenset()
    """Error codes that mean "no records found": ``decode`` gives an empty :class:`NoRecords`
    list that keeps the error reply, and encoding that list writes the error back."""
    request: tuple[Param, ...] = ()
    """The request parameters the API documents for this call (those of every call aside)."""
    evidence: tuple[Evidence, ...] = ()
    """How each part of the reply is known: documented, captured or inferred."""
    idempotent: bool = False
    """Whether sending the request twice does no more than sending it once (a look-up). A call
    that is not is never repeated once it may have reached a server."""
    message_id_param: str | None = None
    """The option that names the message this call creates (send.php's ``id``): a client fills
    it in when the caller did not, so that an unknown outcome can be settled by its id."""

    def __call__(self, **params: str) -> Operation[M]:
        """This operation with request options set, as the API names them."""
        return self.bind(params)

    def bind(self, params: Mapping[str, str]) -> Operation[M]:
        return dataclasses.replace(self, params={**self.params, **params})

    @property
    def variant(self) -> Variant | None:
        """The first variant whose options all match this request, if any."""
        for variant in self.variants:
            if variant.several not in (None, self.asks_for_several):
                continue
            if all(self.params.get(key, variant.default) in values for key, values in variant.when.items()):
                return variant
        return None

    @property
    def reply_record(self) -> Record[Any]:
        """The record this request's reply holds: its variant's, or the operation's own."""
        variant = self.variant
        return self.record if variant is None else variant.record

    @property
    def is_idempotent(self) -> bool:
        """Whether this request, with its options, may be sent again after a failure."""
        variant = self.variant
        return self.idempotent if variant is None or variant.idempotent is None else variant.idempotent

    @property
    def asks_for_several(self) -> bool:
        """Whether the request names several items (a comma in ``list_param``)."""
        return self.list_param is not None and "," in self.params.get(self.list_param, "")

    @property
    def expects_list(self) -> bool:
        """Whether the reply is a list whatever the bytes look like: the request asks for several
        records, or this reply is always a list (``lists``, or ``Record(listed=True)``)."""
        return self.lists or self.asks_for_several or self.reply_record.listed

    def error_class(self, code: int) -> type[ApiError]:
        return self.errors.get(code, ApiError)

    def __repr__(self) -> str:
        options = "".join(f", {key}={'***' if key in _SECRETS else repr(value)}" for key, value in self.params.items())
        return f"Operation({self.name!r}{options})"

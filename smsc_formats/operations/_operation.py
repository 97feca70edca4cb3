"""An operation: one call of the API as a declaration, and the request options that shape its reply."""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, Literal, TypeVar

from .._exceptions import ApiError, RequestError
from .._grammar import is_reserved, is_secret
from ..formats import Layout
from ._evidence import Evidence
from ._files import UNSAFE_NAME, FileRule, FilesArgument, Upload
from ._params import Param, check_options, check_required, reserved_error
from ._schema import Record
from ._values import Flag, Integer

M = TypeVar("M")


@dataclass(frozen=True, slots=True)
class Cardinality:
    """How many records a reply holds, and what decides it: the one answer to "is it a list".

    ``Cardinality.ONE``: one record. ``Cardinality.MANY``: a list whatever the number of records
    (one record is a list of one, none an empty list). ``Cardinality.per_item("id")``: one
    record, unless the request names several items in that parameter (a comma-separated
    string, a trailing comma included, or a sequence): then one record per item, as a list.
    """

    kind: Literal["one", "many", "per_item"]
    param: str | None = None
    """The request parameter whose items each get a record (``per_item`` only)."""

    ONE: ClassVar[Cardinality]
    MANY: ClassVar[Cardinality]

    def __post_init__(self) -> None:
        if (self.kind == "per_item") != (self.param is not None):
            raise ValueError(f"a per_item cardinality names its parameter, and only it: {self!r}")

    @classmethod
    def per_item(cls, param: str) -> Cardinality:
        return cls("per_item", param)

    def asks_for_several(self, params: Mapping[str, object]) -> bool:
        """Whether the request names several items: a comma in the parameter's text (as the API
        reads it), or a sequence of values."""
        if self.param is None:
            return False
        value = params.get(self.param)
        if isinstance(value, str):
            return "," in value
        return isinstance(value, Sequence)

    def is_list(self, params: Mapping[str, object]) -> bool:
        """Whether the reply to a request with these options is a list, whatever its bytes look like."""
        return self.kind == "many" or self.asks_for_several(params)


Cardinality.ONE = Cardinality("one")
Cardinality.MANY = Cardinality("many")


@dataclass(frozen=True, slots=True)
class Variant:
    """A reply record that replaces the operation's own when request options match.

    ``when`` maps an option to the values that select this record; ``default`` is the value an
    absent option has (the API's default, usually ``"0"``). ``cardinality`` overrides the
    operation's where these options change how many records come back (templates.php lists
    with ``get=1`` and acknowledges one change with ``chg=1``). ``idempotent`` overrides the
    operation's when these options change what the call does (send.php's ``cost=1`` only asks
    a price; status.php's ``del=1`` deletes).
    """

    when: Mapping[str, tuple[str, ...]]
    record: Record[Any]
    default: str = "0"
    cardinality: Cardinality | None = None
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
    cardinality: Cardinality = Cardinality.ONE
    """How many records the reply holds: one, a list always, or one per item of a parameter."""
    params: Mapping[str, object] = field(default_factory=dict)
    """The request's options, normalised: ``int``, ``bool``, ``Decimal``, ``datetime``, a tuple
    of items, or text (an unchecked option stays the string given)."""
    variants: tuple[Variant, ...] = ()
    """Other reply records, chosen by the request's options (``cost=1`` on send.php)."""
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
    takes_files: FileRule | None = None
    """The files the call takes in a multipart body, and their limits; ``None``: it takes none."""
    files: tuple[tuple[str, Upload], ...] = ()
    """The files this request sends, by field name, checked (:meth:`with_files`)."""
    json_path: str | None = None
    """Where the call's JSON form is, beside the base URL's ``sys/`` (send.php's ``rest/send/``):
    the same parameters as one JSON object in a POST body, answered in JSON; ``None``: it has none."""
    form: Mapping[str, str] = field(init=False, repr=False, compare=False)
    """The options as the request writes them, in the API's form (``True`` is ``1``)."""
    variant: Variant | None = field(init=False, repr=False, compare=False)
    """The first variant whose options all match this request, if any: found once, when the
    operation is bound, as every decode and encode asks for it."""
    expects_list: bool = field(init=False, repr=False, compare=False)
    """Whether the reply to this request is a list whatever its bytes look like."""

    def __post_init__(self) -> None:
        declared = {param.name: param for param in self.request}
        shaping = {key for variant in self.variants for key in variant.when}
        if self.cardinality.param is not None:
            shaping.add(self.cardinality.param)
        undeclared = sorted(shaping - declared.keys())
        if undeclared:
            raise ValueError(f"{self.name}: {', '.join(undeclared)} shape the reply but are not in its request")
        form = {
            name: value if isinstance(value, str) else declared[name].type.write(value)
            for name, value in self.params.items()
        }
        object.__setattr__(self, "form", form)
        object.__setattr__(self, "variant", self._matching_variant())
        object.__setattr__(self, "expects_list", self.reply_cardinality.is_list(self.params))

    def __call__(self, **options: object) -> Operation[M]:
        """This operation with request options set, as the API names them, each checked against
        its declaration and normalised (``cost=1`` and ``cost="1"`` are the same request).

        Raises :class:`~smsc_formats.RequestError` for a name the call does not take, a reserved
        one, or a value of the wrong type or range. Required parameters are checked when the
        request is built (:func:`~smsc_formats.build_request`), so that options may be set in steps.
        """
        return self.bind(options)

    def bind(self, options: Mapping[str, object]) -> Operation[M]:
        """As calling the operation, for names that are no Python identifiers (``fl[1]``)."""
        checked = check_options(self.name, self.request, self.flags, options)
        return dataclasses.replace(self, params={**self.params, **checked})

    def with_unchecked(self, options: Mapping[str, str]) -> Operation[M]:
        """This operation with options taken as they are, in the API's own spelling: the one way
        to send a parameter the declaration does not know, and how a request read from a log or
        received by a server is bound. Only the names the client sets are refused."""
        for name, value in options.items():
            if not isinstance(value, str):
                raise RequestError("an unchecked option is a string, as sent", operation=self.name, param=name)
            if is_reserved(name):
                raise reserved_error(self.name, name)
        return dataclasses.replace(self, params={**self.params, **options})

    def with_files(self, files: FilesArgument) -> Operation[M]:
        """This request with ``files`` (``{"file0": (filename, content, content_type)}``) to send in a
        multipart body, each checked against the call's :class:`FileRule`: a call that takes no
        files, a file too large, a name or type that could break the part's headers, are a
        :class:`~smsc_formats.RequestError` naming the file and the limit."""
        rule = self.takes_files
        if rule is None:
            raise RequestError("this call takes no files", operation=self.name, param="files")
        return dataclasses.replace(self, files=rule.check(self.name, files))

    def check_request(self) -> None:
        """Refuse this request if it cannot be sent: a required parameter is missing, or an option
        names a field the client sets (an operation made with ``dataclasses.replace`` skips the
        checks of binding). ``build_request`` calls it."""
        reserved = sorted(name for name in self.params if is_reserved(name))
        if reserved:
            raise reserved_error(self.name, reserved[0])
        check_required(self.name, self.request, self.params)
        rule = self.takes_files
        if self.files and rule is not None and not rule.allows(self.form):
            raise RequestError(f"files go only with {rule.options}", operation=self.name, param="files")
        unsafe = [name for name in self.form if UNSAFE_NAME.search(name)] if self.files else []
        if unsafe:  # an unchecked option's name goes in a part's header, between quotes
            raise RequestError(
                "a name with no control character, quote, backslash or slash, in a multipart body",
                operation=self.name,
                param=unsafe[0],
            )

    @property
    def numbers(self) -> frozenset[str]:
        """The options whose values are whole numbers (an integer or a flag, as bound; an unchecked
        option is the text given): what a JSON body writes as numbers."""
        declared = {param.name: param.type for param in self.request}
        return frozenset(
            name
            for name, value in self.params.items()
            if not isinstance(value, str) and isinstance(declared.get(name), (Integer, Flag))
        )

    def _matching_variant(self) -> Variant | None:
        for variant in self.variants:
            if all(self.form.get(key, variant.default) in values for key, values in variant.when.items()):
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
    def reply_cardinality(self) -> Cardinality:
        """How many records this request's reply holds: its variant's cardinality, or the operation's."""
        variant = self.variant
        return self.cardinality if variant is None or variant.cardinality is None else variant.cardinality

    @property
    def reply_layout(self) -> Layout:
        """What the format modules need to read and write this request's reply: the record's
        layout, or its list layout when the reply is a list."""
        record = self.reply_record
        return record.list_layout if self.expects_list else record.layout

    @property
    def asks_for_several(self) -> bool:
        """Whether the request names several items (``Cardinality.asks_for_several``)."""
        return self.reply_cardinality.asks_for_several(self.params)

    @property
    def list_param(self) -> str | None:
        """The parameter whose items each get a record (``cardinality.param``), kept for old callers."""
        return self.cardinality.param

    @property
    def lists(self) -> bool:
        """Whether the reply is always a list (``cardinality`` is ``MANY``), kept for old callers."""
        return self.cardinality.kind == "many"

    def error_class(self, code: int) -> type[ApiError]:
        return self.errors.get(code, ApiError)

    def __repr__(self) -> str:
        hidden = {param.name for param in self.request if param.secret}
        options = "".join(
            f", {key}={'***' if is_secret(key) or key in hidden else repr(value)}" for key, value in self.params.items()
        )
        files = f", files={[name for name, _ in self.files]!r}" if self.files else ""
        return f"Operation({self.name!r}{options}{files})"


_declare = Operation.__init__


def _declare_with_old_keywords(self: Operation[Any], *args: Any, **kwargs: Any) -> None:
    """``Operation(list_param="id")`` and ``Operation(lists=True)``, as declared before ``cardinality``
    said both, still work and say what to write instead."""
    old = {key: kwargs.pop(key) for key in ("list_param", "lists") if key in kwargs}
    if old:
        if "cardinality" in kwargs or len(old) > 1:
            raise TypeError("Operation() takes cardinality=, or one of the older list_param= and lists=")
        ((key, value),) = old.items()
        if key == "list_param" and value is not None:
            kwargs["cardinality"], instead = Cardinality.per_item(value), f"Cardinality.per_item({value!r})"
        else:
            kwargs["cardinality"] = Cardinality.MANY if key == "lists" and value else Cardinality.ONE
            instead = f"Cardinality.{kwargs['cardinality'].kind.upper()}"
        warnings.warn(f"Operation({key}=...) is deprecated: write cardinality={instead}", DeprecationWarning, 2)
    _declare(self, *args, **kwargs)


Operation.__init__ = _declare_with_old_keywords  # type: ignore[method-assign]

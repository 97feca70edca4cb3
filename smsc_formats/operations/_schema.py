"""The schema layer: an operation declares its record once, and every format reads that.

A record is a frozen dataclass whose annotations are the declaration: the type picks the
value kind, ``Annotated[..., Wire(...)]`` adds what a format needs to know (another name in
fmt=0, free text, a column found by its pattern), a default makes the field optional, and the
class order is the column order of fmt=1 (unless the record lists its fmt=1 layouts), and a
``tuple[Item, ...]`` field holds nested records (fmt=3 only). An ``extra`` field keeps the keys
the declaration does not know.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import re
import sys
import types
import typing
from collections import ChainMap
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from .._fault import Fault
from .._fmt import Fmt
from ..formats import DEFAULT_LIMITS, CsvLayout, DecodeLimits, Layout, RawRecord, capabilities, server_default
from ._kinds import KINDS, Kind, enum_kind

if TYPE_CHECKING:
    from ..formats import LineTemplate

M = TypeVar("M")

Extra = tuple[tuple[str, Any], ...]
"""Keys the operation does not declare, with their wire values, in wire order."""


@dataclass(frozen=True, slots=True)
class Wire:
    """What a format needs to know of a field beyond its name and type."""

    name: str | None = None
    """The API's name where it differs from the attribute (fmt=1/2/3 and the CLI)."""
    text_name: str | None = None
    """The fmt=0 name where it differs from the API's name (``check_time`` for ``last_date``)."""
    free_text: bool = False
    """Human text that may contain ", " (an operator's name, a message)."""
    csv_found_by: re.Pattern[str] | None = None
    """In fmt=1 this optional column may be absent, or stand first or last, told by this pattern."""
    xml_text: bool = False
    """In fmt=2 the value is the record element's own text (``<result>OK</result>``)."""


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of a record as every format reads it: its names, kind, type and ``Wire`` notes."""

    attr: str
    name: str
    text_name: str
    kind: Kind
    base: Any
    """The annotation without ``None``: ``str``, ``int``, ``Decimal``, ``datetime`` or an IntEnum."""
    required: bool
    text_valued: bool
    wire: Wire
    nested: Record[Any] | None = None
    """The item record of a ``tuple[Item, ...]`` field."""

    def wire_name(self, fmt: Fmt) -> str:
        return self.text_name if capabilities(fmt).own_names else self.name


def _hints(model: type) -> dict[str, Any]:
    """The annotations of ``model``, read where its classes were written: a public model names the
    package that exports it (``smsc_formats``) as its module, which lacks the names they use."""
    written_in = ChainMap(
        *(
            vars(sys.modules[init.__module__])
            for cls in model.__mro__
            if getattr(init := cls.__dict__.get("__init__"), "__module__", None) in sys.modules
        )
    )
    return typing.get_type_hints(model, localns=written_in, include_extras=True)


def _field_specs(model: type) -> tuple[FieldSpec, ...]:
    hints = _hints(model)
    specs = []
    for item in dataclasses.fields(model):
        if item.name == "extra":
            continue
        hint, wire = hints[item.name], Wire()
        if typing.get_origin(hint) is typing.Annotated:
            hint, *notes = typing.get_args(hint)
            wire = next((note for note in notes if isinstance(note, Wire)), wire)
        base = _without_none(hint)
        nested = Record(typing.get_args(base)[0], xml_tag=item.name) if typing.get_origin(base) is tuple else None
        if nested is not None:
            kind = _nested_kind(nested)
        elif isinstance(base, type) and issubclass(base, enum.IntEnum):
            kind = enum_kind(base)
        else:
            kind = KINDS[base]
        name = wire.name or item.name
        required = item.default is dataclasses.MISSING and item.default_factory is dataclasses.MISSING
        specs.append(
            FieldSpec(item.name, name, wire.text_name or name, kind, base, required, base is str, wire, nested)
        )
    return tuple(specs)


def _nested_kind(record: Record[Any]) -> Kind:
    """An array of objects in fmt=3; no other format has a known layout for nested records."""

    def read(value: object) -> tuple[Any, ...]:
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise ValueError
        return tuple(record.from_raw(item, Fmt.JSON, strict=False, line=None) for item in value)

    def write_text(value: object) -> str:
        raise Fault("fmt=3: nested records have no known layout in the other formats")

    def write_json(value: tuple[Any, ...]) -> object:
        return [record.to_raw(item, Fmt.JSON) for item in value]

    return Kind("an array of objects", read, write_text, write_json)


def _without_none(hint: Any) -> Any:
    """The type a field holds: ``X | None`` is ``X``; ``Code | int`` (codes kept when unknown) is ``Code``."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        codes = [arg for arg in args if isinstance(arg, type) and issubclass(arg, enum.IntEnum)]
        if len(args) == 1 or (len(args) == 2 and int in args and len(codes) == 1):
            return codes[0] if codes else args[0]
    return hint


def _listed_layouts(specs: tuple[FieldSpec, ...], columns: tuple[tuple[str, ...], ...]) -> tuple[CsvLayout, ...]:
    """Layouts the record lists by API name; the sole free-text field is the free column.

    A column written ``name=VALUE`` pins the layout: it applies only where that column holds
    exactly VALUE (``sender_id=HLR``)."""
    known = {spec.name for spec in specs}
    free = [spec.name for spec in specs if spec.wire.free_text]
    layouts = []
    for entry in columns:
        split = [column.partition("=") for column in entry]
        names = tuple(name for name, _, _ in split)
        if not known.issuperset(names):
            raise ValueError(f"fmt=1 columns {sorted(set(names) - known)} are not fields")
        pins = tuple((index, re.compile(re.escape(value))) for index, (_, pinned, value) in enumerate(split) if pinned)
        layouts.append(CsvLayout(names, names.index(free[0]) if len(free) == 1 and free[0] in names else None, pins))
    return tuple(layouts)


def _csv_layouts(specs: tuple[FieldSpec, ...]) -> tuple[CsvLayout, ...]:
    """The declared order; then with the pattern-found columns last; then without them."""
    free = [spec.name for spec in specs if spec.wire.free_text]
    found = [spec for spec in specs if spec.wire.csv_found_by is not None]

    def layout(columns: list[FieldSpec]) -> CsvLayout:
        names = tuple(spec.name for spec in columns)
        checks = tuple(
            (index, spec.wire.csv_found_by) for index, spec in enumerate(columns) if spec.wire.csv_found_by is not None
        )
        return CsvLayout(names, names.index(free[0]) if len(free) == 1 else None, checks)

    rest = [spec for spec in specs if spec not in found]
    layouts = [layout(list(specs)), layout(rest + found), layout(rest)] if found else [layout(list(specs))]
    return tuple(dict.fromkeys(layouts))


def _line_template(source: str, accepts: tuple[str, ...]) -> LineTemplate:
    """The fmt=0 sentence; its module is imported only for a record that has one."""
    from ..formats import LineTemplate

    return LineTemplate(source, accepts)


class Record(Generic[M]):
    """A model class read as a declaration, with what each format needs computed once, on first use."""

    def __init__(
        self,
        model: type[M],
        *,
        xml_tag: str,
        xml_list: str = "list",
        text_template: str | None = None,
        text_accepts: tuple[str, ...] = (),
        csv_columns: tuple[tuple[str, ...], ...] | None = None,
        csv_lists: bool = True,
        json_list_key: str | None = None,
        csv_separator: str = ",",
        csv_header: bool = False,
        fixed_fmt: Fmt | None = None,
        sentence_in: frozenset[Fmt] = frozenset(),
        limits: DecodeLimits = DEFAULT_LIMITS,
        timeout: float = 0.0,
    ) -> None:
        """``text_template``: the fmt=0 line as a fixed sentence (see ``formats._template``), and
        ``text_accepts`` other spellings read but never written. ``csv_columns``: the fmt=1 lines
        the server may send, by API name (``name=VALUE`` pins a column), tried in this order
        (``()``: none is known). ``csv_lists=False``: fmt=1 cannot carry a list of these records
        unambiguously (a free-text column with columns after it), so a list reply is refused there.

        ``json_list_key``: fmt=3 wraps a list in an object under this key. ``csv_separator`` and
        ``csv_header``: the fmt=1 line syntax of a file export. ``fixed_fmt``: a file that comes
        in this syntax whatever ``fmt`` the request asked for. ``sentence_in``: formats in which
        the server answers with the fmt=0 sentence itself (a bare ``OK`` under fmt=3), so that is
        what is written there; the format's own form is still read. ``limits``: what a reply of
        these records may hold, where the defaults would refuse a real one (a large export), and
        ``timeout`` the seconds a call for them is given at least (the client's own if longer).
        """
        self.model = model
        self.fixed_fmt = fixed_fmt
        self.sentence_in = sentence_in
        self.limits = limits
        self.timeout = timeout
        self.csv_lists = csv_lists
        self._declared: dict[str, Any] = {
            "xml_record": xml_tag,
            "xml_list": xml_list,
            "text_template": text_template,
            "text_accepts": text_accepts,
            "csv_columns": csv_columns,
            "json_list_key": json_list_key,
            "csv_separator": csv_separator,
            "csv_header": csv_header,
        }

    def written_in(self, fmt: Fmt) -> Fmt:
        """The syntax the server writes this record in when ``fmt`` was asked for."""
        if self.fixed_fmt is not None:
            return self.fixed_fmt
        return server_default().fmt if fmt in self.sentence_in else fmt

    # What follows is built on first use rather than when the record is declared: a program
    # uses few of the records the package declares. A test builds it for every shipped record,
    # so that a bad declaration still fails the tests.

    @functools.cached_property
    def fields(self) -> tuple[FieldSpec, ...]:
        return _field_specs(self.model)

    @functools.cached_property
    def layout(self) -> Layout:
        declared, fields = self._declared, self.fields
        columns, template = declared["csv_columns"], declared["text_template"]
        xml_text = [spec.name for spec in fields if spec.wire.xml_text]
        return Layout(
            text_keys=frozenset(spec.text_name for spec in fields),
            text_free=frozenset(spec.text_name for spec in fields if spec.wire.free_text),
            csv_layouts=_csv_layouts(fields) if columns is None else _listed_layouts(fields, columns),
            xml_record=declared["xml_record"],
            xml_list=declared["xml_list"],
            text_template=_line_template(template, declared["text_accepts"]) if template is not None else None,
            xml_text=xml_text[0] if xml_text else None,
            json_list_key=declared["json_list_key"],
            csv_separator=declared["csv_separator"],
            csv_header=declared["csv_header"],
        )

    @functools.cached_property
    def list_layout(self) -> Layout:
        """The layout of a reply that is a list of these records."""
        return self.layout if self.csv_lists else dataclasses.replace(self.layout, csv_layouts=())

    @functools.cached_property
    def _has_extra(self) -> bool:
        return any(item.name == "extra" for item in dataclasses.fields(self.model))  # type: ignore[arg-type]

    @functools.cached_property
    def _known(self) -> dict[Fmt, frozenset[str]]:
        return {fmt: frozenset(spec.wire_name(fmt) for spec in self.fields) for fmt in Fmt}

    @functools.cached_property
    def _reading(self) -> dict[Fmt, tuple[tuple[str, str, bool, bool, FieldSpec], ...]]:
        """The hot path: per fmt, what reading each field needs, looked up once. An empty value
        is an absent one where the field is not text, and where the format writes every field
        (fmt=1's columns) for an optional one."""
        return {
            fmt: tuple(
                (
                    spec.wire_name(fmt),
                    spec.attr,
                    spec.text_valued,
                    not spec.text_valued or (capabilities(fmt).empty_is_absent and not spec.required),
                    spec,
                )
                for spec in self.fields
            )
            for fmt in Fmt
        }

    @functools.cached_property
    def _writing(self) -> dict[Fmt, tuple[bool, tuple[tuple[str, str, Callable[[Any], object], bool], ...]]]:
        """Per fmt: whether it carries typed values, and each field's attribute, name and writer,
        and whether an empty value would read back as an absent one (an optional fmt=1 column)."""
        tables = {}
        for fmt in Fmt:
            caps = capabilities(fmt)
            writers = tuple(
                (
                    spec.attr,
                    spec.wire_name(fmt),
                    spec.kind.write_json if caps.typed_values else spec.kind.write_text,
                    caps.empty_is_absent and not spec.required,
                )
                for spec in self.fields
            )
            tables[fmt] = (caps.typed_values, writers)
        return tables

    def from_raw(self, raw: RawRecord, fmt: Fmt, *, strict: bool, line: int | None) -> M:
        """The model for one raw record; a missing, ill-typed or (if strict) unknown key is a Fault."""
        values: dict[str, Any] = {}
        for name, attr, text_valued, empty_is_absent, spec in self._reading[fmt]:
            value = raw.get(name)
            if text_valued and value and type(value) is str:  # text read as text: nothing to convert
                values[attr] = value
                continue
            if value is None or (value == "" and empty_is_absent):
                if spec.required:
                    raise Fault(f"{name!r} ({spec.kind.expected})", line=line, field=name)
                continue
            try:
                values[attr] = spec.kind.read(value)
            except ValueError:
                raise Fault(f"{spec.kind.expected} in {name!r}, found {value!r}", line=line, field=name) from None
        if len(raw) > len(values):
            extra = tuple((key, value) for key, value in raw.items() if key not in self._known[fmt])
            if extra and (strict or not self._has_extra):
                raise Fault(f"only the fields of {self.model.__name__}, found {extra[0][0]!r}", line=line)
            if extra:
                values["extra"] = extra
        return self.model(**values)

    def to_raw(self, model: M, fmt: Fmt) -> RawRecord:
        """The raw record the server would send for ``model`` in ``fmt``; an extra key that ``fmt``
        names a declared field, set or not, is refused: it would read back as that field."""
        raw: RawRecord = {}
        typed, writers = self._writing[fmt]
        for attr, name, write, empty_is_absent in writers:
            value = getattr(model, attr)
            if value is not None:
                try:
                    raw[name] = write(value)
                except Fault as fault:
                    fault.field = fault.field or name
                    raise
                if empty_is_absent and raw[name] == "":
                    raise Fault(f"a value, as fmt={int(fmt)} reads an empty one as absent (None)", field=name)
        for key, value in getattr(model, "extra", ()):
            if key in self._known[fmt]:
                raise Fault(f"an extra key that fmt={int(fmt)} does not read as a declared field", field=key)
            if key in raw:
                raise Fault("each extra key once", field=key)
            if not typed and not isinstance(value, str):
                raise Fault(f"text, which fmt={int(fmt)} carries, found {type(value).__name__}", field=key)
            raw[key] = value
        return raw

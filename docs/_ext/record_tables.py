"""The reply's records as tables: every field with its names, type, presence and notes.

Part of the operation pages (``operation_pages.py``); read from a ``Record`` of the schema layer.
"""

from __future__ import annotations

import ast
import dataclasses
import enum
import inspect
import itertools
import textwrap
from collections.abc import Iterator, Mapping
from typing import Any


def cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _first_line(text: str | None) -> str:
    return (text or "").strip().split("\n\n")[0]


def attribute_docs(model: type) -> dict[str, str]:
    """The string literal under each annotated attribute of ``model``'s class body."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(model)))
    except (OSError, TypeError):
        return {}
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    docs: dict[str, str] = {}
    for statement, following in itertools.pairwise(body):
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[statement.target.id] = inspect.cleandoc(following.value.value)
    return docs


def _type_name(spec: Any) -> str:
    nested = getattr(spec, "nested", None)
    if nested is not None:
        return f"array of `{nested.model.__name__}` (below)"
    base = spec.base
    name = getattr(base, "__name__", str(base))
    return f"`{name}`" if not (isinstance(base, type) and issubclass(base, enum.IntEnum)) else f"`{name}` (codes below)"


def _notes(spec: Any, docs: Mapping[str, str]) -> str:
    notes = []
    if spec.wire.csv_found_by is not None:
        notes.append(f"fmt=1: optional column, found first or last by the pattern `{spec.wire.csv_found_by.pattern}`.")
    if spec.wire.xml_text:
        notes.append("fmt=2: the record element's own text.")
    if spec.attr in docs:
        notes.append(docs[spec.attr])
    return cell(" ".join(notes))


def field_table(record: Any, *, text_names: bool = True) -> Iterator[str]:
    """The table of ``record``'s fields; ``text_names``: with the fmt=0 names (a reply's record)."""
    docs = attribute_docs(record.model)
    text_header = " fmt=0 name |" if text_names else ""
    yield f"| Attribute | API name |{text_header} Type | Presence | Free text | Notes |"
    yield "|---|---|" + ("---|" if text_names else "") + "---|---|---|---|"
    for spec in record.fields:
        presence = "required" if spec.required else "optional (`None` when absent)"
        free = "yes" if spec.wire.free_text else ""
        text_name = spec.text_name if spec.text_name == spec.name else f"**{spec.text_name}**"
        text_cell = f" `{text_name}` |" if text_names else ""
        yield (
            f"| `{spec.attr}` | `{spec.name}` |{text_cell} {_type_name(spec)} | {presence} | {free} "
            f"| {_notes(spec, docs)} |"
        )


def record_section(record: Any, title: str, seen: set[type], *, nested: bool = False) -> Iterator[str]:
    model = record.model
    layout = record.layout
    seen.add(model)
    yield f"### {title}: `{model.__name__}`\n"
    yield cell(_first_line(inspect.getdoc(model))) + "\n"
    yield from field_table(record)
    yield ""
    keeps_extra = any(item.name == "extra" for item in dataclasses.fields(model))
    yield (
        "Keys the declaration does not know are kept in `extra`, in wire order (refused with `strict=True`)."
        if keeps_extra
        else "Keys the declaration does not know are refused."
    )
    yield ""
    if getattr(record, "listed", False):
        yield "The reply is a list even when it holds a single record.\n"
    if nested:
        yield "Carried in fmt=3 only, as an array of objects keyed by API name.\n"
    else:
        yield from _carriage(layout)
    yield from enum_tables(record)
    for spec in record.fields:
        inner = getattr(spec, "nested", None)
        if inner is not None and inner.model not in seen:
            yield from record_section(inner, f"Items of `{spec.name}`", seen, nested=True)


def _carriage(layout: Any) -> Iterator[str]:
    yield "How each format carries the record:\n"
    if layout.text_template is not None:
        yield f"- fmt=0: a fixed sentence, `{layout.text_template.source}`."
    else:
        free = ", ".join(f"`{name}`" for name in sorted(layout.text_free)) or "none"
        yield f"- fmt=0: `key = value` pairs joined by `, `, read by key; values that may hold `, `: {free}."
    for number, columns in enumerate(layout.csv_layouts, start=1):
        order = ",".join(columns.columns) or "(no columns)"
        free_column = f"; `{columns.columns[columns.free]}` may hold commas" if columns.free is not None else ""
        yield f"- fmt=1 column order {number}: `{order}`{free_column}."
    if not layout.csv_layouts:
        yield "- fmt=1: no column order is known; ask for fmt=3."
    text = f"; `{layout.xml_text}` is its text" if layout.xml_text else ""
    yield f"- fmt=2: element `<{layout.xml_record}>`{text}; several records inside `<{layout.xml_list}>`."
    yield "- fmt=3: one object keyed by API name; several records in an array."
    yield ""


def enum_tables(record: Any) -> Iterator[str]:
    enums = {spec.base for spec in record.fields if isinstance(spec.base, type) and issubclass(spec.base, enum.IntEnum)}
    for cls in sorted(enums, key=lambda c: c.__name__):
        yield f"Codes of `{cls.__name__}` (an unknown code stays a plain `int`):\n"
        yield "| Code | Name |"
        yield "|---|---|"
        yield from (f"| {member.value} | `{member.name}` |" for member in cls)
        yield ""

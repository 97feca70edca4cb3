"""Sphinx directives of these docs.

``{requires} <feature>``: marks a section that describes a feature (see ``features.py``). When
the installed library lacks it, the page says so in a note; the section's examples are skipped
by ``tests/docs/test_docs.py`` until the feature exists. When the library has it, the directive's own
content (if any) is shown instead.

``{error-classes}``: a table of every :class:`~smsc_formats.ApiError` subclass that an operation
of ``smsc_formats.OPERATIONS`` raises, with its code, whether it is worth retrying, its meaning
and the operations that give it, read from the declarations at build time.

``{operation-table}``: every operation (those answered with a file too) with its script and
description, linked to its page.

``{exception-tree}``: the exported exception classes as a tree, read from the library.

``{record-fields} module.RECORD``: the field table of a ``Record`` that is no operation's reply
(the delivery callback's event, say), with the tables of its codes, read from its declaration.

Folders of pages that no toctree names (``docs/channels/``, say) are added to the root page's
navigation at build time: ``folder/index`` when the folder has one, else every page in it.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from features import available, describe
from record_tables import enum_tables, field_table
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

import smsc_formats


class Requires(SphinxDirective):
    """``{requires} feature``: a note when the installed library lacks ``feature``.

    Content, if any, is part of the page only when the library has the feature (an autodoc
    directive for names that only then exist).
    """

    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        feature = self.arguments[0]
        try:
            present = available(feature)
        except KeyError as exc:
            raise self.error(str(exc.args[0])) from None
        if present:
            container = nodes.container()
            self.state.nested_parse(self.content, self.content_offset, container)
            return list(container.children)
        note = nodes.admonition(classes=["warning"])
        note += nodes.title(text="Not in this version")
        note += nodes.paragraph(
            text=(
                f"smsc_formats {smsc_formats.__version__} does not have {describe(feature)}. "
                "The examples in this section use it: they are not run against this version, "
                "and the test suite runs them as soon as the library has it."
            )
        )
        return [note]


def error_classes() -> list[tuple[type[smsc_formats.ApiError], list[tuple[str, int]]]]:
    """Each ApiError subclass the operations use, with the (operation, code) pairs that give it."""
    users: dict[type[smsc_formats.ApiError], list[tuple[str, int]]] = {}
    for name, operation in sorted(smsc_formats.OPERATIONS.items()):
        for code, cls in sorted(operation.errors.items()):
            users.setdefault(cls, []).append((name, code))
    return sorted(users.items(), key=lambda item: (min(code for _, code in item[1]), item[0].__name__))


class ErrorClasses(SphinxDirective):
    """``{error-classes}``: the table of error classes, from the operations' declarations."""

    def run(self) -> list[nodes.Node]:
        headers = ("Class", "Code", "Retry", "Meaning", "Given by")
        table = nodes.table()
        group = nodes.tgroup(cols=len(headers))
        table += group
        group.extend(nodes.colspec(colwidth=width) for width in (20, 6, 6, 40, 28))
        group += nodes.thead("", self._row(headers))
        body = nodes.tbody()
        for cls, uses in error_classes():
            codes = ", ".join(sorted({str(code) for _, code in uses}))
            given = ", ".join(f"{name} ({code})" for name, code in uses)
            meaning = (cls.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
            body += self._row((cls.__name__, codes, "yes" if cls.retryable else "", meaning, given), literal=0)
        group += body
        return [table]

    @staticmethod
    def _row(cells: tuple[str, ...], literal: int | None = None) -> nodes.row:
        row = nodes.row()
        for index, text in enumerate(cells):
            content: nodes.Node = nodes.literal(text=text) if index == literal else nodes.Text(text)
            row += nodes.entry("", nodes.paragraph("", "", content))
        return row


class OperationTable(SphinxDirective):
    """``{operation-table}``: one row per operation of ``smsc_formats.OPERATIONS`` and ``FILE_OPERATIONS``."""

    def run(self) -> list[nodes.Node]:
        table = nodes.table()
        group = nodes.tgroup(cols=3)
        table += group
        group.extend(nodes.colspec(colwidth=width) for width in (20, 20, 60))
        group += nodes.thead("", _row([nodes.Text("Operation"), nodes.Text("Script"), nodes.Text("Description")]))
        body = nodes.tbody()
        files = {name: call.operation for name, call in smsc_formats.FILE_OPERATIONS.items()}
        for name, operation in sorted({**smsc_formats.OPERATIONS, **files}.items()):
            link = addnodes.pending_xref(
                "", refdomain="std", reftype="doc", reftarget=f"/operations/{name}", refexplicit=True
            )
            link += nodes.literal(text=name)
            flags = "&".join(f"{key}={value}" for key, value in operation.flags.items())
            script = operation.path + (f"?{flags}" if flags else "")
            body += _row([link, nodes.literal(text=script), nodes.Text(operation.description)])
        group += body
        return [table]


def _row(cells: list[nodes.Node]) -> nodes.row:
    row = nodes.row()
    for content in cells:
        row += nodes.entry("", nodes.paragraph("", "", content))
    return row


def exception_tree() -> list[str]:
    """The library's exception classes as an indented tree, one line each, with its meaning."""
    exported = [getattr(smsc_formats, name) for name in smsc_formats.__all__]
    lines: list[str] = []

    def walk(cls: type[BaseException], prefix: str, last: bool, root: bool) -> None:
        others = [base.__name__ for base in cls.__bases__[1:]]
        label = cls.__name__ + (f" ({', '.join(others)})" if others else "")
        meaning = (cls.__doc__ or "").strip().split("\n")[0]
        branch = "" if root else ("└── " if last else "├── ")
        lines.append(f"{prefix}{branch}{label}".ljust(44) + f"  {meaning}")
        children = sorted(
            (sub for sub in cls.__subclasses__() if any(sub is item for item in exported) and sub.__bases__[0] is cls),
            key=lambda sub: (getattr(sub, "code", None) or 0, sub.__name__),
        )
        inner = prefix if root else prefix + ("    " if last else "│   ")
        for index, child in enumerate(children):
            walk(child, inner, index == len(children) - 1, root=False)

    walk(smsc_formats.SmscFormatsError, "", True, root=True)
    return lines


class ExceptionTree(SphinxDirective):
    """``{exception-tree}``: the hierarchy of the exported exception classes, from the library."""

    def run(self) -> list[nodes.Node]:
        text = "\n".join(exception_tree())
        return [nodes.literal_block(text, text, language="text")]


class RecordFields(SphinxDirective):
    """``{record-fields} dotted.path.RECORD``: the record's fields and codes, as on an operation page."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        module_name, _, attribute = self.arguments[0].rpartition(".")
        try:
            record = getattr(importlib.import_module(module_name), attribute)
        except (ImportError, AttributeError, ValueError) as exc:
            raise self.error(f"no record {self.arguments[0]!r}: {exc}") from None
        lines = [*field_table(record, text_names=False), "", *enum_tables(record)]
        container = nodes.container()
        self.state.nested_parse(StringList(lines, source=self.arguments[0]), self.content_offset, container)
        return list(container.children)


_LISTED_FOLDERS = frozenset({"formats", "operations"})
"""Folders the root page's own toctree names."""


def _add_other_folders(app: Sphinx, docname: str, source: list[str]) -> None:
    if docname != app.config.root_doc:
        return
    entries = []
    for folder in sorted(Path(app.srcdir).iterdir()):
        if not folder.is_dir() or folder.name.startswith(("_", ".")) or folder.name in _LISTED_FOLDERS:
            continue
        if (folder / "index.md").exists():
            entries.append(f"{folder.name}/index")
        elif any(folder.glob("*.md")):
            entries.append(f"{folder.name}/*")
    if entries:
        source[0] += "\n\n```{toctree}\n:glob:\n:hidden:\n:maxdepth: 1\n\n" + "\n".join(entries) + "\n```\n"


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("requires", Requires)
    app.add_directive("error-classes", ErrorClasses)
    app.add_directive("operation-table", OperationTable)
    app.add_directive("exception-tree", ExceptionTree)
    app.add_directive("record-fields", RecordFields)
    app.connect("source-read", _add_other_folders)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

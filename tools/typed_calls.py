"""Write smsc_formats/operations/_typed_calls.py: each operation's options and reply, for type checkers,
and smsc_formats/_script_constants.py: the names of the scripts' constants for the package.

The public constants' calls are written by hand in ``_typed.py`` (their options choose among
several replies). Every other operation gets a call signature made from its declaration here: its
parameters with their Python value types, and its reply, one record or a list by its cardinality
(an operation whose options choose among records returns a plain ``Operation``). ``get_operation``
gets an overload per name, so ``get_operation("phones_add")(phone=...)`` is checked as well.

Each script's operation is a constant of its own name in capitals (``PHONES_ADD``), loaded with its
module on first use: ``_typed_calls.__all__`` names them for ``operations``, and the package's
``_script_constants`` for the package, each in the ``__all__`` that package extends with it.

    python tools/typed_calls.py          # write the modules
    python tools/typed_calls.py --check  # exit 1 if the modules are not what the declarations give
"""

from __future__ import annotations

import keyword
import re
import sys
from pathlib import Path
from typing import Any

import smsc_formats as smsc

TARGET = Path(__file__).resolve().parents[1] / "smsc_formats" / "operations" / "_typed_calls.py"
CONSTANTS = TARGET.parents[1] / "_script_constants.py"
BY_HAND = {"balance", "ping", "get_operator", "send", "status", "templates", "op_templates"}
"""The public constants, typed in ``_typed.py``."""


def _class_name(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_")) + "Call"


def _reply(operation: Any) -> tuple[str, str]:
    """The reply's type for the checker, and the model's module and name to import."""
    model = operation.record.model
    name = model.__name__
    if operation.variants or operation.cardinality.kind == "per_item":
        models = sorted({name, *(variant.record.model.__name__ for variant in operation.variants)})
        return f"Operation[{' | '.join(models)}]", name
    return (f"Listed[{name}]" if operation.cardinality.kind == "many" else f"Single[{name}]"), name


def _home(model: type) -> str:
    """The operations module that defines ``model`` (a public model shows ``smsc_formats`` as its module)."""
    for path in sorted(TARGET.parent.glob("*.py")):
        if re.search(rf"^class {model.__name__}\b", path.read_text(encoding="utf-8"), re.MULTILINE):
            return path.stem
    raise LookupError(model)


def _models(operation: Any) -> set[tuple[str, str]]:
    records = [operation.record, *(variant.record for variant in operation.variants)]
    return {(_home(record.model), record.model.__name__) for record in records}


def render() -> str:
    operations = [op for name, op in smsc.OPERATIONS.items() if name not in BY_HAND]
    classes: list[str] = []
    for operation in operations:
        reply, _ = _reply(operation)
        params = [p for p in operation.request if p.name.isidentifier() and not keyword.iskeyword(p.name)]
        if params:
            signature = ", ".join(f"{p.name}: {p.type.python} = ..." for p in params)
            one_line = f"            self, *, {signature}"
            body = (
                [one_line]
                if len(one_line) <= 120
                else [
                    "            self,",
                    "            *,",
                    *(f"            {p.name}: {p.type.python} = ...," for p in params),
                ]
            )
            call = ["        def __call__(  # type: ignore[override]", *body, f"        ) -> {reply}: ..."]
        else:
            call = [f"        def __call__(self) -> {reply}: ...  # type: ignore[override]"]
        classes += [f"    class {_class_name(operation.name)}({reply}):", *call, ""]
    overloads = [
        line
        for operation in operations
        for line in (
            "        @overload",
            f'        def __call__(self, name: Literal["{operation.name}"], /) -> {_class_name(operation.name)}: ...',
        )
    ]
    text = "\n".join(classes)
    imports: dict[str, set[str]] = {
        "collections.abc": {name for name in ("Mapping", "Sequence") if f"{name}[" in text},
        "datetime": {name for name in ("date", "datetime") if re.search(rf"\b{name}\b", text)},
        "decimal": {"Decimal"} & set(re.findall(r"\w+", text)),
        "typing": {"Any", "Literal", "Protocol", "overload"},
        "._operation": {"Operation"},
        "._typed": {name for name in ("Listed", "Single") if f"{name}[" in text},
        "._values": {name for name in ("CostMode", "Detail", "Translit") if name in text},
    }
    for operation in operations:
        for module, name in _models(operation):
            imports.setdefault(f".{module}", set()).add(name)
    standard = [
        f"    from {module} import {', '.join(sorted(names))}"
        for module, names in imports.items()
        if names and not module.startswith(".")
    ]
    local = [
        f"    from {module} import {', '.join(sorted(names))}"
        for module, names in sorted(imports.items())
        if names and module.startswith(".")
    ]
    lines = [
        *_opening(
            "Each operation's options and reply, for type checkers only (see ``_typed``), and the type of",
            "``get_operation`` with an overload per name, and the type of each operation's constant. At",
            "run time this module defines only ``__all__``: the constants' names, which ``operations`` exports.",
            operations=operations,
        ),
        *sorted(standard),
        "",
        *local,
        "",
        *classes,
        "    class GetOperation(Protocol):",
        '        """``get_operation``: each name gives the call of its own operation."""',
        "",
        *overloads,
        "        @overload",
        "        def __call__(self, name: str, /) -> Operation[Any]: ...",
        "",
        "    # Each operation as a constant of its own name in capitals (``smsc_formats.PHONES_ADD``),",
        "    # which ``operations`` and the package give on first use.",
        *(f"    {operation.name.upper()}: {_class_name(operation.name)}" for operation in operations),
        "",
    ]
    return "\n".join(lines)


def _constants(operations: list[Any]) -> list[str]:
    return sorted(operation.name.upper() for operation in operations)


def _opening(*docstring: str, operations: list[Any]) -> list[str]:
    """A generated module's docstring, imports and ``__all__`` (the constants' names), up to its
    ``if TYPE_CHECKING:``."""
    return [
        '"""Generated by tools/typed_calls.py from the declarations: do not edit; a test checks it.',
        "",
        *docstring,
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import TYPE_CHECKING",
        "",
        "__all__ = [",
        *(f'    "{name}",' for name in _constants(operations)),
        "]",
        "",
        "if TYPE_CHECKING:",
    ]


def render_constants() -> str:
    operations = [op for name, op in smsc.OPERATIONS.items() if name not in BY_HAND]
    lines = [
        *_opening(
            "The constant of each management and data script's operation (``PHONES_ADD``): the ``__all__``",
            "the package extends with these names, and each constant for type checkers. The values load with",
            "their modules on first use.",
            operations=operations,
        ),
        "    from .operations import (",
        *(f"        {name}," for name in _constants(operations)),
        "    )",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    written = {TARGET: render(), CONSTANTS: render_constants()}
    if argv[1:] == ["--check"]:
        return 0 if all(path.read_text(encoding="utf-8") == text for path, text in written.items()) else 1
    for path, text in written.items():
        path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))

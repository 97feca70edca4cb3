"""The public surface: an explicit, sorted ``__all__``, lazy loading, and each class at home in the package."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import smsc_formats
from smsc_formats import operations
from tests.paths import ROOT


def test_all_lists_every_public_name_once() -> None:
    public = {name for name in dir(smsc_formats) if not name.startswith("_")} - {
        "cli", "client", "formats", "logs", "operations", "strategies", "testing", "transports", "web",
    }  # fmt: skip
    assert set(smsc_formats.__all__) - {"__version__"} == public
    assert len(smsc_formats.__all__) == len(set(smsc_formats.__all__))  # its order is ruff's (RUF022)


def test_package_ships_py_typed() -> None:
    assert (Path(smsc_formats.__file__).parent / "py.typed").exists()


def test_importing_the_package_loads_no_xml_parser_http_stack_mail_or_checksums() -> None:
    heavy = ["lxml", "asyncio", "ssl", "email", "smsc_formats.channels", "smsc_formats.client"]
    # the declarations, the compiled decoders and the JSON module load with their first use
    heavy += ["smsc_formats.operations", "smsc_formats._compiled", "smsc_formats.formats.json", "json", "difflib"]
    heavy += ["hashlib", "hmac", "urllib.parse"]  # the callback's checksums and form bodies
    heavy += ["smsc_formats.web", "flask", "django", "starlette", "fastapi"]  # the handler views' frameworks
    # What the interpreter loaded before (a coverage run's own modules) is not the package's doing.
    code = (
        "import sys; before = set(sys.modules); import smsc_formats; "
        f"print([name for name in {heavy!r} if name in sys.modules and name not in before])"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "[]\n"


def test_lazy_names_load_on_first_use() -> None:
    code = "import smsc_formats as s; print(s.Client.__name__, s.channels.__name__, 'Client' in dir(s))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout == "Client smsc_formats.channels True\n"


def test_a_lazy_name_imports_its_module_only_when_first_read() -> None:
    code = (
        "import sys, smsc_formats as s\n"
        "before = 'smsc_formats.client' in sys.modules\n"
        "client = s.Client\n"
        "print(before, client is sys.modules['smsc_formats.client'].Client, 'smsc_formats._http' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout == "False True True\n"  # the client brings the HTTP layer it builds on


@pytest.mark.parametrize("name", ["Clinet", "client_", "_LAZY_NAME"])
def test_an_unknown_name_is_an_attribute_error_naming_it(name: str) -> None:
    with pytest.raises(AttributeError, match=f"^module 'smsc_formats' has no attribute '{name}'$"):
        getattr(smsc_formats, name)
    assert not hasattr(smsc_formats, name)


def test_a_script_s_operations_load_with_their_module_on_first_look_up() -> None:
    sending = len(operations._SENDING)  # loaded with the package, before every script's operations
    code = (
        "import sys, smsc_formats as s\n"
        "scripts = ['smsc_formats.operations.' + name for name in s.operations._SCRIPTS]\n"
        "loaded = lambda: [name.rpartition('.')[2] for name in scripts if name in sys.modules]\n"
        "ops = s.OPERATIONS\n"
        "print(loaded(), 'get_mnp' in ops, 'nope' in ops, ops.get('nope'), len(ops), "
        f"list(ops)[{sending - 1}:{sending + 1}], loaded())\n"
        "print(ops['jobs_get'].name, loaded(), s.operations.mnp.GET_MNP is ops['get_mnp'], loaded())\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    first_script = next(iter(operations._SCRIPTS.values()))[0]
    assert result.stdout == (
        f"[] True False None {len(smsc_formats.OPERATIONS)} {[operations._SENDING[-1].name, first_script]} []\n"
        "jobs_get ['jobs'] True ['jobs', 'mnp']\n"
    )


def test_the_registry_names_every_script_s_operations_in_their_order() -> None:
    """``_SCRIPTS`` names each module's operations before it is imported; it must not drift."""
    modules = [
        importlib.import_module(f"{operations.__name__}.{item.name}")
        for item in pkgutil.iter_modules(operations.__path__)
    ]
    declared = {
        module.__name__.rpartition(".")[2]: module.OPERATIONS for module in modules if hasattr(module, "OPERATIONS")
    }
    assert {name: tuple(op.name for op in ops) for name, ops in declared.items()} == operations._SCRIPTS
    scripts = [op.name for name in operations._SCRIPTS for op in declared[name]]
    assert list(smsc_formats.OPERATIONS) == [op.name for op in operations._SENDING] + scripts
    assert all(smsc_formats.OPERATIONS[op.name] is op for ops in declared.values() for op in ops)
    assert repr(smsc_formats.OPERATIONS) == f"<OPERATIONS: {', '.join(smsc_formats.OPERATIONS)}>"
    with pytest.raises(AttributeError, match=r"^module 'smsc_formats\.operations' has no attribute 'nope'$"):
        operations.nope  # noqa: B018


def _private_imports(path: Path) -> list[str]:
    """What a module imports of another's privates: a ``_name`` of another module, or a
    ``_module`` of a package that is not its own (the root's private modules are the root's own)."""
    module = path.relative_to(ROOT).with_suffix("").parts
    package = module[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom):
            continue
        named = tuple(node.module.split(".")) if node.module else ()
        source = (*package[: len(package) - node.level + 1], *named) if node.level else named
        if source[0] != "smsc_formats":
            continue
        imported = [(source[:index], part) for index, part in enumerate(source) if index]
        imported += [(source, alias.name) for alias in node.names]
        for owner, name in imported:
            if name.startswith("_") and not name.startswith("__") and owner not in (package, ("smsc_formats",)):
                found.append(f"{'/'.join(module)}.py:{node.lineno}: {'.'.join(owner)}.{name}")
    return found


def test_no_module_reaches_into_another_s_private_names() -> None:
    """Each package is used through its own names: ``formats.xml.parse_hardened``, not ``_parse``."""
    paths = sorted((ROOT / "smsc_formats").rglob("*.py"))
    assert [found for path in paths for found in _private_imports(path)] == []


def test_the_formats_line_template_loads_on_first_use() -> None:
    from smsc_formats import formats
    from smsc_formats.formats._template import LineTemplate

    assert formats.LineTemplate is LineTemplate
    with pytest.raises(AttributeError, match=r"^module 'smsc_formats\.formats' has no attribute 'nope'$"):
        formats.nope  # noqa: B018


def test_public_classes_name_their_public_home_as_their_module() -> None:
    from smsc_formats import logs

    for cls in (smsc_formats.Done, smsc_formats.Created, smsc_formats.DecodeLimits, smsc_formats.RateLimits):
        assert cls.__module__ == "smsc_formats", cls
    assert (smsc_formats.RateLimiter.__module__, smsc_formats.ReplyCache.__module__) == ("smsc_formats",) * 2
    assert {cls.__module__ for cls in (logs.Entry, logs.Outcome, logs.Malformed, logs.Summary)} == {"smsc_formats.logs"}
    # the annotations of a model are still read where it was written
    assert [spec.name for spec in smsc_formats.operations.get_operation("jobs_del").record.fields] == ["result"]


def test_a_lazy_public_name_shows_the_package_as_its_home_when_loaded_through_its_own_module() -> None:
    code = (
        "from smsc_formats.operations import Sent, get_operation\n"
        "from smsc_formats.operations.callback import parse_callback\n"
        "from smsc_formats.operations.callback_events import HlrResult\n"
        "print({thing.__module__ for thing in (Sent, get_operation, parse_callback, HlrResult)})"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout == "{'smsc_formats'}\n"


def test_an_operation_s_first_use_loads_the_declarations() -> None:
    code = (
        "import sys, smsc_formats as s\n"
        "before = 'smsc_formats.operations' in sys.modules\n"
        "reply = s.decode(s.GET_OPERATOR, b'country = RU, operator = MTS, region = M, mcc = 250, mnc = 1, '\n"
        "                 b'tz = 3', fmt=0)\n"
        "print(before, type(reply).__name__, 'smsc_formats._compiled' in sys.modules, 'lxml' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout == "False OperatorInfo True False\n"


def test_every_public_class_and_function_shows_the_package_as_its_home_and_keeps_its_type_hints() -> None:
    import inspect
    import typing

    shown = [getattr(smsc_formats, name) for name in smsc_formats.__all__]
    client = smsc_formats.client
    shown += [client.ClientOptions, client.CallOptions, client.StreamOptions, client.ReadOptions]
    for value in shown:
        if inspect.isclass(value) or inspect.isfunction(value):
            assert value.__module__ == "smsc_formats", value
            typing.get_type_hints(value, include_extras=True)  # names resolve where they were written
    assert repr(smsc_formats.ErrorReply(operation="send", code=3)).startswith("ErrorReply(")
    assert str(smsc_formats.Sent) == "<class 'smsc_formats.Sent'>"

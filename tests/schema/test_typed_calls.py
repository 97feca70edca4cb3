"""What a type checker knows of a user's calls, pinned with ``assert_type`` (checked by ``mypy --strict``,
which CI runs over tests/) and run for real against FakeSmsc, so the static answer is the true one."""

from __future__ import annotations

import ast
import importlib
import inspect
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from typing_extensions import assert_type

import smsc_formats as smsc
from smsc_formats.operations import _SCRIPTS, _typed
from smsc_formats.operations.phones import Contact
from smsc_formats.testing import FakeSmsc
from smsc_formats.transports import MockTransport
from tests.paths import ROOT

PHONE = "79991234567"


@pytest.fixture(scope="module")
def client() -> Iterator[smsc.Client]:
    with FakeSmsc() as server, smsc.Client(server.credentials, hosts=server.base_urls) as client:
        yield client


def test_each_everyday_call_has_its_precise_reply_type(client: smsc.Client) -> None:
    sent = client.call(smsc.SEND(phones=PHONE, mes="Привет"))
    assert_type(sent, smsc.Sent)
    assert isinstance(sent, smsc.Sent)

    price = client.call(smsc.SEND(phones=[PHONE], mes="Привет", cost=1))
    assert_type(price, smsc.Cost)
    assert isinstance(price, smsc.Cost)

    status = client.call(smsc.STATUS(id=sent.id, phone=PHONE))
    assert_type(status, smsc.MessageStatus)
    assert isinstance(status, smsc.MessageStatus)

    details = client.call(smsc.STATUS(id=sent.id, phone=PHONE, all=smsc.Detail.FULL))
    assert_type(details, smsc.MessageDetails)
    assert isinstance(details, smsc.MessageDetails)

    several = client.call(smsc.STATUS(id=[sent.id, sent.id], phone=[PHONE, PHONE]))
    assert_type(several, list[smsc.MessageStatus])
    assert [type(item) for item in several] == [smsc.MessageStatus, smsc.MessageStatus]

    balance = client.call(smsc.BALANCE)
    assert_type(balance, smsc.Balance)
    assert isinstance(balance.balance, Decimal)

    operators = client.call(smsc.GET_OPERATOR(phone=[PHONE, "79990000001"]))
    assert_type(operators, list[smsc.OperatorInfo])
    assert len(operators) == 2

    operator = client.call(smsc.GET_OPERATOR(phone=79991234567))
    assert_type(operator, smsc.OperatorInfo)
    assert isinstance(operator, smsc.OperatorInfo)


def test_a_string_the_checker_cannot_read_keeps_the_honest_union(client: smsc.Client) -> None:
    either = client.call(smsc.GET_OPERATOR(phone=PHONE))  # "a,b" would be a list: a str can be either
    assert_type(either, smsc.OperatorInfo | list[smsc.OperatorInfo])
    assert isinstance(either, smsc.OperatorInfo)


def test_a_misspelt_option_is_a_type_error_and_refused_at_run_time() -> None:
    # Without the ignore below, mypy --strict reports: Unexpected keyword argument "sendr" for
    # "__call__" of "SendCall"; did you mean "sender"? With warn_unused_ignores (strict), the
    # ignore itself fails the type check the day the typo stops being an error.
    with pytest.raises(smsc.RequestError, match=r"^send: 'sendr': not a parameter of this call; did you mean"):
        smsc.SEND(phones=PHONE, mes="x", sendr="Shop")  # type: ignore[call-overload]
    with pytest.raises(smsc.RequestError, match=r"^send: 'flash': expected True or False"):
        smsc.SEND(phones=PHONE, mes="x", flash="on")  # type: ignore[call-overload]


def test_a_list_where_one_record_was_asked_is_not_the_reply() -> None:
    response = smsc.HttpResponse(200, (), b'[{"balance": "1.00"}, {"balance": "2.00"}]')
    with pytest.raises(smsc.DecodeError, match=r"one record, as the request asked, found a list of 2"):
        smsc.parse_response(smsc.BALANCE, response, fmt=3)
    empty = smsc.parse_response(
        smsc.get_operation("phones_get"), smsc.HttpResponse(200, (), b"ERROR = 3 (no records)"), fmt=0
    )
    assert isinstance(empty, smsc.NoRecords)  # "no records" is an empty list, as asked


_CALLS = {
    "BalanceCall": "balance",
    "PingCall": "ping",
    "GetOperatorCall": "get_operator",
    "SendCall": "send",
    "StatusCall": "status",
    "TemplatesCall": "templates",
    "OpTemplatesCall": "op_templates",
}


def _typed_names(class_name: str) -> set[str]:
    """The option names the typing module gives a constant's call: its keyword parameters and the
    keys of the TypedDicts it unpacks, read from the source (the classes exist for checkers only)."""
    tree = ast.parse(inspect.getsource(_typed))
    classes = {node.name: node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)}
    names: set[str] = set()
    for node in ast.walk(classes[class_name]):
        if isinstance(node, ast.FunctionDef) and node.name == "__call__":
            names |= {arg.arg for arg in node.args.kwonlyargs}
            annotation = node.args.kwarg.annotation if node.args.kwarg else None
            if isinstance(annotation, ast.Subscript) and isinstance(annotation.slice, ast.Name):
                names |= _typed_dict_keys(classes, annotation.slice.id)
    return names


def _typed_dict_keys(classes: dict[str, ast.ClassDef], name: str) -> set[str]:
    """The keys of the TypedDict ``name``, its bases' included."""
    typed_dict = classes[name]
    keys = {item.target.id for item in typed_dict.body if isinstance(item, ast.AnnAssign)}  # type: ignore[union-attr]
    for base in typed_dict.bases:
        if isinstance(base, ast.Name) and base.id in classes:
            keys |= _typed_dict_keys(classes, base.id)
    return keys


@pytest.mark.parametrize(("class_name", "name"), list(_CALLS.items()))
def test_each_typed_call_names_exactly_the_declared_parameters(class_name: str, name: str) -> None:
    declared: set[str] = {param.name for param in smsc.get_operation(name).request if param.name.isidentifier()}
    keywords = {"del"}  # a Python keyword: reachable through bind() only
    assert _typed_names(class_name) == declared - keywords
    constant: Any = getattr(smsc, name.upper())
    assert constant is smsc.get_operation(name)  # the typed constant is the registered operation itself


def test_every_other_operation_is_typed_through_get_operation() -> None:
    phones_get = smsc.get_operation("phones_get")
    response = smsc.HttpResponse(200, (), '[{"phone": "79991234567", "name": "Иван"}]'.encode())
    contacts = smsc.parse_response(phones_get(grp=[1, 2]), response, fmt=3)
    assert_type(contacts, list[Contact] | smsc.ErrorReply)
    assert isinstance(contacts, list)
    assert contacts[0].name == "Иван"
    pay = smsc.get_operation("users_pay")(user="shop", sum=Decimal("10.50"))
    assert pay.form == {"user": "shop", "sum": "10.50"}
    with pytest.raises(
        smsc.RequestError, match=r"^users_pay: 'summ': not a parameter of this call; did you mean 'sum'\?$"
    ):
        smsc.get_operation("users_pay")(user="shop", summ=1)  # type: ignore[call-arg]
    unknown_name: str = "phones_get"
    assert_type(smsc.get_operation(unknown_name), smsc.Operation[Any])  # a name the checker cannot read


def test_an_option_that_chooses_the_record_chooses_the_type(client: smsc.Client) -> None:
    """get_mnp without ``date`` is the export, with it a day's list; jobs.php add with ``cost=1``
    answers the cost too: the generated overloads give each its own record, no union to narrow."""
    export = client.call(smsc.GET_MNP())
    assert_type(export, list[smsc.ExportedPortedNumber])
    assert export == []
    day = client.call(smsc.GET_MNP(date="01.01.2024"))
    assert_type(day, list[smsc.PortedNumber])
    assert day == []

    created = client.call(smsc.JOBS_ADD(name="news", phones=PHONE, mes="Привет"))
    assert_type(created, smsc.Created)
    assert type(created) is smsc.Created
    priced = client.call(smsc.JOBS_ADD(name="news", phones=PHONE, mes="Привет", cost=1))
    assert_type(priced, smsc.JobCreatedWithCost)
    assert type(priced) is smsc.JobCreatedWithCost
    unpriced = client.call(smsc.JOBS_ADD(name="news", phones=PHONE, mes="Привет", cost="0"))
    assert_type(unpriced, smsc.Created)
    assert type(unpriced) is smsc.Created
    cost: int = 1  # a value the checker cannot read: either record
    either = client.call(smsc.JOBS_ADD(name="news", phones=PHONE, mes="Привет", cost=cost))
    assert_type(either, smsc.Created | smsc.JobCreatedWithCost)
    assert type(either) is smsc.JobCreatedWithCost


def test_the_generated_signatures_are_what_the_declarations_give() -> None:
    """tools/typed_calls.py writes _typed_calls*.py; a declaration changed without it fails here."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "typed_calls.py"), "--check"],
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, "run python tools/typed_calls.py to write the signatures again"


OPERATIONS = ROOT / "smsc_formats" / "operations"
SCRIPT_MODULES = sorted(path.stem.removeprefix("_typed_calls_") for path in OPERATIONS.glob("_typed_calls_*.py"))


def test_each_script_module_has_its_generated_calls() -> None:
    assert sorted(_SCRIPTS) == SCRIPT_MODULES


@pytest.mark.parametrize(
    ("change", "reported"),
    [
        (lambda package: None, ""),
        (
            lambda package: (package / "_typed_calls_gone.py").write_text(
                "# a removed script's calls\n", encoding="utf-8"
            ),
            "smsc_formats/operations/_typed_calls_gone.py: left over, no script gives it\n",
        ),
        (
            lambda package: (package / "_typed_calls_phones.py").unlink(),
            "smsc_formats/operations/_typed_calls_phones.py: missing\n",
        ),
        (
            lambda package: (package / "_typed_calls_mnp.py").write_text("", encoding="utf-8"),
            "smsc_formats/operations/_typed_calls_mnp.py: stale\n",
        ),
        (
            lambda package: (package / "_typed_calls.py").unlink(),
            "smsc_formats/operations/_typed_calls.py: missing\n",
        ),
    ],
)
def test_the_check_covers_every_generated_file(tmp_path: Path, change: Callable[[Path], object], reported: str) -> None:
    """A copy of the generated files passes ``--check``; one missing, stale or left over from a
    removed script fails it, named."""
    package = tmp_path / "smsc_formats" / "operations"
    package.mkdir(parents=True)
    for path in OPERATIONS.glob("_typed_calls*.py"):
        shutil.copy(path, package / path.name)
    shutil.copy(ROOT / "smsc_formats" / "_script_constants.py", tmp_path / "smsc_formats")
    change(package)
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "typed_calls.py"), "--check", "--root", str(tmp_path)],
        capture_output=True,
        check=False,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stderr) == (1 if reported else 0, reported)


@pytest.mark.parametrize("name", ["", *SCRIPT_MODULES])
def test_a_generated_module_defines_only_names_at_run_time(name: str) -> None:
    """The calls are for type checkers: at run time ``_typed_calls`` holds ``__all__`` (the
    constants' names) and each script's calls module nothing; the package loads none of the latter."""
    module = importlib.import_module("_".join(filter(None, ["smsc_formats.operations._typed_calls", name])))
    defined = {key for key in vars(module) if not key.startswith("__")}
    assert defined == {"annotations", "TYPE_CHECKING"}


def test_importing_the_package_loads_no_module_of_calls() -> None:
    code = "import sys, smsc_formats.operations; print(sorted(m for m in sys.modules if '_typed_calls' in m))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, text=True, timeout=60)
    assert result.stdout == "['smsc_formats.operations._typed_calls']\n"


@pytest.mark.parametrize("name", list(smsc.OPERATIONS))
def test_every_operation_is_a_constant_of_the_package_and_of_operations(name: str) -> None:
    constant = name.upper()
    assert getattr(smsc, constant) is smsc.get_operation(name)
    assert getattr(smsc.operations, constant) is smsc.get_operation(name)
    assert constant in smsc.__all__
    assert constant in smsc.operations.__all__


@pytest.mark.parametrize("module", [smsc, smsc.operations])
def test_type_checkers_see_every_constant_with_its_own_call_type(module: ModuleType) -> None:
    """What the modules import for type checkers: every constant the generated module types,
    named or through a star import of a generated module's ``__all__``."""
    tree = ast.parse(inspect.getsource(module))
    checked = {
        name
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for statement in node.body
        if isinstance(statement, ast.ImportFrom)
        for alias in statement.names
        for name in (
            importlib.import_module("." * statement.level + (statement.module or ""), module.__name__).__all__
            if alias.name == "*"
            else [alias.asname or alias.name]
        )
    }
    by_hand = {name.upper() for name in _CALLS.values()}
    assert {name.upper() for name in smsc.OPERATIONS} - by_hand <= checked


def test_an_unknown_capital_name_is_no_attribute() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'PHONES_ADDD'"):
        smsc.operations.PHONES_ADDD  # noqa: B018


def test_a_script_s_constant_is_typed_with_its_options_and_reply() -> None:
    body = b'[{"phone": "79991234567", "name": "Anna"}]'
    client = smsc.Client(smsc.Credentials.api_key("k"), MockTransport(lambda request: smsc.HttpResponse(200, (), body)))
    contacts = client.call(smsc.PHONES_GET(grp=[1, 2]))
    assert_type(contacts, list[smsc.Contact])
    assert contacts == [smsc.Contact(phone="79991234567", name="Anna")]

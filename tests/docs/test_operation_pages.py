"""The operation pages (``docs/_ext/operation_pages.py``): each shows its declaration, its example
replies as the library writes them and its evidence; the pages follow the registries, the calls
answered with a file among them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import smsc_formats as smsc
from tests.docs.test_docs import load_extension
from tests.paths import ROOT

operation_pages: Any = load_extension("operation_pages")


@pytest.mark.parametrize("name", sorted(smsc.OPERATIONS))
def test_operation_page_shows_the_declaration(name: str) -> None:
    operation = smsc.get_operation(name)
    page = operation_pages.render(operation)
    for record in (operation.record, *(variant.record for variant in getattr(operation, "variants", ()))):
        for spec in record.fields:
            assert f"| `{spec.name}` |" in page, spec.name
    for code, cls in operation.errors.items():
        assert f"| {code} | {{class}}`~smsc_formats.{cls.__name__}` |" in page
    for label, _language in operation_pages.FORMATS.values():
        assert f"{label}:" in page
    assert operation.path in page
    for param in operation.request:
        required = ("yes" + "".join(f", or `{name}`" for name in param.either)) if param.required else ""
        kind, takes = operation_pages.cell(f"`{param.type.python}`"), operation_pages.cell(param.type.expected)
        assert f"| `{param.name}` | {required} | {kind} | {takes} |" in page, param.name
    assert ("| Parameter | Required | Python value | Takes | Meaning |" in page) is bool(operation.request)
    for item in operation.evidence:
        assert f"| {operation_pages.cell(item.part)} |" in page, item.part


def test_the_send_page_shows_its_json_form_as_the_library_writes_it() -> None:
    options = load_extension("operation_examples").JSON_FORM_REQUESTS["send"]
    credentials = smsc.Credentials.login_password("<login>", "<password>")
    request = smsc.build_request(smsc.SEND.bind(options), credentials=credentials, json_body=True)
    page = operation_pages.render(smsc.SEND)
    assert f"```json\n{request.content.decode('ascii')}\n```" in page
    assert "The call has a JSON form: `POST https://smsc.ru/rest/send/`" in page
    assert [name for name in smsc.OPERATIONS if "has a JSON form" in operation_pages.render(smsc.OPERATIONS[name])] == [
        "send"
    ]


def test_operation_page_examples_are_the_encoder_s_own_bytes() -> None:
    page = operation_pages.render(smsc.GET_OPERATOR)
    example = smsc.from_api(smsc.GET_OPERATOR, operation_pages.CURATED["get_operator"][0].reply)
    for fmt in range(4):
        assert smsc.encode(smsc.GET_OPERATOR, example, fmt=fmt).decode() in page


def test_generated_pages_follow_the_registry(tmp_path: Path) -> None:
    stale = tmp_path / "gone.md"
    stale.write_text(operation_pages.HEADER + "# gone\n", encoding="utf-8")
    kept = tmp_path / "index.md"
    kept.write_text("# Operations\n", encoding="utf-8")
    written = operation_pages.write_pages(tmp_path)
    assert {path.name for path in written} == {f"{name}.md" for name in [*smsc.OPERATIONS, *smsc.FILE_OPERATIONS]}
    assert not stale.exists()
    assert kept.exists()


def test_synthesized_example_fills_every_field() -> None:
    model = load_extension("example_models").synthesize(smsc.GET_OPERATOR.record)
    api = smsc.to_api(smsc.GET_OPERATOR, model)
    assert isinstance(api, dict)
    assert set(api) == {spec.name for spec in smsc.GET_OPERATOR.record.fields}
    assert json.loads(smsc.encode(smsc.GET_OPERATOR, model, fmt=3)) == api


def test_curated_examples_name_real_operations() -> None:
    examples: Any = load_extension("operation_examples")
    assert set(examples.CURATED) <= set(smsc.OPERATIONS)
    for name, curated in examples.CURATED.items():
        for example in curated:
            operation = smsc.get_operation(name).bind(example.params)
            assert smsc.to_api(operation, smsc.from_api(operation, example.reply, strict=True)) == example.reply


BUNDLED = sorted(
    {name for path in (ROOT / "examples" / "replies").glob("*.*") for name in [path.name.split(".")[0]]}
    & set(smsc.OPERATIONS)
)


@pytest.mark.parametrize("name", BUNDLED)
def test_an_operation_page_shows_its_bundled_example_reply(name: str) -> None:
    """The page shows every example reply of the operation that decodes, and the first error reply
    (unless the page has curated examples of its own)."""
    operation = smsc.get_operation(name)
    page = operation_pages.render(operation)
    success, error = operation_pages._bundled(operation), operation_pages._bundled(operation, error=True)
    assert success is not None or error is not None
    if error is not None and name not in operation_pages.CURATED:
        assert f"code {error[1].code}, in every format" in page
    if name not in operation_pages.CURATED:
        for path, bound, reply in operation_pages._bundled_replies(operation):
            fmt = operation_pages.BUNDLED_FMT[path.suffix]
            assert f"`examples/replies/{path.name}`" in page
            assert smsc.encode(bound, reply, fmt=fmt).decode() in page


@pytest.mark.parametrize(
    ("name", "options"),
    [
        ("send.cost3.op1.json", {"cost": "3", "op": "1"}),
        ("status.del.txt", {"del": "1"}),
        ("status.hlr.csv", {}),  # hlr is no parameter of status.php
        ("status.several.json", {"id": "…,…"}),
        ("balance.cur1.csv", {"cur": "1"}),
        ("send.error.txt", {}),
        ("get_mnp.date.json", {"date": "…"}),  # a day, not the flag's 1
    ],
)
def test_a_bundled_reply_s_name_gives_the_options_that_shaped_it(name: str, options: dict[str, str]) -> None:
    operation = smsc.get_operation(name.split(".", maxsplit=1)[0])
    assert operation_pages._options_of(ROOT / "examples" / "replies" / name, operation) == options


def test_every_bundled_reply_is_on_its_operation_s_page() -> None:
    """No example file is left out because its name does not give the options it needs."""
    for path in sorted((ROOT / "examples" / "replies").glob("*.*")):
        name = path.name.split(".")[0]
        if name not in smsc.OPERATIONS or name in operation_pages.CURATED:
            continue
        page = operation_pages.render(smsc.get_operation(name))
        assert f"`examples/replies/{path.name}`" in page, path.name


def test_a_record_that_is_no_reply_is_tabled_without_fmt0_names() -> None:
    """The ``{record-fields}`` table of the callback's event: every field, no fmt=0 column."""
    from smsc_formats.operations.callback import EVENT

    tables: Any = load_extension("record_tables")
    lines = list(tables.field_table(EVENT, text_names=False))
    assert lines[0].startswith("| Attribute | API name | Type |")
    assert len(lines) == 2 + len(EVENT.fields)
    assert all(row.count("|") == lines[0].count("|") for row in lines)
    assert [row.split("|")[1].strip() for row in lines[2:]] == [f"`{spec.attr}`" for spec in EVENT.fields]
    assert "fmt=0 name" in next(tables.field_table(EVENT))


def test_an_operation_page_quotes_the_module_that_declares_it() -> None:
    """users_get_stat's record is data.py's, but users.py declares the call and says what it is."""
    from smsc_formats.operations import data, users

    page = operation_pages.render(smsc.get_operation("users_get_stat"))
    assert "From the declaring module, `smsc_formats.operations.users`" in page
    assert (users.__doc__ or "").strip().splitlines()[0] in page
    assert (data.__doc__ or "").strip().splitlines()[0] not in page


@pytest.mark.parametrize("name", sorted(smsc.OPERATIONS))
def test_every_reply_record_of_an_operation_has_an_example_reply(name: str) -> None:
    """Each record an operation can answer with is shown by an example reply (curated or shipped
    under examples/replies/), not by values made from its field types."""
    page = operation_pages.render(smsc.get_operation(name))
    assert "Values made from the field types" not in page


@pytest.mark.parametrize("name", sorted(smsc.FILE_OPERATIONS))
def test_a_call_answered_with_a_file_has_its_page_with_its_request_errors_and_evidence(name: str) -> None:
    call = smsc.FILE_OPERATIONS[name]
    page = operation_pages.render(call)
    assert page.startswith(operation_pages.HEADER + f"\n# `{name}`\n")
    assert f"Declared as `smsc_formats.FILE_OPERATIONS[{name!r}]`" in page
    assert f"https://smsc.ru/sys/{call.operation.path}?{next(iter(call.operation.flags))}=1&login=" in page
    for param in call.operation.request:
        assert f"| `{param.name}` | yes{''.join(f', or `{other}`' for other in param.either)} |" in page
    assert "## Reply\n\nThe reply is a file, not a formatted reply" in page
    assert "How the request's options shape the reply" not in page  # no records: nothing to shape
    for code, cls in call.operation.errors.items():
        assert f"| {code} | {{class}}`~smsc_formats.{cls.__name__}` |" in page
    assert smsc.encode(call.operation, smsc.ErrorReply(operation=name, code=1, description="…"), fmt=3).decode() in page
    for item in call.operation.evidence:
        assert f"| {operation_pages.cell(item.part)} |" in page, item.part
    assert "From the declaring module, `smsc_formats.operations.file_replies`" in page

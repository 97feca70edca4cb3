"""The documentation cannot rot: its examples run here, its generated pages are checked here.

Every fenced ``python`` block of docs/**/*.md and README.md is a test. The blocks of one page
share a namespace, in order, like a reader going down the page: a block runs after the blocks
above it. A block under a ``{requires} <feature>`` directive (docs/_ext/features.py) is skipped
while the installed library lacks the feature, and runs as soon as it has it. The Sphinx build
itself is checked with warnings as errors when Sphinx is installed (the ``docs`` extra).
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

import smsc_formats as smsc
from tests.paths import ROOT

DOCS = ROOT / "docs"
EXT = DOCS / "_ext"

_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})\s*(?P<info>.*)$")
_SKIP = re.compile(r"^<!-- docs-test: skip \((?P<reason>[^)]+)\) -->$")
_HEADING = re.compile(r"^(?P<level>#{1,6})\s")
_REQUIRES = re.compile(r"^\{requires\}\s+(?P<feature>\S+)\s*$")


def _load(name: str) -> ModuleType:
    """A module of docs/_ext, which is not a package and is not on the import path."""
    if str(EXT) not in sys.path:
        sys.path.insert(0, str(EXT))
    spec = importlib.util.spec_from_file_location(name, EXT / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = sys.modules.get(name) or importlib.util.module_from_spec(spec)
    if name not in sys.modules:
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return module


features: Any = _load("features")
operation_pages: Any = _load("operation_pages")


@dataclass(frozen=True)
class Block:
    path: Path
    line: int
    """The 1-based line of the block's first line of code."""
    code: str
    requires: str | None
    skip: str | None = None
    """Why this block is not run (``<!-- docs-test: skip (reason) -->`` on the line before)."""

    @property
    def name(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def blocks(path: Path) -> list[Block]:
    """The ``python`` blocks of a Markdown page, with the feature each one's section requires."""
    found: list[Block] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    requirement: tuple[int, str] | None = None  # the heading level it was set under, the feature
    level = 0
    index = 0
    while index < len(lines):
        heading = _HEADING.match(lines[index])
        if heading:
            level = len(heading["level"])
            if requirement is not None and level <= requirement[0]:
                requirement = None
        fence = _FENCE.match(lines[index])
        if not fence:
            index += 1
            continue
        end = index + 1
        while end < len(lines) and not lines[end].startswith(fence["fence"]):
            end += 1
        info = fence["info"].strip()
        required = _REQUIRES.match(info)
        if required:
            requirement = (level, required["feature"])
        elif info == "python":
            code = "\n".join(lines[index + 1 : end])
            skip = _SKIP.match(lines[index - 1]) if index else None
            if skip is None and index > 1 and not lines[index - 1].strip():
                skip = _SKIP.match(lines[index - 2])
            reason = skip["reason"] if skip else None
            found.append(Block(path, index + 2, code, requirement[1] if requirement else None, reason))
        index = end + 1
    return found


def pages() -> list[Path]:
    found = [path for path in sorted(DOCS.rglob("*.md")) if "_build" not in path.parts]
    return [*found, ROOT / "README.md"]


BLOCKS = [block for page in pages() for block in blocks(page)]


def _run(block: Block, namespace: dict[str, Any]) -> None:
    padded = "\n" * (block.line - 1) + block.code  # tracebacks point at the page's own lines
    exec(compile(padded, str(block.path), "exec"), namespace)


_SENDS_REQUESTS = {"requests", "client", "transports", "transport-httpx", "transport-requests"}
"""Features whose examples talk to the stand-in server (``replies_server``)."""


def _skip_reason(block: Block) -> str | None:
    if block.skip is not None:
        return f"not run: {block.skip}"
    if block.requires is None or features.available(block.requires):
        return None
    return f"the installed library lacks {features.describe(block.requires)}"


@pytest.fixture
def replies_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A stand-in for the API on 127.0.0.1, answering get_operator in the fmt the request asks.

    Its address is in SMSC_BASE_URL, which the examples that send requests read.
    """
    info = smsc.from_api(
        smsc.GET_OPERATOR,
        {"country": "Россия", "operator": "МТС", "region": "Москва", "mcc": "250", "mnc": "01", "tz": "3"},
    )

    class Handler(BaseHTTPRequestHandler):
        def _answer(self, query: str) -> None:
            fields = dict(parse_qsl(query))
            fmt = int(fields.get("fmt", "0"))
            body = smsc.encode(smsc.GET_OPERATOR, info, fmt=fmt, charset=fields.get("charset", "windows-1251"))
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            self._answer(urlsplit(self.path).query)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            self._answer(self.rfile.read(length).decode("ascii"))

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/sys/"
    monkeypatch.setenv("SMSC_BASE_URL", url)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.mark.parametrize("block", BLOCKS, ids=[block.name for block in BLOCKS])
def test_example_runs(block: Block, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    reason = _skip_reason(block)
    if reason:
        pytest.skip(reason)
    page = blocks(block.path)
    run = [earlier for earlier in page if earlier.line <= block.line and _skip_reason(earlier) is None]
    if any(earlier.requires in _SENDS_REQUESTS for earlier in run):
        request.getfixturevalue("replies_server")
    monkeypatch.chdir(ROOT)
    page_module = ModuleType(f"docs_example_{block.line}")  # a real module, as dataclasses expect
    monkeypatch.setitem(sys.modules, page_module.__name__, page_module)
    for earlier in run:
        _run(earlier, page_module.__dict__)


def test_examples_are_collected_from_every_kind_of_page() -> None:
    collected = {block.path for block in BLOCKS}
    assert ROOT / "README.md" in collected
    assert {DOCS / "formats" / f"{name}.md" for name in ("text", "csv", "xml", "json")} <= collected
    assert DOCS / "tour.md" in collected


def test_every_page_with_examples_checks_what_they_do() -> None:
    """A page whose blocks only run would pass with any output: each page asserts something."""
    unchecked = [
        path.relative_to(ROOT)
        for path in pages()
        if (runnable := [block.code for block in blocks(path) if block.skip is None])
        and not any("assert " in code for code in runnable)
    ]
    assert unchecked == []


def test_a_requires_directive_covers_its_section_only(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "# Page\n\n## Later\n\n```{requires} client\n```\n\n```python\na = 1\n```\n\n"
        "### Inside\n\n```python\nb = 2\n```\n\n## Next\n\n```python\nc = 3\n```\n",
        encoding="utf-8",
    )
    assert [(block.code, block.requires) for block in blocks(page)] == [
        ("a = 1", "client"),
        ("b = 2", "client"),
        ("c = 3", None),
    ]


def test_every_required_feature_is_known() -> None:
    named = {block.requires for block in BLOCKS} - {None}
    assert named <= set(features.FEATURES)
    with pytest.raises(KeyError, match="unknown feature"):
        features.available("no such feature")


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
    examples: Any = _load("operation_examples")
    options = examples.JSON_FORM_REQUESTS["send"]
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
    assert {path.name for path in written} == {f"{name}.md" for name in smsc.OPERATIONS}
    assert not stale.exists()
    assert kept.exists()


def test_synthesized_example_fills_every_field() -> None:
    model = _load("example_models").synthesize(smsc.GET_OPERATOR.record)
    api = smsc.to_api(smsc.GET_OPERATOR, model)
    assert isinstance(api, dict)
    assert set(api) == {spec.name for spec in smsc.GET_OPERATOR.record.fields}
    assert json.loads(smsc.encode(smsc.GET_OPERATOR, model, fmt=3)) == api


def _sphinx_missing() -> str | None:
    missing = [name for name in ("sphinx", "myst_parser", "furo") if importlib.util.find_spec(name) is None]
    return f"{', '.join(missing)} not installed (pip install -e '.[docs]')" if missing else None


@pytest.mark.skipif(_sphinx_missing() is not None, reason=_sphinx_missing() or "")
def test_sphinx_build_has_no_warnings(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html"]
    command += ["-d", str(tmp_path / "doctrees"), str(DOCS), str(tmp_path / "html")]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    for name in smsc.OPERATIONS:
        assert (tmp_path / "html" / "operations" / f"{name}.html").exists(), name


def test_curated_examples_name_real_operations() -> None:
    examples: Any = _load("operation_examples")
    assert set(examples.CURATED) <= set(smsc.OPERATIONS)
    for name, curated in examples.CURATED.items():
        for example in curated:
            operation = smsc.get_operation(name).bind(example.params)
            assert smsc.to_api(operation, smsc.from_api(operation, example.reply, strict=True)) == example.reply


def test_a_block_is_left_out_only_with_a_stated_reason(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "# Page\n\n<!-- docs-test: skip (needs an account) -->\n\n```python\na = 1\n```\n\n"
        "<!-- docs-test: skip -->\n```python\nb = 2\n```\n",
        encoding="utf-8",
    )
    assert [(block.code, block.skip) for block in blocks(page)] == [("a = 1", "needs an account"), ("b = 2", None)]


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

    tables: Any = _load("record_tables")
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


def test_the_quickstart_type_checks_with_no_any(tmp_path: Path) -> None:
    """Every quickstart example passes mypy --strict with no expression typed Any: each call the
    everyday tasks make returns a precise type."""
    for index, block in enumerate(blocks(ROOT / "docs" / "quickstart.md")):
        (tmp_path / f"block_{index}.py").write_text(block.code + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "mypy", "--strict", "--disallow-any-expr", "--no-incremental"]
    command += ["--cache-dir", str(tmp_path / "cache"), *sorted(str(path) for path in tmp_path.glob("block_*.py"))]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stdout

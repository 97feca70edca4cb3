"""The documentation cannot rot: its examples run here, its generated pages are checked here.

Every fenced ``python`` block of docs/**/*.md and README.md is a test. The blocks of one page
share a namespace, in order, like a reader going down the page: a block runs after the blocks
above it. A block under a ``{requires} <feature>`` directive (docs/_ext/features.py) is skipped
while the installed library lacks the feature, and runs as soon as it has it. The Sphinx build
itself is checked with warnings as errors when Sphinx is installed (the ``docs`` extra).
"""

from __future__ import annotations

import importlib.util
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


def load_extension(name: str) -> ModuleType:
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


features: Any = load_extension("features")


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


def _sphinx_missing() -> str | None:
    missing = [name for name in ("sphinx", "myst_parser", "furo") if importlib.util.find_spec(name) is None]
    return f"{', '.join(missing)} not installed (pip install -e '.[docs]')" if missing else None


@pytest.mark.skipif(_sphinx_missing() is not None, reason=_sphinx_missing() or "")
def test_sphinx_build_has_no_warnings(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html"]
    command += ["-d", str(tmp_path / "doctrees"), str(DOCS), str(tmp_path / "html")]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    for name in [*smsc.OPERATIONS, *smsc.FILE_OPERATIONS]:
        assert (tmp_path / "html" / "operations" / f"{name}.html").exists(), name


def test_a_block_is_left_out_only_with_a_stated_reason(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "# Page\n\n<!-- docs-test: skip (needs an account) -->\n\n```python\na = 1\n```\n\n"
        "<!-- docs-test: skip -->\n```python\nb = 2\n```\n",
        encoding="utf-8",
    )
    assert [(block.code, block.skip) for block in blocks(page)] == [("a = 1", "needs an account"), ("b = 2", None)]


def test_the_quickstart_type_checks_with_no_any(tmp_path: Path) -> None:
    """Every quickstart example passes mypy --strict with no expression typed Any: each call the
    everyday tasks make returns a precise type."""
    for index, block in enumerate(blocks(ROOT / "docs" / "quickstart.md")):
        (tmp_path / f"block_{index}.py").write_text(block.code + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "mypy", "--strict", "--disallow-any-expr", "--no-incremental"]
    command += ["--cache-dir", str(tmp_path / "cache"), *sorted(str(path) for path in tmp_path.glob("block_*.py"))]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stdout

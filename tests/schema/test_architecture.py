"""docs/architecture.md is true of the code: it names every module, and no module imports a
layer above its own (imports under ``TYPE_CHECKING`` aside: they are for the type checker)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.paths import ROOT

PACKAGE = ROOT / "smsc_formats"
PAGE = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")

LAYERS = (
    ("_exceptions", "_fault", "_fmt", "_grammar", "_public", "_version"),
    ("formats",),
    ("operations",),
    ("_reply",),
    ("_compiled", "_encoders", "_fast"),
    ("_codec",),
    ("_http", "_multipart", "_json_body", "_download"),
    ("channels",),
    ("transports", "web"),
    ("client", "testing", "_fake"),
    ("cli", "logs", "strategies"),
    ("", "_script_constants"),  # the package's __init__, and the names it exports for the scripts
)
"""The diagram of docs/architecture.md, bottom first: a module's layer is its top-level name's."""
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def rank(module: str) -> int:
    top = module.split(".")[1] if "." in module else ""
    return RANK[top]


def imports(module: str, path: Path) -> set[str]:
    """The package's modules that ``module`` imports, at run time."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(node)
        for branch in ast.walk(tree)
        if isinstance(branch, ast.If) and "TYPE_CHECKING" in ast.unparse(branch.test)
        for node in ast.walk(branch)
    }
    here = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom):
            base = here[: len(here) - node.level + 1] if node.level else []
            target = ".".join([*base, *([node.module] if node.module else [])])
            found |= {f"{target}.{alias.name}" for alias in node.names} if not node.module else {target}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return {name for name in found if name in MODULES}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_a_layer_above_its_own(module: str) -> None:
    above = sorted(name for name in imports(module, MODULES[module]) if rank(name) > rank(module))
    assert above == [], f"{module} (layer {rank(module)}) imports {above}"


def named_on_the_page() -> set[str]:
    """Each table row's first cell: paths, where a bare name after the first is in its folder."""
    named: set[str] = set()
    for row in re.findall(r"^\| (`[^|]+`) \|", PAGE, re.MULTILINE):
        names = re.findall(r"`([^`]+)`", row)
        folder = names[0].rpartition("/")[0]
        named |= {name if "/" in name or not folder else f"{folder}/{name}" for name in names}
    return named


def test_the_page_names_every_module_and_no_other() -> None:
    files = {path.relative_to(PACKAGE).as_posix() for path in MODULES.values()}
    named = named_on_the_page()
    assert sorted(files - named) == []  # a module the page does not place
    assert sorted(named - files) == []  # a module the page names that is gone


def test_every_layer_of_the_page_is_in_the_diagram() -> None:
    diagram = PAGE.split("```")[1]
    for names in LAYERS[:-1]:
        assert all(name in diagram for name in names), names


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_is_longer_than_400_lines(module: str) -> None:
    """Generated modules included: tools/typed_calls.py writes one module per script's module."""
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= 400, f"{module} has {lines} lines"

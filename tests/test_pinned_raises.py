"""Every ``pytest.raises`` in tests/ says which error it expects, not only its class: it has a
``match=``, or binds the error (``as caught``) and reads ``caught.value`` after the block.

A bare ``pytest.raises(DecodeError)`` passes on any decode error, including one raised for an
unrelated reason before the code under test is reached.
"""

from __future__ import annotations

import ast

import pytest

from tests.paths import ROOT

TESTS = ROOT / "tests"


def _is_raises(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "raises"


def unpinned(source: str) -> list[int]:
    """The lines of ``pytest.raises`` calls in ``source`` that pin nothing but the class."""
    tree = ast.parse(source)
    found: set[int] = set()  # a block in a nested function is walked from each function around it
    in_with = set()
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for block in ast.walk(function):
            if not isinstance(block, ast.With | ast.AsyncWith):
                continue
            for item in block.items:
                call = item.context_expr
                if not _is_raises(call):
                    continue
                assert isinstance(call, ast.Call)
                in_with.add(id(call))
                if any(keyword.arg == "match" for keyword in call.keywords):
                    continue
                name = item.optional_vars.id if isinstance(item.optional_vars, ast.Name) else None
                read = any(
                    isinstance(node, ast.Attribute)
                    and node.attr == "value"
                    and isinstance(node.value, ast.Name)
                    and node.value.id == name
                    and node.lineno > (block.end_lineno or block.lineno)
                    for node in ast.walk(function)
                )
                if not read:
                    found.add(call.lineno)
    found |= {
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and _is_raises(node) and id(node) not in in_with
    }
    return sorted(found)


def test_every_raises_in_the_tests_pins_its_error() -> None:
    files = sorted(TESTS.rglob("*.py"))
    assert len(files) > 50
    bare = [f"{path.relative_to(ROOT)}:{line}" for path in files for line in unpinned(path.read_text(encoding="utf-8"))]
    assert bare == []


@pytest.mark.parametrize(
    ("source", "lines"),
    [
        ("def test():\n    with pytest.raises(E):\n        f()\n", [2]),
        ("def test():\n    with pytest.raises(E) as caught:\n        f()\n    assert caught\n", [2]),
        ("def test():\n    with pytest.raises(E) as caught:\n        f()\n", [2]),
        ("def test():\n    context = pytest.raises(E)\n", [2]),
        ("def test():\n    with pytest.raises(E, match='x'):\n        f()\n", []),
        ("def test():\n    with pytest.raises(E) as caught:\n        f()\n    assert caught.value.field == 'x'\n", []),
        ("def test():\n    with a, pytest.raises(E) as caught:\n        f()\n    return caught.value\n", []),
    ],
)
def test_the_scan_tells_a_bare_raises_from_a_pinned_one(source: str, lines: list[int]) -> None:
    assert unpinned(source) == lines

"""Every declared operation says which request parameters it takes and how each part of its reply
is known, so its reference page can show both; these checks keep the declarations honest."""

from __future__ import annotations

from typing import Any

import pytest

import smsc_formats as smsc
from smsc_formats.operations import Operation, Source

EVERY_CALL = {"login", "psw", "apikey", "fmt", "charset"}
OPERATIONS = sorted(smsc.OPERATIONS)


def _shaping(operation: Operation[Any]) -> set[str]:
    names = {key for variant in operation.variants for key in variant.when}
    return names | ({operation.list_param} if operation.list_param else set())


@pytest.mark.parametrize("name", OPERATIONS)
def test_request_parameters_are_declared_once_each(name: str) -> None:
    operation = smsc.get_operation(name)
    names = [param.name for param in operation.request]
    assert len(names) == len(set(names)), f"{name} declares a parameter twice"
    assert not EVERY_CALL & set(names), "the parameters of every call are not repeated per operation"
    assert all(param.meaning.strip() for param in operation.request)


@pytest.mark.parametrize("name", OPERATIONS)
def test_options_that_shape_the_reply_are_declared_parameters(name: str) -> None:
    operation = smsc.get_operation(name)
    assert _shaping(operation) <= {param.name for param in operation.request}


@pytest.mark.parametrize("name", OPERATIONS)
def test_every_reply_has_its_evidence(name: str) -> None:
    operation = smsc.get_operation(name)
    assert operation.evidence, f"{name} says nothing of how its reply is known"
    parts = [item.part for item in operation.evidence]
    assert len(parts) == len(set(parts)), f"{name} lists a part twice"
    for item in operation.evidence:
        assert isinstance(item.source, Source)
        assert item.part.strip(), item
        assert item.where.strip(), item


@pytest.mark.parametrize("name", OPERATIONS)
def test_the_error_reply_is_accounted_for(name: str) -> None:
    """Each operation's evidence covers its error replies as well as its success shape."""
    operation = smsc.get_operation(name)
    assert any("rror" in item.part for item in operation.evidence), name

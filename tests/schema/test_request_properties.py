"""Properties of typed requests, for every operation: a valid request is accepted and written in the
API's form; a mutated one is refused before any byte is sent."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import smsc_formats as smsc
from smsc_formats.operations import OPERATIONS, Operation
from smsc_formats.strategies import request_values, requests
from smsc_formats.transports import MockTransport

ALL = pytest.mark.parametrize("operation", list(OPERATIONS.values()), ids=list(OPERATIONS))
EACH = settings(max_examples=min(settings().max_examples, 50))
"""Per operation and parameter: 46 operations, 145 parameters; 50 requests each is several
thousand per run, which keeps the whole suite within CI's time on two cores."""
CREDENTIALS = smsc.Credentials.api_key("key")


def _never(request: smsc.HttpRequest) -> smsc.HttpResponse:
    raise AssertionError(f"a refused request reached the transport: {request.endpoint}")


@ALL
@EACH
@given(data=st.data())
def test_every_valid_request_is_accepted_and_written_in_the_apis_form(
    operation: Operation[Any], data: st.DataObject
) -> None:
    options = data.draw(requests(operation), label="options")
    bound = operation(**options)
    request = smsc.build_request(bound, credentials=CREDENTIALS)
    declared = {param.name: param for param in operation.request}
    sent = dict(request.fields)
    assert set(options) <= set(sent)
    for name, value in bound.params.items():
        kind = declared[name].type
        written = bound.form[name]
        assert sent[name] == written
        assert kind.write(value) == written  # the normalised value, written by its type
        assert kind.write(kind.normalise(written)) == written  # the API's spelling reads back as itself
    assert operation(**bound.params).form == bound.form  # normalising twice changes nothing


@ALL
@EACH
@given(data=st.data())
def test_a_misspelt_name_is_refused_before_sending(operation: Operation[Any], data: st.DataObject) -> None:
    options = data.draw(requests(operation), label="options")
    declared = {param.name for param in operation.request}
    name = data.draw(st.sampled_from(sorted(declared)) if declared else st.just("opt"), label="name")
    typo = data.draw(st.sampled_from([name + "s", name[:-1] or "x", name.upper(), "x" + name]), label="typo")
    if typo in declared or typo in operation.flags:
        typo = typo + "_"
    transport = MockTransport(_never)
    with pytest.raises(smsc.RequestError, match=rf"^{operation.name}: {re.escape(repr(typo))}: "):
        smsc.Client(CREDENTIALS, transport, hosts=["http://127.0.0.1:9/"]).call(operation(**{**options, typo: "1"}))
    assert transport.requests == []


_WRONG = st.sampled_from([None, object(), b"7999", float("nan"), 1.5, [None], {"a": 1}, "\x00"])


@ALL
@EACH
@given(data=st.data())
def test_a_value_of_the_wrong_type_is_refused_before_sending(operation: Operation[Any], data: st.DataObject) -> None:
    if not operation.request:
        return
    param = data.draw(st.sampled_from(operation.request), label="param")
    wrong = data.draw(_WRONG, label="wrong")  # no parameter of the API takes any of these
    quoted = re.escape(repr(param.name))
    with pytest.raises(smsc.RequestError, match=rf"^{operation.name}: {quoted}: expected ") as caught:
        operation(**{param.name: wrong})
    assert caught.value.param == param.name


@ALL
@EACH
@given(data=st.data())
def test_a_request_missing_a_required_parameter_is_refused_before_sending(
    operation: Operation[Any], data: st.DataObject
) -> None:
    required = [param for param in operation.request if param.required]
    if not required:
        return
    options = data.draw(requests(operation), label="options")
    param = data.draw(st.sampled_from(required), label="param")
    kept = {name: value for name, value in options.items() if name not in (param.name, *param.either)}
    group = {param.name, *param.either}  # the group's first parameter is the one named
    named = next(p.name for p in operation.request if p.required and p.name in group)
    transport = MockTransport(_never)
    with pytest.raises(smsc.RequestError, match=rf"^{operation.name}: {re.escape(repr(named))}: required"):
        smsc.Client(CREDENTIALS, transport, hosts=["http://127.0.0.1:9/"]).call(operation(**kept))
    assert transport.requests == []


_PARAMS = {(op.name, param.name): param for op in OPERATIONS.values() for param in op.request}


@pytest.mark.parametrize("param", list(_PARAMS.values()), ids=[f"{op}.{name}" for op, name in _PARAMS])
@EACH
@given(data=st.data())
def test_every_parameters_drawn_values_are_taken_by_its_type(param: Any, data: st.DataObject) -> None:
    value = data.draw(request_values(param.type), label="value")
    written = param.type.write(param.type.normalise(value))
    assert param.type.write(param.type.normalise(written)) == written

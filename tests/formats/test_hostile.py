"""Hostile replies: each is decoded correctly or refused with a DecodeError, within bounds.

Bounds, per decode, at the default limits: at most ``SECONDS`` of wall time and at most
``PYTHON_MEMORY`` of peak Python allocation (tracemalloc; lxml's own C memory is not traced, and
is bounded by ``DecodeLimits.max_body_bytes``). Both are generous so that they hold on a loaded
two-core machine; docs/reliability.md states them. Nothing is ever fetched or read from disk.
"""

from __future__ import annotations

import errno
import socket
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

import smsc_formats as smsc
from smsc_formats import DecodeError, DecodeLimits, OperatorInfo
from smsc_formats._fault import Fault
from smsc_formats.formats import Body, xml

SECONDS = 5.0
PYTHON_MEMORY = 64 * 2**20

OP = smsc.GET_OPERATOR
INFO = OperatorInfo(country="Россия", operator="МТС", region="Москва", mcc="250", mnc="01", tz="3")
TEXT = "country = Россия, operator = МТС, region = Москва, mcc = 250, mnc = 01, tz = 3"
XML_FIELDS = (
    "<country>Россия</country><operator>МТС</operator><region>Москва</region><mcc>250</mcc><mnc>01</mnc><tz>3</tz>"
)
JSON_FIELDS = '"country": "Россия", "operator": "МТС", "region": "Москва", "mcc": "250", "mnc": "01", "tz": "3"'


def bounded(body: bytes | bytearray | memoryview, fmt: int | str, *, charset: str = "utf-8", **options: Any) -> object:
    """The decoded reply or the DecodeError, after checking the time and memory it took."""
    return _within_bounds(lambda: smsc.decode(OP, body, fmt=fmt, charset=charset, **options))  # type: ignore[arg-type]


def parsed(body: bytes, charset: str) -> object:
    """The XML codec alone, under a charset that ``decode`` refuses before reading the body (UTF-16,
    which hides a DOCTYPE from the byte search): the parser's own defences, within the same bounds."""
    return _within_bounds(lambda: xml.decode(Body(body, charset), OP.reply_record.layout))


def _within_bounds(run: Callable[[], object]) -> object:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = run()
    except (DecodeError, Fault) as exc:
        result = exc
    finally:
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert elapsed < SECONDS, f"{elapsed:.2f} s"
    assert peak < PYTHON_MEMORY, f"{peak / 2**20:.1f} MiB"
    return result


def refused(body: bytes | bytearray | memoryview, fmt: int | str, expected: str, **options: Any) -> DecodeError:
    result = bounded(body, fmt, **options)
    assert isinstance(result, DecodeError), result
    assert expected in result.expected
    return result


# -- XML: entities, DTDs, nesting, text ---------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE info [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<info><country>&lol9;</country></info>"""

QUADRATIC_BLOWUP = (
    b'<?xml version="1.0"?><!DOCTYPE info [<!ENTITY a "' + b"x" * 100_000 + b'">]><info><country>'
    + b"&a;" * 100_000 + b"</country></info>"
)  # fmt: skip


def utf16(xml: str) -> bytes:
    """The same document in UTF-16, where a byte search for ``<!DOCTYPE`` finds nothing."""
    return xml.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")


@pytest.mark.parametrize("body", [BILLION_LAUGHS, QUADRATIC_BLOWUP], ids=["billion-laughs", "quadratic-blowup"])
def test_entity_expansion_is_refused(body: bytes) -> None:
    refused(body, 2, "DOCTYPE")
    refused(body, "auto", "DOCTYPE")


@pytest.mark.parametrize("body", [BILLION_LAUGHS, QUADRATIC_BLOWUP], ids=["billion-laughs", "quadratic-blowup"])
def test_entity_expansion_hidden_by_an_encoding_is_refused_unexpanded(body: bytes) -> None:
    assert isinstance(parsed(utf16(body.decode()), "utf-16"), Fault)


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("TOP-SECRET-CONTENT", encoding="ascii")
    return path


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A loopback port nobody should connect to."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        server.setblocking(False)
        yield server


def _url(server: socket.socket) -> str:
    host, port = server.getsockname()
    return f"http://{host}:{port}/x"


def _external_documents(file_url: str, http_url: str) -> list[str]:
    info = f"<info>{XML_FIELDS}</info>"
    return [
        f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE info [<!ENTITY e SYSTEM "{file_url}">]>'
        f"<info><country>&e;</country></info>",
        f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE info [<!ENTITY e SYSTEM "{http_url}">]>'
        f"<info><country>&e;</country></info>",
        f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE info SYSTEM "{file_url}">{info}',
        f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE info SYSTEM "{http_url}">{info}',
        f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE info [<!ENTITY % p SYSTEM "{http_url}"> %p;]>{info}',
        f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE info [<!ENTITY % p SYSTEM "{file_url}"> %p;]>{info}',
    ]


def test_external_entities_and_dtds_are_never_fetched_or_read(secret_file: Path, listener: socket.socket) -> None:
    """The file is no valid DTD: had lxml read it, the error would be its content error, not ours.

    In UTF-16, which the XML codec is given alone, the DOCTYPE gets past the byte check to the
    parser itself.
    """
    for document in _external_documents(secret_file.as_uri(), _url(listener)):
        error = refused(document.encode(), 2, "DOCTYPE")
        assert "TOP-SECRET" not in str(error)
        fault = parsed(utf16(document), "utf-16")
        assert isinstance(fault, Fault)
        assert "DOCTYPE" in fault.expected
        assert "TOP-SECRET" not in str(fault)
    with pytest.raises(BlockingIOError) as caught:
        listener.accept()  # no connection ever arrived
    assert caught.value.errno == errno.EWOULDBLOCK


def test_the_file_check_would_see_a_read(secret_file: Path) -> None:
    """Control: a parser that resolves entities does put the file's text in the document."""
    document = _external_documents(secret_file.as_uri(), "http://127.0.0.1:9/x")[0]
    permissive = etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=True)
    assert "TOP-SECRET" in etree.tostring(etree.fromstring(document.encode(), permissive)).decode()


def test_xinclude_is_not_processed(secret_file: Path) -> None:
    body = (
        f'<info xmlns:xi="http://www.w3.org/2001/XInclude">{XML_FIELDS}'
        f'<xi:include href="{secret_file.as_uri()}" parse="text"/></info>'
    ).encode()
    reply = bounded(body, 2)
    assert isinstance(reply, OperatorInfo)
    assert "TOP-SECRET" not in repr(reply)


@pytest.mark.parametrize("depth", [33, 300, 100_000])
def test_deep_xml_nesting_is_refused_by_the_depth_limit(depth: int) -> None:
    body = b"<info>" + b"<a>" * depth + b"</a>" * depth + b"</info>"
    error = refused(body, 2, "DecodeLimits.max_depth")
    assert "32" in error.expected


def test_xml_depth_limit_is_configurable() -> None:
    body = b"<list><info>" + b"<a>" * 5 + b"</a>" * 5 + b"</info></list>"
    refused(body, 2, "nesting at most 4 levels deep", limits=DecodeLimits(max_depth=4))
    refused(body, 2, "text in <a>", limits=DecodeLimits(max_depth=7))  # within the limit: a schema error


def test_huge_xml_text_node_is_decoded_whole() -> None:
    region = "Москва" * 500_000  # 6 MB of UTF-8
    body = f"<info>{XML_FIELDS.replace('Москва', region)}</info>".encode()
    reply = bounded(body, 2)
    assert isinstance(reply, OperatorInfo)
    assert reply.region == region


def test_xml_text_node_beyond_lxml_s_bound_is_refused() -> None:
    body = f"<info><country>{'x' * 11_000_000}</country></info>".encode()
    refused(body, 2, "well-formed XML", limits=DecodeLimits(max_body_bytes=12_000_000))


@pytest.mark.parametrize(
    "body",
    [
        f"<?pi before?><!-- c --><info>{XML_FIELDS}</info><!-- after --><?pi after?>",
        f"<info><!-- c -->{XML_FIELDS.replace('</mcc>', '</mcc><?pi x?><!-- c -->')}</info>",
        f"<info>{XML_FIELDS.replace('Россия', 'Ро<!-- c -->сс<?pi x?>ия')}</info>",
        f"<info>{XML_FIELDS.replace('Россия', 'Ро<![CDATA[сс]]>ия')}</info>",
        f"<info>{XML_FIELDS.replace('Россия', '<![CDATA[Россия]]>')}</info>",
        f"<info>{XML_FIELDS.replace('Россия', '<![CDATA[]]>Россия<![CDATA[]]>')}</info>",
        f'<?xml version="1.0" encoding="UTF-8"?>\n<!-- c -->\n<info>\n{XML_FIELDS}\n</info>\n<!-- c -->',
    ],
    ids=["around-root", "between-fields", "inside-text", "cdata-inside-text", "cdata-whole", "empty-cdata", "lines"],
)
def test_comments_pis_and_cdata_anywhere_keep_the_text(body: str) -> None:
    assert bounded(body.encode(), 2) == INFO


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (f"<info><![CDATA[stray]]>{XML_FIELDS}</info>", "only elements inside <info>, found text"),
        (f"<info>{XML_FIELDS}<![CDATA[stray]]></info>", "only elements inside <info>, found text"),
        (f"<![CDATA[x]]><info>{XML_FIELDS}</info>", "well-formed XML (StartTag: invalid element name)"),
        (
            f"<info>{XML_FIELDS}</info><?xml version='1.0'?>",
            "XML declaration allowed only at the start",
        ),
    ],
    ids=["cdata-before-fields", "cdata-after-fields", "cdata-before-root", "declaration-after-root"],
)
def test_text_where_no_text_belongs_is_refused(body: str, expected: str) -> None:
    refused(body.encode(), 2, expected)


# -- every format: size, lines, records ---------------------------------------------------------


@pytest.mark.parametrize("fmt", [0, 1, 2, 3, "auto"])
def test_enormous_body_is_refused_before_it_is_read(fmt: int | str) -> None:
    body = b"x" * (DecodeLimits().max_body_bytes + 1)
    error = refused(body, fmt, "DecodeLimits.max_body_bytes")
    assert str(len(body)) in error.expected
    refused(bytearray(b"x" * 11), fmt, "DecodeLimits.max_body_bytes", limits=DecodeLimits(max_body_bytes=10))
    refused(memoryview(b"x" * 11), fmt, "DecodeLimits.max_body_bytes", limits=DecodeLimits(max_body_bytes=10))


@pytest.mark.parametrize("fmt", [0, 1])
def test_very_long_line_is_refused(fmt: int) -> None:
    line = "x" * (DecodeLimits().max_line_length + 1)
    body = (TEXT if fmt == 0 else "Россия,МТС,Москва,250,01,3").encode() + b"\n" + line.encode()
    error = refused(body, fmt, "DecodeLimits.max_line_length")
    assert error.line == 2
    refused(b"x" * 11, fmt, "lines of at most 10 characters", limits=DecodeLimits(max_line_length=10))


def test_long_line_within_the_limit_is_decoded() -> None:
    region = "ф" * 500_000
    reply = bounded(TEXT.replace("Москва", region).encode(), 0)
    assert isinstance(reply, OperatorInfo)
    assert reply.region == region


@pytest.mark.parametrize("fmt", [0, 1])
def test_too_many_lines_are_refused_before_any_is_read(fmt: int) -> None:
    line = (TEXT if fmt == 0 else "Россия,МТС,Москва,250,01,3").encode()
    several = OP(phone="79990000001,79990000002")
    limits = DecodeLimits(max_records=3)
    assert len(smsc.decode(several, b"\n".join([line] * 3), fmt=fmt, limits=limits)) == 3  # type: ignore[arg-type]
    refused(b"\n".join([line] * 4), fmt, "at most 3 records (DecodeLimits.max_records)", limits=limits)
    refused(b"\n\n".join([b"broken"] * (DecodeLimits().max_records + 1)), fmt, "DecodeLimits.max_records")


def test_blank_lines_are_not_records() -> None:
    body = TEXT.encode() + b"\n \r\n\t\n" * 100_000 + TEXT.encode()
    reply = bounded(body, 0, limits=DecodeLimits(max_records=2))
    assert reply == [INFO, INFO]


def test_too_many_xml_and_json_records_are_refused() -> None:
    limits = DecodeLimits(max_records=2)
    xml = f"<list>{f'<info>{XML_FIELDS}</info>' * 3}</list>".encode()
    json = ("[" + ", ".join([f"{{{JSON_FIELDS}}}"] * 3) + "]").encode()
    for body, fmt in ((xml, 2), (json, 3), (xml, "auto"), (json, "auto")):
        refused(body, fmt, "DecodeLimits.max_records", limits=limits)


def test_many_small_xml_elements_are_refused_by_count() -> None:
    body = b"<list>" + b"<info/>" * 200_000 + b"</list>"
    refused(body, 2, "DecodeLimits.max_records")


@pytest.mark.parametrize("value", [0, -1, True, 1.5, "10"])
def test_limits_must_be_positive_integers(value: object) -> None:
    with pytest.raises(ValueError, match="max_records"):
        DecodeLimits(max_records=value)  # type: ignore[arg-type]


def test_depth_limit_cannot_exceed_what_lxml_allows() -> None:
    assert DecodeLimits(max_depth=256).max_depth == 256
    with pytest.raises(ValueError, match="at most 256"):
        DecodeLimits(max_depth=257)


# -- JSON ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [33, 5_000, 1_000_000])
def test_deep_json_nesting_is_refused_by_the_depth_limit(depth: int) -> None:
    bare = b"[" * depth + b"]" * depth
    inside = b"{" + JSON_FIELDS.encode() + b', "deep": ' + bare + b"}"
    for body in (bare, inside):
        refused(body, 3, "DecodeLimits.max_depth")


def test_unclosed_json_nesting_is_refused_by_the_depth_limit() -> None:
    refused(b"[" * 1_000_000, 3, "DecodeLimits.max_depth")
    refused(b'{"a": ' * 1_000_000, 3, "DecodeLimits.max_depth")


def test_json_depth_limit_is_configurable() -> None:
    body = b"{" + JSON_FIELDS.encode() + b', "deep": [[[]]]}'
    assert isinstance(bounded(body, 3, limits=DecodeLimits(max_depth=4)), OperatorInfo)
    refused(body, 3, "nesting at most 3 levels deep", limits=DecodeLimits(max_depth=3))


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (b"1" * 5000, "an integer of at most 640 digits, found 5000"),
        (b"-" + b"9" * 100_000, "an integer of at most 640 digits, found 100000"),
        (b"NaN", "a JSON number, found NaN"),
        (b"Infinity", "a JSON number, found Infinity"),
        (b"-Infinity", "a JSON number, found -Infinity"),
    ],
)
def test_unreadable_numbers_are_refused(number: bytes, expected: str) -> None:
    refused(b'{"error": "x", "error_code": ' + number + b"}", 3, expected)
    refused(b"{" + JSON_FIELDS.encode() + b', "n": ' + number + b"}", 3, expected)


ERROR_LINE = "an error line 'ERROR = N (description)' with an optional ', ID - <id>'"


@pytest.mark.parametrize(
    ("body", "fmt", "expected"),
    [
        (b'{"error": "x", "error_code": "' + b"1" * 5000 + b'"}', 3, 'integers in "error_code" and "id"'),
        (b'{"error": "x", "error_code": ' + b"1" * 20 + b"}", 3, 'integers in "error_code" and "id"'),
        (
            b"<result><error>x</error><error_code>" + b"1" * 5000 + b"</error_code></result>",
            2,
            "an integer in <error_code> and <id>",
        ),
        (b"ERROR = " + b"1" * 5000 + b" (x)", 0, ERROR_LINE),
        (b"0,-" + b"1" * 5000, 1, "6 or 7 comma-separated values, found 2"),  # no error line: read as a record
        (b"ERROR = 1 (x), ID - " + b"1" * 5000, 0, ERROR_LINE),
    ],
    ids=["json", "json-number", "xml", "text", "csv", "text-id"],
)
def test_error_codes_beyond_19_digits_are_refused(body: bytes, fmt: int, expected: str) -> None:
    refused(body, fmt, expected)


def test_exponents_beyond_decimal_are_refused() -> None:
    refused(b'{"error": "x", "error_code": 1, "id": 1e' + b"9" * 40 + b"}", 3, "an exponent Decimal can hold")
    refused(b"{" + JSON_FIELDS.encode() + b', "n": -1.5E-' + b"9" * 40 + b"}", 3, "an exponent Decimal can hold")


def test_huge_exponents_are_kept_as_written() -> None:
    reply = bounded(b"{" + JSON_FIELDS.replace('"3"', "1e999999999").encode() + b"}", 3)
    assert isinstance(reply, OperatorInfo)
    assert reply.tz == "1E+999999999"
    assert smsc.decode(OP, smsc.encode(OP, reply, fmt=3), fmt=3) == reply


@pytest.mark.parametrize(
    ("body", "key"),
    [
        (b'{"country": "a", ' + JSON_FIELDS.encode() + b"}", "'country'"),
        (b"[{" + JSON_FIELDS.encode() + b', "x": {"k": 1, "k": 2}}]', "'k'"),
        (b'{"error": "a", "error": "b", "error_code": 3}', "'error'"),
    ],
)
def test_duplicate_json_keys_are_refused_not_dropped(body: bytes, key: str) -> None:
    refused(body, 3, f"each key once in an object, found {key} again")


def test_duplicate_keys_are_refused_in_every_format() -> None:
    refused((TEXT + ", mcc = 251").encode(), 0, "'mcc' again")
    refused(f"<info>{XML_FIELDS}<mcc>251</mcc></info>".encode(), 2, "<mcc> again")


def test_lone_surrogates_are_refused() -> None:
    for escaped in (rb"\ud800", rb"\udfff", rb"x\ud83dy"):
        refused(b"{" + JSON_FIELDS.encode().replace("Москва".encode(), escaped) + b"}", 3, "lone surrogates")
    refused(b"country = \xed\xa0\x80", 0, "text in utf-8")  # a surrogate encoded in UTF-8
    utf7 = b'{"country": "+2AA-", "operator": "", "region": "", "mcc": "", "mnc": "", "tz": ""}'  # utf-7 decodes one
    refused(utf7, 3, "a text charset", charset="utf-7")  # utf-7 rewrites ASCII, so it is no text charset at all
    refused(f"<info>{XML_FIELDS.replace('Москва', '&#xD800;')}</info>".encode(), 2, "well-formed XML")


def test_surrogate_pairs_are_one_character() -> None:
    reply = bounded(b"{" + JSON_FIELDS.encode().replace("Москва".encode(), rb"\ud83d\ude00") + b"}", 3)
    assert isinstance(reply, OperatorInfo)
    assert reply.region == "\U0001f600"


# -- text: charsets, NUL, BOM -------------------------------------------------------------------


@pytest.mark.parametrize("fmt", [0, 1, 3, "auto"])
def test_invalid_utf8_is_refused_at_its_byte(fmt: int | str) -> None:
    body = TEXT.encode().replace("МТС".encode(), b"\xff\xfe")
    error = refused(body, fmt, "found byte 0xff")
    assert str(body.index(b"\xff")) in error.expected


def test_invalid_utf8_in_xml_is_refused() -> None:
    refused(f"<info>{XML_FIELDS}</info>".encode().replace("МТС".encode(), b"\xff"), 2, "well-formed XML")


def test_mixed_charsets_are_refused_in_utf8_and_read_as_asked_otherwise() -> None:
    body = "country = Россия, operator = ".encode() + "МТС, region = Москва".encode("windows-1251") + b", mcc = 1"
    refused(body, 0, "text in utf-8")
    reply = bounded(body + b", mnc = 2, tz = 3", 0, charset="windows-1251")
    assert isinstance(reply, OperatorInfo)
    assert reply.operator == "МТС"
    assert reply.country == "Россия".encode().decode("windows-1251")  # what the asked-for charset says


@pytest.mark.parametrize("fmt", [0, 1])
def test_nul_bytes_in_text_values_are_kept(fmt: int) -> None:
    body = (TEXT if fmt == 0 else "Россия,МТС,Москва,250,01,3").replace("МТС", "М\x00С").encode()
    reply = bounded(body, fmt)
    assert isinstance(reply, OperatorInfo)
    assert reply.operator == "М\x00С"
    assert smsc.encode(OP, reply, fmt=fmt) == body


def test_nul_bytes_are_refused_where_the_format_forbids_them() -> None:
    refused(b'{"country": "a\x00"}', 3, "Invalid control character")
    error = refused(f"<info>{XML_FIELDS}</info>".replace("МТС", "М\x00С").encode(), 2, "well-formed XML")
    assert "\n" not in str(error)  # one line, as the CLI prints it
    reply = bounded(b"{" + JSON_FIELDS.replace("МТС", "М\\u0000С").encode() + b"}", 3)
    assert isinstance(reply, OperatorInfo)
    assert reply.operator == "М\x00С"  # JSON's escape is a character like any other


def test_bom_in_the_middle_is_a_character_not_a_marker() -> None:
    bom = "\ufeff"
    reply = bounded(TEXT.replace("МТС", f"М{bom}С").encode(), 0)
    assert isinstance(reply, OperatorInfo)
    assert reply.operator == f"М{bom}С"
    refused(f"{TEXT}\n{bom}{TEXT}".encode(), 0, "'key = value' at the start of the line")
    refused(f"{bom}{bom}{TEXT}".encode(), 0, "'key = value'")
    refused(f"{{{JSON_FIELDS.replace(', ', f', {bom}', 1)}}}".encode(), 3, "JSON")
    refused(f"<info>{bom}{XML_FIELDS}</info>".encode(), 2, "only elements inside <info>")


def test_control_characters_and_odd_spaces_in_text_values_round_trip() -> None:
    odd = "М\x01\x7f\u2028\u00a0С"
    reply = bounded(TEXT.replace("МТС", odd).encode(), 0)
    assert isinstance(reply, OperatorInfo)
    assert reply.operator == odd

"""fmt=2: one element per record, its fields as child elements; several records in a list element.

Parsed by lxml with entity resolution, DTD loading and network access off; a body with a
DOCTYPE is refused before parsing (and after, should its encoding hide it from the first check),
so nothing is ever fetched, read from disk or expanded. Nesting deeper than
``DecodeLimits.max_depth`` is refused. The request's charset decides the encoding, whatever an XML
declaration says.

Accepted: an XML declaration, glued to the root or not; any white space between elements;
comments, processing instructions and CDATA; the record element alone or inside the list
element, or several record elements with no list element around them, with the operation's
fields in any order; a field standing as a sibling just before
its record; the error reply ``<result><error>…</error><error_code>N</error_code></result>``
with an optional ``<id>``.

Written: no declaration, one element per line, ``&``, ``<`` and ``>`` escaped; a field that is
the element's own text is written so only when it is the record's only field, else as a child. Refused: a
character XML 1.0 cannot carry (control characters, lone surrogates) and CR, which parsers turn
into LF; a field name that is not an XML name.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable, Sequence
from typing import Any

from .._fault import Fault
from .._fmt import Fmt
from .._grammar import INTEGER, XML_FORBIDDEN
from ._body import Body
from ._capabilities import Capabilities
from ._raw import FastWriter, Layout, Pairs, RawError, RawRecord, RawReply

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_DECLARATION = re.compile(rb"\A<\?xml[^>]*\?>")
_parsers = threading.local()

CAPABILITIES = Capabilities(
    fmt=Fmt.XML,
    error_description=True,
    empty_is_absent=False,
    marks_lists=True,
    typed_values=False,
    own_names=False,
    positional=False,
    line_records=False,
    sentences=False,
    server_default=False,
    opens=b"<",
    error_opens=b"<",
    forbidden=XML_FORBIDDEN,
)


@functools.cache
def _lxml() -> Any:
    """lxml's ``etree``, imported on the first parse: what the format can say, and its encoder,
    need no parser."""
    from lxml import etree

    return etree


@functools.cache
def _no_external_resources() -> Any:
    """A resolver class by which every external DTD or entity reads as empty: libxml2 opens no
    file and no URL, even for a DOCTYPE in an encoding that the byte check cannot see (which is
    then refused)."""

    class NoExternalResources(_lxml().Resolver):  # type: ignore[misc]
        def resolve(self, system_url: str | None, public_id: str | None, context: object) -> Any:
            return self.resolve_string("", context)

    return NoExternalResources


def _parser(charset: str) -> Any:
    """One hardened parser per charset and thread (lxml parsers are not shared across threads)."""
    cache: dict[str, Any] = _parsers.__dict__.setdefault("by_charset", {})
    parser = cache.get(charset)
    if parser is None:
        parser = _lxml().XMLParser(
            encoding=charset,
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            dtd_validation=False,
            remove_comments=True,
            remove_pis=True,
            huge_tree=False,
            collect_ids=False,
        )
        parser.resolvers.add(_no_external_resources()())
        cache[charset] = parser
    return parser


def parse_hardened(body: Body, wrapper: str | None = None) -> Any:
    """The root element, parsed as the module's docstring says (SOAP envelopes use it too); with a
    ``wrapper``, several root elements are read as its children."""
    if b"<!DOCTYPE" in body.data or b"<!ENTITY" in body.data:
        raise Fault("an XML reply without a DOCTYPE or entity declarations")
    etree = _lxml()
    wrapped = False
    try:
        try:
            root = etree.fromstring(body.data, _parser(body.charset))
        except etree.XMLSyntaxError as exc:
            if wrapper is None or exc.code != etree.ErrorTypes.ERR_DOCUMENT_END:
                raise
            wrapped = True
            root = _wrapped(body, wrapper)
    except etree.XMLSyntaxError as exc:
        if exc.code == etree.ErrorTypes.ERR_RESOURCE_LIMIT and "depth" in exc.msg:  # lxml's bound: 256
            raise body.limits.exceeded("max_depth") from None
        line, column = exc.position
        if wrapped and line == 1:  # the wrapper's opening tag stands before the reply's first line
            column -= len(f"<{wrapper}>")
        # libxml2's message ends with its own position, which counts the wrapper: the fault has
        # the reply's. The message may hold a line break; ours are one line.
        message = " ".join(_POSITION.sub("", exc.msg).split())
        raise Fault(f"well-formed XML ({message})", line=line or 1, column=column or 1) from None
    except LookupError:
        raise Fault(f"a charset lxml knows, not {body.charset!r}") from None
    if root.getroottree().docinfo.doctype:
        raise Fault("an XML reply without a DOCTYPE or entity declarations")
    if root.xpath(f"boolean({'/*' * (body.limits.max_depth + int(wrapped) + 1)})"):
        raise body.limits.exceeded("max_depth")
    return root


_POSITION = re.compile(r", line \d+, column \d+\s*\Z")
"""The end of libxml2's message: the position, which the fault carries itself."""


def _wrapped(body: Body, wrapper: str) -> Any:
    """Sibling root elements (a list sent without its list element) parsed inside ``<wrapper>``.

    An XML declaration is blanked, so lines stay those of the reply, and columns too past the
    wrapper's opening tag on the first line. A reply that does not parse so is parsed again with
    the wrapper left open, which always fails: libxml2 then stops at the same fault inside the
    reply, or at the reply's end where a record is left open, not at the closing tag that is no
    part of the reply (nor names it).
    """
    etree = _lxml()
    data = _DECLARATION.sub(lambda match: b" " * len(match[0]), body.data, count=1)
    opened = f"<{wrapper}>".encode(body.charset) + data
    try:
        return etree.fromstring(opened + f"</{wrapper}>".encode(body.charset), _parser(body.charset))
    except etree.XMLSyntaxError:
        return etree.fromstring(opened, _parser(body.charset))


def decode(body: Body, layout: Layout) -> RawReply | RawError:
    root = parse_hardened(body, layout.xml_list)
    error = _read_error(root)
    if error is not None:
        return error
    if root.tag == layout.xml_record:
        return RawReply([_read_record(root, layout.xml_text)], listed=False, lines=[root.sourceline])
    if root.tag != layout.xml_list:
        raise Fault(f"<{layout.xml_record}> or <{layout.xml_list}>, found <{root.tag}>", line=root.sourceline)
    body.limits.check("max_records", int(root.xpath(f"count({layout.xml_record})")))  # before any is read
    records: list[RawRecord] = []
    lines: list[int | None] = []
    pending: RawRecord = {}
    _no_text(root)
    for child in root:
        if child.tag == layout.xml_record:
            records.append({**pending, **_read_record(child, layout.xml_text)})
            lines.append(child.sourceline)
            pending = {}
        else:
            pending[child.tag] = _read_value(child)
    if pending:
        raise Fault(f"<{layout.xml_record}> after <{next(iter(pending))}>", line=root.sourceline)
    return RawReply(records, listed=True, lines=lines)


def _read_record(element: Any, text_field: str | None = None) -> RawRecord:
    """The fields of one record, refusing nested elements and stray text (in one pass: hot)."""
    record: RawRecord = {}
    if text_field is not None and (not len(element) or (element.text and not element.text.isspace())):
        record[text_field] = element.text or ""  # <result></result> holds an empty value
        element.text = None
    text = element.text
    if text and not text.isspace():
        raise Fault(f"only elements inside <{element.tag}>, found text", line=element.sourceline)
    for child in element:
        tag, tail = child.tag, child.tail
        if tag in record:
            raise Fault(f"each field once, found <{tag}> again", line=child.sourceline)
        if tail and not tail.isspace():
            raise Fault(f"only elements inside <{element.tag}>, found text", line=element.sourceline)
        record[tag] = _read_value(child)
    return record


def _read_value(element: Any) -> str:
    if len(element):
        raise Fault(f"text in <{element.tag}>, found element <{element[0].tag}>", line=element.sourceline)
    text: str | None = element.text
    return text or ""


def _no_text(element: Any) -> None:
    """Text between a record's fields would be lost: refuse it."""
    stray = [element.text, *(child.tail for child in element)]
    if any(text and not text.isspace() for text in stray):
        raise Fault(f"only elements inside <{element.tag}>, found text", line=element.sourceline)


def _read_error(root: Any) -> RawError | None:
    if root.tag != "result" or root.find("error_code") is None:
        return None
    fields = _read_record(root)
    unknown = set(fields) - {"error", "error_code", "id"}
    if unknown:
        raise Fault(f"<error>, <error_code> and <id> in an error reply, found <{min(unknown)}>", line=root.sourceline)
    code, message_id = fields["error_code"], fields.get("id") or None
    if not INTEGER.fullmatch(code) or not (message_id is None or INTEGER.fullmatch(message_id)):
        raise Fault("an integer in <error_code> and <id>", line=root.sourceline)
    return RawError(int(code), fields.get("error"), None if message_id is None else int(message_id))


def _element(tag: str, value: str) -> str:
    if not _NAME.fullmatch(tag) or tag.lower().startswith("xml"):
        raise Fault("a field name that is an XML element name", field=tag)
    if XML_FORBIDDEN.search(value):
        raise Fault("a value without control characters, CR or lone surrogates", field=tag)
    text = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"<{tag}>{text}</{tag}>"


def _encode_record(record: RawRecord, tag: str, text_field: str | None = None) -> str:
    if text_field is not None and set(record) == {text_field}:
        return _element(tag, record[text_field])
    inner = "\n".join(_element(key, value) for key, value in record.items())
    return f"<{tag}>\n{inner}\n</{tag}>" if inner else f"<{tag}>\n</{tag}>"


def encode(records: Sequence[RawRecord], layout: Layout, *, listed: bool) -> str:
    if not listed:
        return _encode_record(records[0], layout.xml_record, layout.xml_text)
    inner = "".join(_encode_record(record, layout.xml_record, layout.xml_text) + "\n" for record in records)
    return f"<{layout.xml_list}>\n{inner}</{layout.xml_list}>"


def encode_error(error: RawError) -> str:
    if error.description is None:
        raise Fault("a description, which fmt=2 error replies carry", field="error")
    fields = {"error": error.description, "error_code": str(error.code)}
    if error.message_id is not None:
        fields["id"] = str(error.message_id)
    return _encode_record(fields, "result")


def fast_writer(layout: Layout, names: Sequence[str]) -> FastWriter | None:
    """``encode`` of records whose ``names`` are element names, when no value holds a character XML
    refuses and no record is the bare text of its element; None otherwise."""
    if not all(_NAME.fullmatch(name) and not name.lower().startswith("xml") for name in names):
        return None
    tag, text_field, listing = layout.xml_record, layout.xml_text, layout.xml_list

    def element(pairs: Pairs) -> str:
        if text_field is not None and len(pairs) == 1 and pairs[0][0] == text_field:
            raise _Elsewhere
        values = "".join([value for _, value in pairs])
        if "&" in values or "<" in values or ">" in values:
            pairs = [
                (key, value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")) for key, value in pairs
            ]
        inner = "\n".join([f"<{key}>{value}</{key}>" for key, value in pairs])
        return f"<{tag}>\n{inner}\n</{tag}>" if inner else f"<{tag}>\n</{tag}>"

    def write(records: list[Pairs], listed: bool) -> str | None:
        try:
            if listed:
                text = f"<{listing}>\n" + "".join([element(pairs) + "\n" for pairs in records]) + f"</{listing}>"
            else:
                text = element(records[0])
        except _Elsewhere:
            return None
        return None if XML_FORBIDDEN.search(text) else text

    return write


class _Elsewhere(Exception):
    """A record ``encode`` writes in another form."""


_SPACE = " \t\n"
"""White space between elements that the plain reader takes (XML's, but CR)."""
_PLAIN_DECLARATIONS = (
    '<?xml version="1.0"?>',
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<?xml version="1.0" encoding="utf-8"?>',
)


def fast_reader(layout: Layout, names: Sequence[str]) -> Callable[[str], tuple[list[RawRecord], bool] | None] | None:
    """What ``decode`` reads from the plainest XML, which needs no parser: a record element, or the
    list element holding only record elements, each holding only elements named in ``names``
    holding text, with white space (space, tab, line feed) between them, and no more than a plain
    XML declaration before; or, for a record carried as its element's own text, that element
    holding text alone (``<result>OK</result>``).

    None (``decode`` then parses the reply) for anything else: any ``&`` (so no entity or
    character reference), ``<!`` (a DOCTYPE, a comment, CDATA), ``<?`` but the declaration,
    attributes, empty-element tags, a CR (which XML reads as a line feed), ``]]>``, a character
    XML refuses, an ``error_code`` anywhere (an error reply), a field twice. What is left is
    well-formed XML whose text is read character for character, as lxml reads it.
    """
    if not all(_NAME.fullmatch(name) for name in names):
        return None
    known = {name: f"/{name}>" for name in names}
    record_opens, record_closes = f"{layout.xml_record}>", f"/{layout.xml_record}>"
    list_opens, list_closes = f"{layout.xml_list}>", f"/{layout.xml_list}>"
    text_field = layout.xml_text

    def read(text: str) -> tuple[list[RawRecord], bool] | None:
        if text.startswith("<?"):
            declaration = next((item for item in _PLAIN_DECLARATIONS if text.startswith(item)), "")
            text = text[len(declaration) :].lstrip(_SPACE) if declaration else ""
        if (
            not text.startswith("<")
            or "&" in text
            or "]]>" in text
            or "error_code" in text
            or "\ufffe" in text
            or "\uffff" in text
            or _has_controls(text)
        ):
            return None
        parts = text.split("<")  # "", the root's opening, then each tag and the text after it
        root, last = parts[1].rstrip(_SPACE), len(parts) - 1
        if text_field is not None and last == 2 and parts[1].startswith(record_opens) and parts[2] == record_closes:
            return [{text_field: parts[1][len(record_opens) :]}], False  # text alone, white space too
        if root == record_opens and parts[last] == record_closes:
            record, at = _fields(parts, 2, known)
            return None if record is None or at != last else ([record], False)
        if root != list_opens or parts[last] != list_closes:
            return None
        records = _records(parts, record_opens, record_closes, known)
        return None if records is None else (records, True)

    return read


def _records(parts: list[str], opens: str, closes: str, known: dict[str, str]) -> list[RawRecord] | None:
    """The records of a list element's ``parts``, each opened by ``opens`` and closed by ``closes``
    with white space after either; None where the list holds anything else."""
    records, at, last = [], 2, len(parts) - 1
    while at < last:
        if parts[at].rstrip(_SPACE) != opens:
            return None
        record, at = _fields(parts, at + 1, known)
        if record is None or parts[at].rstrip(_SPACE) != closes:
            return None
        records.append(record)
        at += 1
    return records


def _fields(parts: list[str], at: int, known: dict[str, str]) -> tuple[RawRecord | None, int]:
    """The fields from ``parts[at]`` on, each an opening tag of ``known`` (with its closing tag)
    with its text and its closing tag with white space after it; and where the next part (a
    closing tag) is. None where one is not so."""
    record: RawRecord = {}
    start = at
    while parts[at][:1] != "/":
        name, bracket, value = parts[at].partition(">")
        if known.get(name) != parts[at + 1].rstrip(_SPACE) or not bracket:
            return None, at
        record[name] = value
        at += 2
    return (record if len(record) * 2 == at - start else None), at  # else a field twice


_CONTROLS = bytes(byte for byte in range(0x20) if byte not in b"\t\n")
"""The characters below space that XML refuses, and CR, which it reads as a line feed."""


def _has_controls(text: str) -> bool:
    """Whether ``text`` holds one of ``_CONTROLS`` (the other characters of ``XML_FORBIDDEN`` are
    tested apart: utf-8 decodes no lone surrogate). On the bytes, as ``translate`` is fastest there."""
    data = text.encode("utf-8", "surrogatepass")
    return len(data.translate(None, _CONTROLS)) != len(data)

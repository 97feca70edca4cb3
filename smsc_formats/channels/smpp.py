"""SMPP: the receipt text of ``deliver_sm``, the vendor fields 0x2000/0x2001, the submit texts.

The PDUs themselves are standard SMPP 3.4 and left to ``smpplib`` (see docs/channels/smpp.md
for the recipe); this module is pure text and numbers.

Receipt text, accepted by :func:`decode_receipt`: ``key:value`` pairs separated by single
spaces, keys in any case, the two-word keys ``submit date`` and ``done date``, ``text:`` taking
the rest of the line, unknown keys kept in ``extra``. So the documented HLR form::

    id:855469 stat:DELIVRD err:000 imsi:… msc:… mcc:250 mnc:02 cn:Russian+Federation net:… rcn: rnet:

and the SMPP 3.4 Appendix B form (INFERRED for SMSC's plain receipts) share one parser.
``cn``/``net``/``rcn``/``rnet`` are URL-decoded [DOC]; ``mcc``/``mnc`` stay strings (``02``).
Refused: no ``id`` or ``stat``, a key twice, an ``err`` that is not 1 to 3 digits, a bad ``%XX``
escape.

Written by :func:`encode_receipt`: lower-case keys in the documented order (the Appendix B keys
around ``stat``/``err`` when present), ``err`` padded to three digits, names URL-encoded as PHP's
``urlencode`` does, ``text`` last; the documented HLR receipt comes back byte for byte. Refused:
a space in a value that is neither URL-encoded nor ``text``, anything that would read back
differently.

Vendor fields: 0x2000 is the cost as ``n.nnnn`` (:func:`decode_cost`); 0x2001 packs the message
type and flags into 16 bits (:class:`SmppFlags`), undocumented bits kept as sent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import quote_plus, unquote_plus

from .._exceptions import DecodeError, EncodeError
from .._fault import Fault
from .._grammar import LONE_SURROGATE, MONEY, bounded_int
from ..operations.codes import DeliveryError, StatusCode
from ._codes import STAT_WORDS, STATUS_BY_STATE, MessageState, SmppMessageType, TemplateKind, known

CHANNEL = "smpp"
HLR_TEXT = "__HLR__"
"""The ``short_message`` of a ``submit_sm`` that asks for an HLR lookup [DOC]."""
PING_TEXT = "__PING__"
"""The ``short_message`` of a ``submit_sm`` that sends a ping-SMS [DOC]."""

# "id:<id> stat:<status> err:<err> imsi:<imsi> msc:<msc> mcc:<mcc> mnc:<mnc> cn:<cn> net:<net>
#  rcn:<rcn> rnet:<rnet>"; Appendix B adds "sub: dlvrd: submit date: done date:" and "text:".
RECEIPT_PAIR = re.compile(r"(?P<key>submit date|done date|[A-Za-z_]+):(?P<value>[^ ]*)(?: |$)", re.IGNORECASE)
RECEIPT_KEYS = ("id", "sub", "dlvrd", "submit date", "done date", "stat", "err")
"""The keys of a receipt's text besides the HLR ones and ``text``, in the order they are written."""
HLR_KEYS = ("imsi", "msc", "mcc", "mnc", "cn", "net", "rcn", "rnet")
"""The keys an HLR receipt adds, in the order they are written."""
# "Строковые данные, такие как страна и оператор, кодируются функцией urlencode".
_URL_ENCODED = frozenset({"cn", "net", "rcn", "rnet"})
_ATTRIBUTE = {"submit date": "submit_date", "done date": "done_date"}
_EXTRA_KEY = re.compile(r"[a-z_]+")
_ERR_DIGITS = 3  # "err:EEE" (SMPP 3.4 Appendix B); the HTTP err table's codes all fit


@dataclass(frozen=True, slots=True, kw_only=True)
class Receipt:
    """A delivery receipt as SMSC writes it in ``short_message``; a key not sent is ``None``.

    ``err`` is a :class:`DeliveryError` (an unknown code stays an int). ``stat`` is the raw
    word; :attr:`message_state` and :attr:`status` read it.
    """

    id: str
    sub: str | None = None
    dlvrd: str | None = None
    submit_date: str | None = None
    done_date: str | None = None
    stat: str
    err: int | None = None
    imsi: str | None = None
    msc: str | None = None
    mcc: str | None = None
    mnc: str | None = None
    cn: str | None = None
    net: str | None = None
    rcn: str | None = None
    rnet: str | None = None
    text: str | None = None
    extra: tuple[tuple[str, str], ...] = ()

    @property
    def message_state(self) -> MessageState | None:
        """The standard SMPP state that ``stat`` names, if it is one of the standard words."""
        return STAT_WORDS.get(self.stat.upper())

    @property
    def status(self) -> StatusCode | None:
        """The HTTP status this receipt stands for. INFERRED: no SMSC receipt was captured."""
        state = self.message_state
        return None if state is None else status_from_message_state(state)


def status_from_message_state(value: int, /) -> StatusCode | None:
    """The HTTP status for a ``message_state`` TLV value, read as the standard SMPP state.

    INFERRED twice: that SMSC sends the standard values there [DOC says "numeric status"], and
    how each maps onto SMSC's statuses. ``None`` for a state with no counterpart.
    """
    state = known(MessageState, value)
    return STATUS_BY_STATE.get(state) if isinstance(state, MessageState) else None


def _fail(expected: str, operation: str) -> DecodeError:
    return DecodeError(expected, operation=operation, fmt=None, channel=CHANNEL)


def decode_receipt(data: bytes | str, /, *, charset: str = "utf-8") -> Receipt:
    """The receipt in a ``deliver_sm``'s ``short_message`` (or a logged receipt line).

    ``charset`` reads the bytes and the URL-encoded names (the server's choice is not documented).
    """
    text = None
    try:
        text = data.decode(charset) if isinstance(data, bytes | bytearray) else data
        return _read(text.rstrip("\x00 \r\n"), charset)
    except UnicodeDecodeError:
        raise _fail(f"a receipt in {charset}", "smpp_receipt") from None
    except Fault as fault:
        raise fault.decode_error("smpp_receipt", None, text=text, channel=CHANNEL) from None


def _read(text: str, charset: str) -> Receipt:
    values: dict[str, str] = {}
    position = 0
    while position < len(text):
        match = RECEIPT_PAIR.match(text, position)
        if match is None:
            raise Fault("'key:value' pairs separated by single spaces", offset=position)
        key = match["key"].lower()
        if key in values:
            raise Fault(f"each key once, found {key!r} again", offset=position)
        if key == "text":
            values[key] = text[match.start("value") :]
            break
        values[key] = match["value"]
        position = match.end()
    return _receipt(values, charset)


def _receipt(values: dict[str, str], charset: str) -> Receipt:
    if "id" not in values or "stat" not in values:
        raise Fault("the keys 'id' and 'stat'", offset=0)
    written = values.pop("err", None)
    err = None if written is None else bounded_int(written, _ERR_DIGITS)
    if written is not None and err is None:
        shown = written if len(written) <= 8 else f"{written[:8]}…"
        raise Fault(f"1 to {_ERR_DIGITS} digits in 'err', found {shown!r}", offset=0)
    known_keys = {*RECEIPT_KEYS, *HLR_KEYS, "text"}
    extra = tuple((key, value) for key, value in values.items() if key not in known_keys)
    for key in _URL_ENCODED & values.keys():
        values[key] = unquote_plus(values[key], encoding=charset, errors="strict")
    named = {_ATTRIBUTE.get(key, key): value for key, value in values.items() if key in known_keys}
    return Receipt(**named, err=None if err is None else known(DeliveryError, err), extra=extra)


def _value(receipt: Receipt, key: str) -> object:
    return getattr(receipt, _ATTRIBUTE.get(key, key))


def _refuse(problem: str, key: str) -> EncodeError:
    return EncodeError(problem, operation="smpp_receipt", fmt=None, field=key, channel=CHANNEL)


def _urlencode(value: str) -> str:
    """As PHP's ``urlencode``: only letters, digits and ``-_.`` stay, space is ``+``."""
    return quote_plus(value, safe="").replace("~", "%7E")


def encode_receipt(receipt: Receipt, /) -> str:
    """The receipt text, as SMSC writes it."""
    if receipt.err is not None and not 0 <= receipt.err < 10**_ERR_DIGITS:
        raise _refuse(f"an err of 0 to {10**_ERR_DIGITS - 1} ({_ERR_DIGITS} digits)", "err")
    err = None if receipt.err is None else f"{receipt.err:03d}"
    written = {
        key: err if key == "err" else getattr(receipt, _ATTRIBUTE.get(key, key)) for key in (*RECEIPT_KEYS, *HLR_KEYS)
    }
    pairs = [(key, value) for key, value in written.items() if value is not None]
    pairs.extend(receipt.extra)
    for key, value in pairs:
        if key not in _URL_ENCODED and " " in value:
            raise _refuse("a value without spaces", key)
    for key, _ in receipt.extra:
        if not _EXTRA_KEY.fullmatch(key):
            raise _refuse("an extra key of lower-case letters and '_'", key)
    for key, value in pairs:
        if key in _URL_ENCODED and LONE_SURROGATE.search(value):
            raise _refuse("a name without lone surrogates (it is URL-encoded as UTF-8)", key)
    words = [f"{key}:{_urlencode(value) if key in _URL_ENCODED else value}" for key, value in pairs]
    if receipt.text is not None:
        words.append(f"text:{receipt.text}")
    text = " ".join(words)
    try:
        back = decode_receipt(text)
    except DecodeError as exc:
        raise EncodeError(
            f"a receipt that reads back ({exc.expected})", operation="smpp_receipt", fmt=None, channel=CHANNEL
        ) from None
    if back != receipt:  # a reader strips trailing spaces, NULs and line breaks: the text's, or the last value's
        changed = [key for key in (*RECEIPT_KEYS, *HLR_KEYS, "text") if _value(back, key) != _value(receipt, key)]
        field = changed[0] if len(changed) == 1 else None
        raise EncodeError(
            "a receipt that reads back the same", operation="smpp_receipt", fmt=None, field=field, channel=CHANNEL
        )
    return text


def decode_cost(value: bytes | str, /) -> Decimal:
    """Vendor field 0x2000: the message cost, ``n.nnnn`` (a trailing NUL is allowed)."""
    text = value.decode("ascii", "replace") if isinstance(value, bytes | bytearray) else value
    text = text.removesuffix("\x00")
    if not (text.isascii() and MONEY.fullmatch(text)) or text.startswith("-"):
        raise _fail("a cost such as 1.2500 in vendor field 0x2000", "smpp_cost")
    return Decimal(text)


def encode_cost(cost: Decimal, /) -> str:
    """The 0x2000 text for ``cost``: four decimals; refuses what that would round."""
    if not cost.is_finite() or cost < 0 or cost != cost.quantize(Decimal("0.0001")):
        raise EncodeError("a cost >= 0 with at most four decimals", operation="smpp_cost", fmt=None, channel=CHANNEL)
    return f"{cost:.4f}"


# 0x2001: bits 0-3 type, bit 5 second balance, bit 8 template, bits 10,9 template kind [DOC].
_TYPE_MASK, _SECOND_BALANCE, _TEMPLATE, _KIND_SHIFT = 0x000F, 1 << 5, 1 << 8, 9
_DOCUMENTED = _TYPE_MASK | _SECOND_BALANCE | _TEMPLATE | (0b11 << _KIND_SHIFT)


@dataclass(frozen=True, slots=True, kw_only=True)
class SmppFlags:
    """Vendor field 0x2001. ``other_bits`` keeps bits 4, 6, 7, 11–15, which are undocumented."""

    message_type: int = SmppMessageType.SMS
    second_balance: bool = False
    template: bool = False
    template_kind: int = TemplateKind.SERVICE
    other_bits: int = 0


def decode_flags(value: int | bytes, /) -> SmppFlags:
    """The flags from the 16-bit value (an int, or two bytes in network order)."""
    if isinstance(value, bytes | bytearray):
        if len(value) != 2:
            raise _fail("two bytes in vendor field 0x2001", "smpp_flags")
        value = int.from_bytes(value, "big")
    if not 0 <= value <= 0xFFFF:
        raise _fail("a 16-bit value in vendor field 0x2001", "smpp_flags")
    return SmppFlags(
        message_type=known(SmppMessageType, value & _TYPE_MASK),
        second_balance=bool(value & _SECOND_BALANCE),
        template=bool(value & _TEMPLATE),
        template_kind=known(TemplateKind, (value >> _KIND_SHIFT) & 0b11),
        other_bits=value & ~_DOCUMENTED,
    )


def encode_flags(flags: SmppFlags, /) -> int:
    """The 16-bit value; refuses a field too wide for its bits."""
    if not (0 <= flags.message_type <= 15 and 0 <= flags.template_kind <= 3 and 0 <= flags.other_bits <= 0xFFFF):
        raise EncodeError("values that fit their bits", operation="smpp_flags", fmt=None, channel=CHANNEL)
    if flags.other_bits & _DOCUMENTED:
        raise EncodeError("other_bits outside the documented bits", operation="smpp_flags", fmt=None, channel=CHANNEL)
    return (
        flags.message_type
        | (_SECOND_BALANCE if flags.second_balance else 0)
        | (_TEMPLATE if flags.template else 0)
        | flags.template_kind << _KIND_SHIFT
        | flags.other_bits
    )


def relative_validity(minutes: int, /) -> str:
    """``validity_period`` in the SMPP relative form ``0000DDhhmm00000R``, 1 to 1440 minutes [LIB]."""
    if not 1 <= minutes <= 1440:
        raise EncodeError("1 to 1440 minutes", operation="smpp_validity", fmt=None, channel=CHANNEL)
    days, rest = divmod(minutes, 1440)
    return f"0000{days:02d}{rest // 60:02d}{rest % 60:02d}00000R"

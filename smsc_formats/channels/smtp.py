"""SMTP: the mail body ``login:psw:id:time[,tz]:translit[,format[,sender[,test]]]:phones:mes``.

The gateway (``send@send.smsc.ru`` and its regional twins) reads one command from a plain-text
mail; it answers nothing, so there is only this request format. No escaping exists.

Accepted by :func:`decode_smtp_body`: the body split at its first six colons; the seventh field
(``mes``, or the ``list`` when ``phones`` is empty) runs to the end, colons, line breaks and a
trailing newline included, since mail clients add them and the gateway's trimming is unknown.
``time`` and ``tz`` are split at their comma, the option block at its commas; a slot that is
not written is ``None`` and an empty one is ``""``, so the number of commas survives.

Refused (:class:`DecodeError`): fewer than six colons, a line break before the payload, more
than one comma in the time block or more than three in the option block, an ``id`` that is not
a number written without leading zeros, bytes the charset cannot read.

Written by :func:`encode_smtp_body`: exactly the slots the value has. Refused
(:class:`EncodeError`): ``:`` or a line break in a field before the payload, ``,`` in ``time``,
``tz`` or an option, an option after a missing one, text the charset cannot carry, anything that
would read back differently.

The password is never shown: not in ``repr``/``str``, not in any error; :meth:`SmtpBody.redacted`
gives the body for logs.
"""

from __future__ import annotations

import email.policy
import re
from dataclasses import dataclass
from email import message_from_bytes
from email.message import EmailMessage, Message

from .._exceptions import DecodeError, EncodeError
from .._fault import Fault
from .._grammar import INTEGER_DIGITS, bounded_int
from ._codes import MessageType, known

OPERATION = "smtp_body"
CHANNEL = "smtp"
DEFAULT_CHARSET = "koi8-r"
"""The gateway's charset when the mail does not declare one [DOC]."""
MAX_MAIL_BYTES = 100 * 1024
"""The largest mail the gateway takes [DOC]."""
SEND_ADDRESSES = {
    "smsc.ru": "send@send.smsc.ru",
    "smsc.kz": "send@send.smsc.kz",
    "smsc.ua": "send@send.smsc.ua",
    "smscentre.com": "send@send.smscentre.com",
}
"""Where the mail goes, per site; each site's SMTP server is the part after the ``@``."""

_REDACTED = "***"
# "<login>:<psw>:<id>:<time>,<tz>:<translit>,<format>,<sender>,<test>:<phones>:<mes>": the
# first six colons separate fields, so a decoder splits at most six times.
_FIELDS = 7
# "32-битное число в диапазоне от 1 до 2147483647"; the official libraries send 0.
_ID = re.compile(r"0|[1-9][0-9]{0,9}")
_MAX_ID = 9_999_999_999  # the widest id _ID reads back
_OPTIONS = ("translit", "format", "sender", "test")
_LINE_BREAK = re.compile(r"[\r\n]")
# HTTP's list: "<phones>:<message>" per line, "разделенных двоеточием или точкой с запятой".
_LIST_ITEM = re.compile(r"([^:;]*)[:;](.*)", re.DOTALL)


@dataclass(frozen=True, slots=True, kw_only=True)
class SmtpBody:
    """One mail command. Slots the body does not write are ``None``; written but empty is ``""``.

    ``login`` empty means ``psw`` is an API key [DOC]. ``phones`` empty means ``mes`` is the
    ``list``: one ``phone:text`` per line (see :func:`list_items`).
    """

    login: str
    psw: str
    id: int | None = None
    time: str = ""
    tz: str | None = None
    translit: str = ""
    format: str | None = None
    sender: str | None = None
    test: str | None = None
    phones: str
    mes: str

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{name}={_REDACTED if name == 'psw' else getattr(self, name)!r}" for name in self.__dataclass_fields__
        )
        return f"SmtpBody({shown})"

    __str__ = __repr__

    @property
    def message_type(self) -> int | None:
        """The ``format`` slot as a :class:`MessageType` (an unknown number stays an int)."""
        number = None if self.format is None else bounded_int(self.format, INTEGER_DIGITS)
        return None if number is None else known(MessageType, number)

    def redacted(self) -> str:
        """The body as text, the password replaced by ``***``: safe to log."""
        return _write(self, psw=_REDACTED)


def list_items(text: str) -> list[tuple[str, str]]:
    """The ``list`` payload as (phones, text) pairs: one per line, split at the first ``:`` or ``;``.

    The SMTP form of ``list`` is INFERRED from the HTTP parameter; a line with neither
    separator raises :class:`DecodeError`.
    """
    items = []
    for number, line in enumerate(text.split("\n"), start=1):
        match = _LIST_ITEM.fullmatch(line)
        if match is None:
            raise DecodeError(
                "'phones:text' on every line of the list", operation=OPERATION, fmt=None, line=number, channel=CHANNEL
            )
        items.append((match[1], match[2]))
    return items


def _write(body: SmtpBody, *, psw: str) -> str:
    time_block = body.time if body.tz is None else f"{body.time},{body.tz}"
    options = _written_options(body)
    option_block = ",".join(option or "" for option in options)
    body_id = "" if body.id is None else str(body.id)
    return ":".join((body.login, psw, body_id, time_block, option_block, body.phones, body.mes))


_NO_COLON = {"login", "psw", "time", "tz", "translit", "format", "sender", "test", "phones"}
_NO_COMMA = {"time", "tz", "translit", "format", "sender", "test"}


def _written_options(body: SmtpBody) -> list[str | None]:
    """The option slots up to the last one written (a ``None`` before it is refused by _check)."""
    options = [body.translit, body.format, body.sender, body.test]
    while options and options[-1] is None:
        options.pop()
    return options


def _check(body: SmtpBody) -> None:
    if None in (options := _written_options(body)):
        missing = _OPTIONS[options.index(None)]
        raise Fault("a slot before a later option (use '' for an empty one), found None", field=missing)
    for name in sorted(_NO_COLON):
        value = getattr(body, name)
        if value is None:
            continue
        if ":" in value:
            raise Fault("no ':' (it would split the body)", field=name)
        if name in _NO_COMMA and "," in value:
            raise Fault("no ',' (it would split its block)", field=name)
        if _LINE_BREAK.search(value):
            raise Fault("no line break before the message", field=name)
    if body.id is not None and not (type(body.id) is int and 0 <= body.id <= _MAX_ID):
        raise Fault(f"an id from 0 to {_MAX_ID}", field="id")


def encode_smtp_body(body: SmtpBody, /, *, charset: str = DEFAULT_CHARSET) -> bytes:
    """The body's bytes in ``charset``; refuses what the grammar cannot carry."""
    try:
        _check(body)
        text = _write(body, psw=body.psw)
        data = text.encode(charset)
    except Fault as fault:
        raise fault.encode_error(OPERATION, None, channel=CHANNEL) from None
    except UnicodeEncodeError as exc:
        field = "psw" if exc.object[exc.start : exc.end] in body.psw else None
        shown = "a character" if field else repr(exc.object[exc.start : exc.end])
        raise EncodeError(
            f"text that {charset} can carry, found {shown}", operation=OPERATION, fmt=None, field=field, channel=CHANNEL
        ) from None
    if _read(text) != body:
        raise EncodeError("a value that reads back the same", operation=OPERATION, fmt=None, channel=CHANNEL)
    return data


def decode_smtp_body(data: bytes | str, /, *, charset: str = DEFAULT_CHARSET) -> SmtpBody:
    """The command in a mail body (bytes in ``charset``, or text)."""
    text = data
    try:
        if isinstance(text, bytes | bytearray):
            text = bytes(text).decode(charset)
        return _read(text)
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"text in {charset} (byte {exc.start} is not)", operation=OPERATION, fmt=None, channel=CHANNEL
        ) from None
    except Fault as fault:
        raise fault.decode_error(
            OPERATION, None, text=text if isinstance(text, str) else None, channel=CHANNEL
        ) from None


def _read(text: str) -> SmtpBody:
    parts = text.split(":", _FIELDS - 1)
    if len(parts) < _FIELDS:
        raise Fault(f"{_FIELDS - 1} ':' separators (login:psw:id:time:options:phones:mes)", offset=len(text))
    login, psw, body_id, time_block, option_block, phones, mes = parts
    head = len(text) - len(mes)
    if (stray := _LINE_BREAK.search(text, 0, head)) is not None:
        raise Fault("no line break before the message", offset=stray.start())
    if body_id and not _ID.fullmatch(body_id):
        raise Fault("an id written as digits without leading zeros", offset=len(":".join(parts[:2])) + 1)
    time, *tz = time_block.split(",")
    options = option_block.split(",")
    if len(tz) > 1:
        raise Fault("time[,tz] with at most one comma", offset=len(":".join(parts[:3])) + 1)
    if len(options) > len(_OPTIONS):
        raise Fault("at most translit,format,sender,test", offset=len(":".join(parts[:4])) + 1)
    slots: list[str | None] = [*options, *[None] * (len(_OPTIONS) - len(options))]
    return SmtpBody(
        login=login,
        psw=psw,
        id=int(body_id) if body_id else None,
        time=time,
        tz=tz[0] if tz else None,
        translit=options[0],
        format=slots[1],
        sender=slots[2],
        test=slots[3],
        phones=phones,
        mes=mes,
    )


def build_smtp_message(
    body: SmtpBody,
    /,
    *,
    charset: str = DEFAULT_CHARSET,
    to: str = SEND_ADDRESSES["smsc.ru"],
    from_address: str = "api@smsc.ru",
    subject: str | None = None,
) -> EmailMessage:
    """A complete mail for ``smtplib.SMTP.send_message``: text/plain in ``charset``, 8bit.

    The body is followed by one line break, which :func:`decode_smtp_message` takes off again
    (SMTP ends every mail with one). Refused: a body with CR (mail transport rewrites line
    ends), a line over 998 bytes, a mail over 100 KB.
    """
    data = encode_smtp_body(body, charset=charset)
    problem = None
    if "\r" in body.mes:
        problem = "a message without CR (mail transport rewrites line ends)"
    elif any(len(line) > 998 for line in data.split(b"\n")):
        problem = "lines of at most 998 bytes (the SMTP limit)"
    if problem is None:
        message = EmailMessage()
        message["From"] = from_address
        message["To"] = to
        if subject is not None:
            message["Subject"] = subject
        message.set_content(data.decode(charset) + "\n", charset=charset, cte="8bit")
        if len(message.as_bytes()) <= MAX_MAIL_BYTES:
            return message
        problem = f"a mail of at most {MAX_MAIL_BYTES} bytes"
    raise EncodeError(problem, operation=OPERATION, fmt=None, channel=CHANNEL)


def decode_smtp_message(mail: bytes | Message, /) -> SmtpBody:
    """The command in a whole mail: its text part, in its declared charset (koi8-r if none).

    Line ends are taken as LF and the one the transport adds at the end is dropped. A body
    that starts with ``[text]`` (or an HTML part) yields what stands between ``[text]`` and
    ``[/text]`` [DOC].
    """
    message = mail if isinstance(mail, Message) else message_from_bytes(mail, policy=email.policy.default)
    part = message.get_body(("plain", "html")) if isinstance(message, EmailMessage) else message
    payload = part.get_payload(decode=True) if part is not None else None
    if not isinstance(payload, bytes):
        raise DecodeError("a text/plain part", operation=OPERATION, fmt=None, channel=CHANNEL)
    charset = part.get_content_charset() or DEFAULT_CHARSET  # type: ignore[union-attr]  # part is set
    try:
        text = payload.decode(charset)
    except (UnicodeDecodeError, LookupError):
        raise DecodeError(
            f"a body in its declared charset {charset}", operation=OPERATION, fmt=None, channel=CHANNEL
        ) from None
    text = text.replace("\r\n", "\n").removesuffix("\n")
    if text.lstrip().startswith("[text]") or part.get_content_subtype() != "plain":  # type: ignore[union-attr]
        start, end = text.find("[text]"), text.rfind("[/text]")
        if start < 0 or end < start:
            raise DecodeError("a command between [text] and [/text]", operation=OPERATION, fmt=None, channel=CHANNEL)
        text = text[start + len("[text]") : end]
    return decode_smtp_body(text)

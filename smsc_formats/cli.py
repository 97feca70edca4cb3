"""``smsc-formats``: decode logged SMSC replies to JSON, and encode JSON back to wire bytes.

::

    smsc-formats decode --op OP [--param KEY=VALUE ...] [--fmt 0|1|2|3|auto] [--charset C] [FILE|-]
    smsc-formats encode --op OP [--param KEY=VALUE ...] --fmt N [--charset C] [FILE|-]
    smsc-formats ops

``decode`` prints the reply as one line of JSON keyed by the API's field names (an object, an
array for a list reply, ``{"error": …, "error_code": N}`` for an error reply) and exits 0.
Malformed input gives one line on stderr and exit status 1; a usage mistake exits 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, BinaryIO

from ._codec import decode, encode, from_api, to_api
from ._exceptions import DecodeError, EncodeError
from ._fmt import CHARSETS
from .channels._cli import CHANNEL_OPERATIONS
from .operations import OPERATIONS, Operation


def _param(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    return key, value


def _fmt(text: str) -> int | str:
    if text in ("0", "1", "2", "3", "auto"):
        return text if text == "auto" else int(text)
    raise argparse.ArgumentTypeError(f"expected 0, 1, 2, 3 or auto, got {text!r}")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="smsc-formats", description="Decode and encode SMSC HTTP API replies.")
    commands = parser.add_subparsers(dest="command", required=True)

    def add(name: str, help_text: str, *, fmt_default: str | None) -> argparse.ArgumentParser:
        command = commands.add_parser(name, help=help_text, description=help_text)
        command.add_argument(
            "--op", required=True, choices=sorted({*OPERATIONS, *CHANNEL_OPERATIONS}), metavar="OP", help="see 'ops'"
        )
        command.add_argument(
            "--param",
            action="append",
            type=_param,
            default=[],
            metavar="KEY=VALUE",
            help="a request option that shapes the reply, named as in the API (repeatable)",
        )
        command.add_argument(
            "--fmt",
            type=_fmt,
            required=fmt_default is None,
            default=fmt_default,
            help="0, 1, 2, 3, or auto to tell it from the bytes" if fmt_default else "0, 1, 2 or 3",
        )
        command.add_argument("--charset", default="utf-8", help=f"the request's charset ({', '.join(CHARSETS)})")
        command.add_argument("file", nargs="?", default="-", help="a file, or - for standard input (default)")
        return command

    add("decode", "Decode one reply to JSON.", fmt_default="auto").add_argument(
        "--strict", action="store_true", help="refuse keys the operation does not declare"
    )
    add("encode", "Encode JSON (as 'decode' prints it) to the bytes the server sends.", fmt_default=None)
    commands.add_parser("ops", help="List the operations.", description="List the operations.")
    return parser


def _read(name: str, stdin: BinaryIO) -> bytes:
    if name == "-":
        return stdin.read()
    with open(name, "rb") as file:
        return file.read()


def _list_operations() -> int:
    descriptions = {name: operation.description for name, operation in OPERATIONS.items()}
    descriptions |= {name: operation.description for name, operation in CHANNEL_OPERATIONS.items()}
    for name, description in sorted(descriptions.items()):
        print(f"{name}\t{description}")
    return 0


def _decode(args: argparse.Namespace, operation: Operation[Any], data: bytes) -> int:
    reply = decode(operation, data, fmt=args.fmt, charset=args.charset, strict=args.strict)
    print(json.dumps(to_api(operation, reply), ensure_ascii=False, default=str))
    return 0


def _encode(args: argparse.Namespace, operation: Operation[Any], data: bytes) -> int:
    try:
        value = json.loads(data.decode("utf-8"), parse_float=Decimal)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DecodeError(f"the JSON that 'decode' prints ({exc})", operation=operation.name, fmt=None) from None
    sys.stdout.buffer.write(encode(operation, from_api(operation, value), fmt=args.fmt, charset=args.charset))
    sys.stdout.buffer.flush()
    return 0


def _channel(args: argparse.Namespace, data: bytes) -> int:
    """SMTP, SMPP and SOAP operations (decode only): JSON by the channel's own field names."""
    if args.command != "decode":
        print(f"smsc-formats: {args.op} can only be decoded", file=sys.stderr)
        return 2
    print(json.dumps(CHANNEL_OPERATIONS[args.op].decode(data, args.charset), ensure_ascii=False, default=str))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "ops":
        return _list_operations()
    source = "<stdin>" if args.file == "-" else args.file
    try:
        data = _read(args.file, sys.stdin.buffer)
    except OSError as exc:
        print(f"smsc-formats: {source}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    command = _decode if args.command == "decode" else _encode
    try:
        if args.op in CHANNEL_OPERATIONS:
            return _channel(args, data)
        return command(args, OPERATIONS[args.op].bind(dict(args.param)), data)
    except (DecodeError, EncodeError) as exc:
        print(f"{source}: {exc}", file=sys.stderr)
        return 1
    except LookupError:
        print(f"smsc-formats: unknown charset {args.charset!r}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

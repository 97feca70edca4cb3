"""``smsc-formats``: decode logged SMSC replies to JSON, and encode JSON back to wire bytes.

::

    smsc-formats decode --op OP [--param KEY=VALUE ...] [--fmt 0|1|2|3|auto] [--charset C] [FILE ...|-]
    smsc-formats decode --body-field NAME [--op-field NAME] [--fmt-field NAME] ... [FILE ...|-]
    smsc-formats decode --op OP --delimiter TEXT [--format json|table] [--fail-fast] [FILE ...|-]
    smsc-formats decode ... [--output FILE[.parquet|.arrow]] [--jobs N] [FILE ...|-]
    smsc-formats encode --op OP [--param KEY=VALUE ...] --fmt N [--charset C] [FILE|-]
    smsc-formats encode --op smtp_body|smpp_receipt|soap_* [--charset C] [--psw-env NAME] [FILE|-]
    smsc-formats ops
    smsc-formats schema [--output FILE]

``decode`` of one reply in one file prints the reply as one line of JSON keyed by the API's
field names (an object, an array for a list reply, ``{"error": …, "error_code": N}`` for an
error reply) and exits 0; malformed input gives one line on stderr and exit status 1. ``encode``
writes back what ``decode`` printed: an HTTP reply in the ``--fmt`` asked for, a channel's bytes
(SMTP, SMPP, SOAP: a channel has no ``--fmt``) byte for byte. Several
files, a JSON-lines log or a delimited stream go to the log engine (:mod:`smsc_formats.logs`):
JSON lines or a table (or a Parquet or Arrow file with ``--output``), on one core or ``--jobs N``,
a summary on stderr. A usage mistake exits 2.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, BinaryIO, TextIO

from . import logs
from ._codec import decode, encode, from_api, to_api
from ._exceptions import DecodeError, EncodeError, RequestError
from ._fmt import CHARSETS, TEXT_CHARSET, is_text_charset
from .channels import CHANNEL_OPERATIONS, MASK
from .operations import OPERATIONS, Operation
from .operations.file_replies import FILE_OPERATIONS
from .operations.openapi import openapi_document


def _param(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    return key, value


def _fmt(text: str) -> int | str:
    if text in ("0", "1", "2", "3", "auto"):
        return text if text == "auto" else int(text)
    raise argparse.ArgumentTypeError(f"expected 0, 1, 2, 3 or auto, got {text!r}")


def _charset(text: str) -> str:
    if not is_text_charset(text):
        raise argparse.ArgumentTypeError(f"expected {TEXT_CHARSET}, found {text!r}")
    return text


def _delimiter(text: str) -> bytes:
    try:
        return logs.parse_delimiter(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected {exc}") from None


def _jobs(text: str) -> int:
    if text.isdigit():
        return int(text)
    raise argparse.ArgumentTypeError(f"expected a number of worker processes (0 for one per core), found {text!r}")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="smsc-formats", description="Decode and encode SMSC HTTP API replies.")
    commands = parser.add_subparsers(dest="command", required=True)

    def add(name: str, help_text: str, *, decoding: bool) -> argparse.ArgumentParser:
        command = commands.add_parser(
            name, help=help_text.splitlines()[0], description=help_text, formatter_class=argparse.RawTextHelpFormatter
        )
        command.add_argument(
            "--op",
            required=not decoding,
            choices=sorted({*OPERATIONS, *CHANNEL_OPERATIONS}),
            metavar="OP",
            help="operation name (see 'ops')" + ("; a log's --op-field overrides it" if decoding else ""),
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
            default="auto" if decoding else None,
            help="0, 1, 2, 3, or auto to tell it from the bytes of each reply"
            if decoding
            else "0, 1, 2 or 3 (an HTTP operation needs it; a channel has none)",
        )
        command.add_argument(
            "--charset", type=_charset, default="utf-8", help=f"the request's charset ({', '.join(CHARSETS)})"
        )
        return command

    decoder = add("decode", _DECODE_HELP, decoding=True)
    decoder.add_argument(
        "files", nargs="*", default=["-"], metavar="FILE", help="files, or - for standard input (the default)"
    )
    decoder.add_argument("--strict", action="store_true", help="refuse keys the operation does not declare")
    _log_options(decoder)
    encoder = add("encode", "Encode JSON (as 'decode' prints it) to the bytes the server sends.", decoding=False)
    encoder.add_argument("file", nargs="?", default="-", help="a file, or - for standard input (default)")
    encoder.add_argument(
        "--psw-env",
        metavar="NAME",
        help="smtp_body: the environment variable holding the password that 'decode' shows as ***",
    )
    commands.add_parser("ops", help="List the operations.", description="List the operations.")
    schema = "Write the OpenAPI 3.1 document of every operation, generated from the declarations."
    commands.add_parser("schema", help=schema, description=schema).add_argument(
        "--output", metavar="FILE", help="write to FILE instead of standard output"
    )
    return parser


_DECODE_HELP = """Decode replies to JSON.

One reply in one file prints one JSON value. Several files, a JSON-lines log (--body-field)
or a delimited stream (--delimiter) print JSON lines, one per reply, with the source file and
line, and a summary on stderr, with a progress bar while stderr is a terminal, the output goes
elsewhere and the input's size is known. Exit status: 1 when any reply was malformed, 2 when a
file could not be read (the others are still decoded) or the output could not be written."""


def _log_options(decoder: argparse.ArgumentParser) -> None:
    log = decoder.add_argument_group("logs of many replies")
    form = log.add_mutually_exclusive_group()
    form.add_argument(
        "--body-field",
        metavar="NAME",
        help="read JSON lines: each line an object whose NAME field holds a raw reply as a string,\n"
        "encoded in the reply's charset to decode it (a dotted NAME such as response.body\n"
        "reaches into nested objects)",
    )
    form.add_argument(
        "--delimiter",
        type=_delimiter,
        metavar="TEXT",
        help="read a raw stream of replies separated by TEXT; escapes \\n \\r \\t \\0 \\\\ \\xHH",
    )
    for name, what in _LOG_FIELDS.items():
        log.add_argument(f"--{name}-field", metavar="NAME", help=f"with --body-field: the field holding {what}")
    log.add_argument(
        "--format", choices=("json", "table"), default="json", help="json (default): JSON lines; table: for a person"
    )
    log.add_argument("--fail-fast", action="store_true", help="stop at the first malformed reply")
    log.add_argument(
        "--output",
        metavar="FILE",
        help="write to FILE instead of standard output; a FILE.parquet (or .arrow, Arrow IPC) gets\n"
        "one row per record with typed columns (needs the arrow extra: pip install 'smsc-formats[arrow]')",
    )
    log.add_argument(
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="decode in N worker processes, 0 for one per core (default 1); the output is the same",
    )


_LOG_FIELDS = {
    "op": "the operation name (else --op)",
    "fmt": "the fmt, 0-3 or auto (else --fmt)",
    "charset": "the charset (else --charset)",
    "params": "an object of request options (added to --param)",
}


def _read(name: str, stdin: BinaryIO, size: int) -> bytes:
    """At most ``size`` bytes (-1: all) of a file or of standard input."""
    if name == "-":
        return stdin.read(size)
    with open(name, "rb") as file:
        return file.read(size)


def _list_operations() -> int:
    descriptions = {name: operation.description for name, operation in OPERATIONS.items()}
    descriptions |= {name: operation.description for name, operation in CHANNEL_OPERATIONS.items()}
    descriptions |= {name: operation.description for name, operation in FILE_OPERATIONS.items()}
    try:
        for name, description in sorted(descriptions.items()):
            print(f"{name}\t{description}")
        sys.stdout.flush()
    except BrokenPipeError:  # `smsc-formats ops | head`: the reader has what it wanted
        _silence(sys.stdout)
        return _BROKEN_PIPE
    return 0


def _write_schema(output: str | None) -> int:
    """The OpenAPI document as JSON (one space of indent, UTF-8), to ``output`` or standard output."""
    document = openapi_document(OPERATIONS.values(), FILE_OPERATIONS.values())
    text = json.dumps(document, indent=1, ensure_ascii=False) + "\n"
    if output is None:
        sys.stdout.write(text)
        return 0
    with open(output, "w", encoding="utf-8") as file:
        file.write(text)
    return 0


def _decode(args: argparse.Namespace, operation: Operation[Any], data: bytes) -> int:
    reply = decode(operation, data, fmt=args.fmt, charset=args.charset, strict=args.strict)
    print(json.dumps(to_api(operation, reply), ensure_ascii=False, default=str))
    return 0


def _encode(args: argparse.Namespace, operation: Operation[Any], data: bytes) -> int:
    reply = from_api(operation, _json(data, operation.name))
    sys.stdout.buffer.write(encode(operation, reply, fmt=args.fmt, charset=args.charset, check=True))
    sys.stdout.buffer.flush()
    return 0


def _channel(args: argparse.Namespace, data: bytes) -> int:
    """SMTP, SMPP and SOAP operations: JSON by the channel's own field names, and back to its bytes."""
    channel = CHANNEL_OPERATIONS[args.op]
    if args.command == "decode":
        print(json.dumps(channel.decode(data, args.charset), ensure_ascii=False, default=str))
        return 0
    value = _json(data, args.op)
    for key in channel.masked if isinstance(value, dict) else ():
        if value.get(key) == MASK:
            secret = os.environ.get(args.psw_env) if args.psw_env else None
            if secret is None:
                print(f"smsc-formats: {args.op}: {key!r} is {MASK}; give it with --psw-env NAME", file=sys.stderr)
                return 2
            value[key] = secret
    sys.stdout.buffer.write(channel.encode(value, args.charset))
    sys.stdout.buffer.flush()
    return 0


def _json(data: bytes, operation: str) -> Any:
    """The JSON that ``decode`` prints (money as Decimal), or a DecodeError."""
    try:
        return json.loads(data.decode("utf-8"), parse_float=Decimal)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DecodeError(f"the JSON that 'decode' prints ({exc})", operation=operation, fmt=None) from None


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "ops":
        return _list_operations()
    if args.command == "schema":
        return _write_schema(args.output)
    if args.op in OPERATIONS:  # the options are checked as a call checks them, before any input is read
        try:
            OPERATIONS[args.op].bind(dict(args.param))
        except RequestError as exc:
            parser.error(f"--param: {exc}")
    if args.command == "encode":
        _check_encode(parser, args)
    if args.command == "decode":
        _check_decode(parser, args)
        if len(args.files) > 1 or args.body_field or args.delimiter or args.format != "json" or _log_run(args):
            if args.op in CHANNEL_OPERATIONS:
                parser.error(f"{args.op} is decoded one reply at a time; logs are for the HTTP API's operations")
            return decode_logs(args, sys.stdout, sys.stderr)
        args.file = args.files[0]
    return _one_reply(args)


def _one_reply(args: argparse.Namespace) -> int:
    """The core's contract: one reply to decode, or one JSON value to encode, from one file."""
    source = "<stdin>" if args.file == "-" else args.file
    limits = logs.declared_limits(args.op, dict(args.param)) if args.command == "decode" else None
    try:
        data = _read(args.file, sys.stdin.buffer, -1 if limits is None else limits.max_body_bytes + 1)
    except OSError as exc:
        print(f"smsc-formats: {source}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    if limits is not None and len(data) > limits.max_body_bytes:  # refused unread: the reply is never that long
        print(f"{source}: {args.op}: expected {logs.too_long(limits)}", file=sys.stderr)
        return 1
    command = _decode if args.command == "decode" else _encode
    try:
        if args.op in CHANNEL_OPERATIONS:
            status = _channel(args, data)
        else:
            status = command(args, OPERATIONS[args.op].bind(dict(args.param)), data)
        sys.stdout.flush()  # a failing output is reported below, not by the interpreter at exit
    except (DecodeError, EncodeError) as exc:
        print(f"{source}: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader went away: as the log run, quietly
        _silence(sys.stdout)
        return _BROKEN_PIPE
    except OSError as exc:  # the input was read above: this is the output (a full disk)
        print(f"smsc-formats: output: {exc.strerror or exc}", file=sys.stderr)
        return 2
    return status


def decode_logs(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Decode every reply of every source; exit status 1 if any was malformed, 2 if a source or the output failed."""
    fields = None
    if args.body_field is not None:
        fields = logs.LogFields(args.body_field, args.op_field, args.fmt_field, args.charset_field, args.params_field)
    command = logs.Command(
        files=args.files,
        decoder={
            "op": args.op,
            "params": dict(args.param),
            "fmt": args.fmt,
            "charset": args.charset,
            "strict": args.strict,
        },
        form=logs.Form(fields, args.delimiter, logs.declared_limits(args.op, dict(args.param))),
        format=args.format,
        output=args.output,
        jobs=args.jobs,
        fail_fast=args.fail_fast,
    )
    try:
        return logs.execute(command, stdout, stderr)
    except BrokenPipeError:  # the reader went away (``| head``): stop quietly, as ``yes | head`` does
        _silence(stdout)
        return _BROKEN_PIPE


_BROKEN_PIPE = 128 + 13
"""The status a shell reports for a command ended by SIGPIPE."""


def _silence(stdout: TextIO) -> None:
    """Point stdout at /dev/null, so the interpreter's last flush does not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, stdout.fileno())
    os.close(devnull)


def _check_decode(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Usage mistakes that argparse cannot see on its own (exit status 2)."""
    if args.op is None and args.op_field is None:
        parser.error("decode needs --op, or --op-field with --body-field")
    fields = [f"--{name}-field" for name in _LOG_FIELDS if getattr(args, f"{name}_field") is not None]
    if fields and args.body_field is None:
        parser.error(f"{fields[0]} needs --body-field")
    if args.output is not None and logs.is_columnar(args.output):
        if args.format != "json":
            parser.error(f"--format {args.format} writes text; {args.output} is a columnar file")
        if importlib.util.find_spec("pyarrow") is None:
            parser.error(f"{args.output}: columnar output needs pyarrow: pip install 'smsc-formats[arrow]'")


def _check_encode(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """An HTTP reply needs its --fmt; a channel's bytes have none, and no request options."""
    channel = args.op in CHANNEL_OPERATIONS
    if channel and args.fmt is not None:
        parser.error(f"--fmt: {args.op} is a channel's bytes, which have no fmt")
    if channel and args.param:
        parser.error(f"--param: {args.op} takes no request options")
    if not channel and args.fmt is None:
        parser.error(f"encode --op {args.op} needs --fmt 0, 1, 2 or 3")
    if args.psw_env is not None and not (channel and CHANNEL_OPERATIONS[args.op].masked):
        parser.error(f"--psw-env: {args.op} has no password")


def _log_run(args: argparse.Namespace) -> bool:
    """Options only a log run has: an output file, worker processes."""
    return args.output is not None or args.jobs != 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""Decode a JSON-lines log of raw replies with Dask and write it as a Parquet dataset.

    python examples/logs/dask_parquet.py LOG.jsonl OUT_DIR [--blocksize 64MiB] [--scheduler ADDRESS]

The log is cut into blocks at line ends (``dask.bytes.read_bytes``); each block is decoded by
``smsc_formats.logs.decode_log`` and written as one Parquet file of the dataset
(``part-00000.parquet``, ...), on whichever worker holds it. A first pass counts the lines of
each block (bytes only, fast), so that every row keeps its line in the whole log. Nothing but the
row counts comes back to the client: memory stays flat, whatever the size of the log.

On one machine Dask's local scheduler runs the blocks on every core. On a cluster, give the
scheduler's address: the workers need ``smsc-formats[dask]`` installed, and the log and OUT_DIR
on storage every worker can reach (a shared file system, or ``s3://``, ``gs://``, ``hdfs://``
paths with the matching fsspec package).
"""

from __future__ import annotations

import argparse
import io
import itertools
import posixpath
from typing import Any

import dask
import fsspec
from dask.bytes import read_bytes

from smsc_formats import logs

FIELDS = {"body_field": "body", "op_field": "op", "fmt_field": "fmt", "params_field": "params"}
"""Where each line of the log holds its reply, operation, fmt and request options."""


def count_lines(block: bytes) -> int:
    return block.count(b"\n")


def decode_block(block: bytes, source: str, first_line: int, out: str, options: dict[str, Any]) -> int:
    """One block of the log, decoded and written as one Parquet file; the rows written."""
    outcomes = logs.decode_log(io.BytesIO(block), name=source, first_line=first_line, **options)
    with fsspec.open(out, "wb") as file:
        return logs.write_parquet(outcomes, file, op=options.get("op"))


def decode_to_parquet(path: str, out_dir: str, *, blocksize: str | int = "64MiB", **options: Any) -> int:
    """Decode the log at ``path`` into a Parquet dataset in ``out_dir``; the rows written."""
    options = options or FIELDS
    _, [blocks] = read_bytes(path, delimiter=b"\n", blocksize=blocksize)
    counts = dask.compute(*(dask.delayed(count_lines)(block) for block in blocks))
    firsts = itertools.accumulate(counts[:-1], initial=1)
    fs, root = fsspec.core.url_to_fs(out_dir)
    fs.makedirs(root, exist_ok=True)
    parts = [
        dask.delayed(decode_block)(block, path, first, posixpath.join(out_dir, f"part-{index:05d}.parquet"), options)
        for index, (block, first) in enumerate(zip(blocks, firsts, strict=True))
    ]
    return sum(dask.compute(*parts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("log")
    parser.add_argument("out_dir")
    parser.add_argument("--blocksize", default="64MiB")
    parser.add_argument("--scheduler", help="a distributed scheduler's address (default: this machine's cores)")
    args = parser.parse_args()
    if args.scheduler:
        from dask.distributed import Client

        Client(args.scheduler)
    print(decode_to_parquet(args.log, args.out_dir, blocksize=args.blocksize), "rows")


if __name__ == "__main__":
    main()

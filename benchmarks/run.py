"""Throughput, memory and import time of smsc_formats, against the targets of docs/performance.md.

    python benchmarks/run.py                        # the full run (a 1 GB log for peak memory)
    python benchmarks/run.py --memory-mb 100 --cli-replies 20000   # a quicker one

For each fmt: replies and MB per second of ``decode`` against the bare parser it rests on
(json.loads, lxml.etree.fromstring, str.split plus dict building), and the ratio; the CLI's
end-to-end throughput on a JSON-lines log; the same log with ``--jobs 1`` and ``--jobs 2``, to JSON
lines and to Parquet (the speed-up of two workers); its peak memory on a large log; and the time of
``import smsc_formats`` in a fresh interpreter. The log is generated with a fixed seed from
every operation in ``smsc_formats.OPERATIONS`` (see generate.py).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generate import Reply, replies
from lxml import etree

import smsc_formats
from smsc_formats import Fmt
from smsc_formats._compiled import use_fast_extra

RATIO_TARGETS = {Fmt.TEXT: 1.5, Fmt.CSV: 1.5, Fmt.XML: 2.0, Fmt.JSON: 1.5}
"""Typed decode against the bare parser, CPU time, on the mix, one record and a list of 100."""
ENCODE_TARGET = 2.0
"""``encode`` against a plain writer of the same bytes, CPU time."""
CLI_TARGET = 100_000  # replies per second, fmt=1, one core
MEMORY_TARGET_MB = 100
IMPORT_TARGET_MS = 40
LIST_SIZE = 100
FAST_TARGET = 1.0
"""fmt=3 decode with the fast extra (msgspec) against json.loads on the same bytes: faster, CPU time."""
FAST_SHAPES = ("every-operation mix, JSON bodies", "one record", f"list of {LIST_SIZE}")
"""The fast extra's goals, printed as MISS (not measured) where msgspec is not installed."""


def _best_pair(first: Callable[[], object], second: Callable[[], object], repeat: int) -> tuple[float, float]:
    """The best CPU time of each, run in turn so both meet the same load (the machine may be shared).

    CPU time rather than the wall clock: time spent waiting for a core is not the code's.
    """
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for run, spent in ((first, times[0]), (second, times[1])):
            start = time.process_time()
            run()
            spent.append(time.process_time() - start)
    return min(times[0]), min(times[1])


def _bare(fmt: Fmt, batch: list[tuple[Reply, Any]]) -> Callable[[], object]:
    """The parser ``decode`` rests on, building plain dicts where the format has no parser."""
    bodies = [reply.body for reply, _ in batch]
    if fmt is Fmt.JSON and all(body[:1] in (b"{", b"[") for body in bodies):
        return lambda: [json.loads(body) for body in bodies]
    if fmt is Fmt.JSON:  # some operations answer fmt=3 with their fmt=0 sentence (a bare "OK"), no JSON
        sentences = _bare(Fmt.TEXT, [item for item in batch if item[0].body[:1] not in (b"{", b"[")])
        objects = _bare(Fmt.JSON, [item for item in batch if item[0].body[:1] in (b"{", b"[")])
        return lambda: (objects(), sentences())
    if fmt is Fmt.XML:
        return lambda: [etree.fromstring(body) for body in bodies]
    if fmt is Fmt.CSV:
        columns = [operation.record.layout.csv_layouts[0].columns for _, operation in batch]
        return lambda: [
            [dict(zip(names, line.split(","), strict=False)) for line in body.decode().splitlines()]
            for body, names in zip(bodies, columns, strict=True)
        ]
    return lambda: [
        [dict(pair.partition(" = ")[::2] for pair in line.split(", ")) for line in body.decode().splitlines()]
        for body in bodies
    ]


def decode_vs_bare(count: int, seed: int, repeat: int) -> list[dict[str, Any]]:
    """Typed decode of the every-operation mix against the bare parser, per fmt, without the fast extra."""
    use_fast_extra(False)
    rows = []
    for fmt in Fmt:
        log = list(replies(count, seed=seed, fmts=(fmt,)))
        batch = [(reply, smsc_formats.OPERATIONS[reply.op].bind(reply.params)) for reply in log]
        size = sum(len(reply.body) for reply in log)
        typed, bare = _best_pair(
            lambda: [smsc_formats.decode(op, r.body, fmt=r.fmt) for r, op in batch],  # noqa: B023
            _bare(fmt, batch),
            repeat,
        )
        rows.append(
            {
                "fmt": int(fmt),
                "replies": count,
                "decode_replies_per_s": count / typed,
                "decode_mb_per_s": size / typed / 1e6,
                "bare_replies_per_s": count / bare,
                "bare_mb_per_s": size / bare / 1e6,
                "ratio": typed / bare,
                "target": RATIO_TARGETS[fmt],
            }
        )
    use_fast_extra(True)
    return rows


def _typed_and_bare(fmt: Fmt, batch: list[tuple[Reply, Any]], repeat: int) -> tuple[float, float]:
    return _best_pair(
        lambda: [smsc_formats.decode(op, r.body, fmt=r.fmt) for r, op in batch],
        _bare(fmt, batch),
        repeat,
    )


def _operator_info(index: int) -> Any:
    return smsc_formats.OperatorInfo(
        phone=None if index < 0 else f"7999{index:07d}",
        country="Россия",
        operator="МТС",
        region="г.Москва и Московская область",
        mcc="250",
        mnc="01",
        tz="3",
    )


def _shapes(count: int) -> dict[str, Callable[[Fmt], list[tuple[Reply, Any]]]]:
    """get_operator: one record, and a list of ``LIST_SIZE`` records (asked for by phone), as a
    batch of about ``count`` records in a given fmt."""
    single = smsc_formats.GET_OPERATOR
    several = single(phone=",".join(f"7999{index:07d}" for index in range(LIST_SIZE)))
    listed = [_operator_info(index) for index in range(LIST_SIZE)]

    def batch(operation: Any, value: Any, copies: int) -> Callable[[Fmt], list[tuple[Reply, Any]]]:
        def make(fmt: Fmt) -> list[tuple[Reply, Any]]:
            body = smsc_formats.encode(operation, value, fmt=fmt)
            return [(Reply("get_operator", dict(operation.form), int(fmt), body), operation)] * copies

        return make

    return {
        "one record": batch(single, _operator_info(-1), count),
        f"list of {LIST_SIZE}": batch(several, listed, max(1, count // LIST_SIZE)),
    }


def decode_shapes(count: int, repeat: int) -> list[dict[str, Any]]:
    """One record and a list of ``LIST_SIZE``, per fmt, without the fast extra."""
    use_fast_extra(False)
    rows = []
    for fmt in Fmt:
        for shape, batch in _shapes(count).items():
            typed, bare = _typed_and_bare(fmt, batch(fmt), repeat)
            rows.append({"fmt": int(fmt), "shape": shape, "ratio": typed / bare, "target": RATIO_TARGETS[fmt]})
    use_fast_extra(True)
    return rows


def decode_fast_extra(count: int, seed: int, repeat: int) -> list[dict[str, Any]]:
    """fmt=3 with the fast extra against json.loads on the same bytes: the every-operation mix's
    JSON bodies (a bare sentence is not JSON), one record, a list of ``LIST_SIZE``. Empty without
    msgspec."""
    try:
        from smsc_formats import _fast  # noqa: F401 - only to know that the extra is installed
    except ImportError:
        return []
    log = [reply for reply in replies(count, seed=seed, fmts=(Fmt.JSON,)) if reply.body[:1] in (b"{", b"[")]
    batches = {"every-operation mix, JSON bodies": [(r, smsc_formats.OPERATIONS[r.op].bind(r.params)) for r in log]}
    batches |= {shape: batch(Fmt.JSON) for shape, batch in _shapes(count).items()}
    rows = []
    for shape, batch in batches.items():
        typed, bare = _typed_and_bare(Fmt.JSON, batch, repeat)
        rows.append({"shape": shape, "ratio": typed / bare, "target": FAST_TARGET})
    return rows


def _plain_writer(fmt: Fmt, raw: dict[str, str]) -> Callable[[], object]:
    """The same bytes as ``encode`` writes for one record, by the shortest means at hand."""
    if fmt is Fmt.JSON:
        return lambda: json.dumps(raw, ensure_ascii=False, indent=0).encode()
    if fmt is Fmt.XML:

        def xml() -> bytes:  # the values need no escaping
            return ("<info>" + "".join(f"<{k}>{v}</{k}>" for k, v in raw.items()) + "</info>").encode()

        return xml
    if fmt is Fmt.CSV:
        return lambda: ",".join(raw.values()).encode()
    return lambda: ", ".join(f"{k} = {v}" for k, v in raw.items()).encode()


def encode_vs_plain(count: int, repeat: int) -> list[dict[str, Any]]:
    """``encode`` of one get_operator record against a plain writer (a join, an f-string, json.dumps)."""
    operation, value = smsc_formats.GET_OPERATOR, _operator_info(-1)
    raw = smsc_formats.to_api(operation, value)
    assert isinstance(raw, dict)
    rows = []
    for fmt in Fmt:
        calls = range(count)
        plain = _plain_writer(fmt, raw)
        typed, bare = _best_pair(
            lambda: [smsc_formats.encode(operation, value, fmt=fmt) for _ in calls],  # noqa: B023
            lambda: [plain() for _ in calls],  # noqa: B023
            repeat,
        )
        rows.append({"fmt": int(fmt), "ratio": typed / bare, "target": ENCODE_TARGET})
    return rows


def _write_log(path: Path, log: list[Reply], *, min_bytes: int = 0) -> tuple[int, int]:
    """Write ``log`` as JSON lines, cycling through it until ``min_bytes``; lines and bytes written."""
    lines = [reply.json_line().encode() for reply in log]
    written = count = 0
    with path.open("wb") as out:
        for line in itertools.cycle(lines):
            out.write(line)
            written += len(line)
            count += 1
            if count >= len(lines) and written >= min_bytes:
                break
    return count, written


@dataclass(frozen=True)
class CliRun:
    seconds: float
    cpu_seconds: float
    """User plus system time: on a shared machine, closer to "one core" than the wall clock."""
    peak_mb: float
    own_cpu_seconds: float = 0.0
    """The CLI process's own CPU time, its worker processes' left out: with --jobs, the part no worker shares."""


JSON_LINES = ["--body-field", "body", "--op-field", "op", "--fmt-field", "fmt", "--params-field", "params"]
SEPARATOR = b"\x1e\n"
"""Between replies of the raw stream: an ASCII record separator, which no reply holds."""


PEAK_PROBE = """
import resource, sys
from smsc_formats.cli import main
try:
    status = main(sys.argv[1:])
finally:
    own = resource.getrusage(resource.RUSAGE_SELF)
    sys.stderr.write(f"\\nOwnCPU: {own.ru_utime + own.ru_stime}")
    with open("/proc/self/status") as status_file:
        sys.stderr.write("\\n" + next(line for line in status_file if line.startswith("VmHWM:")))
sys.exit(status)
"""
"""Runs the CLI and reports its own peak resident set (VmHWM). ``ru_maxrss`` will not do: a child
spawned from this large benchmark process inherits its high-water mark across exec."""


def _cli(path: Path, options: list[str]) -> CliRun:
    """One CLI run over a log: wall and CPU time (``wait4``, this child's only) and peak memory."""
    command = [sys.executable, "-c", PEAK_PROBE, "decode", *options, str(path)]
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors) as process:  # noqa: S603
            _, status, usage = os.wait4(process.pid, 0)
            elapsed = time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        text = errors.read().decode()
    if process.returncode != 0 or "VmHWM:" not in text:
        raise RuntimeError(f"the CLI failed ({process.returncode}): {text[-500:]}")
    peak_kb = int(text.rsplit("VmHWM:", 1)[1].split()[0])
    own = float(text.rsplit("OwnCPU:", 1)[1].split()[0])
    return CliRun(elapsed, usage.ru_utime + usage.ru_stime, peak_kb / 1024, own)


def _best_run(path: Path, options: list[str], repeat: int) -> CliRun:
    runs = [_cli(path, options) for _ in range(repeat)]
    return CliRun(
        min(run.seconds for run in runs),
        min(run.cpu_seconds for run in runs),
        max(r.peak_mb for r in runs),
        min(run.own_cpu_seconds for run in runs),
    )


STREAM_OPERATION = "get_operator"
"""The raw-stream form names one operation per run; a process per operation would time start-ups."""


def _stream_run(count: int, seed: int, fmt: Fmt, workdir: Path, repeat: int) -> tuple[CliRun, int]:
    """The raw-stream form: replies of one operation separated by ``SEPARATOR``."""
    op = STREAM_OPERATION if STREAM_OPERATION in smsc_formats.OPERATIONS else min(smsc_formats.OPERATIONS)
    path = workdir / f"{op}.fmt{int(fmt)}.log"
    data = SEPARATOR.join(reply.body for reply in replies(count, seed=seed, fmts=(fmt,), names=(op,)))
    path.write_bytes(data)
    run = _best_run(path, ["--op", op, "--fmt", str(int(fmt)), "--delimiter", "\\x1e\\n"], repeat)
    path.unlink()
    return run, len(data)


def cli_throughput(count: int, seed: int, workdir: Path, repeat: int) -> list[dict[str, Any]]:
    """Both log forms per fmt: a JSON-lines log of every operation, and a raw stream of one."""
    rows = []
    for fmt in Fmt:
        log = list(replies(count, seed=seed, fmts=(fmt,)))
        path = workdir / f"fmt{int(fmt)}.jsonl"
        _, size = _write_log(path, log)
        forms = {"json-lines": (_best_run(path, JSON_LINES, repeat), size)}
        path.unlink()
        forms[f"stream ({STREAM_OPERATION})"] = _stream_run(count, seed, fmt, workdir, repeat)
        for form, (run, megabytes) in forms.items():
            rows.append(
                {
                    "fmt": int(fmt),
                    "form": form,
                    "replies": count,
                    "replies_per_s": count / run.seconds,
                    "replies_per_cpu_s": count / run.cpu_seconds,
                    "mb_per_s": megabytes / run.seconds / 1e6,
                }
            )
    return rows


def jobs_and_parquet(count: int, seed: int, workdir: Path, repeat: int) -> list[dict[str, Any]]:
    """The JSON-lines log of every operation and fmt, decoded with --jobs 1 and 2, to JSON lines
    and to Parquet (wall time: the speed-up of two workers is what a user waits less)."""
    path = workdir / "jobs.jsonl"
    _, size = _write_log(path, list(replies(count, seed=seed)))
    rows = []
    for output in ("json-lines", "parquet"):
        target = ["--output", str(workdir / "out.parquet")] if output == "parquet" else []
        one = _best_run(path, [*JSON_LINES, *target, "--jobs", "1"], repeat)
        two = _best_run(path, [*JSON_LINES, *target, "--jobs", "2"], repeat)
        for jobs, run in ((1, one), (2, two)):
            rows.append(
                {
                    "output": output,
                    "jobs": jobs,
                    "replies": count,
                    "replies_per_s": count / run.seconds,
                    "mb_per_s": size / run.seconds / 1e6,
                    "speed_up": one.seconds / run.seconds,
                    "peak_mb": run.peak_mb,
                    "main_cpu_share": run.own_cpu_seconds / one.own_cpu_seconds,
                }
            )
    path.unlink()
    return rows


def peak_memory(megabytes: int, seed: int, workdir: Path) -> dict[str, Any]:
    path = workdir / "large.jsonl"
    lines, size = _write_log(path, list(replies(5000, seed=seed)), min_bytes=megabytes * 1_000_000)
    run = _cli(path, JSON_LINES)
    path.unlink()
    return {"log_mb": size / 1e6, "replies": lines, "seconds": run.seconds, "peak_mb": run.peak_mb}


def import_time(repeat: int) -> dict[str, Any]:
    """Wall and CPU time of ``import smsc_formats`` in fresh interpreters, the best of ``repeat``."""
    probe = (
        "import sys, time; start, cpu = time.perf_counter(), time.process_time(); import smsc_formats; "
        "print(time.perf_counter() - start, time.process_time() - cpu, 'lxml' in sys.modules)"
    )
    runs = [
        subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()  # noqa: S603
        for _ in range(repeat)
    ]
    return {
        "ms": min(float(run[0]) for run in runs) * 1000,
        "cpu_ms": min(float(run[1]) for run in runs) * 1000,
        "lxml_loaded": any(run[2] == "True" for run in runs),
        "target": IMPORT_TARGET_MS,
    }


def machine() -> dict[str, str]:
    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout.splitlines()  # noqa: S607
    model = next(
        (line.split(":", 1)[1].strip() for line in lscpu if line.startswith("Model name")), platform.processor()
    )
    return {
        "cpu": model,
        "nproc": str(os.cpu_count()),
        "python": platform.python_version(),
        "lxml": ".".join(map(str, etree.LXML_VERSION)),
        "smsc_formats": smsc_formats.__version__,
        "operations": ", ".join(sorted(smsc_formats.OPERATIONS)),
        "load_average_1min": f"{os.getloadavg()[0]:.2f}",
    }


def _met(ok: bool) -> str:
    return "yes" if ok else "NO"


def _goal(text: str, ratio: float, target: float, *, at_least: bool = False) -> str:
    met = ratio >= target if at_least else ratio <= target
    return f"{text:<58} {ratio:>10.2f}  {'>=' if at_least else '<='} {target:<8g} {'PASS' if met else 'MISS'}"


def goals(results: dict[str, Any]) -> list[str]:
    """Each goal of docs/performance.md with what was measured, and PASS or MISS."""
    out = [f"{'goal':<58} {'measured':>10}  target      "]
    for row in results["decode"]:
        out.append(_goal(f"decode, fmt={row['fmt']}, every-operation mix (x bare parser)", row["ratio"], row["target"]))
    for row in results["shapes"]:
        out.append(_goal(f"decode, fmt={row['fmt']}, {row['shape']} (x bare parser)", row["ratio"], row["target"]))
    for shape in results["fast"] or FAST_SHAPES:
        row = shape if isinstance(shape, dict) else {"shape": shape, "ratio": float("nan"), "target": FAST_TARGET}
        out.append(_goal(f"fast extra, fmt=3, {row['shape']} (x json.loads)", row["ratio"], row["target"]))
    for row in results["encode"]:
        out.append(_goal(f"encode, fmt={row['fmt']}, one record (x plain writer)", row["ratio"], row["target"]))
    for row in results["cli"]:
        if row["fmt"] == 1 and row["form"] == "json-lines":
            out.append(
                _goal(
                    "CLI, fmt=1 JSON-lines log (replies per CPU second)",
                    row["replies_per_cpu_s"],
                    CLI_TARGET,
                    at_least=True,
                )
            )
    out.append(_goal("import smsc_formats (ms CPU)", results["import"]["cpu_ms"], IMPORT_TARGET_MS))
    return out


def report(results: dict[str, Any]) -> str:
    out = [f"machine: {json.dumps(results['machine'], ensure_ascii=False)}", ""]
    out.append("fmt  decode rep/s   MB/s   bare rep/s   MB/s    ratio  target  met   (per CPU second)")
    for row in results["decode"]:
        out.append(
            f"{row['fmt']:<4} {row['decode_replies_per_s']:>12,.0f} {row['decode_mb_per_s']:>6.1f} "
            f"{row['bare_replies_per_s']:>12,.0f} {row['bare_mb_per_s']:>6.1f} {row['ratio']:>7.2f}x "
            f"{row['target']:>5}x  {_met(row['ratio'] <= row['target'])}"
        )
    out += ["", "fmt  CLI form                rep/s (wall)  rep/s (CPU)  MB/s (wall)   one process"]
    for row in results["cli"]:
        target = f"  target {CLI_TARGET:,}/s: {_met(row['replies_per_s'] >= CLI_TARGET)}" if row["fmt"] == 1 else ""
        out.append(
            f"{row['fmt']:<4} {row['form']:<21} {row['replies_per_s']:>12,.0f} {row['replies_per_cpu_s']:>12,.0f} "
            f"{row['mb_per_s']:>12.1f}{target}"
        )
    out += ["", "output       jobs  rep/s (wall)  MB/s (wall)  speed-up  peak MB  main process CPU / --jobs 1's"]
    for row in results["jobs"]:
        out.append(
            f"{row['output']:<12} {row['jobs']:>4} {row['replies_per_s']:>13,.0f} {row['mb_per_s']:>12.1f} "
            f"{row['speed_up']:>8.2f}x {row['peak_mb']:>8.1f}  {row['main_cpu_share']:>6.1%}"
        )
    out += ["", *goals(results)]
    memory = results["memory"]
    out.append(
        f"\npeak memory: {memory['peak_mb']:.1f} MB decoding a {memory['log_mb']:,.0f} MB log of "
        f"{memory['replies']:,} replies in {memory['seconds']:.0f} s; target < {MEMORY_TARGET_MB} MB: "
        f"{_met(memory['peak_mb'] < MEMORY_TARGET_MB)}"
    )
    imported = results["import"]
    fast = imported["ms"] < IMPORT_TARGET_MS and not imported["lxml_loaded"]
    out.append(
        f"import smsc_formats: {imported['ms']:.1f} ms wall, {imported['cpu_ms']:.1f} ms CPU, "
        f"lxml loaded: {imported['lxml_loaded']}; "
        f"target < {IMPORT_TARGET_MS} ms without lxml: {_met(fast)}"
    )
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--replies", type=int, default=20_000, help="replies per fmt for decode against the bare parser"
    )
    parser.add_argument("--cli-replies", type=int, default=100_000, help="replies per fmt for the CLI's throughput")
    parser.add_argument(
        "--jobs-replies", type=int, default=200_000, help="replies for --jobs 1/2 and Parquet output (needs pyarrow)"
    )
    parser.add_argument("--memory-mb", type=int, default=1000, help="size of the log for peak memory, in MB")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing; the best is kept")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="smsc-bench-") as workdir:
        results = {
            "arguments": vars(args) | {"json": str(args.json)},
            "decode": decode_vs_bare(args.replies, args.seed, args.repeat),
            "shapes": decode_shapes(args.replies, args.repeat),
            "fast": decode_fast_extra(args.replies, args.seed, args.repeat),
            "encode": encode_vs_plain(max(1, args.replies // 10), args.repeat),
            "cli": cli_throughput(args.cli_replies, args.seed, Path(workdir), args.repeat),
            "jobs": jobs_and_parquet(args.jobs_replies, args.seed, Path(workdir), args.repeat),
            "memory": peak_memory(args.memory_mb, args.seed, Path(workdir)),
            "import": import_time(max(args.repeat, 10)),
        }
    results["machine"] = machine()  # after the runs: the load average is the one they ran under
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()

"""Run the fuzz harness for a number of inputs or minutes per format, and keep what it finds.

::

    python fuzz/run.py [--fmt 0 1 2 3 auto] [--runs N | --minutes M] [--jobs 2] [--out fuzz/out]

Each format gets its own corpus under ``OUT/corpus/``, seeded with the golden replies of
tests/data and the sample replies of examples/. A crashing input is kept by libFuzzer under
``OUT/crashes/``; the run then goes on from the same corpus until the count is reached, and each
crash is also written as a regression case (body plus a JSON description) under
``OUT/regressions/``, ready to move to tests/data/regressions/. The figures of every run go to
``OUT/summary.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import smsc_formats as smsc  # noqa: E402 - after the path is set
from fuzz.selection import pick, selector  # noqa: E402

HARNESS = ROOT / "fuzz" / "fuzz_decode.py"
MAX_RESTARTS = 25
DONE = re.compile(r"^Done (\d+) runs in (\d+) second")
PROGRESS = re.compile(r"^#(\d+)\s")


def _seeds() -> list[tuple[bytes, smsc.Operation[Any], str]]:
    """Every sample reply, with the operation and charset it was recorded for."""
    seeds = []
    for name, operation in smsc.OPERATIONS.items():
        for path in sorted((ROOT / "tests" / "data" / name).rglob("*")):
            if path.is_dir() or path.name.endswith(".json"):
                continue
            case_file = path.with_name(path.name.rsplit(".", 1)[0] + ".expected.json")
            case = json.loads(case_file.read_text(encoding="utf-8")) if case_file.exists() else {}
            seeds.append(
                (path.read_bytes(), operation.with_unchecked(case.get("params", {})), case.get("charset", "utf-8"))
            )
        for path in sorted((ROOT / "tests" / "data" / "regressions").glob("*.json")):
            case = json.loads(path.read_text(encoding="utf-8"))
            if case["operation"] == name:
                found = path.with_suffix(".bin").read_bytes()
                seeds.append((found, operation.with_unchecked(case["params"]), case["charset"]))
        for path in sorted((ROOT / "examples" / "replies").glob(f"{name}.*")):
            param = operation.cardinality.param
            several = operation.with_unchecked({param: "1,2"}) if param else operation
            seeds.append((path.read_bytes(), several if ".several." in path.name else operation, "utf-8"))
    return seeds


def _seed_corpus(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for body, recorded, charset in _seeds():
        param = recorded.cardinality.param
        several = param is not None and recorded.asks_for_several
        operation = recorded.with_unchecked({param: "79990000001,79990000002"}) if param and several else recorded
        data = bytes([selector(operation, charset)]) + body
        (folder / hashlib.sha256(data).hexdigest()[:40]).write_bytes(data)


def _regression(crash: Path, fmt: str, out: Path) -> None:
    """A crash as a replayable case: the body, and what to decode it as."""
    data = crash.read_bytes()
    if not data:
        return
    operation, charset = pick(data[0])
    stem = out / f"fmt{fmt}-{operation.name}-{crash.name.removeprefix('crash-')[:10]}"
    out.mkdir(parents=True, exist_ok=True)
    stem.with_suffix(".bin").write_bytes(data[1:])
    case = {
        "operation": operation.name,
        "params": dict(operation.params),
        "fmt": fmt if fmt == "auto" else int(fmt),
        "charset": charset,
        "finding": "",
    }
    stem.with_suffix(".json").write_text(json.dumps(case, indent=1) + "\n", encoding="utf-8")


def _run_format(fmt: str, args: argparse.Namespace) -> dict[str, Any]:
    out: Path = args.out
    corpus = out / "corpus" / f"fmt{fmt}"
    crashes = out / "crashes" / f"fmt{fmt}"
    _seed_corpus(corpus)
    crashes.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "SMSC_FUZZ_FMT": fmt, "PYTHONPATH": str(ROOT)}
    done, restarts, found = 0, 0, []
    started = time.monotonic()
    deadline = started + args.minutes * 60 if args.minutes else None
    while restarts <= MAX_RESTARTS:
        left = None if deadline is None else int(deadline - time.monotonic())
        if (left is None and done >= args.runs) or (left is not None and left < 1):
            break
        budget = f"-runs={args.runs - done}" if left is None else f"-max_total_time={left}"
        before = set(crashes.iterdir())
        log = out / f"fmt{fmt}.log"
        command = [
            sys.executable, str(HARNESS), budget, f"-max_len={args.max_len}", f"-dict={ROOT / 'fuzz' / 'smsc.dict'}",
            f"-artifact_prefix={crashes}/", "-print_final_stats=1", str(corpus),
        ]  # fmt: skip
        with log.open("a", encoding="utf-8") as sink:
            run = subprocess.run(command, env=env, stdout=sink, stderr=subprocess.STDOUT, check=False)  # noqa: S603
        status = run.returncode
        runs = _executed(log)
        done += runs
        new = sorted(set(crashes.iterdir()) - before)
        for crash in new:
            _regression(crash, fmt, out / "regressions")
        found += [crash.name for crash in new]
        if status == 0 or not new:  # finished, or a crash already kept (a seed that crashes)
            break
        restarts += 1
    return {"fmt": fmt, "inputs": done, "seconds": round(time.monotonic() - started), "crashes": found}


def _executed(log: Path) -> int:
    """Inputs the last run in ``log`` executed: libFuzzer's final count, or its last progress line."""
    last = 0
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("INFO: Seed:"):
            last = 0
        elif (done := DONE.match(line)) or (done := PROGRESS.match(line)):
            last = int(done.group(1))
    return last


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fmt", nargs="+", default=["0", "1", "2", "3", "auto"], choices=["0", "1", "2", "3", "auto"])
    budget = parser.add_mutually_exclusive_group()
    budget.add_argument("--runs", type=int, default=1_000_000, help="inputs per format (default 1,000,000)")
    budget.add_argument("--minutes", type=float, help="minutes per format instead of a count")
    parser.add_argument("--jobs", type=int, default=2, help="formats fuzzed at once (one core each)")
    parser.add_argument("--max-len", type=int, default=16384, help="longest input libFuzzer makes")
    parser.add_argument("--out", type=Path, default=ROOT / "fuzz" / "out")
    args = parser.parse_args()
    with ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(lambda fmt: _run_format(fmt, args), args.fmt))
    summary = args.out / "summary.json"
    previous = json.loads(summary.read_text(encoding="utf-8")) if summary.exists() else []
    summary.write_text(json.dumps([*previous, *results], indent=1) + "\n", encoding="utf-8")
    for result in results:
        crashes = len(result["crashes"])
        print(f"fmt={result['fmt']}: {result['inputs']} inputs in {result['seconds']} s, {crashes} crashes")
    sys.exit(1 if any(result["crashes"] for result in results) else 0)


if __name__ == "__main__":
    main()

"""Mutation testing of the core with mutmut 3: ``.ci/mutation [MODULE ...]`` (docs/mutation.md).

Each module given (by default: the core modules the last commit changed) is mutated; every
mutant runs against the tests that reach its function, as mutmut's stats run recorded them. The
run fails when a mutant survives (or no test reaches it) and is not listed in
``mutation/equivalent.toml``. Listed mutants are not run at all. The whole run keeps to a time
budget (``MUTATION_BUDGET`` seconds, 360 unless set); what it could not run in time is reported,
and does not fail the run.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import fnmatch
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENTS = ROOT / "mutation" / "equivalent.toml"
WORK = ROOT / "build" / "mutation"  # the copy that mutmut runs in, kept for `mutmut show` and `browse`
DEFAULT_BUDGET = 360.0
REPORT_RESERVE = 15.0  # seconds kept from the budget to stop mutmut and write the report

# The core: the code whose every behaviour the tests are meant to pin.
CORE_DIRS = ("smsc_formats/formats/", "smsc_formats/client/", "smsc_formats/channels/")
CORE_FILES = (
    "smsc_formats/_codec.py",
    "smsc_formats/operations/_schema.py",
    "smsc_formats/operations/_operation.py",
    "smsc_formats/operations/callback.py",
)
# In a core directory but not mutated: Hypothesis strategies make the tests' data; a mutant there
# changes what the tests try, not what the library does.
NOT_MUTATED = ("smsc_formats/channels/strategies.py",)

# The tests of the stats run, and so the only ones a mutant can be run against: the whole suite
# but the files below (matched by name, in any directory under tests/).
EXCLUDED_TESTS = {
    "test_docs.py": "runs the README's and the docs' examples: slow, and every one is also a unit test",
    "test_misbehaving_servers.py": "hostile HTTP servers against the transport adapters, which are not mutated",
    "test_cli_memory.py": "measures a subprocess's memory: load-dependent, and no mutant runs in a subprocess",
    "test_linear_time.py": "timings: load-dependent with two mutants running at once",
    "test_benchmarks.py": "timings",
    "test_architecture.py": "reads the source's imports, which mutmut rewrites",
    "test_cli.py": "runs the command in subprocesses, which import the unmutated library",
    "test_examples.py": "runs the example clients in subprocesses, which import the unmutated library",
    "test_api_reference.py": "lists the clients' methods, among which mutmut puts its mutants; it reads only the docs",
}
# Single tests left out the same way, by name (pytest's -k), wherever their file is.
EXCLUDED_TEST_NAMES = {
    "test_importing_the_package_loads_no_xml_parser_http_stack_mail_or_checksums": (
        "what importing the package loads: a mutated module imports mutmut, which loads more"
    ),
    "test_the_older_keywords_warning_points_at_the_declaration": (
        "the frame a warning names: mutmut calls a mutated function through a trampoline, one frame more"
    ),
}


@dataclass(frozen=True)
class Mutant:
    name: str  # mutmut's: smsc_formats.formats.csv.x_decode__mutmut_12
    module: str  # smsc_formats/formats/csv.py
    function: str  # decode, or Class.method
    original: str  # the lines the mutant changes, stripped, one per line
    mutant: str  # what it has instead

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.module, self.function, self.original, self.mutant)

    def entry(self) -> str:
        """The mutant as an entry of equivalent.toml, its reason left to write."""
        return "\n".join(
            [
                "[[equivalent]]",
                f"module = {_toml_string(self.module)}",
                f"function = {_toml_string(self.function)}",
                f"original = {_toml_string(self.original)}",
                f"mutant = {_toml_string(self.mutant)}",
                'reason = ""',
            ]
        )


@dataclass
class Equivalent:
    module: str
    function: str
    original: str
    mutant: str
    reason: str
    matched: int = 0

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.module, self.function, _normalise(self.original), _normalise(self.mutant))


@dataclass
class Outcome:
    generated: list[Mutant] = field(default_factory=list)
    listed: list[Mutant] = field(default_factory=list)
    status: dict[str, str] = field(default_factory=dict)  # mutant name -> mutmut's status


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a TOML basic string


def _normalise(lines: str) -> str:
    return "\n".join(" ".join(line.split()) for line in lines.strip().splitlines())


def load_gated(path: Path = EQUIVALENTS) -> set[str]:
    """The modules whose every surviving mutant has been killed or listed: a survivor fails only there."""
    data = tomllib.loads(path.read_text("utf-8")) if path.exists() else {}
    return set(data.get("gated", []))


def load_equivalents(path: Path = EQUIVALENTS) -> list[Equivalent]:
    data = tomllib.loads(path.read_text("utf-8")) if path.exists() else {}
    entries = []
    for number, item in enumerate(data.get("equivalent", []), 1):
        missing = {"module", "function", "original", "mutant", "reason"} - item.keys()
        if missing or not str(item.get("reason", "")).strip():
            raise SystemExit(f"{path}: entry {number} needs module, function, original, mutant and a reason")
        entries.append(Equivalent(item["module"], item["function"], item["original"], item["mutant"], item["reason"]))
    return entries


def is_core(path: str) -> bool:
    if not path.endswith(".py") or path in NOT_MUTATED:
        return False
    return path in CORE_FILES or path.startswith(CORE_DIRS)


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True, text=True).stdout  # noqa: S603, S607


def changed_core_modules() -> list[str] | None:
    """The core modules the last commit changed (and that still exist), or None without a parent."""
    try:
        names = _git("diff", "--name-only", "HEAD~1", "HEAD", "--", "smsc_formats/").split()
    except subprocess.CalledProcessError:
        return None
    return sorted(name for name in names if is_core(name) and (ROOT / name).exists())


def modules_from_arguments(arguments: Sequence[str]) -> list[str]:
    modules: set[str] = set()
    for argument in arguments:
        path = Path(argument).resolve()
        if not path.exists():
            raise SystemExit(f"no such module: {argument}")
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        named = [file.relative_to(ROOT).as_posix() for file in files]
        core = [name for name in named if is_core(name)]
        if not core:
            raise SystemExit(f"{argument} is not in the core that .ci/mutation mutates (see docs/mutation.md)")
        modules.update(core)
    return sorted(modules)


def prepare_work_tree(modules: Sequence[str], workers: int) -> None:
    """A copy of the project (what git tracks, and new files it does not ignore) with mutmut's settings."""
    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)
    for name in _git("ls-files", "--cached", "--others", "--exclude-standard", "-z").split("\0"):
        source = ROOT / name
        if name and source.is_file():
            target = WORK / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    top_level = sorted({name.split("/")[0] for name in _git("ls-files").split()} - {"smsc_formats"})
    selection = ["tests", *(f"--ignore-glob=*/{name}" for name in EXCLUDED_TESTS)]
    selection += ["-k", "not (" + " or ".join(EXCLUDED_TEST_NAMES) + ")"]
    settings = {
        "source_paths": ["smsc_formats"],
        "only_mutate": list(modules),
        "also_copy": top_level,  # the tests read examples/, docs/ and data beside them
        "pytest_add_cli_args_test_selection": selection,
        "pytest_add_cli_args": ["-p", "mutation.pytest_plugin", "-p", "no:cacheprovider"],
        # Each mutant runs in its own process, forked from a server that has collected the tests
        # (so a mutant does not pay for the imports) but run none; mutation/pytest_plugin.py
        # empties the library's caches before the mutant's tests run.
        "process_isolation": "forkserver",
        "forkserver_warmup": "collect",
        "timeout_multiplier": 5.0,
        "use_setproctitle": False,
    }
    lines = ["[mutmut]"]
    for key, value in settings.items():
        if isinstance(value, list):
            lines.append(f"{key} =" + "".join(f"\n    {item}" for item in value))
        else:
            lines.append(f"{key} = {value}")
    (WORK / "setup.cfg").write_text("\n".join(lines) + "\n", "utf-8")


def generate(modules: Sequence[str]) -> list[Mutant]:
    """Every mutant mutmut makes of the modules, with the lines it changes (mutmut's own generator)."""
    os.chdir(WORK)  # mutmut reads its settings from the working directory
    from mutmut.mutation.file_mutation import mutate_file_contents
    from mutmut.utils.format_utils import get_mutant_name

    mutants = []
    for module in modules:
        mutated = mutate_file_contents(module, (WORK / module).read_text("utf-8"))
        lines = mutated.code.splitlines()
        spans = mutated.line_span_by_function_name

        def body(generated: str, plain: str) -> list[str]:
            span = spans[generated]  # noqa: B023 (used at once)
            return [line.replace(generated, plain) for line in lines[span.start - 1 : span.end]]  # noqa: B023

        for name in mutated.mutant_names:
            mangled = name.partition("__mutmut_")[0]
            function = mangled[2:] if mangled.startswith("x_") else ".".join(mangled[1:].split("ǁ")[1:3])
            plain = function.rpartition(".")[2]  # the def line as in the source
            original = body(f"{mangled}__mutmut_orig", plain)
            changed = body(name, plain)
            removed, added = [], []
            for line in difflib.ndiff(original, changed):
                if line.startswith("- "):
                    removed.append(line[2:].strip())
                elif line.startswith("+ "):
                    added.append(line[2:].strip())
            full_name = get_mutant_name(Path(module), name)
            mutants.append(Mutant(full_name, module, function, "\n".join(removed), "\n".join(added)))
    os.chdir(ROOT)
    return mutants


def run_mutmut(names: Sequence[str], workers: int, deadline: float) -> bool:
    """mutmut on the named mutants until done or the deadline; True if it finished."""
    mutmut = Path(sys.executable).with_name("mutmut")
    env = {**os.environ, "HYPOTHESIS_PROFILE": "mutation"}
    log = (WORK / "mutmut.log").open("w")
    process = subprocess.Popen(  # noqa: S603 (mutmut beside this Python, on the run's own mutant names)
        [str(mutmut), "run", "--max-children", str(workers), *names],
        cwd=WORK,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        process.wait(timeout=max(deadline - time.monotonic(), 1.0))
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGINT)  # mutmut stops its workers; finished verdicts are saved
        try:
            process.wait(timeout=REPORT_RESERVE / 2)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        return False
    finally:
        log.close()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # the fork server and any worker left
    if process.returncode != 0:
        print((WORK / "mutmut.log").read_text("utf-8", "replace")[-4000:])
        raise SystemExit(
            f"mutmut failed (exit {process.returncode}); its output is in {WORK / 'mutmut.log'}. If the stats or"
            " clean run failed, a test fails in the mutated copy: run pytest -x there (build/mutation/mutants,"
            " with -p mutation.pytest_plugin and HYPOTHESIS_PROFILE=mutation) to see which"
        )
    return True


def read_statuses(modules: Iterable[str]) -> dict[str, str]:
    from mutmut.stats import status_by_exit_code

    statuses = {}
    for module in modules:
        meta = WORK / "mutants" / f"{module}.meta"
        if meta.exists():
            for name, code in json.loads(meta.read_text("utf-8"))["exit_code_by_key"].items():
                statuses[name] = status_by_exit_code[code]
    return statuses


KILLED = {"killed", "timeout", "segfault"}  # a test failed, hung or crashed: the mutant was seen
NOT_RUN = {"not checked", "check was interrupted by user"}


def selected(function: str, patterns: Sequence[str]) -> bool:
    """Whether ``--function`` selects ``function`` (every function when no pattern is given)."""
    return not patterns or any(fnmatch.fnmatchcase(function, pattern) for pattern in patterns)


def _verdict(mutant: Mutant, status: str, listed: set[str]) -> str:
    """The report's column for a mutant."""
    if status in KILLED:
        return "killed"
    if mutant.name in listed:
        return "equivalent"
    if status in NOT_RUN:
        return "not run"
    return status


def report(  # noqa: PLR0912 (one table, four lists)
    modules: Sequence[str], outcome: Outcome, equivalents: list[Equivalent], finished: bool, gated: set[str]
) -> int:
    by_module: dict[str, Counter[str]] = {module: Counter() for module in modules}
    failures: list[tuple[Mutant, str]] = []
    not_run: list[Mutant] = []
    listed = {mutant.name for mutant in outcome.listed}
    for mutant in outcome.generated:
        status = outcome.status.get(mutant.name, "not checked")
        verdict = _verdict(mutant, status, listed)
        by_module[mutant.module].update(["generated", verdict])
        if verdict == "not run":
            not_run.append(mutant)
        elif verdict == "killed" and mutant.name in listed:  # run by --all
            print(f"note: {mutant.name} is listed as equivalent, yet a test kills it: remove its entry")
        elif verdict not in {"killed", "equivalent"}:
            failures.append((mutant, status))
    columns = ["generated", "killed", "equivalent", "survived", "no tests", "not run"]
    print()
    print(f"{'module':48} " + " ".join(f"{column:>10}" for column in columns))
    for module, counts in by_module.items():
        others = {key: value for key, value in counts.items() if key not in columns}
        extra = "  " + ", ".join(f"{value} {key}" for key, value in others.items()) if others else ""
        print(f"{module:48} " + " ".join(f"{counts[column]:>10}" for column in columns) + extra)
    for entry in equivalents:
        if entry.module in by_module and not entry.matched:
            print(f"\nnote: an entry of equivalent.toml matches no mutant: {entry.module}, {entry.function}:")
            print(f"    {entry.original!r} -> {entry.mutant!r}")
    if not_run:
        why = "the time budget ran out" if not finished else "mutmut stopped before them"
        print(f"\nNot run ({why}): {len(not_run)} mutants, by function:")
        for function, count in sorted(Counter(f"{m.module}: {m.function}" for m in not_run).items()):
            print(f"    {function}: {count}")
    if failures:
        print(f"\n{len(failures)} mutants that no test kills, not listed in mutation/equivalent.toml:")
        for mutant, status in failures:
            print(f"\n# {mutant.name} ({status}; `mutmut show {mutant.name}` in {WORK.relative_to(ROOT)})")
            print(mutant.entry())
        print("\nKill each with a test, or list it in mutation/equivalent.toml with the reason it cannot be killed.")
    ungated = sorted({mutant.module for mutant, _ in failures} - gated)
    if ungated:
        print(f"\nNot yet gated (see 'gated' in mutation/equivalent.toml), so these do not fail the run: {ungated}")
    if any(mutant.module in gated for mutant, _ in failures):
        return 1
    if not failures:
        print("\nEvery mutant that ran was killed or is listed as equivalent.")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=".ci/mutation", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "modules", nargs="*", help="core modules or directories (default: those the last commit changed)"
    )
    parser.add_argument("--all", action="store_true", help="run the mutants listed as equivalent too")
    parser.add_argument("--strict", action="store_true", help="fail on a survivor in any module, gated or not")
    parser.add_argument(
        "--function",
        action="append",
        default=[],
        metavar="PATTERN",
        help="only the mutants of the functions matching PATTERN (fnmatch: 'decode', 'Record.*'); repeatable",
    )
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="mutants run at once")
    parser.add_argument(
        "--budget",
        type=float,
        default=float(os.environ.get("MUTATION_BUDGET", DEFAULT_BUDGET)),
        help="seconds for the whole run (MUTATION_BUDGET, default %(default)s)",
    )
    arguments = parser.parse_args(argv)
    started = time.monotonic()
    if arguments.modules:
        modules = modules_from_arguments(arguments.modules)
    else:
        changed = changed_core_modules()
        if changed is None:
            print("mutation: the last commit has no parent to compare with; nothing to mutate")
            return 0
        if not changed:
            print("mutation: the last commit changed no core module; nothing to mutate")
            return 0
        modules = changed
    only = f", functions {' '.join(arguments.function)}" if arguments.function else ""
    print("mutation: " + ", ".join(modules) + f"{only} (budget {arguments.budget:.0f} s)")
    equivalents = [entry for entry in load_equivalents() if selected(entry.function, arguments.function)]
    prepare_work_tree(modules, arguments.workers)
    outcome = Outcome(generated=[m for m in generate(modules) if selected(m.function, arguments.function)])
    by_key: dict[tuple[str, str, str, str], Equivalent] = {entry.key: entry for entry in equivalents}
    for mutant in outcome.generated:
        entry = by_key.get((mutant.module, mutant.function, _normalise(mutant.original), _normalise(mutant.mutant)))
        if entry is not None:
            entry.matched += 1
            outcome.listed.append(mutant)
    listed = {mutant.name for mutant in outcome.listed}
    names = [m.name for m in outcome.generated if arguments.all or m.name not in listed]
    print(
        f"mutation: {len(outcome.generated)} mutants, {len(outcome.listed)} listed as equivalent, {len(names)} to run"
    )
    finished = True
    if names:
        finished = run_mutmut(names, arguments.workers, started + arguments.budget - REPORT_RESERVE)
        outcome.status = read_statuses(modules)
    print(f"mutation: {time.monotonic() - started:.0f} s")
    gated = set(modules) if arguments.strict else load_gated()
    return report(modules, outcome, equivalents, finished, gated)


if __name__ == "__main__":
    sys.exit(main())

"""Write the files other implementations read: the OpenAPI document and the conformance corpus.

- ``docs/openapi.json``: what ``smsc-formats schema`` prints, published with the docs.
- ``conformance/<operation>/<case>.json``: every golden reply under tests/data, one file per case,
  in terms any language reads (see docs/conformance.md): the operation, the request's options,
  fmt and charset, the body (base64, and as text where it is text in its charset), and either the
  fields it decodes to or the refusal it must meet, with whether the body is byte-exact.

Both are generated, never edited: run this after changing a declaration or a golden (a test
fails until you do).

    python tools/reference_files.py          # write them
    python tools/reference_files.py --check  # exit 1 if a file would change
"""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import smsc_formats as smsc  # noqa: E402 - after the path, so the checkout's package is the one read
from smsc_formats.operations.openapi import openapi_document  # noqa: E402

DATA = ROOT / "tests" / "data"
CORPUS = ROOT / "conformance"
OPENAPI = ROOT / "docs" / "openapi.json"


def _json(data: object) -> str:
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def _case(operation: str, body: Path, golden: dict[str, Any]) -> dict[str, Any]:
    data = body.read_bytes()
    charset = golden.get("charset", "utf-8")
    try:
        text: str | None = data.decode(charset)
    except UnicodeDecodeError:
        text = None
    refused = "expected" in golden and "expect" not in golden
    return {
        "operation": operation,
        "request": golden.get("params", {}),
        "fmt": golden["fmt"],
        "charset": charset,
        "body_base64": base64.b64encode(data).decode("ascii"),
        "body": text,
        "expect": None if refused else golden["expect"],
        "refusal": {key: golden[key] for key in ("expected", "line", "column")} if refused else None,
        "byte_exact": False if refused else golden["byte_exact"],
        "source": golden["source"],
        "spec": golden.get("spec"),
    }


def corpus() -> dict[Path, str]:
    """Every corpus file and its text: ``<operation>/<case>.json`` and ``<operation>/invalid-<case>.json``."""
    files: dict[Path, str] = {}
    for name in sorted(smsc.OPERATIONS):
        for folder, prefix in ((DATA / name, ""), (DATA / name / "invalid", "invalid-")):
            for expected in sorted(folder.glob("*.expected.json")):
                case = expected.name.removesuffix(".expected.json")
                (body,) = [path for path in folder.glob(f"{case}.*") if path != expected]
                golden = json.loads(expected.read_text(encoding="utf-8"))
                files[CORPUS / name / f"{prefix}{case}.json"] = _json(_case(name, body, golden))
    return files


def written() -> dict[Path, str]:
    """Every generated file and the text it must hold."""
    return {OPENAPI: _json(openapi_document(smsc.OPERATIONS.values(), smsc.FILE_OPERATIONS.values())), **corpus()}


def main(argv: list[str]) -> int:
    wanted = written()
    stale = sorted(path for path in CORPUS.rglob("*.json") if path not in wanted)
    changed = [path for path, text in wanted.items() if not path.exists() or path.read_text("utf-8") != text]
    if "--check" in argv:
        for path in [*changed, *stale]:
            print(f"not current: {path.relative_to(ROOT)}")
        return 1 if changed or stale else 0
    for path in stale:
        path.unlink()
    for path in changed:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(wanted[path], encoding="utf-8")
        print(f"wrote: {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

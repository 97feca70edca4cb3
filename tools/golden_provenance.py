"""Write the ``source`` of every golden reply under tests/data from the evidence its ``spec`` quotes.

Each ``<case>.expected.json`` quotes, in ``spec``, the line of /work/shared/spec (or the API's
pages) that the golden pins, with the evidence tags of the spec files: ``[REAL …]`` a reply
captured from the live server, ``[DOC …]`` (or the founding document's Russian text, or the
English pages' "when fmt = …") the API's own pages, ``[LIB …]`` an official client library, and
``[INF]``, ``[UNK]``, ``[UNVERIFIED]``, "inferred", "by analogy" or a third party's code
(``[3P …]``, a mock) for what is not confirmed. This script reads the tags and writes one of
``captured``, ``documented``, ``official_client`` or ``inferred`` into ``source``. A malformed
reply under ``invalid/`` pins the library's own refusal (its message and position), so its
source is ``library``. A tag that
says part of the shape is inferred wins over a documented one: the golden is only as strong as
its weakest part. Where the tags say nothing, ``OVERRIDES`` decides, with the reason.

The files keep their layout: ``json.dumps(data, indent=1, ensure_ascii=False)`` plus a newline.

    python tools/golden_provenance.py          # write the fields
    python tools/golden_provenance.py --check  # exit 1 if a file would change
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
KINDS = ("captured", "documented", "official_client", "inferred")
"""What a golden reply's expected values can come from, strongest first (``library`` aside)."""

INFERRED = re.compile(
    r"\[INF|\[UNK|UNVERIFIED|inferred|by analogy|\[3P|\b3P\b|mock|LIB inference|STILL OPEN|illustrative|probably",
    re.IGNORECASE,
)
CAPTURED = re.compile(r"\[REAL|REAL R|real captures|real line")
LIBRARY = re.compile(r"\[LIB")
DOCUMENTED = re.compile(
    r"\[DOC|DOC-EN|[А-Яа-яЁё]|[Ww]hen (cost = \d and )?fmt = |When creating|§1\.6|Disable \(cancel\)"
)

OVERRIDES: dict[str, tuple[str, str]] = {
    # The tags are silent or mixed here; the reason is said.
    "get_operator/fmt0-empty-region.expected.json": ("captured", "spec/README.md: 'key = ,' seen in real captures"),
    "get_operator/fmt0-windows-1251.expected.json": ("documented", "sending.md 1.3: the charset parameter"),
    "get_operator/fmt0-koi8-r.expected.json": ("documented", "sending.md 1.3: the charset parameter"),
    "get_operator/fmt0-region-with-comma.expected.json": ("inferred", "gaps.md G1: a comma in a value"),
    "get_operator/fmt1-bom-crlf.expected.json": ("inferred", "issue 2: a tolerance, not a seen reply"),
    "get_operator/fmt0-error-with-id.expected.json": ("inferred", "send.php's error form carried over"),
    "get_operator/fmt1-error-with-id.expected.json": ("inferred", "send.php's error form carried over"),
    "get_operator/fmt2-error-with-id.expected.json": ("inferred", "send.php's error form carried over"),
    "get_operator/fmt3-error-with-id.expected.json": ("inferred", "send.php's error form carried over"),
    "get_operator/fmt2-declaration.expected.json": ("captured", "gaps.md G5: the glued declaration was seen"),
    "get_operator/fmt3-error-as-text-line.expected.json": ("inferred", "sending.md §1.4: a third party saw it [3P P1]"),
    "get_operator/fmt3-numbers.expected.json": ("inferred", "spec/README.md: decoders accept either form"),
    "balance/cur1-fmt3.expected.json": ("inferred", "gaps.md G21: three third-party clients"),
    "downloads_get_list/fmt3.expected.json": ("inferred", "management.md 7.3: list shape inferred"),
    "send/call-fmt0-word.expected.json": ("inferred", "gaps.md G34: a tolerance"),
    "send/callcode-fmt3.expected.json": ("inferred", "gaps.md G10"),
    "send/cost3-fmt0-lower.expected.json": ("inferred", "gaps.md G7: a tolerance"),
    "send/cost3-fmt0-unknown_pair.expected.json": ("inferred", "gaps.md G7: a tolerance"),
    "send/error9-fmt3-as_text.expected.json": ("inferred", "sending.md §1.4: a third party saw it [3P P1]"),
    "send/op1-fmt3.expected.json": ("inferred", "gaps.md G9"),
    "senders_add/error-fmt2.expected.json": ("documented", "management.md 8: the error grammar"),
    "senders_check_code/error-fmt0.expected.json": ("documented", "management.md 8: the error grammar"),
    "get_messages/error-fmt3.expected.json": ("documented", "management.md 8: the error grammar"),
    "senders_get/fmt1-names-only.expected.json": ("inferred", "gaps.md: a third party's reading"),
    "senders_get/fmt3.expected.json": ("inferred", "gaps.md G28: third-party mocks"),
    "status/all1-fmt1-long-message.expected.json": ("official_client", "sending.md §4.3 [LIB L1]"),
    "phones_chg/fmt3.expected.json": ("captured", "node-smsc's live test: a parser only the bare OK satisfies"),
    "phones_chg_group/fmt3.expected.json": ("captured", "node-smsc's live test: a parser only the bare OK satisfies"),
    "phones_del/fmt3.expected.json": ("captured", "node-smsc's live test: a parser only the bare OK satisfies"),
    "phones_del_black/fmt3.expected.json": ("captured", "node-smsc's live test: a parser only the bare OK satisfies"),
    "phones_del_group/fmt3.expected.json": ("captured", "node-smsc's live test: a parser only the bare OK satisfies"),
    "phones_move_group/fmt3.expected.json": ("captured", "node-smsc's live test: a parser only the bare OK satisfies"),
    "status/del-fmt3-bare.expected.json": ("captured", "node-smsc's live test: a parser only the bare OK satisfies"),
    "templates/add-fmt0-alt.expected.json": ("inferred", "gaps.md G24-G27: a tolerance"),
    "tinyurls_get/error-fmt1.expected.json": ("documented", "management.md 1.4/1.5: the error table"),
    "users_pay/error-fmt1.expected.json": ("documented", "management.md 1.4/1.5: the error table"),
    "users_get_stat_all/fmt3.expected.json": ("inferred", "management.md 6.3: shape inferred"),
    "get_stat/fmt1.expected.json": ("inferred", "management.md 6.3: fmt=1 order inferred"),
    "wait_call/fmt0.expected.json": ("inferred", "management.md 7.2: the key is inferred"),
}


def classify(name: str, spec: str) -> str:
    """The source kind of one golden, from its ``spec`` quote (or ``OVERRIDES``)."""
    if name in OVERRIDES:
        return OVERRIDES[name][0]
    if CAPTURED.search(spec):
        return "captured"
    if INFERRED.search(spec):
        return "inferred"
    if LIBRARY.search(spec):
        return "official_client"
    if DOCUMENTED.search(spec):
        return "documented"
    msg = f"{name}: the spec quote names no evidence; add it to OVERRIDES"
    raise SystemExit(msg)


def source_of(name: str, data: dict[str, Any]) -> str:
    """``library`` for a malformed reply under ``invalid/``, else what its ``spec`` says."""
    return "library" if "/invalid/" in name else classify(name, data["spec"])


def layout(data: dict[str, object]) -> str:
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for path in sorted([*DATA.glob("*/*.expected.json"), *DATA.glob("*/invalid/*.expected.json")]):
        name = path.relative_to(DATA).as_posix()
        data = json.loads(path.read_text(encoding="utf-8"))
        data["source"] = source_of(name, data)
        text = layout(data)
        if path.read_text(encoding="utf-8") != text:
            stale.append(name)
            if not check:
                path.write_text(text, encoding="utf-8")
    for name in stale:
        print(("would change: " if check else "wrote: ") + name)
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

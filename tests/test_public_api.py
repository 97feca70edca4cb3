"""The public surface: an explicit, sorted ``__all__``; the README's example runs as written."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import smsc_formats

ROOT = Path(__file__).parent.parent


def test_all_lists_every_public_name_once() -> None:
    public = {name for name in dir(smsc_formats) if not name.startswith("_")} - {
        "cli", "formats", "operations", "strategies",
    }  # fmt: skip
    assert set(smsc_formats.__all__) - {"__version__"} == public
    assert len(smsc_formats.__all__) == len(set(smsc_formats.__all__))  # its order is ruff's (RUF022)


def test_package_ships_py_typed() -> None:
    assert (Path(smsc_formats.__file__).parent / "py.typed").exists()


def test_importing_the_package_loads_no_xml_parser() -> None:
    code = "import sys, smsc_formats; print('lxml' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "False\n"


def test_readme_python_examples_run() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.DOTALL)
    assert blocks
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})

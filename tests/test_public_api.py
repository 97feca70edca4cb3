"""The public surface: an explicit, sorted ``__all__``; the README's example runs as written."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import smsc_formats

ROOT = Path(__file__).parent.parent


def test_all_lists_every_public_name_once() -> None:
    public = {name for name in dir(smsc_formats) if not name.startswith("_")} - {
        "cli", "formats", "operations", "strategies", "testing", "transports",
    }  # fmt: skip
    assert set(smsc_formats.__all__) - {"__version__"} == public
    assert len(smsc_formats.__all__) == len(set(smsc_formats.__all__))  # its order is ruff's (RUF022)


def test_package_ships_py_typed() -> None:
    assert (Path(smsc_formats.__file__).parent / "py.typed").exists()


def test_importing_the_package_loads_no_xml_parser_http_stack_mail_or_checksums() -> None:
    heavy = ["lxml", "asyncio", "ssl", "email", "smsc_formats.channels", "smsc_formats._client"]
    heavy += ["hashlib", "hmac", "urllib.parse"]  # the callback's checksums and form bodies
    # What the interpreter loaded before (a coverage run's own modules) is not the package's doing.
    code = (
        "import sys; before = set(sys.modules); import smsc_formats; "
        f"print([name for name in {heavy!r} if name in sys.modules and name not in before])"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "[]\n"


def test_lazy_names_load_on_first_use() -> None:
    code = "import smsc_formats as s; print(s.Client.__name__, s.channels.__name__, 'Client' in dir(s))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout == "Client smsc_formats.channels True\n"


def test_a_lazy_name_imports_its_module_only_when_first_read() -> None:
    code = (
        "import sys, smsc_formats as s\n"
        "before = 'smsc_formats._client' in sys.modules\n"
        "client = s.Client\n"
        "print(before, client is sys.modules['smsc_formats._client'].Client, 'smsc_formats._http' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout == "False True True\n"  # the client brings the HTTP layer it builds on


@pytest.mark.parametrize("name", ["Clinet", "client", "_LAZY_NAME"])
def test_an_unknown_name_is_an_attribute_error_naming_it(name: str) -> None:
    with pytest.raises(AttributeError, match=f"^module 'smsc_formats' has no attribute '{name}'$"):
        getattr(smsc_formats, name)
    assert not hasattr(smsc_formats, name)


def test_readme_python_examples_run() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.DOTALL)
    assert blocks
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})

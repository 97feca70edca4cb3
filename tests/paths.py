"""Where the tests find the repository's files, whatever layer of tests/ a test module is in."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The repository's root: pyproject.toml, README.md, docs/, examples/."""
DATA = ROOT / "tests" / "data"
"""The tests' data: golden replies per operation, channel bodies, regression cases."""
EXAMPLES = ROOT / "examples"
"""The bundled examples: the clients, the recipe, ``replies/`` and ``logs/``."""
DOCS = ROOT / "docs"

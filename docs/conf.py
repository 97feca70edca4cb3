"""Sphinx configuration: MyST Markdown sources, autodoc of the typed API, generated operation pages."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE / "_ext"))
sys.path.insert(0, str(HERE.parent))

import smsc_formats  # noqa: E402 - after the path set-up above

project = "smsc_formats"
author = "smsc_formats developers"
copyright = "smsc_formats developers"
release = smsc_formats.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "smsc_docs",
    "operation_pages",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "README.md"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"show-inheritance": True}

html_theme = "furo"
html_title = f"smsc_formats {release}"

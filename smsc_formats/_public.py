"""Public names show the module that exports them, not the private one that defines them.

``repr``, ``help()`` and the docs then say ``smsc_formats.DecodeError``. A class's own
annotations are resolved first, where they were written: ``typing.get_type_hints`` (and what
builds on it: Hypothesis' ``builds``, cattrs, pydantic) looks a class's names up in the module
its ``__module__`` names, which does not hold them.
"""

from __future__ import annotations

import typing
from collections.abc import Callable


def show_in(module: str, *objects: type | Callable[..., object]) -> None:
    """Name ``module`` as the home of each class or function in ``objects``."""
    for thing in objects:
        own = vars(thing).get("__annotations__")
        if isinstance(thing, type) and own:
            hints = typing.get_type_hints(thing, include_extras=True)
            thing.__annotations__ = {name: hints[name] for name in own}
        thing.__module__ = module

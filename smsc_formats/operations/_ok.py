"""The bare acknowledgement several scripts send for a change or a deletion.

``OK`` in fmt=0/1, ``<result>OK</result>`` in fmt=2, ``{"result": "OK"}`` in fmt=3 (a bare
``OK`` is also read when fmt=2/3 was asked). Documented for jobs.php; for status.php?del=1,
templates.php and ping.php the same form is inferred.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from ._schema import Extra, Record, Wire


@dataclass(frozen=True, slots=True, kw_only=True)
class Done:
    """The server did what was asked; ``result`` is its word for it (``"OK"``)."""

    result: Annotated[str, Wire(xml_text=True)]
    extra: Extra = ()


DONE: Record[Done] = Record(Done, xml_tag="result", text_template="{result}")

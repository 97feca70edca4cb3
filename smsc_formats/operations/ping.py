"""ping.php: raise an event of a task group, which sends the group's notification.

``ok=0`` (the default) sends the group's failure template, ``ok=1`` its recovery template;
``name``, ``host`` and ``info`` fill the template's ``{NAME}``, ``{HOST}`` and ``{INFO}``.
The reply is not documented: the acknowledgement of ``_ok`` is inferred.
"""

from __future__ import annotations

from ._common import COMMON_ERRORS
from ._ok import DONE, Done
from ._schema import Operation

PING: Operation[Done] = Operation(
    name="ping",
    description="ping.php: report an event (ok=0) or a recovery (ok=1) to a task group's notifications",
    path="ping.php",
    flags={},
    record=DONE,
    errors=COMMON_ERRORS,
)

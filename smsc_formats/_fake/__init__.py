"""The fake SMSC's account and answers, without sockets: form fields in, status and body out.

``testing.FakeSmsc`` serves it over HTTP; this package is the account behind it, one module
per job:

- ``_account``: the account, its faults, and the way from a request to an answer (501 for what
  the fake does not implement);
- ``_received``: what a host reads of a request (url-encoded, multipart or JSON body) for the account;
- ``_state``: the clock (real time plus an offset) and the records the account keeps;
- ``_wire``: writing every reply with the library's own encoder, and the error texts;
- ``_limits``: the documented per-minute limits (error 9), when asked for;
- ``_callbacks``: posting signed callbacks (statuses, HLR results, incoming SMS, calls);
- ``sending``: send.php, balance.php, info.php, ping.php;
- ``statuses``: status.php, and the delivery events of statuses that became final;
- ``contacts``: phones.php (contacts, groups, blacklist);
- ``management``: templates, operator templates, mailings, sub-clients, sender names;
- ``history``: get.php (history, incoming, statistics, tariffs) and the other data scripts.

Each family module's docstring says what its scripts take, keep and answer.
"""

from ._account import HANDLERS, Answer, FakeAccount
from ._callbacks import post as post_callbacks
from ._received import Received, received
from ._state import local
from ._tls import make_certificates

__all__ = ["HANDLERS", "Answer", "FakeAccount", "Received", "local", "make_certificates", "post_callbacks", "received"]

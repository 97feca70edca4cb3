"""The fixtures of ``doubles`` for every HTTP test module: ``server``, a fake SMSC, and ``client``, its client."""

from tests.http.doubles import client, server

__all__ = ["client", "server"]

"""Look up the operator of one or more numbers with the standard library alone.

    SMSC_LOGIN=me SMSC_PASSWORD=secret python examples/urllib_client.py 79991234567,79123456789

``SMSC_HOSTS`` (base URLs, comma-separated) points it elsewhere, such as at a
``smsc_formats.testing.FakeSmsc``; ``SMSC_CA_FILE`` names a CA to trust for HTTPS.
"""

from __future__ import annotations

import json
import os
import ssl
import sys

import smsc_formats as smsc
from smsc_formats.transports.urllib import UrllibTransport


def main() -> None:
    credentials = smsc.Credentials.login_password(os.environ["SMSC_LOGIN"], os.environ["SMSC_PASSWORD"])
    hosts = os.environ.get("SMSC_HOSTS", ",".join(smsc.DEFAULT_HOSTS)).split(",")
    context = ssl.create_default_context(cafile=os.environ.get("SMSC_CA_FILE"))
    lookup = smsc.GET_OPERATOR(phone=sys.argv[1])
    with smsc.Client(credentials, UrllibTransport(ssl_context=context), hosts=hosts) as client:
        reply = client.call(lookup)
    print(json.dumps(smsc.to_api(lookup, reply), ensure_ascii=False))


if __name__ == "__main__":
    main()

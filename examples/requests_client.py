"""Look up the operator of one or more numbers over requests (``pip install smsc-formats[requests]``).

    SMSC_LOGIN=me SMSC_PASSWORD=secret python examples/requests_client.py 79991234567

``SMSC_HOSTS`` and ``SMSC_CA_FILE`` as in urllib_client.py.
"""

from __future__ import annotations

import json
import os
import sys

import smsc_formats as smsc
from smsc_formats.transports.requests import RequestsTransport


def main() -> None:
    credentials = smsc.Credentials.login_password(os.environ["SMSC_LOGIN"], os.environ["SMSC_PASSWORD"])
    hosts = os.environ.get("SMSC_HOSTS", ",".join(smsc.DEFAULT_HOSTS)).split(",")
    transport = RequestsTransport(verify=os.environ.get("SMSC_CA_FILE") or True)
    lookup = smsc.GET_OPERATOR(phone=sys.argv[1])
    with smsc.Client(credentials, transport, hosts=hosts) as client:
        reply = client.call(lookup)
    print(json.dumps(smsc.to_api(lookup, reply), ensure_ascii=False))


if __name__ == "__main__":
    main()

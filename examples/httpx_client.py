"""Look up the operator of one or more numbers over httpx (``pip install smsc-formats[httpx]``).

    SMSC_LOGIN=me SMSC_PASSWORD=secret python examples/httpx_client.py 79991234567

``SMSC_HOSTS`` and ``SMSC_CA_FILE`` as in urllib_client.py.
"""

from __future__ import annotations

import json
import os
import ssl
import sys

import httpx

import smsc_formats as smsc
from smsc_formats.transports.httpx import HttpxTransport


def main() -> None:
    credentials = smsc.Credentials.login_password(os.environ["SMSC_LOGIN"], os.environ["SMSC_PASSWORD"])
    hosts = os.environ.get("SMSC_HOSTS", ",".join(smsc.DEFAULT_HOSTS)).split(",")
    context = ssl.create_default_context(cafile=os.environ.get("SMSC_CA_FILE"))
    lookup = smsc.GET_OPERATOR(phone=sys.argv[1])
    with smsc.Client(credentials, HttpxTransport(httpx.Client(verify=context)), hosts=hosts) as client:
        reply = client.call(lookup)
    print(json.dumps(smsc.to_api(lookup, reply), ensure_ascii=False))


if __name__ == "__main__":
    main()

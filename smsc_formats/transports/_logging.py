"""Masks credentials in what an HTTP library logs of a URL.

With ``method="GET"`` the login, password and API key travel in the query string, and httpx
(at INFO) and urllib3 (at DEBUG, under requests; at WARNING when a reply's headers do not
parse) log every URL they fetch; httpcore logs a reply's headers at DEBUG, where a server may
echo them. An adapter adds this filter to each of its library's loggers when it is imported (a
logger's filter sees only that logger's own records); it changes nothing but the credential
fields of a record's message and of the traceback it carries (formatted here, where a formatter
would otherwise format it later, unmasked).
"""

from __future__ import annotations

import logging

from .._http import mask_credential_fields


class MaskCredentials(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_credential_fields(message)
        if masked != message:
            record.msg, record.args = masked, ()
        if record.exc_info and not record.exc_text:  # a traceback can quote the URL too
            record.exc_text = mask_credential_fields(_FORMATTER.formatException(record.exc_info))
        return True


_FORMATTER = logging.Formatter()


def mask_credentials_in(*loggers: str) -> None:
    """Add the filter to each named logger, once."""
    for name in loggers:
        logger = logging.getLogger(name)
        if not any(isinstance(known, MaskCredentials) for known in logger.filters):
            logger.addFilter(MaskCredentials())

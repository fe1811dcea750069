"""Logging filter: personal links and reset keys never reach the logs."""

import logging
import re

# A sign-up's personal link, an e-mail confirmation key and a password-reset key: whoever
# reads the logs must not be able to use them.
SECRET_PATHS = re.compile(
    r"(/aanmelding/|/confirm-email/|/password/reset/key/)[^/\s\"']+", re.IGNORECASE
)


def redact(text: str) -> str:
    return SECRET_PATHS.sub(r"\1[verborgen]", text)


class RedactSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True

"""Keep reporters out of application logs.

Django's `django.request` records carry the request object (and with it REMOTE_ADDR and the user agent)
for any handler or formatter that cares to print them; `django.server` (runserver) records carry the
socket. For the public reporting paths, this filter removes those objects from the record before any
handler sees it, so a formatter or an admin-mail handler configured later cannot leak them.
"""

from __future__ import annotations

import logging

PUBLIC_PREFIXES = ("/report/",)


def _is_public(record: logging.LogRecord) -> bool:
    request = getattr(record, "request", None)
    path = getattr(request, "path", None)
    if isinstance(path, str):
        return path.startswith(PUBLIC_PREFIXES)
    text = str(record.msg) % record.args if record.args else str(record.msg)
    return any(f" {prefix}" in text or text.startswith(prefix) for prefix in PUBLIC_PREFIXES)


class ReporterPrivacyFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            public = _is_public(record)
        except Exception:  # a malformed record must not break logging
            public = False
        if public:
            record.request = None
            record.__dict__.pop("client_address", None)
        return True


LOGGERS = ("django.request", "django.server", "django.security.csrf", "django.security.DisallowedHost")


def install() -> None:
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, ReporterPrivacyFilter) for f in logger.filters):
            logger.addFilter(ReporterPrivacyFilter())

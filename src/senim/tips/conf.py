"""Tunables of the anonymous reporting channel: Django settings `SENIM_TIPS_*` override the environment
variable of the same name, which overrides the default here (see docs/tips.md)."""

from __future__ import annotations

import os

from django.conf import settings

DEFAULTS: dict[str, int | str] = {
    "SENIM_TIPS_POW_BITS": 18,  # expected 2**18 SHA-256 hashes in the browser
    "SENIM_TIPS_CHALLENGE_MAX_AGE": 4 * 3600,  # seconds a form's challenge stays valid
    "SENIM_TIPS_NOJS_PER_HOUR": 30,  # reports accepted per hour, all together, from browsers without JS
    "SENIM_TIPS_SUBMISSIONS_PER_HOUR": 600,  # all reports per hour (storage guard)
    "SENIM_TIPS_RECEIPT_MAX_FAILURES": 5,  # wrong codes for one public part before it locks
    "SENIM_TIPS_RECEIPT_LOCK_SECONDS": 15 * 60,
    "SENIM_TIPS_RECEIPT_GLOBAL_FAILURES": 300,  # wrong codes, all together, per window
    "SENIM_TIPS_RECEIPT_GLOBAL_WINDOW": 10 * 60,
    "SENIM_TIPS_ACCESS_MAX_AGE": 30 * 60,  # the reporter's thread stays open this long after the code
    "SENIM_TIPS_RETENTION_DAYS": 180,  # closed tips are deleted this many days after closing
    "SENIM_TIPS_SPAM_RETENTION_DAYS": 14,
    "SENIM_TIPS_ATTACHMENT_MAX_BYTES": 5 * 1024 * 1024,
    "SENIM_TIPS_ATTACHMENT_MAX_FILES": 3,
    "SENIM_TIPS_ARGON2_TIME_COST": 3,  # Argon2id for receipt codes (RFC 9106 low-memory profile)
    "SENIM_TIPS_ARGON2_MEMORY_KIB": 65536,
    "SENIM_TIPS_ARGON2_PARALLELISM": 4,
    "SENIM_TIPS_QUICK_EXIT_URL": "https://www.google.com/",
}


def get(name: str) -> int:
    value = _raw(name)
    return int(value)


def get_str(name: str) -> str:
    return str(_raw(name))


def _raw(name: str) -> int | str:
    if hasattr(settings, name):
        return getattr(settings, name)  # type: ignore[no-any-return]
    if name in os.environ:
        return os.environ[name]
    return DEFAULTS[name]

"""Sign-in throttling and lock-out (OWASP ASVS 2.2.1).

Every failed password for a user name counts; after `SENIM_LOGIN_MAX_FAILURES` (5) consecutive failures
the name is locked for `SENIM_LOGIN_LOCK_SECONDS` (15 minutes), and each further failure while locked
doubles the lock (up to a day). A correct password during a lock is refused like a wrong one, so guessing
cannot continue. A success resets the count. Administrators can unlock (`senim unlock <username>`).
Unknown names are throttled the same way, so the answer never reveals whether a name exists.

`LockoutBackend` wraps Django's ModelBackend, so every sign-in path (pages, API session login) is covered.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.db import transaction
from django.utils import timezone

from senim.core.models import LoginThrottle, User
from senim.core.services import audit_record

MAX_LOCK = timedelta(days=1)


def _max_failures() -> int:
    return int(getattr(settings, "SENIM_LOGIN_MAX_FAILURES", 5))


def _lock_period() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "SENIM_LOGIN_LOCK_SECONDS", 15 * 60)))


def _key(username: str) -> str:
    return username.strip().casefold()[:150]


def is_locked(username: str) -> bool:
    row = LoginThrottle.objects.filter(username=_key(username)).first()
    return row is not None and row.locked_until is not None and row.locked_until > timezone.now()


@transaction.atomic
def record_failure(username: str) -> LoginThrottle:
    now = timezone.now()
    row, _ = LoginThrottle.objects.select_for_update().get_or_create(username=_key(username))
    row.failures += 1
    row.last_failure_at = now
    if row.failures >= _max_failures():
        extra = row.failures - _max_failures()
        period = min(_lock_period() * (2 ** min(extra, 10)), MAX_LOCK)
        newly = row.locked_until is None or row.locked_until <= now
        row.locked_until = now + period
        if newly:
            user = User.objects.filter(username__iexact=username.strip()).first()
            audit_record(
                actor=None,
                action="auth.locked",
                target=user or ("auth.username", _key(username)[:64]),
                extra={"failures": row.failures, "seconds": int(period.total_seconds())},
            )
    row.save()
    return row


def record_success(username: str) -> None:
    LoginThrottle.objects.filter(username=_key(username)).delete()


@transaction.atomic
def unlock(*, actor: User | None, username: str) -> bool:
    deleted, _ = LoginThrottle.objects.filter(username=_key(username)).delete()
    user = User.objects.filter(username__iexact=username.strip()).first()
    audit_record(actor=actor, action="auth.unlock", target=user or ("auth.username", _key(username)[:64]))
    return bool(deleted)


class LockoutBackend(ModelBackend):
    def authenticate(
        self, request: Any, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> Any:
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        if not username or password is None:
            return None
        if is_locked(username):
            record_failure(username)
            # Still run the hasher so a locked name answers in the same time as any other.
            User().set_password(password)
            return None
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            record_failure(username)
        else:
            record_success(username)
        return user

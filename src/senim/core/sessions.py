"""Session expiry: a signed-in session ends after `SENIM_SESSION_IDLE_SECONDS` (30 minutes) without a
request, and in any case `SENIM_SESSION_SECONDS` (8 hours) after sign-in. Times are kept in the session."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

STARTED_KEY = "senim_started_at"
SEEN_KEY = "senim_seen_at"


class SessionExpiryMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user: Any = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = time.time()
            started = request.session.get(STARTED_KEY)
            seen = request.session.get(SEEN_KEY)
            idle = int(getattr(settings, "SENIM_SESSION_IDLE_SECONDS", 30 * 60))
            absolute = int(settings.SESSION_COOKIE_AGE)
            if (started is not None and now - started > absolute) or (seen is not None and now - seen > idle):
                logout(request)
            else:
                if started is None:
                    request.session[STARTED_KEY] = now
                if seen is None or now - seen > 60:
                    request.session[SEEN_KEY] = now
        return self.get_response(request)

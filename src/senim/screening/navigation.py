"""Menu entries and a dashboard panel for screening (read by senim.web.navigation)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from senim.core.access import has_permission
from senim.screening.permissions import ScreeningPermission


def _in_progress_panel(request: HttpRequest) -> dict[str, Any] | None:
    """Screenings of the user's scope still open, and how many carry an urgent flag."""
    user: Any = request.user
    if not has_permission(user, ScreeningPermission.CONDUCT):
        return None
    from senim.screening.models import ScreeningStatus
    from senim.screening.selectors import screening_list

    open_screenings = screening_list(user).exclude(status=ScreeningStatus.DECIDED)
    return {
        "template": "screening/_panel.html",
        "context": {
            "open_count": open_screenings.count(),
            "urgent_count": open_screenings.exclude(urgent_flags=[]).count(),
        },
    }


try:
    from senim.web.navigation import NavEntry
except ImportError:  # the web app's navigation module has not landed yet
    NAV_ENTRIES: list[Any] = []
else:
    NAV_ENTRIES = [
        NavEntry(label=_("Screenings"), url_name="screening:list", permission=ScreeningPermission.VIEW, order=15),
        NavEntry(
            label=_("Screening statistics"),
            url_name="screening:statistics",
            permission=ScreeningPermission.VIEW_STATISTICS,
            order=80,
        ),
    ]

DASHBOARD_PANELS = [_in_progress_panel]

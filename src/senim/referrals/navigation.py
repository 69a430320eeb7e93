"""Menu entries and the dashboard panel of the referral workflow (collected by senim.web.navigation)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from senim.referrals.permissions import ReferralsPermission as P
from senim.web.navigation import NavEntry

NAV_ENTRIES = [
    NavEntry(label=_("Referrals"), url_name="referrals:index", permission=P.VIEW_NOTIFICATIONS, order=40),
    NavEntry(label=_("Find a shelter"), url_name="referrals:shelters", permission=P.VIEW_PROFILES, order=41),
    NavEntry(label=_("Expulsion holds"), url_name="referrals:holds", permission=P.VIEW_MIGRATION_HOLDS, order=42),
    NavEntry(
        label=_("Coordinator views"), url_name="referrals:coordinator", permission=P.VIEW_COORDINATOR_REPORTS, order=43
    ),
]


def referrals_panel(request: HttpRequest) -> dict[str, Any] | None:
    """Unread notifications of the user's organization (referrals received, answers, holds), open referrals
    waiting for an answer and tasks due soon."""
    from senim.core.access import has_permission
    from senim.referrals import selectors
    from senim.referrals.models import ReferralStatus
    from senim.referrals.views import notification_text

    user: Any = request.user
    if not user.is_authenticated or not has_permission(user, P.VIEW_NOTIFICATIONS):
        return None
    unread = selectors.notification_list(user, unread_only=True)
    waiting = selectors.referral_list(user, direction="incoming", status=ReferralStatus.SENT)
    tasks = selectors.task_list(user)
    return {
        "template": "referrals/_dashboard_panel.html",
        "context": {
            "notifications": [(n, notification_text(n)) for n in unread[:8]],
            "unread_count": unread.count(),
            "waiting_count": waiting.count(),
            "tasks": tasks[:5],
            "task_count": tasks.count(),
        },
    }


DASHBOARD_PANELS = [referrals_panel]

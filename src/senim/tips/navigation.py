"""Menu entry and dashboard panel for anonymous reports (read by senim.web.navigation)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from senim.core.access import has_permission
from senim.tips.permissions import TipsPermission


def _open_tips_panel(request: HttpRequest) -> dict[str, Any] | None:
    """Only members of a recipient organization see it, and only their own tips are counted."""
    user: Any = request.user
    if not has_permission(user, TipsPermission.HANDLE_TIPS):
        return None
    from senim.tips.models import TipStatus
    from senim.tips.selectors import tip_scope

    if not user.organization_id or not hasattr(user.organization, "tip_recipient"):
        return None
    open_tips = tip_scope(user).filter(status__in=[TipStatus.NEW, TipStatus.IN_PROGRESS])
    return {
        "template": "tips/_panel.html",
        "context": {
            "open_count": open_tips.count(),
            "urgent_count": open_tips.filter(Q(involves_child=True) | Q(immediate_danger=True)).count(),
        },
    }


try:
    from senim.web.navigation import NavEntry
except ImportError:  # the web app's navigation module has not landed yet
    NAV_ENTRIES: list[Any] = []
else:
    NAV_ENTRIES = [
        NavEntry(label=_("Anonymous reports"), url_name="tips:queue", permission=TipsPermission.HANDLE_TIPS, order=12),
    ]

DASHBOARD_PANELS = [_open_tips_panel]

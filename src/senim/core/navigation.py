"""Core's menu entry and dashboard panel: approvals (read by `senim.web.navigation`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from senim.web.navigation import NavEntry

NAV_ENTRIES = [NavEntry(label=_("Approvals"), url_name="approvals:list", permission=None, order=85)]

PANEL_SIZE = 5


def _awaiting_panel(request: HttpRequest) -> dict[str, Any] | None:
    """Requests awaiting this user's approval; shown only when there are some."""
    from senim.core.approvals.selectors import approval_awaiting, approval_summary

    user: Any = request.user
    awaiting = approval_awaiting(user)
    items = list(awaiting[: PANEL_SIZE + 1])
    if not items:
        return None
    shown = items[:PANEL_SIZE]
    total = awaiting.count() if len(items) > PANEL_SIZE else len(items)
    return {
        "template": "approvals/_panel.html",
        "context": {"items": [approval_summary(user, a) for a in shown], "more": total - len(shown)},
    }


DASHBOARD_PANELS = [_awaiting_panel]

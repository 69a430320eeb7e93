"""Menu entries and a dashboard panel for linkage (read by senim.web.navigation)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from senim.core.access import has_permission
from senim.linkage.permissions import LinkagePermission
from senim.people.permissions import PeoplePermission
from senim.web.navigation import NavEntry

NAV_ENTRIES = [
    NavEntry(label=_("Find a person"), url_name="linkage:search", permission=PeoplePermission.SEARCH_PERSONS, order=20),
    NavEntry(
        label=_("Linkage review"), url_name="linkage:queue", permission=LinkagePermission.REVIEW_MATCHES, order=60
    ),
]


def _queue_panel(request: HttpRequest) -> dict[str, Any] | None:
    """Pairs awaiting a reviewer, and merges awaiting a second approver."""
    user: Any = request.user
    if not has_permission(user, LinkagePermission.REVIEW_MATCHES):
        return None
    from senim.linkage.models import CandidateStatus
    from senim.linkage.selectors import candidate_list

    open_pairs = candidate_list(user)
    return {
        "template": "linkage/_panel.html",
        "context": {
            "pending": open_pairs.filter(status=CandidateStatus.PENDING).count(),
            "awaiting_approval": open_pairs.filter(status=CandidateStatus.MERGE_REQUESTED).count(),
        },
    }


DASHBOARD_PANELS = [_queue_panel]

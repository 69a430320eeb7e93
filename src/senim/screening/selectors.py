"""Screening reads, always scoped to the acting user (default deny)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.http import Http404

from senim.cases.selectors import TimelineEntry, assistance_case_scope
from senim.core.access import has_permission, require
from senim.core.models import User
from senim.core.roles import Role
from senim.core.selectors import uuid_or_404
from senim.core.services import audit_read
from senim.screening.models import Screening, ScreeningDecision, ScreeningStatus
from senim.screening.permissions import ScreeningPermission


def screening_scope(user: User) -> QuerySet[Screening]:
    """Screenings of the cases the user may see (the coordinator: all)."""
    if not has_permission(user, ScreeningPermission.VIEW):
        return Screening.objects.none()
    queryset = Screening.objects.all()
    if user.acting_role == Role.COORDINATOR:
        return queryset
    return queryset.filter(case__in=assistance_case_scope(user))


@dataclass(frozen=True)
class ScreeningFilters:
    status: str = ""
    region: str = ""
    case: Any = None
    since: date | None = None
    until: date | None = None


def screening_list(user: User, filters: ScreeningFilters | None = None) -> QuerySet[Screening]:
    filters = filters or ScreeningFilters()
    queryset = screening_scope(user).select_related("case", "organization")
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.region:
        queryset = queryset.filter(case__region=filters.region)
    if filters.case:
        queryset = queryset.filter(case_id=filters.case)
    if filters.since:
        queryset = queryset.filter(created_at__date__gte=filters.since)
    if filters.until:
        queryset = queryset.filter(created_at__date__lte=filters.until)
    return queryset.order_by("-created_at")


def screening_get(user: User, screening_id: Any, *, audit: bool = True) -> Screening:
    """One screening; outside the user's scope it answers exactly like a missing one. Reading is audited."""
    screening = (
        screening_scope(user)
        .select_related("case", "record", "organization", "screener", "decided_by")
        .filter(pk=uuid_or_404(screening_id))
        .first()
    )
    if screening is None:
        raise Http404
    if audit:
        audit_read(actor=user, target=screening)
    return screening


GROUPINGS = ("region", "agency", "month")


@dataclass(frozen=True)
class StatisticsRow:
    key: str
    label: str
    total: int
    completed: int
    engine_positive: int
    presumed: int
    disagreements: int
    urgent: int


def screening_statistics(
    user: User, *, by: str = "region", since: date | None = None, until: date | None = None
) -> list[StatisticsRow]:
    """Counts of screenings and results grouped by region, agency or month. Aggregates only."""
    require(user, ScreeningPermission.VIEW_STATISTICS)
    if by not in GROUPINGS:
        raise ValueError(f"unknown grouping {by!r}")
    queryset = Screening.objects.all()
    if since:
        queryset = queryset.filter(created_at__date__gte=since)
    if until:
        queryset = queryset.filter(created_at__date__lte=until)
    grouped: QuerySet[Any, Any]
    if by == "region":
        grouped = queryset.values("case__region")
    elif by == "agency":
        grouped = queryset.values("organization_id", "organization__name")
    else:
        grouped = queryset.annotate(month=TruncMonth("created_at")).values("month")
    rows = grouped.annotate(
        total=Count("id"),
        completed=Count("id", filter=Q(status__in=[ScreeningStatus.COMPLETED, ScreeningStatus.DECIDED])),
        engine_positive=Count("id", filter=Q(result_trafficking=True)),
        presumed=Count("id", filter=Q(decision=ScreeningDecision.PRESUMED_VICTIM)),
        disagreements=Count("id", filter=Q(decision_agrees=False)),
        urgent=Count("id", filter=~Q(urgent_flags=[])),
    )
    result = []
    for row in rows:
        if by == "region":
            key = label = row["case__region"] or ""
        elif by == "agency":
            key, label = str(row["organization_id"]), row["organization__name"]
        else:
            key = label = row["month"].strftime("%Y-%m") if row["month"] else ""
        result.append(
            StatisticsRow(
                key=key,
                label=label,
                total=row["total"],
                completed=row["completed"],
                engine_positive=row["engine_positive"],
                presumed=row["presumed"],
                disagreements=row["disagreements"],
                urgent=row["urgent"],
            )
        )
    return sorted(result, key=lambda r: r.key)


def screening_timeline_entries(user: User, case: Any) -> list[TimelineEntry]:
    """Screening steps for the assistance case timeline (registered with the cases app)."""
    from django.utils.translation import gettext as _

    entries = []
    for screening in screening_scope(user).filter(case=case):
        entries.append(TimelineEntry(screening.created_at, "screening", _("Screening started")))
        if screening.completed_at:
            entries.append(TimelineEntry(screening.completed_at, "screening", _("Screening interview completed")))
        if screening.decided_at:
            label = ScreeningDecision(screening.decision).label if screening.decision else ""
            entries.append(TimelineEntry(screening.decided_at, "screening", _("Screening decision"), str(label)))
    return entries

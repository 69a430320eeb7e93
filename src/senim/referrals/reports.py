"""Coordinator views: presumed victims without a referral after 48 hours, shelters over capacity, foreign
victims by status, time from identification to first service. Each is a list of rows by region and month
and exports as CSV. Reads only; the coordinator and analyst roles hold the permission."""

from __future__ import annotations

import csv
import io
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Min
from django.utils import timezone

from senim.cases.models import AssistanceCase, AssistanceCaseStatusChange
from senim.core.access import require
from senim.core.models import User
from senim.core.services import audit_record
from senim.referrals.models import OccupancyReport, OrganizationProfile, Referral, ReferralStatus, ServiceDelivery
from senim.referrals.permissions import ReferralsPermission as P

REFERRAL_DEADLINE = timedelta(hours=48)
STILL_IN_NEED = ("presumed_victim", "identified_victim")


@dataclass(frozen=True)
class Report:
    name: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    detail_columns: tuple[str, ...] = ()
    detail: tuple[tuple[Any, ...], ...] = ()

    def csv(self, *, detail: bool = False) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(self.detail_columns if detail else self.columns)
        writer.writerows(self.detail if detail else self.rows)
        return out.getvalue()


def _month(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m")


def _presumed_at() -> dict[Any, datetime]:
    """When each case first became a presumed victim."""
    return dict(
        AssistanceCaseStatusChange.objects.filter(to_status="presumed_victim")
        .values("case_id")
        .annotate(first=Min("changed_at"))
        .values_list("case_id", "first")
    )


def _grouped(keys: Iterable[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    counts = Counter(keys)
    return [(*key, count) for key, count in sorted(counts.items())]


def presumed_without_referral(user: User, *, now: datetime | None = None) -> Report:
    """Presumed (or identified) victims still waiting for help with no referral sent, accepted or done
    48 hours after they were found to be presumed victims."""
    require(user, P.VIEW_COORDINATOR_REPORTS)
    moment = now or timezone.now()
    presumed = _presumed_at()
    referred = set(
        Referral.objects.filter(
            status__in=(ReferralStatus.SENT, ReferralStatus.ACCEPTED, ReferralStatus.DONE)
        ).values_list("case_id", flat=True)
    )
    waiting = []
    for case in AssistanceCase.objects.filter(status__in=STILL_IN_NEED, pk__in=list(presumed)).order_by("number"):
        since = presumed[case.pk]
        if case.pk in referred or moment - since < REFERRAL_DEADLINE:
            continue
        waiting.append((case.number, case.region, _month(since), round((moment - since).total_seconds() / 3600)))
    audit_record(actor=user, action="referral_report.view", extra={"report": "presumed_without_referral"})
    return Report(
        name="presumed_without_referral",
        columns=("region", "month", "cases"),
        rows=_grouped((region, month) for _n, region, month, _h in waiting),
        detail_columns=("case", "region", "month", "hours_waiting"),
        detail=tuple(waiting),
    )


def shelters_over_capacity(user: User) -> Report:
    """Shelters whose occupancy exceeded capacity: by region and month from the occupancy history, and the
    ones over capacity now as the detail."""
    require(user, P.VIEW_COORDINATOR_REPORTS)
    per_month: set[tuple[str, str, Any]] = set()
    for report in (
        OccupancyReport.objects.select_related("profile__organization")
        .filter(beds_occupied__gt=0)
        .iterator(chunk_size=2000)
    ):
        if report.beds_occupied > report.bed_capacity:
            organization = report.profile.organization
            per_month.add((organization.region, _month(report.reported_at), organization.pk))
    now_over = [
        (p.organization.name, p.organization.region, p.bed_capacity, p.beds_occupied)
        for p in OrganizationProfile.objects.select_related("organization").order_by("organization__name")
        if p.over_capacity
    ]
    audit_record(actor=user, action="referral_report.view", extra={"report": "shelters_over_capacity"})
    return Report(
        name="shelters_over_capacity",
        columns=("region", "month", "shelters"),
        rows=_grouped((region, month) for region, month, _org in per_month),
        detail_columns=("shelter", "region", "bed_capacity", "beds_occupied"),
        detail=tuple(now_over),
    )


def foreign_victims_by_status(user: User) -> Report:
    """Cases of foreign nationals by region, month reported, citizenship and current status."""
    require(user, P.VIEW_COORDINATOR_REPORTS)
    rows = (
        AssistanceCase.objects.exclude(intake_record__citizenship__in=("", "KZ"))
        .values_list("region", "reported_on", "intake_record__citizenship", "status")
        .order_by()
    )
    audit_record(actor=user, action="referral_report.view", extra={"report": "foreign_victims_by_status"})
    return Report(
        name="foreign_victims_by_status",
        columns=("region", "month", "citizenship", "status", "cases"),
        rows=_grouped((region, f"{day:%Y-%m}", citizenship, status) for region, day, citizenship, status in rows),
    )


def time_to_first_service(user: User) -> Report:
    """Days from identification (first presumed-victim status) to the first service delivered, by region
    and month of identification: cases identified, cases served, median and mean days."""
    require(user, P.VIEW_COORDINATOR_REPORTS)
    presumed = _presumed_at()
    first_service = dict(
        ServiceDelivery.objects.values("case_id").annotate(first=Min("delivered_on")).values_list("case_id", "first")
    )
    groups: dict[tuple[str, str], list[int | None]] = defaultdict(list)
    detail = []
    for case_id, region, number in AssistanceCase.objects.filter(pk__in=list(presumed)).values_list(
        "pk", "region", "number"
    ):
        since = presumed[case_id]
        served = first_service.get(case_id)
        days = max((served - timezone.localtime(since).date()).days, 0) if served else None
        groups[(region, _month(since))].append(days)
        detail.append((number, region, _month(since), "" if days is None else days))
    rows = []
    for (region, month), values in sorted(groups.items()):
        served_days = [v for v in values if v is not None]
        rows.append(
            (
                region,
                month,
                len(values),
                len(served_days),
                statistics.median(served_days) if served_days else "",
                round(statistics.fmean(served_days), 1) if served_days else "",
            )
        )
    audit_record(actor=user, action="referral_report.view", extra={"report": "time_to_first_service"})
    return Report(
        name="time_to_first_service",
        columns=("region", "month", "identified", "served", "median_days", "mean_days"),
        rows=rows,
        detail_columns=("case", "region", "month", "days"),
        detail=tuple(sorted(detail)),
    )


REPORTS: dict[str, Callable[[User], Report]] = {
    "presumed_without_referral": presumed_without_referral,
    "shelters_over_capacity": shelters_over_capacity,
    "foreign_victims_by_status": foreign_victims_by_status,
    "time_to_first_service": time_to_first_service,
}

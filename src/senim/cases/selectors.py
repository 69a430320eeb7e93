"""Case reads, always scoped to the acting user (default deny, Primero's record scopes)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from senim.cases.models import AssistanceCase, AssistanceStatus, Charge, CriminalCase, CriminalStatus, Participant
from senim.cases.permissions import CasesPermission
from senim.core.access import has_permission
from senim.core.models import User
from senim.core.roles import Role
from senim.core.selectors import uuid_or_404
from senim.core.services import audit_read


def _organization_ids(user: User) -> list[Any]:
    """The user's organization and its sub-units (a police department sees its district units)."""
    if user.organization is None:
        return []
    return [user.organization.pk, *user.organization.units.values_list("id", flat=True)]


def criminal_case_scope(user: User) -> QuerySet[CriminalCase]:
    if not has_permission(user, CasesPermission.VIEW_CRIMINAL_CASES):
        return CriminalCase.objects.none()
    role = user.acting_role
    queryset = CriminalCase.objects.all()
    if role in (Role.COORDINATOR, Role.ANALYST):
        return queryset
    if role == Role.INVESTIGATOR:
        return queryset.filter(Q(unit_id__in=_organization_ids(user)) | Q(investigator=user))
    if role == Role.PROSECUTOR:
        return queryset.filter(Q(prosecutor_office_id__in=_organization_ids(user)) | Q(prosecutor=user))
    return CriminalCase.objects.none()


def assistance_case_scope(user: User) -> QuerySet[AssistanceCase]:
    if not has_permission(user, CasesPermission.VIEW_ASSISTANCE_CASES):
        return AssistanceCase.objects.none()
    role = user.acting_role
    queryset = AssistanceCase.objects.all()
    if role == Role.COORDINATOR:
        return queryset
    return queryset.filter(own_case_filter(user) | _referred_to(user))


def own_case_filter(user: User) -> Q:
    """Assistance cases the user sees in their own right, not through a referral: their organization's, their
    own, and (investigators, prosecutors) those linked to a criminal case they see. The link is a subquery of
    ids: a join through the link table would multiply rows and need DISTINCT over every case."""
    if user.acting_role == Role.COORDINATOR:
        return Q()
    own = Q(lead_organization_id__in=_organization_ids(user)) | Q(caseworker=user)
    if user.acting_role in (Role.INVESTIGATOR, Role.PROSECUTOR):
        links = CriminalCase.assistance_cases.through.objects.filter(criminalcase__in=criminal_case_scope(user))
        own |= Q(pk__in=links.values("assistancecase_id"))
    return own


def _referred_to(user: User) -> Q:
    """Cases referred to the user's organization (extended by the referrals app's consent scope)."""
    from senim.referrals.scope import referred_case_filter

    return referred_case_filter(user)


@dataclass(frozen=True)
class CaseFilters:
    status: str = ""
    region: str = ""
    since: date | None = None
    until: date | None = None
    q: str = ""


def assistance_case_list(user: User, filters: CaseFilters | None = None) -> QuerySet[AssistanceCase]:
    filters = filters or CaseFilters()
    queryset = assistance_case_scope(user).select_related("lead_organization")
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.region:
        queryset = queryset.filter(region=filters.region)
    if filters.since:
        queryset = queryset.filter(reported_on__gte=filters.since)
    if filters.until:
        queryset = queryset.filter(reported_on__lte=filters.until)
    if filters.q:
        queryset = queryset.filter(number__icontains=filters.q.strip())
    return queryset.order_by("-reported_on", "-created_at")


def assistance_case_get(user: User, case_id: Any, *, audit: bool = True) -> AssistanceCase:
    """One case; a case outside the user's scope answers exactly like a missing one."""
    case = (
        assistance_case_scope(user)
        .select_related("person", "intake_record", "lead_organization")
        .filter(pk=uuid_or_404(case_id))
        .first()
    )
    if case is None:
        raise Http404
    if audit:
        audit_read(actor=user, target=case)
    return case


def criminal_case_list(user: User, filters: CaseFilters | None = None) -> QuerySet[CriminalCase]:
    filters = filters or CaseFilters()
    queryset = criminal_case_scope(user).select_related("unit")
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.region:
        queryset = queryset.filter(region=filters.region)
    if filters.since:
        queryset = queryset.filter(opened_on__gte=filters.since)
    if filters.until:
        queryset = queryset.filter(opened_on__lte=filters.until)
    if filters.q:
        queryset = queryset.filter(registry_number__icontains=filters.q.strip())
    return queryset.order_by("-opened_on", "registry_number")


def criminal_case_get(user: User, case_id: Any, *, audit: bool = True) -> CriminalCase:
    case = criminal_case_scope(user).select_related("unit", "prosecutor_office").filter(pk=uuid_or_404(case_id)).first()
    if case is None:
        raise Http404
    if audit:
        audit_read(actor=user, target=case)
    return case


def participant_list(user: User, case: CriminalCase) -> QuerySet[Participant]:
    return (
        Participant.objects.filter(case__in=criminal_case_scope(user), case=case)
        .select_related("person", "record")
        .prefetch_related("charges")
        .order_by("procedural_role", "chain_role")
    )


def charge_get(user: User, charge_id: Any) -> Charge:
    """One charge of a criminal case the user sees; any other answers 404 like a missing one."""
    charge = (
        Charge.objects.filter(pk=uuid_or_404(charge_id), participant__case__in=criminal_case_scope(user))
        .select_related("participant__case")
        .first()
    )
    if charge is None:
        raise Http404
    return charge


def charge_list(user: User, case: CriminalCase) -> QuerySet[Charge]:
    return Charge.objects.filter(participant__case__in=criminal_case_scope(user), participant__case=case)


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str
    title: str
    detail: str = ""


def assistance_case_timeline(user: User, case: AssistanceCase) -> list[TimelineEntry]:
    """The victim's journey as one ordered list: status changes, linked criminal-case steps, and
    whatever other apps contribute through `timeline_entries(user, case)`."""
    entries = [
        TimelineEntry(change.changed_at, "status", str(AssistanceStatus(change.to_status).label))
        for change in case.status_changes.all()
    ]
    for criminal in criminal_case_scope(user).filter(assistance_cases=case).prefetch_related("status_changes"):
        for change in criminal.status_changes.all():
            label = str(CriminalStatus(change.to_status).label)
            entries.append(TimelineEntry(change.changed_at, "criminal", criminal.registry_number, label))
    for contribute in TIMELINE_CONTRIBUTORS:
        entries.extend(contribute(user, case))
    return sorted(entries, key=lambda entry: entry.at)


# Other apps (referrals, screening) append functions (user, case) -> list[TimelineEntry] here from their
# AppConfig.ready(), so the timeline grows without cases importing them.
TIMELINE_CONTRIBUTORS: list[Any] = []

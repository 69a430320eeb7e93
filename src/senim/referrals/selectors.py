"""Reads of the protection and referral workflow, always given the acting user and scoped.

A case's parts are shown according to `scope.case_data_scope`: staff who hold the case see everything; an
organization that sees it through a referral sees only the data categories the referral shares."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from senim.cases import pipelines as case_pipelines
from senim.cases.models import AssistanceCase, Charge, ChargeOutcome, CriminalCase, Participant
from senim.cases.selectors import (
    TimelineEntry,
    _organization_ids,
    assistance_case_scope,
    criminal_case_scope,
    own_case_filter,
)
from senim.core.access import has_permission, require
from senim.core.models import Organization, User
from senim.core.roles import Role
from senim.core.services import audit_record
from senim.referrals import rules
from senim.referrals.models import (
    ACTIVE_REFERRAL_STATUSES,
    PENDING_MIGRATION_STATUSES,
    Assessment,
    CasePlanItem,
    CompensationClaim,
    Consent,
    DataCategory,
    FollowUp,
    FollowUpStatus,
    Hearing,
    MeasureKind,
    MeasureStatus,
    MigrationCase,
    Notification,
    OrganizationProfile,
    ProceduralProtection,
    ProtectionMeasure,
    Referral,
    ReferralStatus,
    ReturnPlan,
    ServiceDelivery,
    ServiceKind,
    Task,
    TaskStatus,
)
from senim.referrals.permissions import ReferralsPermission as P
from senim.referrals.scope import DataScope, case_data_scope

HEALTH_SERVICES = frozenset({ServiceKind.MEDICAL, ServiceKind.PSYCHOLOGICAL})


# --- organization profiles and the shelter finder -----------------------------------------------------


def profile_list(user: User, *, kind: str = "", region: str = "", service: str = "") -> QuerySet[OrganizationProfile]:
    require(user, P.VIEW_PROFILES)
    queryset = OrganizationProfile.objects.filter(organization__is_active=True).select_related("organization")
    if kind:
        queryset = queryset.filter(organization__kind=kind)
    if region or service:
        # JSON list membership, filtered here: SQLite has no JSON `contains`.
        ids = [
            p.pk
            for p in queryset
            if (not region or p.organization.region == region or region in p.regions_served)
            and (not service or service in p.services)
        ]
        queryset = queryset.filter(pk__in=ids)
    return queryset.order_by("organization__name")


def profile_get(user: User, organization_id: Any) -> OrganizationProfile:
    require(user, P.VIEW_PROFILES)
    profile = OrganizationProfile.objects.select_related("organization").filter(organization_id=organization_id).first()
    if profile is None:
        raise Http404
    return profile


def organization_of_profile(user: User, organization_id: Any) -> Organization:
    require(user, P.VIEW_PROFILES)
    organization = Organization.objects.filter(pk=organization_id, is_active=True).first()
    if organization is None:
        raise Http404
    return organization


@dataclass(frozen=True)
class ShelterQuery:
    region: str = ""
    age: int | None = None
    sex: str = ""  # "f", "m" or "" (unknown)
    language: str = ""
    with_family: bool = False
    service: str = ServiceKind.SHELTER
    tonight: bool = True


@dataclass
class ShelterMatch:
    profile: OrganizationProfile
    in_region: bool
    speaks_language: bool
    reasons: list[str] = field(default_factory=list)

    @property
    def organization(self) -> Organization:
        return self.profile.organization

    @property
    def free_beds(self) -> int:
        return self.profile.free_beds


def _admits(profile: OrganizationProfile, query: ShelterQuery) -> bool:
    if query.age is not None:
        if query.age < profile.min_age or (profile.max_age is not None and query.age > profile.max_age):
            return False
        if query.age < 18 and not profile.accepts_children:
            return False
    adult = query.age is None or query.age >= 18
    if adult and query.sex == "f" and not profile.accepts_women:
        return False
    if adult and query.sex == "m" and not profile.accepts_men:
        return False
    return not (query.with_family and not profile.accepts_families)


def shelter_search(user: User, query: ShelterQuery) -> list[ShelterMatch]:
    """Which shelter can take this person tonight: offers the service, admits their age, sex and family,
    has a free bed (and admits at night when `tonight`). Shelters in the region come first, then those that
    speak the person's language, then the most free beds. Shelters elsewhere are listed after, so a
    coordinator sees the nearest alternative when the region is full."""
    require(user, P.VIEW_PROFILES)
    matches = []
    for profile in OrganizationProfile.objects.filter(organization__is_active=True).select_related("organization"):
        if query.service and query.service not in profile.services:
            continue
        if profile.free_beds <= 0 and query.service == ServiceKind.SHELTER:
            continue
        if query.tonight and not profile.admits_at_night:
            continue
        if not _admits(profile, query):
            continue
        organization = profile.organization
        in_region = not query.region or organization.region == query.region or query.region in profile.regions_served
        speaks = not query.language or query.language in (organization.languages or [])
        matches.append(ShelterMatch(profile=profile, in_region=in_region, speaks_language=speaks))
    matches.sort(key=lambda m: (not m.in_region, not m.speaks_language, -m.free_beds, m.organization.name))
    return matches


# --- consent, referrals, notifications ----------------------------------------------------------------


def _visible_case(user: User, case_id: Any) -> AssistanceCase:
    case = assistance_case_scope(user).select_related("person", "intake_record", "lead_organization")
    found = case.filter(pk=case_id).first()
    if found is None:
        raise Http404
    return found


def case_for_page(user: User, case_id: Any) -> tuple[AssistanceCase, DataScope]:
    """A case and what of it the user may see; the read is audited."""
    case = _visible_case(user, case_id)
    scope = case_data_scope(user, case)
    audit_record(actor=user, action="assistance_case.view", target=case, extra={"via": "referrals"})
    return case, scope


def consent_list(user: User, case: AssistanceCase) -> QuerySet[Consent]:
    scope = case_data_scope(user, case)
    if not scope.visible:
        return Consent.objects.none()
    queryset = Consent.objects.filter(case=case).select_related("recipient")
    if not scope.full:
        queryset = queryset.filter(recipient_id__in=_organization_ids(user))
    return queryset


def referral_scope(user: User) -> QuerySet[Referral]:
    """Referrals the user may see: those sent or received by their organization, those of cases they hold
    in their own right, and every referral for the coordinator."""
    if not (has_permission(user, P.SEND_REFERRALS) or has_permission(user, P.RESPOND_REFERRALS)):
        return Referral.objects.none()
    queryset = Referral.objects.select_related("case", "from_organization", "to_organization")
    if user.acting_role == Role.COORDINATOR:
        return queryset
    ids = _organization_ids(user)
    own_cases = AssistanceCase.objects.filter(own_case_filter(user)).values("pk")
    return queryset.filter(
        Q(to_organization_id__in=ids, status__in=ACTIVE_REFERRAL_STATUSES)
        | Q(to_organization_id__in=ids, status__in=(ReferralStatus.DONE, ReferralStatus.DECLINED))
        | Q(from_organization_id__in=ids)
        | Q(case_id__in=own_cases)
    )


def referral_list(user: User, *, direction: str = "", status: str = "", case: Any = None) -> QuerySet[Referral]:
    queryset = referral_scope(user)
    ids = _organization_ids(user)
    if direction == "incoming":
        queryset = queryset.filter(to_organization_id__in=ids)
    elif direction == "outgoing":
        queryset = queryset.filter(from_organization_id__in=ids)
    if status:
        queryset = queryset.filter(status=status)
    if case is not None:
        queryset = queryset.filter(case=case)
    return queryset.order_by("-sent_at")


def referral_get(user: User, referral_id: Any) -> Referral:
    referral = referral_scope(user).filter(pk=referral_id).first()
    if referral is None:
        raise Http404
    return referral


def notification_list(user: User, *, unread_only: bool = False) -> QuerySet[Notification]:
    if not has_permission(user, P.VIEW_NOTIFICATIONS):
        return Notification.objects.none()
    queryset = Notification.objects.filter(organization_id__in=_organization_ids(user)).select_related("case")
    if unread_only:
        queryset = queryset.filter(read_at__isnull=True)
    return queryset.order_by("-created_at")


def notification_get(user: User, notification_id: Any) -> Notification:
    found = notification_list(user).filter(pk=notification_id).first()
    if found is None:
        raise Http404
    return found


# --- per-case parts -----------------------------------------------------------------------------------


def _case_part(user: User, case: AssistanceCase, category: str) -> bool:
    return case_data_scope(user, case).covers(category)


def measure_list(user: User, case: AssistanceCase) -> QuerySet[ProtectionMeasure]:
    if not _case_part(user, case, DataCategory.LEGAL):
        return ProtectionMeasure.objects.none()
    return ProtectionMeasure.objects.filter(case=case).order_by("-created_at")


def measure_get(user: User, measure_id: Any) -> ProtectionMeasure:
    """A measure seen through its case, or (expulsion holds) through the migration hold register."""
    measure = ProtectionMeasure.objects.select_related("case", "person").filter(pk=measure_id).first()
    if measure is None:
        raise Http404
    if measure.kind == MeasureKind.EXPULSION_HOLD and has_permission(user, P.VIEW_MIGRATION_HOLDS):
        return measure
    if not _case_part(user, measure.case, DataCategory.LEGAL):
        raise Http404
    return measure


def procedural_protection_list(user: User, case: AssistanceCase) -> QuerySet[ProceduralProtection]:
    if not _case_part(user, case, DataCategory.LEGAL):
        return ProceduralProtection.objects.none()
    return ProceduralProtection.objects.filter(case=case).select_related("criminal_case")


def procedural_protection_get(user: User, protection_id: Any) -> ProceduralProtection:
    protection = ProceduralProtection.objects.select_related("case", "criminal_case").filter(pk=protection_id).first()
    if protection is None:
        raise Http404
    in_criminal = criminal_case_scope(user).filter(pk=protection.criminal_case_id).exists()
    if not (in_criminal or _case_part(user, protection.case, DataCategory.LEGAL)):
        raise Http404
    return protection


def assessment_list(user: User, case: AssistanceCase) -> QuerySet[Assessment]:
    if not _case_part(user, case, DataCategory.NEEDS):
        return Assessment.objects.none()
    return Assessment.objects.filter(case=case).select_related("organization")


def task_list(user: User, *, status: str = TaskStatus.OPEN, case: AssistanceCase | None = None) -> QuerySet[Task]:
    """Tasks of the user's organization (the coordinator: all), of cases the user can still see."""
    queryset = Task.objects.select_related("case", "organization").filter(case__in=assistance_case_scope(user))
    if user.acting_role != Role.COORDINATOR:
        queryset = queryset.filter(organization_id__in=_organization_ids(user))
    if status:
        queryset = queryset.filter(status=status)
    if case is not None:
        queryset = queryset.filter(case=case)
    return queryset.order_by("due_on", "created_at")


def task_get(user: User, task_id: Any) -> Task:
    task = task_list(user, status="").filter(pk=task_id).first()
    if task is None:
        raise Http404
    return task


def service_list(user: User, case: AssistanceCase) -> QuerySet[ServiceDelivery]:
    scope = case_data_scope(user, case)
    if not scope.visible:
        return ServiceDelivery.objects.none()
    queryset = ServiceDelivery.objects.filter(case=case).select_related("provider")
    if scope.full:
        return queryset
    visible = Q(provider_id__in=_organization_ids(user))
    if scope.needs:
        visible |= ~Q(kind__in=HEALTH_SERVICES)
    if scope.health:
        visible |= Q(kind__in=HEALTH_SERVICES)
    return queryset.filter(visible)


def plan_item_list(user: User, case: AssistanceCase) -> QuerySet[CasePlanItem]:
    if not _case_part(user, case, DataCategory.NEEDS):
        return CasePlanItem.objects.none()
    return CasePlanItem.objects.filter(case=case).select_related("responsible")


def plan_item_get(user: User, item_id: Any) -> CasePlanItem:
    item = CasePlanItem.objects.select_related("case").filter(pk=item_id).first()
    if item is None or not _case_part(user, item.case, DataCategory.NEEDS):
        raise Http404
    return item


def follow_up_list(
    user: User, case: AssistanceCase | None = None, *, due_before: date | None = None
) -> QuerySet[FollowUp]:
    queryset = FollowUp.objects.select_related("case").filter(case__in=assistance_case_scope(user))
    if case is not None:
        queryset = queryset.filter(case=case)
    if due_before is not None:
        queryset = queryset.filter(due_on__lte=due_before, status=FollowUpStatus.SCHEDULED)
    return queryset.order_by("due_on")


def follow_up_get(user: User, follow_up_id: Any) -> FollowUp:
    found = follow_up_list(user).filter(pk=follow_up_id).first()
    if found is None:
        raise Http404
    return found


def return_list(user: User, case: AssistanceCase) -> QuerySet[ReturnPlan]:
    if not case_data_scope(user, case).visible:
        return ReturnPlan.objects.none()
    return ReturnPlan.objects.filter(case=case).select_related("receiving_organization")


def return_get(user: User, plan_id: Any) -> ReturnPlan:
    plan = ReturnPlan.objects.select_related("case").filter(pk=plan_id).first()
    if plan is None or not case_data_scope(user, plan.case).visible:
        raise Http404
    return plan


def compensation_list(user: User, case: AssistanceCase) -> QuerySet[CompensationClaim]:
    if not _case_part(user, case, DataCategory.LEGAL):
        return CompensationClaim.objects.none()
    return CompensationClaim.objects.filter(case=case)


def compensation_get(user: User, claim_id: Any) -> CompensationClaim:
    claim = CompensationClaim.objects.select_related("case").filter(pk=claim_id).first()
    if claim is None or not _case_part(user, claim.case, DataCategory.LEGAL):
        raise Http404
    return claim


def hearing_list(user: User, criminal_case: CriminalCase) -> QuerySet[Hearing]:
    if not criminal_case_scope(user).filter(pk=criminal_case.pk).exists():
        return Hearing.objects.none()
    return Hearing.objects.filter(criminal_case=criminal_case)


# --- the journey across the criminal process ----------------------------------------------------------


@dataclass
class CriminalJourney:
    stage: str  # before / during / after
    criminal_cases: list[dict[str, Any]]
    procedural_roles: list[str]
    upcoming_hearings: list[Hearing]
    legal_aid: bool
    interpretation: bool
    compensation_claims: list[CompensationClaim]
    procedural_protections: list[ProceduralProtection]


def journey_stage(statuses: list[str]) -> str:
    """Before: no criminal case yet. During: any linked case still open. After: every linked case ended."""
    if not statuses:
        return "before"
    if any(case_pipelines.CRIMINAL_STAGE.get(s) == "during" for s in statuses):
        return "during"
    return "after"


def _receives(case: AssistanceCase, kind: str) -> bool:
    if ServiceDelivery.objects.filter(case=case, kind=kind).exists():
        return True
    return any(
        kind in services
        for services in Referral.objects.filter(case=case, status=ReferralStatus.ACCEPTED).values_list(
            "services", flat=True
        )
    )


def case_journey(user: User, case: AssistanceCase, *, now: datetime | None = None) -> CriminalJourney | None:
    """The victim's standing in the criminal process. Hidden (None) when the user's data scope does not
    cover legal matters. The criminal cases themselves are listed by registry number and status only: the
    assistance case is linked to them, which is what the victim's helpers need to know."""
    if not _case_part(user, case, DataCategory.LEGAL):
        return None
    moment = now or timezone.now()
    linked = list(CriminalCase.objects.filter(assistance_cases=case).order_by("opened_on"))
    roles = sorted(
        set(Participant.objects.filter(case__in=linked, person=case.person).values_list("procedural_role", flat=True))
    )
    hearings = list(
        Hearing.objects.filter(criminal_case__in=linked, scheduled_at__gte=moment)
        .select_related("criminal_case")
        .order_by("scheduled_at")[:10]
    )
    return CriminalJourney(
        stage=journey_stage([c.status for c in linked]),
        criminal_cases=[
            {
                "id": c.pk,
                "registry_number": c.registry_number,
                "status": c.status,
                "stage": case_pipelines.CRIMINAL_STAGE.get(c.status, "during"),
            }
            for c in linked
        ],
        procedural_roles=roles,
        upcoming_hearings=hearings,
        legal_aid=_receives(case, ServiceKind.LEGAL_AID),
        interpretation=_receives(case, ServiceKind.INTERPRETATION),
        compensation_claims=list(CompensationClaim.objects.filter(case=case)),
        procedural_protections=list(ProceduralProtection.objects.filter(case=case).select_related("criminal_case")),
    )


# --- migration: the expulsion hold register -----------------------------------------------------------

VICTIM_STATUSES = ("presumed_victim", "identified_victim", "assisted")


@dataclass
class HoldRow:
    case: AssistanceCase
    name: str
    birth_date: str
    citizenship: str
    hold: ProtectionMeasure | None
    residence: ProtectionMeasure | None
    migration_cases: list[MigrationCase]
    pending_charges: list[Charge]

    @property
    def has_pending_case(self) -> bool:
        return bool(self.migration_cases or self.pending_charges)


def hold_register(user: User, *, pending_only: bool = False, region: str = "") -> list[HoldRow]:
    """Every foreign presumed or identified victim, with the expulsion hold on them and their pending
    administrative migration cases (Art. 517) and pending Art. 517 charges. The migration service sees the
    names it needs to stop an expulsion, and nothing else of the case. Viewing is audited."""
    require(user, P.VIEW_MIGRATION_HOLDS)
    holds = ProtectionMeasure.objects.filter(kind=MeasureKind.EXPULSION_HOLD, status=MeasureStatus.ACTIVE)
    cases = (
        AssistanceCase.objects.filter(
            (Q(status__in=VICTIM_STATUSES) & ~Q(intake_record__citizenship__in=("", "KZ")))
            | Q(pk__in=holds.values("case_id"))
        )
        .select_related("intake_record", "person")
        .order_by("region", "number")
    )
    if region:
        cases = cases.filter(region=region)
    hold_by_person = {m.person_id: m for m in holds.select_related("lift_requested_by")}
    residence_by_person = {
        m.person_id: m
        for m in ProtectionMeasure.objects.filter(
            kind=MeasureKind.TEMPORARY_RESIDENCE, status__in=(MeasureStatus.REQUESTED, MeasureStatus.ACTIVE)
        ).order_by("created_at")
    }
    person_ids = [c.person_id for c in cases]
    migration_by_person: dict[Any, list[MigrationCase]] = {}
    for migration_case in MigrationCase.objects.filter(person_id__in=person_ids, status__in=PENDING_MIGRATION_STATUSES):
        migration_by_person.setdefault(migration_case.person_id, []).append(migration_case)
    charges_by_person: dict[Any, list[Charge]] = {}
    for charge in Charge.objects.filter(
        participant__person_id__in=person_ids, article="aoc.517", outcome=ChargeOutcome.PENDING
    ).select_related("participant"):
        charges_by_person.setdefault(charge.participant.person_id, []).append(charge)
    rows = []
    seen: set[Any] = set()
    for case in cases:
        if case.person_id in seen:
            continue
        seen.add(case.person_id)
        row = HoldRow(
            case=case,
            name=case.intake_record.display_name(),
            birth_date=case.intake_record.birth_date,
            citizenship=case.intake_record.citizenship,
            hold=hold_by_person.get(case.person_id),
            residence=residence_by_person.get(case.person_id),
            migration_cases=migration_by_person.get(case.person_id, []),
            pending_charges=charges_by_person.get(case.person_id, []),
        )
        if pending_only and not row.has_pending_case:
            continue
        rows.append(row)
    audit_record(
        actor=user,
        action="expulsion_hold.register_view",
        extra={"rows": len(rows), "pending_only": pending_only, "region": region},
    )
    return rows


def migration_case_list(user: User) -> QuerySet[MigrationCase]:
    require(user, P.VIEW_MIGRATION_HOLDS)
    queryset = MigrationCase.objects.all()
    if user.acting_role != Role.COORDINATOR:
        queryset = queryset.filter(organization_id__in=_organization_ids(user))
    return queryset


def migration_case_get(user: User, migration_case_id: Any) -> MigrationCase:
    found = migration_case_list(user).filter(pk=migration_case_id).first()
    if found is None:
        raise Http404
    return found


# --- the victim's journey: timeline entries -----------------------------------------------------------


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def timeline_entries(user: User, case: AssistanceCase) -> list[TimelineEntry]:
    """Referrals, protection measures, assessments, services, returns, follow-ups in the victim's journey,
    within the user's data scope. Registered in `senim.cases.selectors.TIMELINE_CONTRIBUTORS`."""
    scope = case_data_scope(user, case)
    if not scope.visible:
        return []
    entries: list[TimelineEntry] = []
    for referral in referral_list(user, case=case).prefetch_related("status_changes"):
        for change in referral.status_changes.all():
            entries.append(
                TimelineEntry(
                    change.changed_at,
                    "referral",
                    str(ReferralStatus(change.to_status).label),
                    f"{referral.from_organization.name} → {referral.to_organization.name}",
                )
            )
    for measure in measure_list(user, case):
        if measure.starts_on and measure.status != MeasureStatus.REQUESTED:
            entries.append(TimelineEntry(_at(measure.starts_on), "protection", str(measure.get_kind_display())))
        if measure.lifted_at:
            entries.append(TimelineEntry(measure.lifted_at, "protection", str(measure.get_kind_display()), "lifted"))
    for assessment in assessment_list(user, case):
        entries.append(
            TimelineEntry(
                assessment.assessed_at,
                "assessment",
                str(assessment.get_stage_display()),
                str(assessment.get_risk_level_display()),
            )
        )
    for delivery in service_list(user, case):
        entries.append(
            TimelineEntry(
                _at(delivery.delivered_on), "service", str(delivery.get_kind_display()), delivery.provider.name
            )
        )
    for plan in return_list(user, case):
        if plan.returned_on:
            entries.append(
                TimelineEntry(_at(plan.returned_on), "return", plan.country, plan.receiving_organization.name)
            )
    for follow_up in FollowUp.objects.filter(case=case).exclude(done_on=None):
        entries.append(
            TimelineEntry(_at(follow_up.done_on), "follow_up", str(follow_up.get_status_display()))  # type: ignore[arg-type]
        )
    return entries


def age_of(case: AssistanceCase, on: date | None = None) -> int | None:
    return rules.age_on(case.intake_record.birth_date, on or timezone.localdate())

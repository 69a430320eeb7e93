"""Writes of the protection and referral workflow. Every function validates, writes, and writes its audit
event in the same transaction. `actor=None` means the system (seeding, the synthetic world); every other
actor is checked against permissions and scope.

Public API (used by pages, the API and `senim.synth`):

    profile_set, occupancy_report
    consent_record, consent_withdraw
    referral_send, referral_transition
    notification_mark_read
    measure_create, measure_decide, measure_end
    hold_lift_request, hold_lift_approve, hold_lift_reject
    protection_on_presumed_victim (registered on the "presumed_victim" status)
    migration_case_open, migration_case_transition
    procedural_protection_request, procedural_protection_decide
    assessment_record, task_create, task_complete
    service_record, plan_item_add, plan_item_set_status
    follow_ups_schedule (registered on "closed"), follow_up_record
    return_plan_create, return_transition
    hearing_schedule, compensation_file, compensation_decide
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from senim.cases.models import AssistanceCase, CriminalCase
from senim.cases.selectors import _organization_ids, assistance_case_scope, criminal_case_scope
from senim.core.access import has_permission, require
from senim.core.models import Organization, OrganizationKind, User
from senim.core.regions import Region
from senim.core.roles import Role
from senim.core.services import audit_record
from senim.people.models import Person
from senim.referrals import pipelines, rules
from senim.referrals.models import (
    ACTIVE_REFERRAL_STATUSES,
    PENDING_MIGRATION_STATUSES,
    Assessment,
    AssessmentStage,
    CasePlanItem,
    CompensationClaim,
    CompensationKind,
    Consent,
    ConsentGiver,
    DataCategory,
    FollowUp,
    FollowUpStatus,
    Hearing,
    HearingKind,
    MeasureKind,
    MeasureStatus,
    MigrationCase,
    MigrationCaseStatus,
    Notification,
    NotificationKind,
    OccupancyReport,
    OrganizationProfile,
    PlanItemStatus,
    ProceduralMeasureKind,
    ProceduralProtection,
    ProtectionMeasure,
    Referral,
    ReferralStatus,
    ReferralStatusChange,
    ReturnPlan,
    ReturnStatus,
    RiskLevel,
    ServiceDelivery,
    ServiceKind,
    Task,
    TaskStatus,
)
from senim.referrals.permissions import ReferralsPermission as P

# Council of Europe Convention on Action against Trafficking, Art. 13: at least 30 days.
REFLECTION_PERIOD_DAYS = 30
MIN_REASON_LENGTH = 10
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


# --- helpers -------------------------------------------------------------------------------------------


def _now(at: datetime | None) -> datetime:
    return at or timezone.now()


def _in_own_orgs(actor: User, organization_id: Any) -> bool:
    return organization_id in _organization_ids(actor)


def _check_case(actor: User | None, case: AssistanceCase) -> None:
    """The actor must see the case; a case outside scope answers like a missing one."""
    if actor is None:
        return
    if not assistance_case_scope(actor).filter(pk=case.pk).exists():
        raise ValidationError({"case": _("Case not found.")})


def _check_case_category(actor: User | None, case: AssistanceCase, category: str) -> None:
    """Writes on a part of the case need that part in the actor's data scope."""
    if actor is None:
        return
    from senim.referrals.scope import case_data_scope

    if not case_data_scope(actor, case).covers(category):
        raise ValidationError({"case": _("Case not found.")})


def _check_criminal(actor: User | None, criminal_case: CriminalCase) -> None:
    if actor is None:
        return
    if not criminal_case_scope(actor).filter(pk=criminal_case.pk).exists():
        raise ValidationError({"criminal_case": _("Criminal case not found.")})


def _reason(reason: str, field: str = "reason") -> str:
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise ValidationError({field: _("Give a reason of at least %(n)d characters.") % {"n": MIN_REASON_LENGTH}})
    return reason


def _choices(values: Iterable[str], allowed: Iterable[str], field: str, *, required: bool = True) -> list[str]:
    items = list(dict.fromkeys(str(v) for v in values))
    allowed_set = set(allowed)
    unknown = [v for v in items if v not in allowed_set]
    if unknown:
        raise ValidationError({field: _("Unknown value: %(values)s") % {"values": ", ".join(unknown)}})
    if required and not items:
        raise ValidationError({field: _("Choose at least one.")})
    return items


def _is_foreign(case: AssistanceCase) -> bool:
    """A foreign national: any record of the person names a citizenship other than Kazakhstan."""
    citizenships = {case.intake_record.citizenship}
    citizenships.update(case.person.records.values_list("citizenship", flat=True))
    return any(c and c.upper() != "KZ" for c in citizenships)


def notify(
    *,
    organization: Organization,
    kind: str,
    case: AssistanceCase | None = None,
    referral: Referral | None = None,
    params: Mapping[str, Any] | None = None,
) -> Notification:
    """A notification inside Senim to every member of `organization` (shown in their dashboard panel)."""
    return Notification.objects.create(
        organization=organization, kind=kind, case=case, referral=referral, params=dict(params or {})
    )


# --- organization profiles and capacity ---------------------------------------------------------------

PROFILE_FIELDS = (
    "services",
    "regions_served",
    "bed_capacity",
    "beds_occupied",
    "accepts_men",
    "accepts_women",
    "accepts_children",
    "accepts_families",
    "min_age",
    "max_age",
    "admits_at_night",
    "contact_phone",
    "notes",
)


def _check_profile_rights(actor: User | None, organization: Organization) -> None:
    if actor is None or has_permission(actor, P.MANAGE_ALL_PROFILES):
        return
    require(actor, P.MANAGE_OWN_PROFILE)
    if not _in_own_orgs(actor, organization.pk):
        raise ValidationError({"organization": _("You may edit only your own organization's profile.")})


@transaction.atomic
def profile_set(*, actor: User | None, organization: Organization, **values: Any) -> OrganizationProfile:
    """Create or update what a shelter or NGO offers and whom it can take."""
    _check_profile_rights(actor, organization)
    unknown = set(values) - set(PROFILE_FIELDS) - {"languages"}
    if unknown:
        raise ValidationError({"profile": _("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))}})
    profile = OrganizationProfile.objects.select_for_update().filter(organization=organization).first()
    created = profile is None
    if profile is None:
        profile = OrganizationProfile(organization=organization)
    if "services" in values:
        values["services"] = _choices(values["services"], ServiceKind.values, "services", required=False)
    if "regions_served" in values:
        values["regions_served"] = _choices(values["regions_served"], Region.values, "regions_served", required=False)
    languages = values.pop("languages", None)
    changed = [name for name, value in values.items() if created or getattr(profile, name) != value]
    for name, value in values.items():
        setattr(profile, name, value)
    if profile.max_age is not None and profile.max_age < profile.min_age:
        raise ValidationError({"max_age": _("The oldest age accepted is below the youngest.")})
    if "beds_occupied" in values or "bed_capacity" in values:
        profile.occupancy_updated_at = timezone.now()
    profile.full_clean()
    profile.save()
    if languages is not None:
        codes = [str(code).lower() for code in languages]
        if any(not LANGUAGE_CODE.match(code) for code in codes):
            raise ValidationError({"languages": _("Use ISO 639-1 language codes such as ru, kk, uz.")})
        organization.languages = list(dict.fromkeys(codes))
        organization.save(update_fields=["languages", "updated_at"])
        changed.append("languages")
    if "beds_occupied" in values or "bed_capacity" in values:
        OccupancyReport.objects.create(
            profile=profile,
            reported_at=timezone.now(),
            bed_capacity=profile.bed_capacity,
            beds_occupied=profile.beds_occupied,
            reported_by=actor,
        )
    audit_record(
        actor=actor,
        action="organization_profile.create" if created else "organization_profile.update",
        target=profile,
        changed_fields=changed,
        extra={"organization": str(organization.pk)},
    )
    return profile


@transaction.atomic
def occupancy_report(
    *,
    actor: User | None,
    organization: Organization,
    beds_occupied: int,
    bed_capacity: int | None = None,
    at: datetime | None = None,
) -> OrganizationProfile:
    """A shelter reports how many beds are taken now (kept as history for the capacity report)."""
    _check_profile_rights(actor, organization)
    if beds_occupied < 0 or (bed_capacity is not None and bed_capacity < 0):
        raise ValidationError({"beds_occupied": _("Beds cannot be negative.")})
    profile = OrganizationProfile.objects.select_for_update().filter(organization=organization).first()
    if profile is None:
        raise ValidationError({"organization": _("This organization has no profile yet.")})
    moment = _now(at)
    profile.beds_occupied = beds_occupied
    if bed_capacity is not None:
        profile.bed_capacity = bed_capacity
    profile.occupancy_updated_at = moment
    profile.save()
    OccupancyReport.objects.create(
        profile=profile,
        reported_at=moment,
        bed_capacity=profile.bed_capacity,
        beds_occupied=profile.beds_occupied,
        reported_by=actor,
    )
    audit_record(
        actor=actor,
        action="organization_profile.occupancy",
        target=profile,
        changed_fields=["beds_occupied", "bed_capacity"],
    )
    return profile


# --- consent ------------------------------------------------------------------------------------------


@transaction.atomic
def consent_record(
    *,
    actor: User | None,
    case: AssistanceCase,
    recipient: Organization,
    data_categories: Iterable[str],
    explained_in: str,
    given_by: str = ConsentGiver.PERSON,
    guardian_name: str = "",
    guardian_relation: str = "",
    purpose: str = "",
    interpreter_used: bool = False,
    at: datetime | None = None,
) -> Consent:
    """Informed consent: which data is shared with whom, for what, explained in which language. A minor's
    consent is given by a parent or guardian, whose name is recorded."""
    if actor is not None:
        require(actor, P.RECORD_CONSENT)
    _check_case(actor, case)
    _check_case_category(actor, case, DataCategory.IDENTITY)
    categories = _choices(data_categories, DataCategory.values, "data_categories")
    language = (explained_in or "").strip().lower()
    if not LANGUAGE_CODE.match(language):
        raise ValidationError({"explained_in": _("Name the language the consent was explained in (e.g. uz).")})
    if given_by not in ConsentGiver.values:
        raise ValidationError({"given_by": _("Unknown value.")})
    if case.is_minor and given_by != ConsentGiver.GUARDIAN:
        raise ValidationError({"given_by": _("A minor's consent is given by a parent or guardian.")})
    if given_by == ConsentGiver.GUARDIAN and not guardian_name.strip():
        raise ValidationError({"guardian_name": _("Name the guardian who gave consent.")})
    consent = Consent(
        case=case,
        recipient=recipient,
        data_categories=categories,
        purpose=purpose.strip(),
        explained_in=language,
        interpreter_used=interpreter_used,
        given_by=given_by,
        guardian_name=guardian_name.strip(),
        guardian_relation=guardian_relation.strip(),
        given_at=_now(at),
        recorded_by=actor,
    )
    consent.full_clean()
    consent.save()
    audit_record(
        actor=actor,
        action="consent.record",
        target=consent,
        changed_fields=["data_categories", "recipient", "explained_in", "given_by"],
        extra={"case": str(case.pk), "recipient": str(recipient.pk), "categories": categories},
    )
    return consent


@transaction.atomic
def consent_withdraw(*, actor: User | None, consent: Consent, reason: str = "") -> Consent:
    """The person withdraws consent: every active referral resting on it is revoked."""
    if actor is not None:
        require(actor, P.RECORD_CONSENT)
    _check_case(actor, consent.case)
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_at is not None:
        raise ValidationError({"consent": _("Consent was already withdrawn.")})
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_reason = reason.strip()
    consent.save(update_fields=["withdrawn_at", "withdrawn_reason", "updated_at"])
    audit_record(actor=actor, action="consent.withdraw", target=consent, changed_fields=["withdrawn_at"])
    for referral in consent.referrals.filter(status__in=ACTIVE_REFERRAL_STATUSES):
        _referral_move(actor, referral, ReferralStatus.REVOKED, _("Consent withdrawn"), None)
    return consent


# --- referrals ----------------------------------------------------------------------------------------


@transaction.atomic
def referral_send(
    *,
    actor: User | None,
    case: AssistanceCase,
    to_organization: Organization,
    services: Iterable[str],
    shared_data: Iterable[str] = (DataCategory.IDENTITY,),
    consent: Consent | None = None,
    override_reason: str = "",
    note: str = "",
    is_urgent: bool = False,
    from_organization: Organization | None = None,
    at: datetime | None = None,
) -> Referral:
    """Refer a case to an organization for named services. It rests on informed consent covering every
    shared data category, or on an override with a reason (audited on its own)."""
    if actor is not None:
        require(actor, P.SEND_REFERRALS)
        from_organization = actor.organization
    _check_case(actor, case)
    if from_organization is None:
        raise ValidationError({"from_organization": _("A referral needs the organization that sends it.")})
    if to_organization.pk == from_organization.pk:
        raise ValidationError({"to_organization": _("An organization cannot refer a case to itself.")})
    if not to_organization.is_active:
        raise ValidationError({"to_organization": _("This organization is not active.")})
    service_list = _choices(services, ServiceKind.values, "services")
    shared = _choices(shared_data, DataCategory.values, "shared_data", required=False)
    if actor is not None:
        from senim.referrals.scope import case_data_scope

        scope = case_data_scope(actor, case)
        beyond = [c for c in shared if not scope.covers(c)]
        if beyond:
            raise ValidationError({"shared_data": _("You cannot share data you do not see: %(c)s") % {"c": beyond}})
    override = consent is None
    if consent is not None:
        if consent.case_id != case.pk or consent.recipient_id != to_organization.pk:
            raise ValidationError({"consent": _("This consent is for another case or organization.")})
        if not consent.is_active:
            raise ValidationError({"consent": _("This consent was withdrawn.")})
        missing = [c for c in shared if c not in consent.data_categories]
        if missing:
            raise ValidationError({"shared_data": _("The consent does not cover: %(c)s") % {"c": ", ".join(missing)}})
        override_reason = ""
    else:
        if actor is not None:
            require(actor, P.OVERRIDE_CONSENT)
        override_reason = _reason(override_reason, "override_reason")
    moment = _now(at)
    referral = Referral(
        case=case,
        from_organization=from_organization,
        to_organization=to_organization,
        services=service_list,
        shared_data=shared,
        consent=consent,
        consent_override=override,
        override_reason=override_reason,
        note=note.strip(),
        is_urgent=is_urgent,
        sent_by=actor,
        sent_at=moment,
    )
    referral.full_clean()
    referral.save()
    ReferralStatusChange.objects.create(
        referral=referral, from_status="", to_status=ReferralStatus.SENT, changed_at=moment, changed_by=actor
    )
    audit_record(
        actor=actor,
        action="referral.send",
        target=referral,
        changed_fields=["status", "services", "shared_data"],
        extra={"case": str(case.pk), "to": str(to_organization.pk), "shared_data": shared},
    )
    if override:
        audit_record(
            actor=actor,
            action="referral.consent_override",
            target=referral,
            changed_fields=["consent_override", "override_reason"],
            extra={"case": str(case.pk), "to": str(to_organization.pk)},
        )
    notify(
        organization=to_organization,
        kind=NotificationKind.REFERRAL_RECEIVED,
        case=case,
        referral=referral,
        params={"case": case.number, "from": from_organization.name, "urgent": is_urgent},
    )
    return referral


def _referral_move(
    actor: User | None, referral: Referral, to_status: str, reason: str, at: datetime | None
) -> Referral:
    referral = Referral.objects.select_for_update().select_related("case").get(pk=referral.pk)
    pipelines.REFERRAL.check(referral.status, to_status)
    previous = referral.status
    moment = _now(at)
    referral.status = to_status
    if to_status in (ReferralStatus.ACCEPTED, ReferralStatus.DECLINED):
        referral.responded_at = moment
    if to_status == ReferralStatus.DECLINED:
        referral.decline_reason = reason
    if to_status in (ReferralStatus.DECLINED, ReferralStatus.DONE, ReferralStatus.REVOKED):
        referral.closed_at = moment
    referral.save()
    ReferralStatusChange.objects.create(
        referral=referral, from_status=previous, to_status=to_status, changed_at=moment, changed_by=actor, reason=reason
    )
    audit_record(
        actor=actor,
        action="referral.transition",
        target=referral,
        changed_fields=["status"],
        extra={"from": previous, "to": to_status, "case": str(referral.case_id)},
    )
    if to_status == ReferralStatus.REVOKED:
        notify(
            organization=referral.to_organization,
            kind=NotificationKind.REFERRAL_REVOKED,
            case=referral.case,
            referral=referral,
            params={"case": referral.case.number},
        )
    else:
        notify(
            organization=referral.from_organization,
            kind=NotificationKind.REFERRAL_ANSWERED,
            case=referral.case,
            referral=referral,
            params={"case": referral.case.number, "to": referral.to_organization.name, "status": to_status},
        )
    return referral


@transaction.atomic
def referral_transition(
    *, actor: User | None, referral: Referral, to_status: str, reason: str = "", at: datetime | None = None
) -> Referral:
    """sent → accepted | declined (with reason) | revoked; accepted → done | revoked. The receiving
    organization accepts, declines and closes; the sending side (or the coordinator) revokes."""
    reason = (reason or "").strip()
    if to_status not in ReferralStatus.values:
        raise ValidationError({"to_status": _("Unknown status.")})
    if to_status in (ReferralStatus.DECLINED, ReferralStatus.REVOKED):
        reason = _reason(reason)
    if actor is not None:
        if to_status == ReferralStatus.REVOKED:
            require(actor, P.SEND_REFERRALS)
            sender_side = _in_own_orgs(actor, referral.from_organization_id) or _in_own_orgs(
                actor, referral.case.lead_organization_id
            )
            if not (sender_side or actor.acting_role == Role.COORDINATOR):
                raise ValidationError({"referral": _("Only the sending side may revoke a referral.")})
        else:
            require(actor, P.RESPOND_REFERRALS)
            if not _in_own_orgs(actor, referral.to_organization_id):
                raise ValidationError({"referral": _("Only the receiving organization may answer a referral.")})
    return _referral_move(actor, referral, to_status, reason, at)


@transaction.atomic
def notification_mark_read(*, actor: User, notification: Notification) -> Notification:
    require(actor, P.VIEW_NOTIFICATIONS)
    if not _in_own_orgs(actor, notification.organization_id):
        raise ValidationError({"notification": _("Notification not found.")})
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.read_by = actor
        notification.save(update_fields=["read_at", "read_by", "updated_at"])
        audit_record(actor=actor, action="notification.read", target=notification, changed_fields=["read_at"])
    return notification


# --- protection measures ------------------------------------------------------------------------------


def _migration_services_for(region: str) -> list[Organization]:
    queryset = Organization.objects.filter(kind=OrganizationKind.MIGRATION, is_active=True)
    in_region = list(queryset.filter(region=region))
    return in_region or list(queryset.filter(parent__isnull=True))


def _in_force(person: Person, today: date) -> Any:
    """Measures in force for a person: active and not past their end date."""
    return ProtectionMeasure.objects.filter(person=person, status=MeasureStatus.ACTIVE).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today)
    )


def measures_expire(*, actor: User | None = None, today: date | None = None) -> int:
    """End reflection periods and temporary residences past their end date (run daily by the worker job
    `referrals.expire_measures`). Expulsion holds never expire: they are lifted with four eyes."""
    today = today or timezone.localdate()
    ended = 0
    for measure in ProtectionMeasure.objects.filter(
        status=MeasureStatus.ACTIVE,
        ends_on__lt=today,
        kind__in=(MeasureKind.REFLECTION_PERIOD, MeasureKind.TEMPORARY_RESIDENCE),
    ):
        with transaction.atomic():
            measure.status = MeasureStatus.ENDED
            measure.save(update_fields=["status", "updated_at"])
            audit_record(actor=actor, action="protection_measure.expire", target=measure, changed_fields=["status"])
        ended += 1
    return ended


def protection_on_presumed_victim(*, actor: User | None, case: AssistanceCase) -> None:
    """Runs inside the transition to presumed_victim. For a foreign national: an expulsion hold on the
    person and a recovery and reflection period, unless already in force, and a notification to the
    migration service. Nothing here asks for a permission: the safeguard follows from the status."""
    if not _is_foreign(case):
        return
    today = timezone.localdate()
    person = case.person
    active = _in_force(person, today)
    created: list[ProtectionMeasure] = []
    if not active.filter(kind=MeasureKind.EXPULSION_HOLD).exists():
        created.append(
            ProtectionMeasure.objects.create(
                case=case,
                person=person,
                kind=MeasureKind.EXPULSION_HOLD,
                status=MeasureStatus.ACTIVE,
                starts_on=today,
                automatic=True,
                created_by=actor,
            )
        )
    if not active.filter(kind=MeasureKind.REFLECTION_PERIOD).exists():
        created.append(
            ProtectionMeasure.objects.create(
                case=case,
                person=person,
                kind=MeasureKind.REFLECTION_PERIOD,
                status=MeasureStatus.ACTIVE,
                starts_on=today,
                ends_on=today + timedelta(days=REFLECTION_PERIOD_DAYS),
                automatic=True,
                created_by=actor,
            )
        )
    for measure in created:
        audit_record(
            actor=actor,
            action="protection_measure.create",
            target=measure,
            changed_fields=["kind", "status", "starts_on", "ends_on"],
            extra={"case": str(case.pk), "kind": measure.kind, "automatic": True},
        )
    if any(m.kind == MeasureKind.EXPULSION_HOLD for m in created):
        pending = MigrationCase.objects.filter(person=person, status__in=PENDING_MIGRATION_STATUSES).count()
        for organization in _migration_services_for(case.region):
            notify(
                organization=organization,
                kind=NotificationKind.EXPULSION_HOLD,
                case=case,
                params={"case": case.number, "pending_migration_cases": pending},
            )


@transaction.atomic
def measure_create(
    *,
    actor: User | None,
    case: AssistanceCase,
    kind: str,
    starts_on: date | None = None,
    ends_on: date | None = None,
    requested: bool = False,
    decision_reference: str = "",
    work_permitted: bool = False,
) -> ProtectionMeasure:
    """A reflection period or expulsion hold comes into force at once; temporary residence is requested
    and then decided by the migration service (`measure_decide`)."""
    if actor is not None:
        require(actor, P.MANAGE_PROTECTION)
    _check_case(actor, case)
    _check_case_category(actor, case, DataCategory.LEGAL)
    if kind not in MeasureKind.values:
        raise ValidationError({"kind": _("Unknown measure.")})
    if kind == MeasureKind.TEMPORARY_RESIDENCE and actor is not None and not has_permission(actor, P.DECIDE_RESIDENCE):
        requested = True
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end comes before the start.")})
    if (
        kind in (MeasureKind.EXPULSION_HOLD, MeasureKind.REFLECTION_PERIOD)
        and _in_force(case.person, timezone.localdate()).filter(kind=kind).exists()
    ):
        raise ValidationError({"kind": _("This measure is already in force for this person.")})
    measure = ProtectionMeasure(
        case=case,
        person=case.person,
        kind=kind,
        status=MeasureStatus.REQUESTED if requested else MeasureStatus.ACTIVE,
        starts_on=starts_on or (None if requested else timezone.localdate()),
        ends_on=ends_on,
        decision_reference=decision_reference.strip(),
        work_permitted=work_permitted,
        created_by=actor,
    )
    measure.full_clean()
    measure.save()
    audit_record(
        actor=actor,
        action="protection_measure.create",
        target=measure,
        changed_fields=["kind", "status", "starts_on", "ends_on"],
        extra={"case": str(case.pk), "kind": kind},
    )
    return measure


@transaction.atomic
def measure_decide(
    *,
    actor: User | None,
    measure: ProtectionMeasure,
    grant: bool,
    starts_on: date | None = None,
    ends_on: date | None = None,
    decision_reference: str = "",
    work_permitted: bool | None = None,
) -> ProtectionMeasure:
    """Grant or refuse a requested measure (temporary residence: the migration service decides)."""
    if actor is not None:
        require(actor, P.DECIDE_RESIDENCE if measure.kind == MeasureKind.TEMPORARY_RESIDENCE else P.MANAGE_PROTECTION)
    # The migration service decides residence from its register without seeing the rest of the case.
    from_register = actor is not None and has_permission(actor, P.VIEW_MIGRATION_HOLDS)
    if not (measure.kind == MeasureKind.TEMPORARY_RESIDENCE and from_register):
        _check_case(actor, measure.case)
    measure = ProtectionMeasure.objects.select_for_update().get(pk=measure.pk)
    target = MeasureStatus.ACTIVE if grant else MeasureStatus.REFUSED
    pipelines.MEASURE.check(measure.status, target)
    if grant:
        measure.starts_on = starts_on or measure.starts_on or timezone.localdate()
        measure.ends_on = ends_on or measure.ends_on
        if measure.ends_on and measure.ends_on < measure.starts_on:
            raise ValidationError({"ends_on": _("The end comes before the start.")})
        if work_permitted is not None:
            measure.work_permitted = work_permitted
    measure.status = target
    measure.decision_reference = decision_reference.strip() or measure.decision_reference
    measure.save()
    audit_record(
        actor=actor,
        action="protection_measure.decide",
        target=measure,
        changed_fields=["status", "starts_on", "ends_on", "decision_reference"],
        extra={"to": target, "kind": measure.kind},
    )
    return measure


@transaction.atomic
def measure_end(*, actor: User | None, measure: ProtectionMeasure, ended_on: date | None = None) -> ProtectionMeasure:
    """End a reflection period or temporary residence. An expulsion hold is never just ended: it is lifted
    with four eyes."""
    if actor is not None:
        require(actor, P.MANAGE_PROTECTION)
    _check_case(actor, measure.case)
    if measure.kind == MeasureKind.EXPULSION_HOLD:
        raise ValidationError({"measure": _("An expulsion hold is lifted with a reason and a second approver.")})
    measure = ProtectionMeasure.objects.select_for_update().get(pk=measure.pk)
    pipelines.MEASURE.check(measure.status, MeasureStatus.ENDED)
    measure.status = MeasureStatus.ENDED
    measure.ends_on = ended_on or timezone.localdate()
    measure.save()
    audit_record(actor=actor, action="protection_measure.end", target=measure, changed_fields=["status", "ends_on"])
    return measure


def _active_hold(measure: ProtectionMeasure) -> ProtectionMeasure:
    measure = ProtectionMeasure.objects.select_for_update().select_related("case").get(pk=measure.pk)
    if measure.kind != MeasureKind.EXPULSION_HOLD or measure.status != MeasureStatus.ACTIVE:
        raise ValidationError({"measure": _("This is not an expulsion hold in force.")})
    return measure


@transaction.atomic
def hold_lift_request(*, actor: User, measure: ProtectionMeasure, reason: str) -> ProtectionMeasure:
    """First pair of eyes: ask to lift an expulsion hold, with a reason. Nothing is lifted yet."""
    require(actor, P.LIFT_HOLDS)
    reason = _reason(reason)
    measure = _active_hold(measure)
    if measure.lift_requested_by_id is not None:
        raise ValidationError({"measure": _("A request to lift this hold is already waiting.")})
    measure.lift_requested_by = actor
    measure.lift_requested_at = timezone.now()
    measure.lift_reason = reason
    measure.save()
    audit_record(
        actor=actor,
        action="expulsion_hold.lift_request",
        target=measure,
        changed_fields=["lift_requested_by", "lift_reason"],
        extra={"case": str(measure.case_id)},
    )
    for organization in _migration_services_for(measure.case.region):
        notify(
            organization=organization,
            kind=NotificationKind.HOLD_LIFT_REQUESTED,
            case=measure.case,
            params={"case": measure.case.number},
        )
    return measure


@transaction.atomic
def hold_lift_approve(*, actor: User, measure: ProtectionMeasure) -> ProtectionMeasure:
    """Second pair of eyes: someone other than the requester approves, and only then is the hold lifted."""
    require(actor, P.LIFT_HOLDS)
    measure = _active_hold(measure)
    if measure.lift_requested_by_id is None:
        raise ValidationError({"measure": _("Nobody has asked to lift this hold.")})
    if measure.lift_requested_by_id == actor.pk:
        raise ValidationError({"measure": _("A second person must approve lifting the hold.")})
    pipelines.MEASURE.check(measure.status, MeasureStatus.LIFTED)
    measure.status = MeasureStatus.LIFTED
    measure.lifted_by = actor
    measure.lifted_at = timezone.now()
    measure.ends_on = timezone.localdate()
    measure.save()
    audit_record(
        actor=actor,
        action="expulsion_hold.lift_approve",
        target=measure,
        changed_fields=["status", "lifted_by"],
        extra={"case": str(measure.case_id), "requested_by": str(measure.lift_requested_by_id)},
    )
    return measure


@transaction.atomic
def hold_lift_reject(*, actor: User, measure: ProtectionMeasure, reason: str = "") -> ProtectionMeasure:
    """The second person refuses: the hold stays and the request is cleared."""
    require(actor, P.LIFT_HOLDS)
    measure = _active_hold(measure)
    if measure.lift_requested_by_id is None:
        raise ValidationError({"measure": _("Nobody has asked to lift this hold.")})
    requester = measure.lift_requested_by_id
    measure.lift_requested_by = None
    measure.lift_requested_at = None
    measure.lift_reason = ""
    measure.save()
    audit_record(
        actor=actor,
        action="expulsion_hold.lift_reject",
        target=measure,
        changed_fields=["lift_requested_by", "lift_reason"],
        extra={"requested_by": str(requester), "has_reason": bool(reason.strip())},
    )
    return measure


def person_has_active_hold(person: Person) -> bool:
    return ProtectionMeasure.objects.filter(
        person=person, kind=MeasureKind.EXPULSION_HOLD, status=MeasureStatus.ACTIVE
    ).exists()


# --- administrative migration cases (Art. 517) --------------------------------------------------------


@transaction.atomic
def migration_case_open(
    *,
    actor: User | None,
    person: Person,
    number: str,
    region: str,
    opened_on: date | None = None,
    organization: Organization | None = None,
    article: str = "aoc.517",
) -> MigrationCase:
    if actor is not None:
        require(actor, P.MANAGE_MIGRATION_CASES)
        organization = organization or actor.organization
    if organization is None:
        raise ValidationError({"organization": _("An administrative case needs the migration service.")})
    if article not in ("aoc.517", "aoc.518", "aoc.519"):
        raise ValidationError({"article": _("Unknown article.")})
    migration_case = MigrationCase(
        person=person,
        number=number.strip(),
        article=article,
        region=region,
        organization=organization,
        opened_on=opened_on or timezone.localdate(),
    )
    migration_case.full_clean()
    migration_case.save()
    audit_record(
        actor=actor,
        action="migration_case.open",
        target=migration_case,
        changed_fields=["number", "article", "status"],
        extra={"person": str(person.pk), "hold": person_has_active_hold(person)},
    )
    return migration_case


@transaction.atomic
def migration_case_transition(
    *, actor: User | None, migration_case: MigrationCase, to_status: str, decided_on: date | None = None
) -> MigrationCase:
    """Expulsion cannot be ordered while an expulsion hold stands on the person."""
    if actor is not None:
        require(actor, P.MANAGE_MIGRATION_CASES)
        if not _in_own_orgs(actor, migration_case.organization_id):
            raise ValidationError({"migration_case": _("Administrative case not found.")})
    migration_case = MigrationCase.objects.select_for_update().get(pk=migration_case.pk)
    pipelines.MIGRATION_CASE.check(migration_case.status, to_status)
    if to_status == MigrationCaseStatus.EXPULSION_ORDERED and person_has_active_hold(migration_case.person):
        raise ValidationError({"to_status": _("An expulsion hold stands on this person: expulsion cannot be ordered.")})
    previous = migration_case.status
    migration_case.status = to_status
    if to_status not in PENDING_MIGRATION_STATUSES:
        migration_case.decided_on = decided_on or timezone.localdate()
    migration_case.save()
    audit_record(
        actor=actor,
        action="migration_case.transition",
        target=migration_case,
        changed_fields=["status"],
        extra={"from": previous, "to": to_status},
    )
    return migration_case


# --- protection in the criminal process ---------------------------------------------------------------


def _linked(case: AssistanceCase, criminal_case: CriminalCase) -> None:
    if not criminal_case.assistance_cases.filter(pk=case.pk).exists():
        raise ValidationError({"criminal_case": _("This criminal case is not linked to the assistance case.")})


@transaction.atomic
def procedural_protection_request(
    *,
    actor: User | None,
    case: AssistanceCase,
    criminal_case: CriminalCase,
    kind: str,
    reason: str = "",
    at: datetime | None = None,
) -> ProceduralProtection:
    if actor is not None:
        require(actor, P.REQUEST_PROCEDURAL_PROTECTION)
    _check_case(actor, case)
    _check_case_category(actor, case, DataCategory.LEGAL)
    _linked(case, criminal_case)
    if kind not in ProceduralMeasureKind.values:
        raise ValidationError({"kind": _("Unknown measure.")})
    if ProceduralProtection.objects.filter(
        case=case, criminal_case=criminal_case, kind=kind, status__in=("requested", "granted")
    ).exists():
        raise ValidationError({"kind": _("This measure is already requested or granted.")})
    protection = ProceduralProtection(
        case=case,
        criminal_case=criminal_case,
        kind=kind,
        requested_by=actor,
        requested_at=_now(at),
        reason=reason.strip(),
    )
    protection.full_clean()
    protection.save()
    audit_record(
        actor=actor,
        action="procedural_protection.request",
        target=protection,
        changed_fields=["kind", "status"],
        extra={"case": str(case.pk), "criminal_case": str(criminal_case.pk), "kind": kind},
    )
    notify(
        organization=criminal_case.unit,
        kind=NotificationKind.PROTECTION_REQUESTED,
        case=case,
        params={"case": case.number, "criminal_case": criminal_case.registry_number, "measure": kind},
    )
    return protection


@transaction.atomic
def procedural_protection_decide(
    *,
    actor: User | None,
    protection: ProceduralProtection,
    to_status: str,
    reason: str = "",
    at: datetime | None = None,
) -> ProceduralProtection:
    """The investigator or prosecutor grants, refuses or ends a measure. Granting anonymised testimony
    marks the victim's participation in the criminal case as protected."""
    if actor is not None:
        require(actor, P.DECIDE_PROCEDURAL_PROTECTION)
    _check_criminal(actor, protection.criminal_case)
    protection = ProceduralProtection.objects.select_for_update().get(pk=protection.pk)
    pipelines.PROCEDURAL.check(protection.status, to_status)
    if to_status == "refused":
        reason = _reason(reason)
    previous = protection.status
    protection.status = to_status
    protection.decided_by = actor
    protection.decided_at = _now(at)
    if reason:
        protection.reason = reason
    protection.save()
    audit_record(
        actor=actor,
        action="procedural_protection.decide",
        target=protection,
        changed_fields=["status"],
        extra={"from": previous, "to": to_status, "kind": protection.kind},
    )
    if to_status == "granted" and protection.kind == ProceduralMeasureKind.ANONYMISED_TESTIMONY:
        from senim.cases.models import Participant

        participants = Participant.objects.filter(
            case=protection.criminal_case, person=protection.case.person, protected_identity=False
        )
        for participant in participants:
            participant.protected_identity = True
            participant.save(update_fields=["protected_identity", "updated_at"])
            audit_record(
                actor=actor,
                action="participant.protect_identity",
                target=participant,
                changed_fields=["protected_identity"],
                extra={"protection": str(protection.pk)},
            )
    return protection


# --- assessments and tasks ----------------------------------------------------------------------------


def _create_task(
    actor: User | None,
    *,
    case: AssistanceCase,
    organization: Organization,
    kind: str,
    title: str,
    due_on: date,
    assessment: Assessment | None = None,
) -> Task:
    task = Task.objects.create(
        case=case, organization=organization, kind=kind, title=title, due_on=due_on, assessment=assessment
    )
    audit_record(
        actor=actor,
        action="task.create",
        target=task,
        changed_fields=["kind", "due_on"],
        extra={"case": str(case.pk), "kind": kind},
    )
    return task


@transaction.atomic
def assessment_record(
    *,
    actor: User | None,
    case: AssistanceCase,
    stage: str,
    risk_level: str,
    family_risk_level: str,
    needs: Iterable[str] = (),
    risk_factors: Iterable[str] = (),
    notes: str = "",
    organization: Organization | None = None,
    at: datetime | None = None,
) -> Assessment:
    """A risk and needs assessment (intake, before testimony, before trial, before return), including the
    risk to the family at home. It generates tasks with due dates for whoever recorded it."""
    if actor is not None:
        require(actor, P.MANAGE_SUPPORT)
        organization = actor.organization
    _check_case(actor, case)
    _check_case_category(actor, case, DataCategory.NEEDS)
    organization = organization or case.lead_organization
    if organization is None:
        raise ValidationError({"organization": _("An assessment needs the organization that made it.")})
    if stage not in AssessmentStage.values:
        raise ValidationError({"stage": _("Unknown stage.")})
    for field, value in (("risk_level", risk_level), ("family_risk_level", family_risk_level)):
        if value not in RiskLevel.values:
            raise ValidationError({field: _("Unknown risk level.")})
    need_list = _choices(needs, ServiceKind.values, "needs", required=False)
    moment = _now(at)
    assessment = Assessment(
        case=case,
        stage=stage,
        risk_level=risk_level,
        family_risk_level=family_risk_level,
        risk_factors=[str(f)[:80] for f in risk_factors],
        needs=need_list,
        notes=notes.strip(),
        assessed_at=moment,
        assessed_by=actor,
        organization=organization,
    )
    assessment.full_clean()
    assessment.save()
    audit_record(
        actor=actor,
        action="assessment.record",
        target=assessment,
        changed_fields=["stage", "risk_level", "family_risk_level", "needs"],
        extra={"case": str(case.pk), "stage": stage},
    )
    needs_met = {
        service
        for services in Referral.objects.filter(case=case, status__in=ACTIVE_REFERRAL_STATUSES).values_list(
            "services", flat=True
        )
        for service in services
    }
    start = timezone.localdate(moment)
    for spec in rules.tasks_for_assessment(
        stage=stage, risk_level=risk_level, family_risk_level=family_risk_level, needs=need_list, needs_met=needs_met
    ):
        _create_task(
            actor,
            case=case,
            organization=organization,
            kind=spec.kind,
            title=spec.title,
            due_on=rules.due_date(start, spec.due_in_days),
            assessment=assessment,
        )
    return assessment


@transaction.atomic
def task_create(
    *,
    actor: User | None,
    case: AssistanceCase,
    title: str,
    due_on: date,
    organization: Organization | None = None,
    kind: str = "manual",
) -> Task:
    if actor is not None:
        require(actor, P.MANAGE_SUPPORT)
        organization = organization or actor.organization
    _check_case(actor, case)
    organization = organization or case.lead_organization
    if not title.strip():
        raise ValidationError({"title": _("This field may not be blank.")})
    return _create_task(actor, case=case, organization=organization, kind=kind, title=title.strip(), due_on=due_on)


@transaction.atomic
def task_complete(*, actor: User | None, task: Task, cancel: bool = False) -> Task:
    if actor is not None:
        require(actor, P.MANAGE_SUPPORT)
        if not (_in_own_orgs(actor, task.organization_id) or actor.acting_role == Role.COORDINATOR):
            raise ValidationError({"task": _("Task not found.")})
    task = Task.objects.select_for_update().get(pk=task.pk)
    if task.status != TaskStatus.OPEN:
        raise ValidationError({"task": _("This task is already closed.")})
    task.status = TaskStatus.CANCELLED if cancel else TaskStatus.DONE
    task.completed_at = timezone.now()
    task.completed_by = actor
    task.save()
    audit_record(actor=actor, action="task.complete", target=task, changed_fields=["status"], extra={"to": task.status})
    return task


# --- services, case plan, follow-up -------------------------------------------------------------------


@transaction.atomic
def service_record(
    *,
    actor: User | None,
    case: AssistanceCase,
    kind: str,
    delivered_on: date,
    provider: Organization | None = None,
    ended_on: date | None = None,
    cost: Decimal | int | str = 0,
    currency: str = "KZT",
    description: str = "",
    referral: Referral | None = None,
) -> ServiceDelivery:
    """A service delivered: what, by whom, when, at what cost. A provider records its own services."""
    if actor is not None:
        require(actor, P.MANAGE_SUPPORT)
        provider = actor.organization
    _check_case(actor, case)
    if kind not in ServiceKind.values:
        raise ValidationError({"kind": _("Unknown service.")})
    if kind in (ServiceKind.MEDICAL, ServiceKind.PSYCHOLOGICAL):
        _check_case_category(actor, case, DataCategory.HEALTH)
    if provider is None:
        raise ValidationError({"provider": _("Name who delivered the service.")})
    try:
        amount = Decimal(str(cost))
    except ArithmeticError:
        raise ValidationError({"cost": _("Enter a number.")}) from None
    if not amount.is_finite() or amount < 0:
        raise ValidationError({"cost": _("The cost cannot be negative.")})
    if ended_on and ended_on < delivered_on:
        raise ValidationError({"ended_on": _("The end comes before the start.")})
    if delivered_on > timezone.localdate() + timedelta(days=1):
        raise ValidationError({"delivered_on": _("A delivered service cannot be in the future.")})
    if referral is not None and (referral.case_id != case.pk or referral.to_organization_id != provider.pk):
        raise ValidationError({"referral": _("This referral is for another case or organization.")})
    delivery = ServiceDelivery(
        case=case,
        kind=kind,
        provider=provider,
        referral=referral,
        delivered_on=delivered_on,
        ended_on=ended_on,
        cost=amount,
        currency=currency.upper()[:3],
        description=description.strip(),
        recorded_by=actor,
    )
    delivery.full_clean()
    delivery.save()
    audit_record(
        actor=actor,
        action="service.record",
        target=delivery,
        changed_fields=["kind", "provider", "delivered_on", "cost"],
        extra={"case": str(case.pk), "kind": kind},
    )
    return delivery


@transaction.atomic
def plan_item_add(
    *,
    actor: User | None,
    case: AssistanceCase,
    goal: str,
    responsible: Organization | None = None,
    service_kind: str = "",
    target_on: date | None = None,
) -> CasePlanItem:
    if actor is not None:
        require(actor, P.MANAGE_SUPPORT)
        responsible = responsible or actor.organization
    _check_case(actor, case)
    _check_case_category(actor, case, DataCategory.NEEDS)
    if not goal.strip():
        raise ValidationError({"goal": _("This field may not be blank.")})
    if service_kind and service_kind not in ServiceKind.values:
        raise ValidationError({"service_kind": _("Unknown service.")})
    item = CasePlanItem(
        case=case,
        goal=goal.strip(),
        service_kind=service_kind,
        responsible=responsible or case.lead_organization,
        target_on=target_on,
    )
    item.full_clean()
    item.save()
    audit_record(
        actor=actor,
        action="case_plan.add",
        target=item,
        changed_fields=["goal", "service_kind", "target_on"],
        extra={"case": str(case.pk)},
    )
    return item


@transaction.atomic
def plan_item_set_status(*, actor: User | None, item: CasePlanItem, status: str) -> CasePlanItem:
    if actor is not None:
        require(actor, P.MANAGE_SUPPORT)
    _check_case(actor, item.case)
    _check_case_category(actor, item.case, DataCategory.NEEDS)
    if status not in PlanItemStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    previous = item.status
    item.status = status
    item.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor, action="case_plan.set_status", target=item, changed_fields=["status"], extra={"from": previous}
    )
    return item


def follow_ups_schedule(*, actor: User | None, case: AssistanceCase) -> None:
    """Runs inside the transition to closed: follow-ups 3, 6 and 12 months after closure."""
    closed_on = case.closed_on or timezone.localdate()
    for months, due in rules.follow_up_dates(closed_on, pipelines.FOLLOW_UP_MONTHS):
        follow_up, made = FollowUp.objects.get_or_create(
            case=case, months_after=months, status=FollowUpStatus.SCHEDULED, defaults={"due_on": due}
        )
        if made:
            audit_record(
                actor=actor,
                action="follow_up.schedule",
                target=follow_up,
                changed_fields=["due_on"],
                extra={"case": str(case.pk), "months": months},
            )


def follow_ups_cancel_on_reopen(*, actor: User | None, case: AssistanceCase) -> None:
    """Runs inside the transition back to assisted: a reopened case needs no post-closure follow-up yet."""
    for follow_up in FollowUp.objects.filter(case=case, status=FollowUpStatus.SCHEDULED):
        follow_up.status = FollowUpStatus.CANCELLED
        follow_up.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, action="follow_up.cancel", target=follow_up, changed_fields=["status"])


@transaction.atomic
def follow_up_record(
    *,
    actor: User | None,
    follow_up: FollowUp,
    status: str,
    wellbeing: str = "",
    notes: str = "",
    done_on: date | None = None,
) -> FollowUp:
    if actor is not None:
        require(actor, P.MANAGE_SUPPORT)
    _check_case(actor, follow_up.case)
    if status not in (FollowUpStatus.DONE, FollowUpStatus.UNREACHABLE):
        raise ValidationError({"status": _("Record a follow-up as done or could not be reached.")})
    if wellbeing and wellbeing not in RiskLevel.values:
        raise ValidationError({"wellbeing": _("Unknown value.")})
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if follow_up.status != FollowUpStatus.SCHEDULED:
        raise ValidationError({"status": _("This follow-up is already recorded.")})
    follow_up.status = status
    follow_up.wellbeing = wellbeing
    follow_up.notes = notes.strip()
    follow_up.done_on = done_on or timezone.localdate()
    follow_up.done_by = actor
    follow_up.save()
    audit_record(
        actor=actor,
        action="follow_up.record",
        target=follow_up,
        changed_fields=["status", "wellbeing", "notes"],
        extra={"case": str(follow_up.case_id)},
    )
    return follow_up


# --- return and repatriation --------------------------------------------------------------------------


@transaction.atomic
def return_plan_create(
    *,
    actor: User | None,
    case: AssistanceCase,
    country: str,
    receiving_organization: Organization,
    planned_on: date | None = None,
    voluntary: bool = True,
    notes: str = "",
) -> ReturnPlan:
    """Return to the country of origin, handed over to a receiving organization there."""
    if actor is not None:
        require(actor, P.MANAGE_SUPPORT)
    _check_case(actor, case)
    country = (country or "").upper()
    if len(country) != 2 or country == "KZ":
        raise ValidationError({"country": _("Name the country of return (ISO code, not KZ).")})
    if receiving_organization.country.upper() != country:
        raise ValidationError({"receiving_organization": _("The receiving organization must be in that country.")})
    if not voluntary:
        raise ValidationError({"voluntary": _("Senim records voluntary returns only.")})
    if ReturnPlan.objects.filter(case=case, status__in=(ReturnStatus.PLANNED, ReturnStatus.TRAVEL_ARRANGED)).exists():
        raise ValidationError({"case": _("A return is already being prepared for this case.")})
    plan = ReturnPlan(
        case=case,
        country=country,
        receiving_organization=receiving_organization,
        planned_on=planned_on,
        voluntary=voluntary,
        notes=notes.strip(),
        created_by=actor,
    )
    plan.full_clean()
    plan.save()
    audit_record(
        actor=actor,
        action="return.create",
        target=plan,
        changed_fields=["country", "receiving_organization", "planned_on"],
        extra={"case": str(case.pk), "country": country},
    )
    return plan


@transaction.atomic
def return_transition(*, actor: User | None, plan: ReturnPlan, to_status: str, on: date | None = None) -> ReturnPlan:
    """Travel is arranged only after a risk assessment before return; arrival is recorded with its date."""
    if actor is not None:
        require(actor, P.MANAGE_SUPPORT)
    _check_case(actor, plan.case)
    plan = ReturnPlan.objects.select_for_update().get(pk=plan.pk)
    pipelines.RETURN.check(plan.status, to_status)
    if (
        to_status == ReturnStatus.TRAVEL_ARRANGED
        and not Assessment.objects.filter(case=plan.case, stage=AssessmentStage.BEFORE_RETURN).exists()
    ):
        raise ValidationError({"to_status": _("Assess the risks before return first.")})
    previous = plan.status
    plan.status = to_status
    if to_status == ReturnStatus.RETURNED:
        plan.returned_on = on or timezone.localdate()
    elif to_status == ReturnStatus.TRAVEL_ARRANGED and on:
        plan.planned_on = on
    plan.save()
    audit_record(
        actor=actor,
        action="return.transition",
        target=plan,
        changed_fields=["status"],
        extra={"from": previous, "to": to_status},
    )
    return plan


# --- hearings and compensation ------------------------------------------------------------------------


@transaction.atomic
def hearing_schedule(
    *,
    actor: User | None,
    criminal_case: CriminalCase,
    kind: str,
    scheduled_at: datetime,
    place: str = "",
    victim_must_attend: bool = False,
) -> Hearing:
    """A hearing or testimony date. For each linked victim a task asks for a risk assessment three days
    before (before testimony / before trial)."""
    if actor is not None:
        require(actor, P.MANAGE_HEARINGS)
    _check_criminal(actor, criminal_case)
    if kind not in HearingKind.values:
        raise ValidationError({"kind": _("Unknown hearing.")})
    if timezone.is_naive(scheduled_at):
        raise ValidationError({"scheduled_at": _("Give the time with its zone.")})
    hearing = Hearing(
        criminal_case=criminal_case,
        kind=kind,
        scheduled_at=scheduled_at,
        place=place.strip(),
        victim_must_attend=victim_must_attend,
        created_by=actor,
    )
    hearing.full_clean()
    hearing.save()
    audit_record(
        actor=actor,
        action="hearing.schedule",
        target=hearing,
        changed_fields=["kind", "scheduled_at"],
        extra={"criminal_case": str(criminal_case.pk)},
    )
    if victim_must_attend or kind in (HearingKind.TESTIMONY, HearingKind.TRIAL):
        title = (
            rules._("Assess risks before testimony")
            if kind == HearingKind.TESTIMONY
            else rules._("Assess risks before the trial")
        )
        due = timezone.localdate(scheduled_at) - timedelta(days=3)
        for case in criminal_case.assistance_cases.exclude(status="closed"):
            _create_task(
                actor,
                case=case,
                organization=case.lead_organization,
                kind=f"assessment:{kind}",
                title=title,
                due_on=max(due, timezone.localdate()),
            )
    return hearing


@transaction.atomic
def compensation_file(
    *,
    actor: User | None,
    case: AssistanceCase,
    kind: str,
    amount_claimed: Decimal | int | str,
    filed_on: date | None = None,
    criminal_case: CriminalCase | None = None,
    currency: str = "KZT",
) -> CompensationClaim:
    if actor is not None:
        require(actor, P.MANAGE_COMPENSATION)
    _check_case(actor, case)
    _check_case_category(actor, case, DataCategory.LEGAL)
    if kind not in CompensationKind.values:
        raise ValidationError({"kind": _("Unknown kind of claim.")})
    if criminal_case is not None:
        _linked(case, criminal_case)
    try:
        amount = Decimal(str(amount_claimed))
    except ArithmeticError:
        raise ValidationError({"amount_claimed": _("Enter a number.")}) from None
    if not amount.is_finite() or amount <= 0:
        raise ValidationError({"amount_claimed": _("The amount must be positive.")})
    claim = CompensationClaim(
        case=case,
        criminal_case=criminal_case,
        kind=kind,
        amount_claimed=amount,
        currency=currency.upper()[:3],
        filed_on=filed_on or timezone.localdate(),
        created_by=actor,
    )
    claim.full_clean()
    claim.save()
    audit_record(
        actor=actor,
        action="compensation.file",
        target=claim,
        changed_fields=["kind", "amount_claimed"],
        extra={"case": str(case.pk)},
    )
    return claim


@transaction.atomic
def compensation_decide(
    *,
    actor: User | None,
    claim: CompensationClaim,
    to_status: str,
    amount_awarded: Decimal | int | str | None = None,
    amount_paid: Decimal | int | str | None = None,
    decided_on: date | None = None,
) -> CompensationClaim:
    """Record the outcome of a claim: granted (in full or in part) with the amount, refused, then paid."""
    if actor is not None:
        require(actor, P.MANAGE_COMPENSATION)
    _check_case(actor, claim.case)
    claim = CompensationClaim.objects.select_for_update().get(pk=claim.pk)
    pipelines.COMPENSATION.check(claim.status, to_status)
    if to_status in ("granted", "partly_granted"):
        if amount_awarded is None:
            raise ValidationError({"amount_awarded": _("Give the amount awarded.")})
        claim.amount_awarded = Decimal(str(amount_awarded))
        if claim.amount_awarded <= 0 or (to_status == "granted") != (claim.amount_awarded >= claim.amount_claimed):
            raise ValidationError({"amount_awarded": _("The amount does not match the decision.")})
        claim.decided_on = decided_on or timezone.localdate()
    elif to_status == "refused":
        claim.decided_on = decided_on or timezone.localdate()
    elif to_status == "paid":
        claim.amount_paid = Decimal(str(amount_paid)) if amount_paid is not None else claim.amount_awarded
    previous = claim.status
    claim.status = to_status
    claim.full_clean()
    claim.save()
    audit_record(
        actor=actor,
        action="compensation.decide",
        target=claim,
        changed_fields=["status", "amount_awarded", "amount_paid"],
        extra={"from": previous, "to": to_status},
    )
    return claim

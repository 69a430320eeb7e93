"""Demo data for the referral workflow, called by `senim seed` after the synthetic world is loaded
(`seed_world(world=, result=, organizations=, staff=)`). Everything goes through the services, so consent,
audit and encryption apply. Deterministic for a given world.

What it adds: profiles for every shelter and NGO (services, languages, beds, whom they accept) with an
occupancy history (some shelters over capacity); for victims' cases a consent and a referral to the shelter
the person stayed in (or an NGO), answered and closed along the case's path, some sent late and some never,
so the coordinator views have something to show; intake assessments with their tasks; services delivered;
the expulsion holds of foreign victims (also for worlds loaded in bulk); Art. 517 administrative cases for
some of them; upcoming hearings for criminal cases on trial."""

from __future__ import annotations

import random
import zlib
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from senim.cases.models import AssistanceCase, AssistanceCaseStatusChange, CriminalCase
from senim.core.models import Organization, OrganizationKind
from senim.referrals import services
from senim.referrals.models import MeasureKind, MeasureStatus, OrganizationProfile, ProtectionMeasure, ServiceKind

# Keep the demo quick on large worlds: the workflow is shown on at most this many cases.
MAX_CASES = 1500
LANGUAGE_OF = {"UZ": "uz", "KG": "ky", "TJ": "tg", "KZ": "kk", "RU": "ru"}
VICTIM_STATUSES = ("presumed_victim", "identified_victim", "assisted", "closed")


def _rng(key: str) -> random.Random:
    return random.Random(zlib.crc32(key.encode()))


def _profiles(organizations: dict[str, Organization]) -> None:
    now = timezone.now()
    for key, organization in sorted(organizations.items()):
        if organization.kind not in (OrganizationKind.SHELTER, OrganizationKind.NGO):
            continue
        if OrganizationProfile.objects.filter(organization=organization).exists():
            continue
        rng = _rng(key)
        if organization.kind == OrganizationKind.SHELTER:
            capacity = rng.choice((8, 12, 16, 20, 30))
            services.profile_set(
                actor=None,
                organization=organization,
                services=[
                    "shelter",
                    "medical",
                    "psychological",
                    *rng.sample(["legal_aid", "vocational", "education"], 2),
                ],
                bed_capacity=capacity,
                beds_occupied=rng.randint(capacity // 3, capacity - 1),
                accepts_women=True,
                accepts_men=rng.random() < 0.3,
                accepts_children=rng.random() < 0.6,
                accepts_families=rng.random() < 0.4,
                admits_at_night=rng.random() < 0.7,
                languages=sorted({*organization.languages, "ru", rng.choice(["uz", "ky", "tg"])}),
                contact_phone=f"+7 7{rng.randint(0, 99):02d} {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
            )
            # A year of monthly occupancy reports; one shelter in three runs over capacity some months.
            crowded = rng.random() < 0.35
            for months_ago in range(12, 0, -1):
                occupied = rng.randint(capacity // 2, capacity + (4 if crowded else 0))
                services.occupancy_report(
                    actor=None,
                    organization=organization,
                    beds_occupied=occupied,
                    at=now - timedelta(days=30 * months_ago),
                )
            services.occupancy_report(
                actor=None, organization=organization, beds_occupied=rng.randint(capacity // 3, capacity - 1)
            )
        else:
            services.profile_set(
                actor=None,
                organization=organization,
                services=[
                    "psychological",
                    "legal_aid",
                    "interpretation",
                    *rng.sample(["repatriation", "vocational", "medical", "financial", "documents"], 2),
                ],
                regions_served=[organization.region] if organization.region else [],
                languages=sorted({*organization.languages, "ru", rng.choice(["uz", "ky", "tg"])}),
                accepts_women=True,
                accepts_men=True,
                accepts_children=rng.random() < 0.5,
            )


def _presumed_moment(case: AssistanceCase) -> datetime | None:
    change = (
        AssistanceCaseStatusChange.objects.filter(case=case, to_status="presumed_victim").order_by("changed_at").first()
    )
    return change.changed_at if change else None


def _statuses(case: AssistanceCase) -> set[str]:
    return set(AssistanceCaseStatusChange.objects.filter(case=case).values_list("to_status", flat=True))


def _pick_receiver(case: AssistanceCase, shelter: Organization | None, ngos: list[Organization]) -> Organization | None:
    if shelter is not None and shelter.pk != case.lead_organization_id:
        return shelter
    candidates = [o for o in ngos if o.pk != case.lead_organization_id]
    in_region = [o for o in candidates if o.region == case.region]
    pool = in_region or candidates
    return pool[zlib.crc32(case.number.encode()) % len(pool)] if pool else None


def _workflow(case: AssistanceCase, receiver: Organization, rng: random.Random) -> None:
    presumed_at = _presumed_moment(case)
    if presumed_at is None:
        return
    statuses = _statuses(case)
    citizenship = case.intake_record.citizenship or "KZ"
    language = LANGUAGE_OF.get(citizenship, "ru")
    delay = timedelta(hours=rng.choice((2, 6, 20, 30, 60, 120)))
    sent_at = min(presumed_at + delay, timezone.now())
    shared = ["identity", "needs"] + (["health"] if receiver.kind == OrganizationKind.SHELTER else ["legal"])
    consent = services.consent_record(
        actor=None,
        case=case,
        recipient=receiver,
        data_categories=shared,
        explained_in=language,
        interpreter_used=language not in ("ru", "kk"),
        given_by="guardian" if case.is_minor else "person",
        guardian_name="Ата-ана" if case.is_minor else "",
        guardian_relation="parent" if case.is_minor else "",
        purpose="shelter and assistance",
        at=sent_at,
    )
    wanted = (
        ["shelter", "psychological"] if receiver.kind == OrganizationKind.SHELTER else ["legal_aid", "psychological"]
    )
    referral = services.referral_send(
        actor=None,
        case=case,
        to_organization=receiver,
        services=wanted,
        shared_data=shared,
        consent=consent,
        from_organization=case.lead_organization,
        is_urgent=case.is_minor,
        at=sent_at,
    )
    answered_at = sent_at + timedelta(hours=rng.randint(1, 30))
    if rng.random() < 0.1:
        services.referral_transition(
            actor=None, referral=referral, to_status="declined", reason="No free bed for this profile", at=answered_at
        )
        return
    services.referral_transition(actor=None, referral=referral, to_status="accepted", at=answered_at)
    intake_at = answered_at + timedelta(hours=rng.randint(2, 48))
    services.assessment_record(
        actor=None,
        case=case,
        stage="intake",
        risk_level=rng.choice(("low", "medium", "medium", "high")),
        family_risk_level=rng.choice(("low", "low", "medium", "high")),
        needs=sorted({*wanted, rng.choice([k.value for k in ServiceKind])}),
        organization=receiver,
        at=min(intake_at, timezone.now()),
    )
    first_day = timezone.localtime(answered_at).date() + timedelta(days=rng.choice((0, 0, 1, 2, 5, 14)))
    today = timezone.localdate()
    if first_day <= today:
        for offset, kind in enumerate(wanted):
            day = min(first_day + timedelta(days=offset * 3), today)
            services.service_record(
                actor=None,
                case=case,
                kind=kind,
                provider=receiver,
                delivered_on=day,
                cost=Decimal(rng.choice((0, 15000, 45000, 120000))),
                referral=referral,
            )
    if "closed" in statuses:
        services.referral_transition(
            actor=None, referral=referral, to_status="done", at=min(answered_at + timedelta(days=60), timezone.now())
        )


def _ensure_holds(case: AssistanceCase) -> None:
    """Worlds loaded in bulk skip the status hooks: give foreign victims their hold here."""
    if case.status not in ("presumed_victim", "identified_victim", "assisted"):
        return
    if not ProtectionMeasure.objects.filter(
        person=case.person, kind=MeasureKind.EXPULSION_HOLD, status=MeasureStatus.ACTIVE
    ).exists():
        services.protection_on_presumed_victim(actor=None, case=case)


def _migration_cases(cases: list[AssistanceCase], organizations: dict[str, Organization]) -> None:
    services_by_region = {o.region: o for o in organizations.values() if o.kind == OrganizationKind.MIGRATION}
    fallback = next(iter(services_by_region.values()), None)
    for case in cases:
        if case.intake_record.citizenship in ("", "KZ") or zlib.crc32(case.number.encode()) % 2:
            continue
        organization = services_by_region.get(case.region, fallback)
        if organization is None:
            return
        number = f"517-{case.number}"
        try:
            services.migration_case_open(
                actor=None,
                person=case.person,
                number=number,
                region=case.region,
                opened_on=case.reported_on + timedelta(days=1),
                organization=organization,
            )
        except ValidationError:
            continue  # already opened by an earlier seed


def _hearings() -> None:
    soon = timezone.now() + timedelta(days=14)
    for index, criminal in enumerate(CriminalCase.objects.filter(status="trial").order_by("registry_number")[:200]):
        if criminal.hearings.exists():  # type: ignore[attr-defined]
            continue
        services.hearing_schedule(
            actor=None,
            criminal_case=criminal,
            kind="trial",
            scheduled_at=soon + timedelta(days=index % 20, hours=10),
            place="Court",
            victim_must_attend=True,
        )


def seed_world(
    *, world: Any = None, result: Any = None, organizations: dict[str, Organization] | None = None, **_: Any
) -> None:
    organizations = organizations or {o.name: o for o in Organization.objects.all()}
    _profiles(organizations)
    shelter_of: dict[Any, Organization] = {}
    if world is not None and result is not None:
        by_key = {key: organizations[key] for key in organizations}
        for item in world.assistance_cases:
            pk = result.assistance_cases.get(item.id)
            if pk is not None and item.shelter_key and item.shelter_key in by_key:
                shelter_of[pk] = by_key[item.shelter_key]
    ngos = [o for o in organizations.values() if o.kind in (OrganizationKind.NGO, OrganizationKind.SHELTER)]
    cases = list(
        AssistanceCase.objects.filter(status__in=VICTIM_STATUSES)
        .select_related("intake_record", "person", "lead_organization")
        .order_by("number")[:MAX_CASES]
    )
    for case in cases:
        _ensure_holds(case)
        if case.referrals.exists():  # type: ignore[attr-defined]
            continue
        rng = _rng(case.number)
        if rng.random() < 0.15:  # never referred: the coordinator's 48-hour view shows them
            continue
        receiver = _pick_receiver(case, shelter_of.get(case.pk), ngos)
        if receiver is not None:
            _workflow(case, receiver, rng)
    _migration_cases(cases, organizations)
    _hearings()

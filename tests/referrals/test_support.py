"""Capacity and the shelter finder, assessments and tasks, services, case plan, follow-up, return, the
coordinator views and the pure rules."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from senim.cases import services as case_services
from senim.core.models import AuditEvent
from senim.core.pipeline import InvalidTransitionError
from senim.core.roles import Role
from senim.core.testing.factories import make_organization, make_user
from senim.referrals import reports, rules, selectors, services
from senim.referrals.models import FollowUp, OccupancyReport, Task

from .conftest import consented_referral, foreign_case, presumed


def _shelter(name, region, **values):
    organization = make_organization(kind="shelter", region=region, name=name, languages=values.pop("languages", []))
    defaults = {"services": ["shelter"], "bed_capacity": 10, "beds_occupied": 2, "admits_at_night": True}
    return services.profile_set(actor=None, organization=organization, **{**defaults, **values})


def test_which_shelter_can_take_a_17_year_old_uzbek_girl_in_shymkent_tonight(world):
    right = _shelter("Girls' house", "shymkent", accepts_children=True, languages=["ru", "uz"])
    no_uzbek = _shelter("Kids shelter", "shymkent", accepts_children=True, languages=["ru"], beds_occupied=0)
    _shelter("Adults only", "shymkent", accepts_children=False, languages=["uz"])
    _shelter("Full", "shymkent", accepts_children=True, languages=["uz"], beds_occupied=10)
    _shelter("Day centre", "shymkent", accepts_children=True, languages=["uz"], admits_at_night=False)
    _shelter(
        "Boys only", "shymkent", accepts_children=True, accepts_women=False, languages=["uz"], min_age=12, max_age=16
    )
    elsewhere = _shelter("Turkistan shelter", "turkistan", accepts_children=True, languages=["uz"])
    query = selectors.ShelterQuery(region="shymkent", age=17, sex="f", language="uz", tonight=True)
    matches = selectors.shelter_search(world.ngo_worker, query)
    assert [m.organization.name for m in matches] == ["Girls' house", "Kids shelter", "Turkistan shelter"]
    assert matches[0].profile == right and matches[0].in_region and matches[0].speaks_language
    assert matches[1].profile == no_uzbek and not matches[1].speaks_language
    assert not matches[2].in_region and matches[2].profile == elsewhere
    with pytest.raises(PermissionDenied):
        selectors.shelter_search(make_user(Role.AUDITOR), query)


def test_profiles_are_edited_by_their_own_staff_and_keep_occupancy_history(world):
    with pytest.raises(ValidationError):
        services.profile_set(actor=world.ngo_worker, organization=world.shelter, bed_capacity=5)
    profile = services.profile_set(
        actor=world.shelter_worker,
        organization=world.shelter,
        services=["shelter"],
        bed_capacity=12,
        beds_occupied=3,
        accepts_children=True,
        languages=["ru", "UZ"],
    )
    assert profile.free_beds == 9
    world.shelter.refresh_from_db()
    assert world.shelter.languages == ["ru", "uz"]
    with pytest.raises(ValidationError):
        services.profile_set(actor=world.shelter_worker, organization=world.shelter, services=["spa"])
    with pytest.raises(ValidationError):
        services.profile_set(actor=world.shelter_worker, organization=world.shelter, min_age=18, max_age=5)
    with pytest.raises(ValidationError):
        services.occupancy_report(actor=world.shelter_worker, organization=world.shelter, beds_occupied=-1)
    services.occupancy_report(actor=world.shelter_worker, organization=world.shelter, beds_occupied=14)
    assert OccupancyReport.objects.filter(profile=profile).count() == 2
    profile.refresh_from_db()
    assert profile.over_capacity
    assert services.profile_set(actor=world.coordinator, organization=world.shelter, notes="ok").notes == "ok"


def test_an_assessment_generates_tasks_with_due_dates(world):
    case = foreign_case(world)
    consented_referral(world, case, services_=("shelter",))
    assessment = services.assessment_record(
        actor=world.ngo_worker,
        case=case,
        stage="intake",
        risk_level="high",
        family_risk_level="medium",
        needs=["shelter", "medical", "legal_aid"],
        risk_factors=["recruiter knows the family address"],
        notes="Family in Samarkand region threatened",
    )
    tasks = {t.kind: t for t in Task.objects.filter(assessment=assessment)}
    # shelter is already referred: no task for it.
    assert set(tasks) == {"need:medical", "need:legal_aid", "safety_plan", "family_protection"}
    today = timezone.localdate()
    assert tasks["need:medical"].due_on == today + timedelta(days=1)
    assert tasks["family_protection"].due_on == today + timedelta(days=4)
    assert all(t.organization == world.ngo for t in tasks.values())
    assert set(selectors.task_list(world.ngo_worker)) == set(tasks.values())
    assert selectors.task_list(world.other_worker).count() == 0
    with pytest.raises(ValidationError):
        services.task_complete(actor=world.other_worker, task=tasks["safety_plan"])
    services.task_complete(actor=world.ngo_worker, task=tasks["safety_plan"])
    with pytest.raises(ValidationError):
        services.task_complete(actor=world.ngo_worker, task=tasks["safety_plan"])
    with pytest.raises(ValidationError):
        services.assessment_record(
            actor=world.ngo_worker, case=case, stage="whenever", risk_level="high", family_risk_level="low"
        )
    with pytest.raises(ValidationError):
        services.assessment_record(
            actor=world.ngo_worker, case=case, stage="intake", risk_level="extreme", family_risk_level="low"
        )


def test_services_delivered_and_who_sees_them(world):
    case = foreign_case(world)
    referral = consented_referral(world, case, shared=("identity",))
    services.referral_transition(actor=world.shelter_worker, referral=referral, to_status="accepted")
    bed = services.service_record(
        actor=world.shelter_worker,
        case=case,
        kind="shelter",
        delivered_on=date.today(),
        cost="45000.00",
        referral=referral,
        description="Bed and meals",
    )
    assert bed.provider == world.shelter and bed.cost == 45000
    with pytest.raises(ValidationError):  # health is not covered for the shelter
        services.service_record(actor=world.shelter_worker, case=case, kind="medical", delivered_on=date.today())
    services.service_record(actor=world.ngo_worker, case=case, kind="psychological", delivered_on=date.today())
    with pytest.raises(ValidationError):
        services.service_record(actor=world.ngo_worker, case=case, kind="legal_aid", delivered_on=date.today(), cost=-1)
    with pytest.raises(ValidationError):
        services.service_record(
            actor=world.ngo_worker, case=case, kind="legal_aid", delivered_on=date.today() + timedelta(days=30)
        )
    assert selectors.service_list(world.ngo_worker, case).count() == 2
    assert list(selectors.service_list(world.shelter_worker, case)) == [bed]
    assert AuditEvent.objects.filter(action="service.record").count() == 2


def test_case_plan_items(world):
    case = foreign_case(world)
    item = services.plan_item_add(
        actor=world.ngo_worker,
        case=case,
        goal="Vocational course in sewing",
        service_kind="vocational",
        target_on=date(2026, 9, 1),
    )
    services.plan_item_set_status(actor=world.ngo_worker, item=item, status="in_progress")
    with pytest.raises(ValidationError):
        services.plan_item_set_status(actor=world.ngo_worker, item=item, status="forgotten")
    with pytest.raises(ValidationError):
        services.plan_item_add(actor=world.ngo_worker, case=case, goal="  ")
    assert [i.goal for i in selectors.plan_item_list(world.ngo_worker, case)] == ["Vocational course in sewing"]
    assert selectors.plan_item_list(world.other_worker, case).count() == 0


def test_closing_a_case_schedules_follow_ups_at_3_6_12_months(world):
    case = foreign_case(world)
    presumed(world, case)
    case_services.assistance_case_transition(actor=world.ngo_worker, case=case, to_status="assisted")
    case_services.assistance_case_transition(actor=world.ngo_worker, case=case, to_status="closed")
    follow_ups = list(FollowUp.objects.filter(case=case).order_by("months_after"))
    closed_on = timezone.localdate()
    assert [(f.months_after, f.due_on) for f in follow_ups] == [(m, rules.add_months(closed_on, m)) for m in (3, 6, 12)]
    done = services.follow_up_record(
        actor=world.ngo_worker,
        follow_up=follow_ups[0],
        status="done",
        wellbeing="low",
        notes="Working, living with her mother",
    )
    assert done.status == "done"
    with pytest.raises(ValidationError):
        services.follow_up_record(actor=world.ngo_worker, follow_up=follow_ups[0], status="done")
    with pytest.raises(ValidationError):
        services.follow_up_record(actor=world.ngo_worker, follow_up=follow_ups[1], status="scheduled")
    # Reopening cancels the remaining follow-ups; closing again schedules new ones.
    case_services.assistance_case_transition(actor=world.ngo_worker, case=case, to_status="assisted")
    assert FollowUp.objects.filter(case=case, status="cancelled").count() == 2
    case_services.assistance_case_transition(actor=world.ngo_worker, case=case, to_status="closed")
    assert FollowUp.objects.filter(case=case, status="scheduled").count() == 3


def test_return_to_the_country_of_origin_with_a_receiving_organization(world):
    case = foreign_case(world)
    tashkent = make_organization(kind="foreign_partner", region="", country="UZ", name="Istiqbolli Avlod")
    with pytest.raises(ValidationError):
        services.return_plan_create(
            actor=world.ngo_worker, case=case, country="UZ", receiving_organization=world.shelter
        )
    with pytest.raises(ValidationError):
        services.return_plan_create(actor=world.ngo_worker, case=case, country="KZ", receiving_organization=tashkent)
    plan = services.return_plan_create(
        actor=world.ngo_worker, case=case, country="uz", receiving_organization=tashkent, planned_on=date(2026, 5, 1)
    )
    with pytest.raises(ValidationError):  # no risk assessment before return yet
        services.return_transition(actor=world.ngo_worker, plan=plan, to_status="travel_arranged")
    services.assessment_record(
        actor=world.ngo_worker, case=case, stage="before_return", risk_level="medium", family_risk_level="low"
    )
    services.return_transition(actor=world.ngo_worker, plan=plan, to_status="travel_arranged")
    with pytest.raises(InvalidTransitionError):
        services.return_transition(actor=world.ngo_worker, plan=plan, to_status="planned_forever")
    returned = services.return_transition(actor=world.ngo_worker, plan=plan, to_status="returned", on=date(2026, 5, 2))
    assert returned.returned_on == date(2026, 5, 2)
    assert any(e.kind == "return" for e in selectors.timeline_entries(world.ngo_worker, case))


def test_coordinator_views_by_region_and_month(world):
    now = timezone.now()
    waiting = foreign_case(world)
    presumed(world, waiting)
    referred = foreign_case(world)
    presumed(world, referred)
    consented_referral(world, referred)
    later = now + timedelta(hours=49)
    report = reports.presumed_without_referral(world.coordinator, now=later)
    month = timezone.localtime(now).strftime("%Y-%m")
    assert report.rows == [("shymkent", month, 1)]
    assert [row[0] for row in report.detail] == [waiting.number]
    assert reports.presumed_without_referral(world.coordinator, now=now).rows == []
    assert report.csv().splitlines() == ["region,month,cases", f"shymkent,{month},1"]

    _shelter("Crowded", "shymkent", bed_capacity=5, beds_occupied=7)
    over = reports.shelters_over_capacity(world.coordinator)
    assert over.rows == [("shymkent", month, 1)] and over.detail[0][0] == "Crowded"

    foreign = reports.foreign_victims_by_status(world.coordinator)
    assert ("shymkent", "2026-03", "UZ", "presumed_victim", 2) in foreign.rows

    services.service_record(
        actor=world.ngo_worker, case=referred, kind="shelter", delivered_on=timezone.localdate() + timedelta(days=1)
    )
    timing = reports.time_to_first_service(world.coordinator)
    assert timing.rows == [("shymkent", month, 2, 1, 1, 1.0)]
    with pytest.raises(PermissionDenied):
        reports.time_to_first_service(world.ngo_worker)


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        ("2009", date(2026, 11, 29), 16),
        ("2008-11", date(2026, 11, 29), 17),
        ("2008-11-29", date(2026, 11, 29), 18),
        ("", date(2026, 1, 1), None),
        ("2030", date(2026, 1, 1), 0),
    ],
)
def test_age_from_partial_birth_dates_never_overstates(birth, day, age):
    assert rules.age_on(birth, day) == age


def test_task_rules_are_pure():
    specs = rules.tasks_for_assessment(
        stage="before_testimony",
        risk_level="medium",
        family_risk_level="low",
        needs=["legal_aid", "legal_aid"],
        needs_met=[],
    )
    assert [s.kind for s in specs] == ["need:legal_aid", "procedural_protection"]
    assert rules.add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)

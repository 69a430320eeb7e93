"""Protection measures: the automatic expulsion hold, four-eyes lifting, the migration register,
protection in the criminal process."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from senim.cases import services as case_services
from senim.cases.models import Participant
from senim.core.models import AuditEvent
from senim.core.pipeline import InvalidTransitionError
from senim.core.testing.factories import make_assistance_case, make_criminal_case, make_record
from senim.referrals import selectors, services
from senim.referrals.models import MeasureKind, ProtectionMeasure

from .conftest import foreign_case, presumed


def test_a_foreign_presumed_victim_gets_a_hold_and_reflection_period_automatically(world):
    case = foreign_case(world)
    assert not ProtectionMeasure.objects.exists()
    presumed(world, case)
    measures = {m.kind: m for m in ProtectionMeasure.objects.filter(case=case)}
    assert set(measures) == {"expulsion_hold", "reflection_period"}
    assert all(m.status == "active" and m.automatic for m in measures.values())
    period = measures["reflection_period"]
    assert period.ends_on - period.starts_on == timedelta(days=services.REFLECTION_PERIOD_DAYS)
    assert AuditEvent.objects.filter(action="protection_measure.create", extra__automatic=True).count() == 2
    assert [n.kind for n in selectors.notification_list(world.migration_officer)] == ["expulsion_hold"]
    # Reaching presumed_victim again (after reopening screening) does not duplicate the hold.
    # "Not a victim" is four-eyes (senim.core.approvals); the system actor stands in for the approved step.
    case_services.assistance_case_transition(actor=None, case=case, to_status="not_victim")
    case_services.assistance_case_transition(actor=world.ngo_worker, case=case, to_status="screening")
    case_services.assistance_case_transition(actor=world.ngo_worker, case=case, to_status="presumed_victim")
    assert ProtectionMeasure.objects.filter(person=case.person, kind="expulsion_hold").count() == 1


def test_a_kazakh_citizen_gets_no_expulsion_hold(world):
    record = make_record(organization=world.ngo, citizenship="KZ")
    case = make_assistance_case(lead_organization=world.ngo, record=record)
    presumed(world, case)
    assert not ProtectionMeasure.objects.filter(case=case).exists()


def test_the_hold_rolls_back_with_a_failed_transition(world):
    case = foreign_case(world)
    with pytest.raises(InvalidTransitionError):
        case_services.assistance_case_transition(actor=world.ngo_worker, case=case, to_status="assisted")
    assert not ProtectionMeasure.objects.exists()


def _hold(world):
    case = foreign_case(world)
    presumed(world, case)
    return case, ProtectionMeasure.objects.get(case=case, kind=MeasureKind.EXPULSION_HOLD)


def test_lifting_a_hold_needs_a_reason_and_a_second_approver(world):
    _case, hold = _hold(world)
    with pytest.raises(ValidationError) as error:
        services.hold_lift_request(actor=world.migration_officer, measure=hold, reason="")
    assert "reason" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.hold_lift_request(actor=world.ngo_worker, measure=hold, reason="she wants to go home now")
    with pytest.raises(ValidationError):  # approve with no request
        services.hold_lift_approve(actor=world.migration_officer_2, measure=hold)
    services.hold_lift_request(actor=world.migration_officer, measure=hold, reason="Not a victim: court decision 12")
    hold.refresh_from_db()
    assert hold.status == "active" and hold.lift_requested_by == world.migration_officer
    with pytest.raises(ValidationError) as error:  # the same person cannot approve
        services.hold_lift_approve(actor=world.migration_officer, measure=hold)
    assert "measure" in error.value.message_dict
    hold.refresh_from_db()
    assert hold.status == "active"
    with pytest.raises(ValidationError):  # a second request while one waits
        services.hold_lift_request(actor=world.migration_officer_2, measure=hold, reason="another reason here")
    services.hold_lift_approve(actor=world.migration_officer_2, measure=hold)
    hold.refresh_from_db()
    assert hold.status == "lifted" and hold.lifted_by == world.migration_officer_2
    actions = list(AuditEvent.objects.filter(target_id=str(hold.pk)).values_list("action", flat=True))
    assert actions[-2:] == ["expulsion_hold.lift_request", "expulsion_hold.lift_approve"]
    with pytest.raises(ValidationError):  # nothing left to lift
        services.hold_lift_request(actor=world.migration_officer, measure=hold, reason="again and again")


def test_a_rejected_lift_leaves_the_hold_standing(world):
    _case, hold = _hold(world)
    services.hold_lift_request(actor=world.migration_officer, measure=hold, reason="expulsion order pending")
    services.hold_lift_reject(actor=world.coordinator, measure=hold, reason="victim status confirmed")
    hold.refresh_from_db()
    assert hold.status == "active" and hold.lift_requested_by is None
    with pytest.raises(ValidationError):
        services.measure_end(actor=world.coordinator, measure=hold)


def test_no_expulsion_while_the_hold_stands_and_the_register_lists_the_pending_case(world):
    case, hold = _hold(world)
    other = foreign_case(world, citizenship="KG")  # foreign but still being screened: not listed
    migration_case = services.migration_case_open(
        actor=world.migration_officer, person=case.person, number="517-2026-0001", region="shymkent"
    )
    services.migration_case_open(
        actor=world.migration_officer, person=other.person, number="517-2026-0002", region="shymkent"
    )
    rows = selectors.hold_register(world.migration_officer, pending_only=True)
    assert [r.case for r in rows] == [case]
    assert rows[0].hold == hold and rows[0].migration_cases == [migration_case]
    assert rows[0].name and rows[0].citizenship == "UZ"
    assert AuditEvent.objects.filter(action="expulsion_hold.register_view").exists()
    with pytest.raises(ValidationError) as error:
        services.migration_case_transition(
            actor=world.migration_officer, migration_case=migration_case, to_status="expulsion_ordered"
        )
    assert "to_status" in error.value.message_dict
    migration_case.refresh_from_db()
    assert migration_case.status == "pending"
    services.migration_case_transition(
        actor=world.migration_officer, migration_case=migration_case, to_status="suspended"
    )
    with pytest.raises(PermissionDenied):
        selectors.hold_register(world.ngo_worker)
    # Once lifted by four eyes, the administrative case may proceed.
    services.hold_lift_request(actor=world.migration_officer, measure=hold, reason="identified as not a victim")
    services.hold_lift_approve(actor=world.coordinator, measure=hold)
    services.migration_case_transition(
        actor=world.migration_officer, migration_case=migration_case, to_status="pending"
    )
    services.migration_case_transition(
        actor=world.migration_officer, migration_case=migration_case, to_status="expulsion_ordered"
    )


def test_register_includes_pending_art_517_charges(world):
    case, _ = _hold(world)
    criminal = make_criminal_case(unit=world.police)
    participant = case_services.participant_add(actor=None, case=criminal, person=case.person, procedural_role="victim")
    case_services.charge_add(actor=None, participant=participant, article_key="aoc.517")
    rows = selectors.hold_register(world.coordinator, pending_only=True)
    assert len(rows) == 1 and len(rows[0].pending_charges) == 1


def test_temporary_residence_is_requested_then_decided_by_migration(world):
    case, _ = _hold(world)
    with pytest.raises(ValidationError):  # the migration officer does not see the case itself
        services.measure_create(actor=world.migration_officer, case=case, kind="temporary_residence")
    measure = services.measure_create(actor=world.ngo_worker, case=case, kind="temporary_residence")
    assert measure.status == "requested"
    with pytest.raises(PermissionDenied):
        services.measure_decide(actor=world.ngo_worker, measure=measure, grant=True)
    granted = services.measure_decide(
        actor=world.migration_officer,
        measure=measure,
        grant=True,
        ends_on=date.today() + timedelta(days=180),
        work_permitted=True,
        decision_reference="TR-77",
    )
    assert granted.status == "active" and granted.work_permitted
    assert selectors.hold_register(world.migration_officer)[0].residence == granted
    with pytest.raises(InvalidTransitionError):
        services.measure_decide(actor=world.migration_officer, measure=granted, grant=False)
    with pytest.raises(ValidationError):  # one reflection period at a time
        services.measure_create(actor=world.ngo_worker, case=case, kind="reflection_period")


def test_procedural_protection_requested_then_granted_marks_anonymised_testimony(world):
    case = foreign_case(world)
    criminal = make_criminal_case(unit=world.police)
    with pytest.raises(ValidationError):  # not linked yet
        services.procedural_protection_request(
            actor=world.ngo_worker, case=case, criminal_case=criminal, kind="anonymised_testimony"
        )
    case_services.criminal_case_link_assistance(actor=world.investigator, criminal_case=criminal, assistance_case=case)
    participant = case_services.participant_add(
        actor=world.investigator, case=criminal, person=case.person, procedural_role="victim"
    )
    protection = services.procedural_protection_request(
        actor=world.ngo_worker,
        case=case,
        criminal_case=criminal,
        kind="anonymised_testimony",
        reason="Threats from the recruiter",
    )
    assert [n.kind for n in selectors.notification_list(world.investigator)] == ["protection_requested"]
    with pytest.raises(PermissionDenied):
        services.procedural_protection_decide(actor=world.ngo_worker, protection=protection, to_status="granted")
    with pytest.raises(ValidationError):  # refusal needs a reason
        services.procedural_protection_decide(actor=world.investigator, protection=protection, to_status="refused")
    services.procedural_protection_decide(actor=world.investigator, protection=protection, to_status="granted")
    assert Participant.objects.get(pk=participant.pk).protected_identity
    with pytest.raises(InvalidTransitionError):
        services.procedural_protection_decide(actor=world.investigator, protection=protection, to_status="requested")
    with pytest.raises(ValidationError):  # asked twice
        services.procedural_protection_request(
            actor=world.ngo_worker, case=case, criminal_case=criminal, kind="anonymised_testimony"
        )


def test_hearings_generate_assessment_tasks_and_show_in_the_journey(world):
    case = foreign_case(world)
    journey = selectors.case_journey(world.ngo_worker, case)
    assert journey is not None and journey.stage == "before"
    criminal = make_criminal_case(unit=world.police)
    case_services.criminal_case_link_assistance(actor=world.investigator, criminal_case=criminal, assistance_case=case)
    case_services.participant_add(actor=world.investigator, case=criminal, person=case.person, procedural_role="victim")
    when = timezone.now() + timedelta(days=10)
    with pytest.raises(PermissionDenied):
        services.hearing_schedule(actor=world.ngo_worker, criminal_case=criminal, kind="testimony", scheduled_at=when)
    services.hearing_schedule(
        actor=world.investigator,
        criminal_case=criminal,
        kind="testimony",
        scheduled_at=when,
        place="Shymkent city court",
    )
    tasks = list(selectors.task_list(world.ngo_worker, case=case))
    assert [t.kind for t in tasks] == ["assessment:testimony"]
    assert tasks[0].due_on == timezone.localdate(when) - timedelta(days=3)
    services.service_record(actor=world.ngo_worker, case=case, kind="legal_aid", delivered_on=date.today(), cost=0)
    services.compensation_file(
        actor=world.ngo_worker, case=case, kind="civil_claim", amount_claimed="1500000", criminal_case=criminal
    )
    journey = selectors.case_journey(world.ngo_worker, case)
    assert journey.stage == "during" and journey.procedural_roles == ["victim"]
    assert len(journey.upcoming_hearings) == 1 and journey.legal_aid and not journey.interpretation
    assert len(journey.compensation_claims) == 1
    for status in ("investigation", "indictment", "trial", "verdict"):
        case_services.criminal_case_transition(actor=world.investigator, case=criminal, to_status=status)
    assert selectors.case_journey(world.ngo_worker, case).stage == "after"


def test_compensation_outcome_is_recorded_and_checked(world):
    case = foreign_case(world)
    claim = services.compensation_file(actor=world.ngo_worker, case=case, kind="state_fund", amount_claimed=500000)
    with pytest.raises(ValidationError):
        services.compensation_file(actor=world.ngo_worker, case=case, kind="state_fund", amount_claimed=-5)
    with pytest.raises(ValidationError):  # "granted" in full with less than claimed
        services.compensation_decide(actor=world.ngo_worker, claim=claim, to_status="granted", amount_awarded=100)
    services.compensation_decide(actor=world.ngo_worker, claim=claim, to_status="partly_granted", amount_awarded=200000)
    paid = services.compensation_decide(actor=world.ngo_worker, claim=claim, to_status="paid")
    assert paid.amount_paid == 200000 and paid.status == "paid"
    with pytest.raises(InvalidTransitionError):
        services.compensation_decide(actor=world.ngo_worker, claim=claim, to_status="refused")


def test_expired_reflection_periods_end_and_a_new_one_can_start(world):
    from senim.core.models import Job
    from senim.core.services import job_enqueue
    from senim.core.worker import run_pending

    case = foreign_case(world)
    period = services.measure_create(
        actor=world.ngo_worker,
        case=case,
        kind="reflection_period",
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 1, 31),
    )
    hold = services.measure_create(actor=world.ngo_worker, case=case, kind="expulsion_hold")
    # Past its end, the period is no longer "in force": a new one may be recorded.
    services.measure_create(actor=world.ngo_worker, case=case, kind="reflection_period")
    job_enqueue(actor=None, kind="referrals.expire_measures")
    run_pending(kinds=["referrals.expire_measures"])
    assert Job.objects.get(kind="referrals.expire_measures").result == {"ended": 1}
    period.refresh_from_db()
    hold.refresh_from_db()
    assert period.status == "ended" and hold.status == "active"

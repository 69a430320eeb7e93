"""Screening services and selectors: answers saved one by one, decision into the case, audit, scope."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from senim.cases.models import AssistanceCaseStatusChange
from senim.core.models import AuditEvent
from senim.core.roles import Role
from senim.core.testing.factories import make_assistance_case, make_organization, make_record, make_user
from senim.screening import selectors, services
from senim.screening.models import Screening

pytestmark = pytest.mark.django_db

VICTIM_ANSWERS = [
    ("intake.age", 29),
    ("intake.work", "labour"),
    ("urgent.danger", "no"),
    ("urgent.medical", "no"),
    ("urgent.held", "no"),
    ("short.job", "yes"),
    ("short.pay_promise", "yes"),
    ("short.hurt_journey", "no"),
    ("short.hard_situation", "no"),
    ("short.status_used", "no"),
    ("short.hours", "yes"),
    ("short.pay", "yes"),
    ("short.living", "no"),
    ("short.documents", "yes"),
    ("short.go_out", "no"),
    ("short.debt", "no"),
    ("short.hurt_work", "no"),
    ("short.forced", "no"),
    ("short.threat", "no"),
    ("short.depend", "no"),
    ("follow.DR", []),
    ("follow.CR", []),  # opened by the documents kept at destination
    ("follow.EX", []),
    ("follow.CD", []),
]


@pytest.fixture
def ngo():
    return make_organization(kind="ngo", name="Sana Sezim")


@pytest.fixture
def worker(ngo):
    return make_user(Role.NGO_CASEWORKER, organization=ngo)


@pytest.fixture
def case(ngo):
    return make_assistance_case(lead_organization=ngo, record=make_record(organization=ngo, citizenship="UZ"))


def answer_all(worker, screening, answers):
    for question_id, value in answers:
        screening = services.screening_answer(actor=worker, screening=screening, question_id=question_id, value=value)
    return screening


def test_start_moves_a_reported_case_to_screening_and_audits(worker, case):
    screening = services.screening_start(actor=worker, case=case, language="uz")
    case.refresh_from_db()
    assert case.status == "screening"
    assert screening.record == case.intake_record
    assert screening.catalogue_version == "1" and screening.bank_version == "1"
    assert AuditEvent.objects.filter(action="screening.start", target_id=str(screening.pk)).exists()


def test_each_answer_is_saved_and_the_interview_resumes(worker, case):
    screening = services.screening_start(actor=worker, case=case)
    screening = answer_all(worker, screening, VICTIM_ANSWERS[:7])
    stored = Screening.objects.get(pk=screening.pk)
    assert stored.answers["urgent.medical"] == "no"
    assert stored.status == "in_progress"
    assert stored.set_code == "adult_labour"
    # the column holds ciphertext: no question id or answer is readable in the database
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT answers_data FROM screening_screening")
        (row,) = cursor.fetchall()
    assert row[0] and "urgent.medical" not in row[0] and "labour" not in row[0]
    events = AuditEvent.objects.filter(action="screening.answer", target_id=str(screening.pk))
    assert events.count() == 7
    assert all("value" not in e.extra for e in events)


def test_complete_interview_gives_result_and_decision_moves_case(worker, case):
    screening = services.screening_start(actor=worker, case=case)
    screening = answer_all(worker, screening, VICTIM_ANSWERS)
    assert screening.status == "completed"
    assert screening.result_trafficking is True
    assert screening.result_dimensions == {"DR": True, "CR": False, "VR": False, "EX": True, "CD": True, "VD": False}
    screening = services.screening_decide(actor=worker, screening=screening, decision="presumed_victim")
    case.refresh_from_db()
    assert case.status == "presumed_victim"
    assert screening.decision_agrees is True
    assert AssistanceCaseStatusChange.objects.filter(case=case, to_status="presumed_victim").exists()
    event = AuditEvent.objects.get(action="screening.decide", target_id=str(screening.pk))
    assert event.extra["agrees_with_engine"] is True


def test_disagreeing_needs_a_reason(worker, case):
    screening = services.screening_start(actor=worker, case=case)
    screening = answer_all(worker, screening, VICTIM_ANSWERS)
    with pytest.raises(ValidationError):
        services.screening_decide(actor=worker, screening=screening, decision="not_presumed")
    assert Screening.objects.get(pk=screening.pk).decision == ""
    screening = services.screening_decide(
        actor=worker, screening=screening, decision="not_presumed", reason="Documents kept at her own request"
    )
    case.refresh_from_db()
    assert case.status == "screening"
    assert screening.decision_agrees is False
    assert Screening.objects.get(pk=screening.pk).decision_reason.startswith("Documents kept")


def test_presuming_against_a_negative_engine_needs_a_reason_and_moves_the_case(worker, case):
    screening = services.screening_start(actor=worker, case=case)
    negative = [(q, "no" if isinstance(v, str) and v == "yes" else v) for q, v in VICTIM_ANSWERS[:20]]
    negative = [(q, "yes") if q == "short.go_out" else (q, v) for q, v in negative]
    screening = answer_all(worker, screening, negative)
    assert screening.status == "completed" and screening.result_trafficking is False
    services.screening_decide(
        actor=worker, screening=screening, decision="presumed_victim", reason="Fresh bruises; story fits recruiter X"
    )
    case.refresh_from_db()
    assert case.status == "presumed_victim"


def test_deciding_early_needs_a_reason_and_answers_freeze_after_decision(worker, case):
    screening = services.screening_start(actor=worker, case=case)
    screening = answer_all(worker, screening, VICTIM_ANSWERS[:5])
    with pytest.raises(ValidationError):
        services.screening_decide(actor=worker, screening=screening, decision="not_presumed")
    screening = services.screening_decide(
        actor=worker, screening=screening, decision="not_presumed", reason="Person left the interview"
    )
    with pytest.raises(ValidationError):
        services.screening_answer(actor=worker, screening=screening, question_id="short.job", value="yes")


def test_bad_answers_are_rejected(worker, case):
    screening = services.screening_start(actor=worker, case=case)
    with pytest.raises(ValidationError):
        services.screening_answer(actor=worker, screening=screening, question_id="intake.age", value="old")
    with pytest.raises(ValidationError):  # not yet part of the interview
        services.screening_answer(actor=worker, screening=screening, question_id="follow.CD", value=[])
    assert Screening.objects.get(pk=screening.pk).answers == {}


def test_paper_entry(worker, case):
    screening = services.screening_start(actor=worker, case=case)
    answers = dict(VICTIM_ANSWERS)
    answers["follow.VR"] = ["VR.economic"]  # on paper but not opened: dropped
    screening = services.screening_enter_paper(actor=worker, screening=screening, answers=answers)
    assert screening.mode == "paper"
    assert screening.status == "completed"
    assert "follow.VR" not in screening.answers
    assert AuditEvent.objects.filter(action="screening.paper_entry").count() == 1


def test_outsiders_cannot_start_answer_or_see(worker, case):
    screening = services.screening_start(actor=worker, case=case)
    other = make_user(Role.NGO_CASEWORKER)
    with pytest.raises(ValidationError):
        services.screening_start(actor=other, case=case)
    with pytest.raises(ValidationError):
        services.screening_answer(actor=other, screening=screening, question_id="intake.age", value=30)
    assert Screening.objects.get(pk=screening.pk).answers == {}
    with pytest.raises(Http404):
        selectors.screening_get(other, screening.pk)
    assert not selectors.screening_list(other).exists()
    analyst = make_user(Role.ANALYST)
    with pytest.raises(PermissionDenied):
        services.screening_start(actor=analyst, case=case)
    assert Screening.objects.count() == 1


def test_reading_is_audited_and_coordinator_sees_all(worker, case):
    screening = services.screening_start(actor=worker, case=case)
    coordinator = make_user(Role.COORDINATOR)
    assert selectors.screening_get(coordinator, screening.pk) == screening
    assert AuditEvent.objects.filter(action="screening.view", target_id=str(screening.pk)).exists()
    assert list(selectors.screening_list(worker)) == [screening]


def test_statistics_by_region_agency_month(worker, case):
    screening = services.screening_start(actor=worker, case=case)
    answer_all(worker, screening, VICTIM_ANSWERS)
    other_ngo = make_organization(kind="ngo", name="Other")
    other_worker = make_user(Role.NGO_CASEWORKER, organization=other_ngo)
    other_case = make_assistance_case(lead_organization=other_ngo, region="almaty_city", reported_on=date(2026, 4, 1))
    services.screening_start(actor=other_worker, case=other_case)
    coordinator = make_user(Role.COORDINATOR)
    by_region = {row.key: row for row in selectors.screening_statistics(coordinator, by="region")}
    assert by_region[case.region].total == 1 and by_region[case.region].engine_positive == 1
    assert by_region["almaty_city"].completed == 0
    by_agency = {row.label: row for row in selectors.screening_statistics(coordinator, by="agency")}
    assert by_agency["Sana Sezim"].completed == 1 and by_agency["Other"].total == 1
    (month,) = selectors.screening_statistics(coordinator, by="month")
    assert month.total == 2
    with pytest.raises(PermissionDenied):
        selectors.screening_statistics(worker)


def test_timeline_shows_screening(worker, case):
    from senim.cases.selectors import assistance_case_timeline

    screening = services.screening_start(actor=worker, case=case)
    answer_all(worker, screening, VICTIM_ANSWERS)
    kinds = [entry.kind for entry in assistance_case_timeline(worker, case)]
    assert kinds.count("screening") == 2


def test_foreign_national_presumed_victim_gets_an_expulsion_hold(worker, case):
    from senim.referrals.models import ProtectionMeasure

    assert case.intake_record.citizenship == "UZ"
    screening = services.screening_start(actor=worker, case=case)
    screening = answer_all(worker, screening, VICTIM_ANSWERS)
    services.screening_decide(actor=worker, screening=screening, decision="presumed_victim")
    kinds = set(ProtectionMeasure.objects.filter(case=case, status="active").values_list("kind", flat=True))
    assert "expulsion_hold" in kinds


def test_rescreening_a_case_found_not_a_victim(worker, case):
    from senim.cases import services as case_services

    # "Not a victim" is four-eyes (senim.core.approvals); the system actor stands in for the approved step.
    case_services.assistance_case_transition(actor=None, case=case, to_status="not_victim")
    services.screening_start(actor=worker, case=case)
    case.refresh_from_db()
    assert case.status == "screening"


def test_demo_seed_screens_victims_cases_without_moving_them(worker, case):
    from senim.cases import services as case_services
    from senim.screening.synth_seed import seed_world

    case_services.assistance_case_transition(actor=worker, case=case, to_status="presumed_victim")
    pending = make_assistance_case(lead_organization=worker.organization)
    case_services.assistance_case_transition(actor=worker, case=pending, to_status="screening")
    untouched = make_assistance_case(lead_organization=worker.organization)
    assert seed_world() == 2
    done = Screening.objects.get(case=case)
    assert done.status == "decided" and done.decision == "presumed_victim"
    assert done.language == "uz"  # the person's citizenship
    assert done.decision_agrees is True or done.decision_reason
    assert Screening.objects.get(case=pending).status == "in_progress"
    assert not Screening.objects.filter(case=untouched).exists()
    untouched.refresh_from_db()
    case.refresh_from_db()
    assert (untouched.status, case.status) == ("reported", "presumed_victim")
    assert seed_world() == 0  # idempotent

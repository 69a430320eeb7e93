from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from senim.cases import selectors, services
from senim.cases.models import AssistanceCaseStatusChange, ChargeOutcome
from senim.core.models import AuditEvent
from senim.core.pipeline import InvalidTransitionError
from senim.core.roles import Role
from senim.core.testing.factories import (
    make_assistance_case,
    make_criminal_case,
    make_organization,
    make_record,
    make_user,
)


@pytest.mark.django_db
def test_assistance_case_moves_through_its_pipeline_with_history_and_audit():
    ngo = make_organization(kind="ngo")
    worker = make_user(Role.NGO_CASEWORKER, organization=ngo)
    case = make_assistance_case(lead_organization=ngo)
    assert case.number.startswith("AC-2026-")
    services.assistance_case_transition(actor=worker, case=case, to_status="screening")
    services.assistance_case_transition(actor=worker, case=case, to_status="presumed_victim", reason="indicators")
    with pytest.raises(InvalidTransitionError):
        services.assistance_case_transition(actor=worker, case=case, to_status="reported")
    history = list(AssistanceCaseStatusChange.objects.filter(case=case).values_list("from_status", "to_status"))
    assert history == [("", "reported"), ("reported", "screening"), ("screening", "presumed_victim")]
    assert AuditEvent.objects.filter(action="assistance_case.transition", target_id=str(case.pk)).count() == 2


@pytest.mark.django_db
def test_a_user_outside_the_case_cannot_move_it_and_nothing_changes():
    case = make_assistance_case()
    outsider = make_user(Role.NGO_CASEWORKER)
    with pytest.raises(ValidationError):
        services.assistance_case_transition(actor=outsider, case=case, to_status="screening")
    case.refresh_from_db()
    assert case.status == "reported"
    assert not AuditEvent.objects.filter(action="assistance_case.transition").exists()


@pytest.mark.django_db
def test_roles_without_the_permission_are_refused():
    record = make_record()
    with pytest.raises(PermissionDenied):
        services.assistance_case_create(actor=make_user(Role.AUDITOR), record=record, region="shymkent")
    with pytest.raises(PermissionDenied):
        services.criminal_case_create(
            actor=make_user(Role.NGO_CASEWORKER), registry_number="261234567890", region="shymkent", articles=["cc.128"]
        )


@pytest.mark.django_db
def test_investigators_see_their_unit_and_their_assignments_only():
    unit = make_organization(kind="police")
    other_unit = make_organization(kind="police")
    own = make_criminal_case(unit=unit)
    foreign = make_criminal_case(unit=other_unit)
    investigator = make_user(Role.INVESTIGATOR, organization=unit)
    assert list(selectors.criminal_case_scope(investigator)) == [own]
    services.criminal_case_assign(actor=None, case=foreign, investigator=investigator)
    assert set(selectors.criminal_case_scope(investigator)) == {own, foreign}
    assert not selectors.criminal_case_scope(make_user(Role.NGO_CASEWORKER)).exists()
    assert set(selectors.criminal_case_scope(make_user(Role.ANALYST))) == {own, foreign}


@pytest.mark.django_db
def test_investigator_sees_assistance_cases_linked_to_their_criminal_cases():
    unit = make_organization(kind="police")
    investigator = make_user(Role.INVESTIGATOR, organization=unit)
    criminal = make_criminal_case(unit=unit)
    linked = make_assistance_case()
    make_assistance_case()
    assert not selectors.assistance_case_scope(investigator).exists()
    services.criminal_case_link_assistance(actor=investigator, criminal_case=criminal, assistance_case=linked)
    assert list(selectors.assistance_case_scope(investigator)) == [linked]


@pytest.mark.django_db
def test_participants_and_charges_follow_the_law():
    unit = make_organization(kind="police")
    investigator = make_user(Role.INVESTIGATOR, organization=unit)
    case = make_criminal_case(unit=unit)
    exploiter = make_record(family_name="Сейткали", given_name="Ерлан", sex="m", citizenship="KZ").person
    victim = make_record().person
    accused = services.participant_add(
        actor=investigator, case=case, person=exploiter, procedural_role="accused", chain_role="exploiter"
    )
    with pytest.raises(ValidationError):
        services.participant_add(
            actor=investigator, case=case, person=victim, procedural_role="victim", chain_role="recruiter"
        )
    injured = services.participant_add(actor=investigator, case=case, person=victim, procedural_role="victim")
    charge = services.charge_add(actor=investigator, participant=accused, article_key="cc.128")
    with pytest.raises(ValidationError):
        services.charge_add(actor=investigator, participant=injured, article_key="cc.128")
    # The pattern the accountability report exists to show: the foreign victim fined under Art. 517.
    services.charge_add(actor=investigator, participant=injured, article_key="aoc.517")
    with pytest.raises(ValidationError):
        services.charge_add(actor=investigator, participant=accused, article_key="cc.999")
    services.charge_set_outcome(
        actor=investigator,
        charge=charge,
        outcome=ChargeOutcome.CONVICTED,
        sentence="9 years",
        decided_on=date(2026, 9, 1),
    )
    charge.refresh_from_db()
    assert charge.outcome == "convicted"


@pytest.mark.django_db
def test_case_filters_and_timeline():
    ngo = make_organization(kind="ngo")
    coordinator = make_user(Role.COORDINATOR)
    first = make_assistance_case(lead_organization=ngo, region="shymkent", reported_on=date(2026, 1, 10))
    second = make_assistance_case(lead_organization=ngo, region="astana", reported_on=date(2026, 5, 10))
    filters = selectors.CaseFilters
    assert list(selectors.assistance_case_list(coordinator, filters(region="astana"))) == [second]
    assert list(selectors.assistance_case_list(coordinator, filters(until=date(2026, 2, 1)))) == [first]
    assert list(selectors.assistance_case_list(coordinator, filters(q=first.number[-6:]))) == [first]
    services.assistance_case_transition(actor=coordinator, case=first, to_status="screening")
    timeline = selectors.assistance_case_timeline(coordinator, first)
    assert [entry.kind for entry in timeline] == ["status", "status"]

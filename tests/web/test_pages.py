"""Every page for the roles that may and may not see it; filters; forms with good and bad input."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from senim.cases import services as case_services
from senim.cases.models import AssistanceCase, AssistanceStatus, Charge, CriminalCase, CriminalStatus, Participant
from senim.core.models import AuditEvent, OrganizationKind
from senim.core.regions import Region
from senim.core.testing.factories import (
    make_assistance_case,
    make_criminal_case,
    make_organization,
    make_record,
    make_user,
)
from senim.people.models import PersonRecord

pytestmark = pytest.mark.django_db


def case_url(case):
    return reverse("web:case_detail", args=[case.pk])


def criminal_url(case):
    return reverse("web:criminal_case_detail", args=[case.pk])


def person_url(person_id):
    return reverse("web:person_detail", args=[person_id])


# --- who sees what -----------------------------------------------------------------------------------

PAGES_BY_ROLE = [
    # (user key, url name, expected status)
    ("caseworker", "web:case_list", 200),
    ("coordinator", "web:case_list", 200),
    ("investigator", "web:case_list", 200),
    ("analyst", "web:case_list", 403),
    ("auditor", "web:case_list", 403),
    ("investigator", "web:criminal_case_list", 200),
    ("prosecutor", "web:criminal_case_list", 200),
    ("analyst", "web:criminal_case_list", 200),
    ("caseworker", "web:criminal_case_list", 403),
    ("auditor", "web:criminal_case_list", 403),
    ("caseworker", "web:case_create", 200),
    ("analyst", "web:case_create", 403),
    ("investigator", "web:criminal_case_create", 200),
    ("prosecutor", "web:criminal_case_create", 200),
    ("analyst", "web:criminal_case_create", 403),
    ("caseworker", "web:criminal_case_create", 403),
    ("caseworker", "web:person_create", 200),
    ("auditor", "web:person_create", 403),
    ("auditor", "web:dashboard", 200),
]


@pytest.mark.parametrize(("who", "name", "status"), PAGES_BY_ROLE)
def test_list_and_form_pages_by_role(world, as_user, who, name, status):
    assert as_user(world[who]).get(reverse(name)).status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("caseworker", 200),
        ("coordinator", 200),
        ("investigator", 200),  # through the linked criminal case of the unit
        ("other_caseworker", 404),
        ("other_investigator", 404),
        ("analyst", 403),
        ("auditor", 403),
    ],
)
def test_assistance_case_page_by_role(world, as_user, who, status):
    response = as_user(world[who]).get(case_url(world["case"]))
    assert response.status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("investigator", 200),
        ("coordinator", 200),
        ("analyst", 200),
        ("other_investigator", 404),
        ("prosecutor", 404),  # not the office of this case
        ("caseworker", 403),
        ("auditor", 403),
    ],
)
def test_criminal_case_page_by_role(world, as_user, who, status):
    assert as_user(world[who]).get(criminal_url(world["criminal"])).status_code == status


@pytest.mark.parametrize(
    ("who", "status"), [("caseworker", 200), ("coordinator", 200), ("other_caseworker", 404), ("auditor", 403)]
)
def test_person_page_by_role(world, as_user, who, status):
    assert as_user(world[who]).get(person_url(world["case"].person_id)).status_code == status


def test_unknown_ids_answer_404(world, as_user):
    client = as_user(world["coordinator"])
    missing = "00000000-0000-0000-0000-000000000000"
    assert client.get(reverse("web:case_detail", args=[missing])).status_code == 404
    assert client.get(reverse("web:criminal_case_detail", args=[missing])).status_code == 404
    assert client.get(reverse("web:person_detail", args=[missing])).status_code == 404


def test_every_page_needs_sign_in(world, client):
    for url in (
        reverse("web:case_list"),
        reverse("web:case_create"),
        case_url(world["case"]),
        reverse("web:criminal_case_list"),
        criminal_url(world["criminal"]),
        reverse("web:person_create"),
        person_url(world["case"].person_id),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("web:login"))


# --- dashboard ---------------------------------------------------------------------------------------


def test_dashboard_of_a_caseworker_lists_own_cases_and_counts(world, as_user):
    html = as_user(world["caseworker"]).get(reverse("web:dashboard")).content.decode()
    assert world["case"].number in html
    assert "counts" in html
    assert reverse("web:criminal_case_list") + "?status=" not in html


def test_dashboard_of_an_investigator_lists_own_criminal_cases(world, as_user):
    html = as_user(world["investigator"]).get(reverse("web:dashboard")).content.decode()
    assert world["criminal"].registry_number in html
    assert reverse("web:criminal_case_list") + "?status=registered" in html


def test_dashboard_of_an_auditor_shows_no_case(world, as_user):
    html = as_user(world["auditor"]).get(reverse("web:dashboard")).content.decode()
    assert world["case"].number not in html
    assert reverse("audit:log") in html


def test_dashboard_shows_panels_from_the_registry(world, as_user, monkeypatch):
    from senim.web import navigation

    def panel(request):
        return {"template": "web/_panel.html", "context": {"title": "Panel-from-registry", "items": []}}

    monkeypatch.setattr(navigation, "dashboard_panels", lambda: [panel, lambda request: None])
    html = as_user(world["caseworker"]).get(reverse("web:dashboard")).content.decode()
    assert "Panel-from-registry" in html


# --- assistance case list: filters and pagination -----------------------------------------------------


@pytest.fixture
def many_cases(world):
    ngo = world["ngo_a"]
    made = []
    for i in range(30):
        made.append(
            make_assistance_case(
                lead_organization=ngo,
                region=Region.ASTANA if i % 2 else Region.SHYMKENT,
                reported_on=date(2025, 1, 1 + i),
            )
        )
    case_services.assistance_case_transition(actor=None, case=made[0], to_status=AssistanceStatus.SCREENING)
    return made


def numbers_in(html, cases):
    return {c.number for c in cases if c.number in html}


def test_filter_by_status(world, as_user, many_cases):
    html = as_user(world["caseworker"]).get(reverse("web:case_list"), {"status": "screening"}).content.decode()
    assert numbers_in(html, many_cases) == {many_cases[0].number}


def test_filter_by_region_and_dates(world, as_user, many_cases):
    client = as_user(world["caseworker"])
    response = client.get(
        reverse("web:case_list"), {"region": Region.ASTANA, "since": "2025-01-02", "until": "2025-01-06"}
    )
    expected = {c.number for c in many_cases if c.region == Region.ASTANA and 2 <= c.reported_on.day <= 6}
    assert numbers_in(response.content.decode(), many_cases) == expected
    assert len(expected) == 3


def test_filter_by_number_search(world, as_user, many_cases):
    wanted = many_cases[7]
    html = as_user(world["caseworker"]).get(reverse("web:case_list"), {"q": wanted.number}).content.decode()
    assert numbers_in(html, many_cases) == {wanted.number}


def test_bad_filter_shows_the_error_and_lists_unfiltered(world, as_user, many_cases):
    response = as_user(world["caseworker"]).get(
        reverse("web:case_list"), {"since": "2025-02-01", "until": "2025-01-01"}
    )
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


def test_pagination_keeps_the_filters(world, as_user, many_cases):
    client = as_user(world["caseworker"])
    first = client.get(reverse("web:case_list"), {"region": Region.SHYMKENT}).content.decode()
    # 15 Shymkent cases of many_cases + the world's case (Shymkent): one page of 25
    assert "page=2" not in first
    everything = client.get(reverse("web:case_list")).content.decode()
    assert "page=2" in everything
    second = client.get(reverse("web:case_list"), {"page": 2}).content.decode()
    shown = len(numbers_in(second, many_cases)) + (world["case"].number in second)
    assert shown == 31 - 25


def test_htmx_filter_returns_only_the_rows(world, as_user, many_cases):
    response = as_user(world["caseworker"]).get(
        reverse("web:case_list"), {"status": "screening"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "<html" not in html
    assert many_cases[0].number in html


def test_case_list_is_scoped(world, as_user):
    other = make_assistance_case(lead_organization=make_organization(kind=OrganizationKind.NGO))
    html = as_user(world["caseworker"]).get(reverse("web:case_list")).content.decode()
    assert world["case"].number in html
    assert other.number not in html
    html = as_user(world["coordinator"]).get(reverse("web:case_list")).content.decode()
    assert other.number in html


def test_criminal_case_list_filters(world, as_user):
    client = as_user(world["investigator"])
    number = world["criminal"].registry_number
    assert number in client.get(reverse("web:criminal_case_list"), {"status": "registered"}).content.decode()
    assert number not in client.get(reverse("web:criminal_case_list"), {"status": "trial"}).content.decode()
    assert number in client.get(reverse("web:criminal_case_list"), {"q": number[-5:]}).content.decode()
    html = as_user(world["other_investigator"]).get(reverse("web:criminal_case_list")).content.decode()
    assert number not in html


# --- assistance case page: timeline and transitions ----------------------------------------------------


def test_case_page_shows_the_journey_and_audits_the_read(world, as_user):
    case = world["case"]
    html = as_user(world["caseworker"]).get(case_url(case)).content.decode()
    assert 'class="timeline"' in html
    assert str(AssistanceStatus.REPORTED.label) in html or "Сообщено" in html or "<time" in html
    assert world["criminal"].registry_number not in html  # NGO staff do not see criminal cases
    assert AuditEvent.objects.filter(
        action="assistancecase.view", actor=world["caseworker"], target_id=str(case.pk)
    ).exists()


def test_case_page_shows_linked_criminal_case_to_law_enforcement(world, as_user):
    html = as_user(world["investigator"]).get(case_url(world["case"])).content.decode()
    assert world["criminal"].registry_number in html
    assert criminal_url(world["criminal"]) in html


def test_case_page_offers_only_allowed_next_states(world, as_user):
    html = as_user(world["caseworker"]).get(case_url(world["case"])).content.decode()
    assert 'value="screening"' in html
    assert 'value="presumed_victim"' in html
    assert 'value="assisted"' not in html
    assert 'value="identified_victim"' not in html


def test_transition_moves_the_case(world, as_user):
    case = world["case"]
    response = as_user(world["caseworker"]).post(
        case_url(case), {"move-to_status": "screening", "move-reason": "interview booked"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == AssistanceStatus.SCREENING
    change = case.status_changes.order_by("changed_at").last()
    assert (change.to_status, change.reason) == ("screening", "interview booked")


def test_transition_to_a_state_not_allowed_shows_an_error_and_changes_nothing(world, as_user):
    case = world["case"]
    response = as_user(world["caseworker"]).post(case_url(case), {"move-to_status": "assisted"})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    case.refresh_from_db()
    assert case.status == AssistanceStatus.REPORTED
    assert case.status_changes.count() == 1


def test_transition_by_out_of_scope_user_is_404_and_changes_nothing(world, as_user):
    case = world["case"]
    response = as_user(world["other_caseworker"]).post(case_url(case), {"move-to_status": "screening"})
    assert response.status_code == 404
    case.refresh_from_db()
    assert case.status == AssistanceStatus.REPORTED


def test_case_page_without_manage_permission_has_no_form(world, as_user):
    analyst_and_investigator = world["investigator"]
    html = as_user(analyst_and_investigator).get(case_url(world["case"])).content.decode()
    assert "move-to_status" in html  # investigators manage assistance cases too
    coordinator_html = as_user(world["coordinator"]).get(case_url(world["case"])).content.decode()
    assert "move-to_status" in coordinator_html


# --- creating a case and a person record ---------------------------------------------------------------


def test_create_case_with_a_new_person(world, as_user):
    client = as_user(world["caseworker"])
    response = client.post(
        reverse("web:case_create"),
        {
            "family_name": "Каримова",
            "given_name": "Дильноза",
            "birth_date": "2001-05",
            "sex": "f",
            "citizenship": "uz",
            "phone": "+998 90 123 45 67",
            "region": Region.ALMATY_CITY,
            "exploitation_type": "labour",
            "summary": "Recruited for work in a café.",
        },
    )
    assert response.status_code == 302
    case = AssistanceCase.objects.exclude(pk=world["case"].pk).get()
    assert response["Location"] == case_url(case)
    assert case.lead_organization == world["ngo_a"]
    assert case.caseworker == world["caseworker"]
    assert case.intake_record.citizenship == "UZ"
    assert case.intake_record.identifier_links.count() == 1


@pytest.mark.parametrize(
    "bad",
    [
        {"family_name": "", "given_name": ""},
        {"birth_date": "05.2001"},
        {"citizenship": "Uzbekistan"},
        {"region": "mars"},
        {"phone": "not a phone"},
    ],
)
def test_create_case_with_bad_input_shows_errors_and_saves_nothing(world, as_user, bad):
    data = {"family_name": "Каримова", "sex": "f", "region": Region.ALMATY_CITY, "exploitation_type": "labour"}
    data.update(bad)
    records, cases = PersonRecord.objects.count(), AssistanceCase.objects.count()
    response = as_user(world["caseworker"]).post(reverse("web:case_create"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "errorlist" in html or "form-errors" in html
    assert PersonRecord.objects.count() == records
    assert AssistanceCase.objects.count() == cases


def test_create_case_for_a_known_person_adds_a_record_to_that_person(world, as_user):
    person_id = world["case"].person_id
    client = as_user(world["caseworker"])
    page = client.get(reverse("web:case_create"), {"person": person_id})
    assert page.status_code == 200
    response = client.post(
        reverse("web:case_create"),
        {
            "person": person_id,
            "family_name": "Abdullaeva",
            "sex": "f",
            "region": "astana",
            "exploitation_type": "sexual",
        },
    )
    assert response.status_code == 302
    assert AssistanceCase.objects.filter(person_id=person_id).count() == 2


def test_create_case_for_a_person_out_of_scope_is_404(world, as_user):
    response = as_user(world["other_caseworker"]).get(reverse("web:case_create"), {"person": world["case"].person_id})
    assert response.status_code == 404


def test_create_person_record(world, as_user):
    response = as_user(world["caseworker"]).post(
        reverse("web:person_create"),
        {"family_name": "Nurlanov", "given_name": "Arman", "sex": "m", "citizenship": "KZ", "document": "n 123 456"},
    )
    assert response.status_code == 302
    record = PersonRecord.objects.order_by("-created_at").first()
    assert record.family_name == "Nurlanov"
    assert response["Location"] == person_url(record.person_id)
    page = as_user(world["caseworker"]).get(response["Location"]).content.decode()
    assert "Nurlanov" in page
    assert "N123456" in page


def test_create_person_record_without_a_name_saves_nothing(world, as_user):
    count = PersonRecord.objects.count()
    response = as_user(world["caseworker"]).post(reverse("web:person_create"), {"sex": "m"})
    assert response.status_code == 200
    assert "form-errors" in response.content.decode()
    assert PersonRecord.objects.count() == count


def test_person_page_shows_every_record_and_audits_the_read(world, as_user):
    case = world["case"]
    make_record(organization=world["police_a"], person=case.person, family_name="Abdullayeva", given_name="Gulnara")
    client = as_user(world["caseworker"])
    html = client.get(person_url(case.person_id)).content.decode()
    assert "Абдуллаева" in html and "Abdullayeva" in html
    assert case.number in html
    assert AuditEvent.objects.filter(action="person.view", target_id=str(case.person_id)).exists()


# --- criminal case page: participants and charges ------------------------------------------------------


def test_criminal_case_page_shows_participants_roles_and_charges(world, as_user):
    criminal = world["criminal"]
    record = make_record(organization=world["police_a"], family_name="Organizer", given_name="Big")
    participant = case_services.participant_add(
        actor=None,
        case=criminal,
        person=record.person,
        record=record,
        procedural_role="suspect",
        chain_role="organizer",
    )
    case_services.charge_add(actor=None, participant=participant, article_key="cc.128")
    html = as_user(world["analyst"]).get(criminal_url(criminal)).content.decode()
    assert "Organizer" in html
    assert str(Participant._meta.get_field("chain_role").choices[0][1]) in html or "organizer" in html.lower()
    assert "participant-family_name" not in html  # analysts read, they do not write


def test_investigator_adds_a_participant(world, as_user):
    criminal = world["criminal"]
    response = as_user(world["investigator"]).post(
        criminal_url(criminal),
        {
            "action": "participant",
            "participant-family_name": "Recruiter",
            "participant-given_name": "Sly",
            "participant-procedural_role": "suspect",
            "participant-chain_role": "recruiter",
        },
    )
    assert response.status_code == 302
    participant = Participant.objects.get(case=criminal)
    assert participant.chain_role == "recruiter"
    assert participant.record.family_name == "Recruiter"


def test_a_victim_with_a_chain_role_is_refused_and_nothing_saved(world, as_user):
    criminal = world["criminal"]
    records = PersonRecord.objects.count()
    response = as_user(world["investigator"]).post(
        criminal_url(criminal),
        {
            "action": "participant",
            "participant-family_name": "Victim",
            "participant-procedural_role": "victim",
            "participant-chain_role": "exploiter",
        },
    )
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not Participant.objects.filter(case=criminal).exists()
    assert PersonRecord.objects.count() == records


def _participant(world, role="suspect", chain_role="exploiter"):
    record = make_record(organization=world["police_a"], family_name=f"P-{role}")
    return case_services.participant_add(
        actor=None,
        case=world["criminal"],
        person=record.person,
        record=record,
        procedural_role=role,
        chain_role=chain_role,
    )


def test_prosecutor_of_the_case_records_a_charge(world, as_user):
    criminal = world["criminal"]
    office = make_organization(kind=OrganizationKind.PROSECUTOR)
    prosecutor = make_user("prosecutor", organization=office)
    case_services.criminal_case_assign(actor=None, case=criminal, prosecutor_office=office, prosecutor=prosecutor)
    suspect = _participant(world)
    response = as_user(prosecutor).post(
        criminal_url(criminal),
        {
            "action": "charge",
            "charge-participant": str(suspect.pk),
            "charge-article": "cc.128",
            "charge-outcome": "convicted",
            "charge-sentence": "8 years",
            "charge-decided_on": "2026-06-01",
        },
    )
    assert response.status_code == 302
    charge = Charge.objects.get(participant=suspect)
    assert (charge.article, charge.outcome, charge.sentence) == ("cc.128", "convicted", "8 years")


def test_charging_a_victim_under_a_criminal_article_is_refused(world, as_user):
    victim = _participant(world, role="victim", chain_role="")
    response = as_user(world["investigator"]).post(
        criminal_url(world["criminal"]),
        {
            "action": "charge",
            "charge-participant": str(victim.pk),
            "charge-article": "cc.128",
            "charge-outcome": "pending",
        },
    )
    assert response.status_code == 200
    assert "errorlist" in response.content.decode() or "form-errors" in response.content.decode()
    assert not Charge.objects.exists()


def test_charge_with_unknown_article_is_refused(world, as_user):
    suspect = _participant(world)
    response = as_user(world["investigator"]).post(
        criminal_url(world["criminal"]),
        {
            "action": "charge",
            "charge-participant": str(suspect.pk),
            "charge-article": "cc.9999",
            "charge-outcome": "pending",
        },
    )
    assert response.status_code == 200
    assert not Charge.objects.exists()


def test_analyst_cannot_write_on_a_criminal_case(world, as_user):
    response = as_user(world["analyst"]).post(
        criminal_url(world["criminal"]),
        {"action": "participant", "participant-family_name": "X", "participant-procedural_role": "suspect"},
    )
    assert response.status_code == 403
    assert not Participant.objects.exists()


def test_criminal_case_transition(world, as_user):
    criminal = world["criminal"]
    client = as_user(world["investigator"])
    response = client.post(criminal_url(criminal), {"action": "move", "move-to_status": "investigation"})
    assert response.status_code == 302
    criminal.refresh_from_db()
    assert criminal.status == CriminalStatus.INVESTIGATION
    response = client.post(criminal_url(criminal), {"action": "move", "move-to_status": "closed"})
    assert response.status_code == 200
    criminal.refresh_from_db()
    assert criminal.status == CriminalStatus.INVESTIGATION


def test_protected_participant_is_not_named(world, as_user):
    record = make_record(organization=world["police_a"], family_name="Secretwitness")
    case_services.participant_add(
        actor=None,
        case=world["criminal"],
        person=record.person,
        record=record,
        procedural_role="witness",
        protected_identity=True,
    )
    html = as_user(world["investigator"]).get(criminal_url(world["criminal"])).content.decode()
    assert "Secretwitness" not in html


@pytest.mark.django_db
def test_criminal_case_and_person_pages_link_to_the_network_chart_for_investigators(client):
    from senim.core.roles import Role
    from senim.core.testing.factories import make_criminal_case

    unit = make_organization(kind="police")
    investigator = make_user(Role.INVESTIGATOR, organization=unit)
    case = make_criminal_case(unit=unit)
    person = make_record(organization=unit).person
    case_services.participant_add(
        actor=None, case=case, person=person, procedural_role="accused", chain_role="organizer"
    )
    client.force_login(investigator)
    page = client.get(reverse("web:criminal_case_detail", args=[case.pk])).content.decode()
    assert reverse("network:case", args=[case.pk]) in page
    page = client.get(reverse("web:person_detail", args=[person.pk])).content.decode()
    assert reverse("network:person", args=[person.pk]) in page


# --- registering a criminal case and recording outcomes ------------------------------------------------


def test_an_investigator_registers_a_criminal_case_for_their_unit(world, as_user):
    client = as_user(world["investigator"])
    assert reverse("web:criminal_case_create") in client.get(reverse("web:criminal_case_list")).content.decode()
    form = client.get(reverse("web:criminal_case_create")).content.decode()
    assert 'type="checkbox" name="articles" value="cc.128"' in form
    response = client.post(
        reverse("web:criminal_case_create"),
        {
            "registry_number": "262700031000123",
            "region": Region.SHYMKENT,
            "articles": ["cc.128", "cc.309"],
            "opened_on": "2026-11-02",
            "summary": "Recruiter from the bus station",
        },
    )
    case = CriminalCase.objects.get(registry_number="262700031000123")
    assert response.status_code == 302 and response["Location"] == criminal_url(case)
    assert (case.unit, case.investigator, case.articles) == (
        world["police_a"],
        world["investigator"],
        ["cc.128", "cc.309"],
    )
    assert case.opened_on == date(2026, 11, 2) and case.status == CriminalStatus.REGISTERED
    assert AuditEvent.objects.filter(action="criminal_case.create", target_id=str(case.pk)).exists()
    # The unit's other officers see it; another unit does not.
    assert as_user(world["other_investigator"]).get(criminal_url(case)).status_code == 404


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("registry_number", "12 34"),
        ("registry_number", "12345"),
        ("articles", "cc.9999"),
        ("articles", ""),
        ("region", "mars"),
    ],
)
def test_a_bad_criminal_case_form_says_which_field_and_saves_nothing(world, as_user, field, value):
    data = {"registry_number": "262700031000124", "region": Region.SHYMKENT, "articles": ["cc.128"]}
    data[field] = value
    response = as_user(world["investigator"]).post(reverse("web:criminal_case_create"), data)
    assert response.status_code == 200
    assert 'class="field field--error"' in response.content.decode()
    assert not CriminalCase.objects.filter(registry_number="262700031000124").exists()


def test_a_registry_number_already_taken_is_a_field_error(world, as_user):
    data = {"registry_number": world["criminal"].registry_number, "region": Region.SHYMKENT, "articles": ["cc.128"]}
    response = as_user(world["investigator"]).post(reverse("web:criminal_case_create"), data)
    assert response.status_code == 200 and "field--error" in response.content.decode()
    assert CriminalCase.objects.filter(registry_number=world["criminal"].registry_number).count() == 1


def test_the_outcome_of_a_pending_charge_is_recorded_on_the_case_page(world, as_user):
    suspect = _participant(world)
    charge = case_services.charge_add(actor=None, participant=suspect, article_key="cc.128")
    client = as_user(world["investigator"])
    page = client.get(criminal_url(world["criminal"])).content.decode()
    assert 'id="record-outcome"' in page and str(charge.pk) in page
    response = client.post(
        criminal_url(world["criminal"]),
        {
            "action": "outcome",
            "outcome-charge": str(charge.pk),
            "outcome-outcome": "convicted",
            "outcome-sentence": "9 years",
            "outcome-decided_on": "2026-11-20",
        },
    )
    assert response.status_code == 302
    charge.refresh_from_db()
    assert (charge.outcome, charge.sentence, charge.decided_on) == ("convicted", "9 years", date(2026, 11, 20))
    assert 'id="record-outcome"' not in client.get(criminal_url(world["criminal"])).content.decode()  # none pending


def test_an_administrative_penalty_on_a_criminal_charge_is_not_recorded_alone(world, as_user):
    suspect = _participant(world)
    charge = case_services.charge_add(actor=None, participant=suspect, article_key="cc.128")
    response = as_user(world["investigator"]).post(
        criminal_url(world["criminal"]),
        {"action": "outcome", "outcome-charge": str(charge.pk), "outcome-outcome": "administrative_penalty"},
    )
    assert response.status_code == 200 and "field--error" in response.content.decode()
    charge.refresh_from_db()
    assert charge.outcome == "pending"


def test_an_outcome_for_a_charge_of_another_case_is_refused(world, as_user):
    other = make_criminal_case(unit=world["police_a"], investigator=world["investigator"])
    stranger = case_services.participant_add(
        actor=None, case=other, person=make_record().person, procedural_role="suspect"
    )
    foreign = case_services.charge_add(actor=None, participant=stranger, article_key="cc.128")
    mine = case_services.charge_add(actor=None, participant=_participant(world), article_key="cc.128")
    response = as_user(world["investigator"]).post(
        criminal_url(world["criminal"]),
        {"action": "outcome", "outcome-charge": str(foreign.pk), "outcome-outcome": "convicted"},
    )
    assert response.status_code == 200 and "field--error" in response.content.decode()  # not one of the choices
    foreign.refresh_from_db()
    mine.refresh_from_db()
    assert foreign.outcome == mine.outcome == "pending"


def test_a_case_without_pending_charges_has_no_outcome_form_to_post_to(world, as_user):
    _participant(world)
    response = as_user(world["investigator"]).post(
        criminal_url(world["criminal"]), {"action": "outcome", "outcome-outcome": "convicted"}
    )
    assert response.status_code == 403

"""The cases app's four-eyes steps: refused alone through service, API and page; performed by approval."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from senim.cases import services
from senim.cases.models import (
    AssistanceCase,
    Charge,
    CriminalCase,
    CriminalCaseStatusChange,
)
from senim.core.approvals import services as approvals
from senim.core.approvals.models import ApprovalRequest, ApprovalStatus
from senim.core.models import AuditEvent, OrganizationKind
from senim.core.testing.factories import (
    make_assistance_case,
    make_criminal_case,
    make_organization,
    make_record,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world():
    ngo = make_organization(kind=OrganizationKind.NGO)
    police = make_organization(kind=OrganizationKind.POLICE)
    office = make_organization(kind=OrganizationKind.PROSECUTOR)
    w = {
        "caseworker": make_user("ngo_caseworker", organization=ngo),
        "colleague": make_user("ngo_caseworker", organization=ngo),
        "investigator": make_user("investigator", organization=police),
        "unit_colleague": make_user("investigator", organization=police),
        "prosecutor": make_user("prosecutor", organization=office),
        "other_investigator": make_user("investigator"),
        "coordinator": make_user("coordinator"),
    }
    case = make_assistance_case(lead_organization=ngo)
    w["case"] = services.assistance_case_transition(actor=None, case=case, to_status="screening")
    criminal = make_criminal_case(unit=police, prosecutor_office=office, investigator=w["investigator"])
    w["criminal"] = services.criminal_case_transition(actor=None, case=criminal, to_status="investigation")
    accused = make_record(organization=police, family_name="Organizerov")
    victim = make_record(organization=police, family_name="Victimova")
    w["accused"] = services.participant_add(
        actor=None, case=criminal, person=accused.person, procedural_role="accused", chain_role="organizer"
    )
    w["victim"] = services.participant_add(actor=None, case=criminal, person=victim.person, procedural_role="victim")
    w["charge"] = services.charge_add(actor=None, participant=w["accused"], article_key="cc.128")
    return w


def status(model, obj):
    return model.objects.get(pk=obj.pk).status


# --- service -----------------------------------------------------------------------------------------


def test_not_victim_alone_is_refused_with_a_field_message(world):
    with pytest.raises(ValidationError) as error:
        services.assistance_case_transition(actor=world["caseworker"], case=world["case"], to_status="not_victim")
    assert "to_status" in error.value.message_dict
    assert status(AssistanceCase, world["case"]) == "screening"
    # Other moves need no approval; the system actor (seed loader) needs none either.
    services.assistance_case_transition(actor=world["caseworker"], case=world["case"], to_status="presumed_victim")
    services.assistance_case_transition(actor=None, case=world["case"], to_status="not_victim")
    assert status(AssistanceCase, world["case"]) == "not_victim"


def test_an_approval_for_another_step_or_record_does_not_open_the_door(world):
    other = make_assistance_case(lead_organization=world["case"].lead_organization)
    services.assistance_case_transition(actor=None, case=other, to_status="screening")
    approval = approvals.approval_request(
        actor=world["caseworker"], action=services.NOT_VICTIM_ACTION, target=world["case"], reason="r"
    )
    with pytest.raises(ValidationError):  # pending, not approved
        services.assistance_case_transition(
            actor=world["caseworker"], case=world["case"], to_status="not_victim", approval=approval
        )
    approval.status = ApprovalStatus.APPROVED  # as inside the approving transaction
    approval.decided_by = world["colleague"]
    with pytest.raises(ValidationError):  # another case
        services.assistance_case_transition(
            actor=world["caseworker"], case=other, to_status="not_victim", approval=approval
        )
    approval.decided_by = world["caseworker"]
    with pytest.raises(ValidationError):  # approved by the requester
        services.assistance_case_transition(
            actor=world["caseworker"], case=world["case"], to_status="not_victim", approval=approval
        )
    assert status(AssistanceCase, other) == "screening" and status(AssistanceCase, world["case"]) == "screening"


@pytest.mark.parametrize("to_status", ["closed", "terminated"])
def test_closing_or_terminating_a_criminal_case_alone_is_refused(world, to_status):
    criminal = world["criminal"]
    if to_status == "closed":
        for step in ("indictment", "trial", "verdict"):
            services.criminal_case_transition(actor=world["investigator"], case=criminal, to_status=step)
    with pytest.raises(ValidationError) as error:
        services.criminal_case_transition(actor=world["investigator"], case=criminal, to_status=to_status)
    assert "to_status" in error.value.message_dict
    assert status(CriminalCase, criminal) != to_status
    approval = approvals.approval_request(
        actor=world["investigator"],
        action=services.CRIMINAL_CLOSE_ACTION,
        target=criminal,
        reason="No prospect of conviction",
        params={"to_status": to_status},
    )
    # The supervising prosecutor approves; no investigator can, not even a colleague of the same unit
    # who sees the case.
    assert CriminalCase.objects.filter(pk=criminal.pk, unit=world["unit_colleague"].organization).exists()
    for investigator in (world["unit_colleague"], world["other_investigator"]):
        with pytest.raises(PermissionDenied):
            approvals.approval_approve(actor=investigator, approval=approval)
    approvals.approval_approve(actor=world["prosecutor"], approval=approval)
    assert status(CriminalCase, criminal) == to_status
    change = CriminalCaseStatusChange.objects.get(case=criminal, to_status=to_status)
    assert change.changed_by == world["investigator"] and change.approved_by == world["prosecutor"]


def test_criminal_close_request_checks_its_params(world):
    with pytest.raises(ValidationError) as error:
        approvals.approval_request(
            actor=world["investigator"],
            action=services.CRIMINAL_CLOSE_ACTION,
            target=world["criminal"],
            reason="r",
            params={"to_status": "trial"},
        )
    assert "to_status" in error.value.message_dict
    with pytest.raises(ValidationError) as error:  # investigation → closed is not in the pipeline
        approvals.approval_request(
            actor=world["investigator"],
            action=services.CRIMINAL_CLOSE_ACTION,
            target=world["criminal"],
            reason="r",
            params={"to_status": "closed"},
        )
    assert "to_status" in error.value.message_dict
    assert not ApprovalRequest.objects.exists()


def test_charge_downgrade_needs_approval_and_upgrade_does_not(world):
    charge = world["charge"]
    with pytest.raises(ValidationError) as error:
        services.charge_reclassify(actor=world["investigator"], charge=charge, article_key="aoc.517")
    assert "article" in error.value.message_dict
    assert Charge.objects.get(pk=charge.pk).article == "cc.128"
    # Within the criminal code: no approval.
    services.charge_reclassify(actor=world["investigator"], charge=charge, article_key="cc.309")
    assert Charge.objects.get(pk=charge.pk).article == "cc.309"
    approval = approvals.approval_request(
        actor=world["investigator"],
        action=services.CHARGE_DOWNGRADE_ACTION,
        target=charge,
        reason="Evidence supports only the migration offence",
        params={"article": "aoc.518"},
    )
    with pytest.raises(PermissionDenied):  # a fellow investigator is not the procedural supervisor
        approvals.approval_approve(actor=world["unit_colleague"], approval=approval)
    assert Charge.objects.get(pk=charge.pk).article == "cc.309"
    approvals.approval_approve(actor=world["prosecutor"], approval=approval)
    assert Charge.objects.get(pk=charge.pk).article == "aoc.518"
    event = AuditEvent.objects.filter(action="charge.reclassify", extra__downgrade=True).get()
    assert event.actor == world["investigator"] and event.extra["approved_by"] == str(world["prosecutor"].pk)
    # Upgrade back to a criminal article: no approval.
    services.charge_reclassify(actor=world["investigator"], charge=charge, article_key="cc.128")
    assert Charge.objects.get(pk=charge.pk).article == "cc.128"
    # A request that is not a downgrade is refused with a field message.
    with pytest.raises(ValidationError) as error:
        approvals.approval_request(
            actor=world["investigator"],
            action=services.CHARGE_DOWNGRADE_ACTION,
            target=charge,
            reason="r",
            params={"article": "cc.125"},
        )
    assert "article" in error.value.message_dict


def test_victims_are_not_upgraded_to_criminal_articles(world):
    charge = services.charge_add(actor=None, participant=world["victim"], article_key="aoc.517")
    with pytest.raises(ValidationError):
        services.charge_reclassify(actor=world["investigator"], charge=charge, article_key="cc.128")
    with pytest.raises(ValidationError):
        services.charge_reclassify(actor=world["investigator"], charge=charge, article_key="aoc.517")


def test_administrative_penalty_on_a_criminal_charge_needs_approval(world):
    charge = world["charge"]
    with pytest.raises(ValidationError) as error:
        services.charge_set_outcome(actor=world["investigator"], charge=charge, outcome="administrative_penalty")
    assert "outcome" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.charge_add(
            actor=world["investigator"],
            participant=world["accused"],
            article_key="cc.125",
            outcome="administrative_penalty",
        )
    assert "outcome" in error.value.message_dict
    assert Charge.objects.get(pk=charge.pk).outcome == "pending"
    services.charge_set_outcome(actor=world["investigator"], charge=charge, outcome="convicted", sentence="9 years")
    approval = approvals.approval_request(
        actor=world["investigator"],
        action=services.ADMINISTRATIVE_PENALTY_ACTION,
        target=charge,
        reason="Court ruling",
        params={"sentence": "fine", "decided_on": "2026-10-01"},
    )
    approvals.approval_approve(actor=world["prosecutor"], approval=approval)
    charge.refresh_from_db()
    assert (charge.outcome, charge.sentence, str(charge.decided_on)) == ("administrative_penalty", "fine", "2026-10-01")
    # On an administrative article it is ordinary.
    admin = services.charge_add(actor=world["investigator"], participant=world["victim"], article_key="aoc.517")
    services.charge_set_outcome(actor=world["investigator"], charge=admin, outcome="administrative_penalty")


# --- API ---------------------------------------------------------------------------------------------


def test_api_refuses_the_lone_steps_with_field_messages(world, api_as):
    caseworker = api_as(world["caseworker"])
    response = caseworker.post(
        f"/api/v1/assistance-cases/{world['case'].pk}/transition/", {"to_status": "not_victim"}, format="json"
    )
    assert response.status_code == 400 and "to_status" in response.json()["extra"]["fields"]
    assert status(AssistanceCase, world["case"]) == "screening"
    investigator = api_as(world["investigator"])
    response = investigator.post(
        f"/api/v1/criminal-cases/{world['criminal'].pk}/transition/", {"to_status": "terminated"}, format="json"
    )
    assert response.status_code == 400 and "to_status" in response.json()["extra"]["fields"]
    assert status(CriminalCase, world["criminal"]) == "investigation"
    charge = world["charge"]
    response = investigator.post(f"/api/v1/charges/{charge.pk}/reclassify/", {"article": "aoc.517"}, format="json")
    assert response.status_code == 400 and "article" in response.json()["extra"]["fields"]
    response = investigator.post(
        f"/api/v1/charges/{charge.pk}/outcome/", {"outcome": "administrative_penalty"}, format="json"
    )
    assert response.status_code == 400 and "outcome" in response.json()["extra"]["fields"]
    assert Charge.objects.get(pk=charge.pk).article == "cc.128"


def test_api_charge_routes(world, api_as):
    charge = world["charge"]
    investigator = api_as(world["investigator"])
    response = investigator.post(f"/api/v1/charges/{charge.pk}/reclassify/", {"article": "cc.309"}, format="json")
    assert response.status_code == 200 and response.json()["article"] == "cc.309"
    response = investigator.post(
        f"/api/v1/charges/{charge.pk}/outcome/", {"outcome": "convicted", "sentence": "7 years"}, format="json"
    )
    assert response.status_code == 200 and response.json()["outcome"] == "convicted"
    bad = investigator.post(f"/api/v1/charges/{charge.pk}/reclassify/", {"article": "cc.999"}, format="json")
    assert bad.status_code == 400 and "article" in bad.json()["extra"]["fields"]
    bad = investigator.post(f"/api/v1/charges/{charge.pk}/outcome/", {"decided_on": "soon"}, format="json")
    assert bad.status_code == 400 and {"outcome", "decided_on"} <= set(bad.json()["extra"]["fields"])
    outsider = api_as(world["other_investigator"])
    response = outsider.post(f"/api/v1/charges/{charge.pk}/reclassify/", {"article": "cc.128"}, format="json")
    assert response.status_code == 404
    assert Charge.objects.get(pk=charge.pk).article == "cc.309"


def test_api_request_and_approve_a_termination(world, api_as):
    response = api_as(world["investigator"]).post(
        "/api/v1/approvals/",
        {
            "action": services.CRIMINAL_CLOSE_ACTION,
            "target": str(world["criminal"].pk),
            "reason": "Suspect deceased",
            "params": {"to_status": "terminated"},
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    approval_id = response.json()["id"]
    outsider = api_as(world["other_investigator"])
    assert outsider.post(f"/api/v1/approvals/{approval_id}/approve/", {}, format="json").status_code == 404
    assert status(CriminalCase, world["criminal"]) == "investigation"
    done = api_as(world["prosecutor"]).post(f"/api/v1/approvals/{approval_id}/approve/", {}, format="json")
    assert done.status_code == 200
    assert status(CriminalCase, world["criminal"]) == "terminated"
    assert ApprovalRequest.objects.get(pk=approval_id).status == ApprovalStatus.APPROVED


# --- pages -------------------------------------------------------------------------------------------


def test_case_page_turns_not_victim_into_a_request(world, client):
    url = reverse("web:case_detail", args=[world["case"].pk])
    client.force_login(world["caseworker"])
    page = client.get(url).content.decode()
    assert "not_victim" in page
    refused = client.post(url, {"move-to_status": "not_victim", "move-reason": ""})
    assert refused.status_code == 200  # the reason is required: the form says so
    assert not ApprovalRequest.objects.exists()
    response = client.post(url, {"move-to_status": "not_victim", "move-reason": "No indicators at all"})
    assert response.status_code == 302
    assert status(AssistanceCase, world["case"]) == "screening"
    approval = ApprovalRequest.objects.get()
    assert approval.requested_by == world["caseworker"] and approval.reason == "No indicators at all"
    page = client.get(url).content.decode()
    assert "No indicators at all" in page  # the pending request shows on the case
    client.force_login(world["colleague"])
    client.post(reverse("approvals:decide", args=[approval.pk]), {"decision": "approve"})
    assert status(AssistanceCase, world["case"]) == "not_victim"


def test_criminal_case_page_turns_termination_into_a_request(world, client):
    url = reverse("web:criminal_case_detail", args=[world["criminal"].pk])
    client.force_login(world["investigator"])
    response = client.post(url, {"action": "move", "move-to_status": "terminated", "move-reason": "Deceased"})
    assert response.status_code == 302
    assert status(CriminalCase, world["criminal"]) == "investigation"
    assert ApprovalRequest.objects.get().params == {"to_status": "terminated", "from_status": "investigation"}
    assert "Deceased" in client.get(url).content.decode()
    again = client.post(url, {"action": "move", "move-to_status": "terminated", "move-reason": "Again"})
    assert again.status_code == 200 and ApprovalRequest.objects.count() == 1


def test_criminal_case_page_links_charge_downgrades_to_a_request(world, client):
    client.force_login(world["investigator"])
    page = client.get(reverse("web:criminal_case_detail", args=[world["criminal"].pk])).content.decode()
    url = reverse("approvals:request", args=[services.CHARGE_DOWNGRADE_ACTION, world["charge"].pk])
    assert url in page
    form = client.get(url).content.decode()
    assert "aoc.517" in form and "cc.309" not in form  # only administrative articles are offered
    assert client.post(url, {"article": "aoc.517", "reason": "Only the migration offence is proven"}).status_code == 302
    assert Charge.objects.get(pk=world["charge"].pk).article == "cc.128"
    approval = ApprovalRequest.objects.get(action=services.CHARGE_DOWNGRADE_ACTION)
    client.force_login(world["prosecutor"])
    client.post(reverse("approvals:decide", args=[approval.pk]), {"decision": "approve"})
    assert Charge.objects.get(pk=world["charge"].pk).article == "aoc.517"
    client.force_login(world["coordinator"])  # sees the case, may not manage charges
    assert client.get(url).status_code == 403


def test_the_administrative_penalty_request_page_asks_for_the_penalty_and_its_date(world, client):
    client.force_login(world["investigator"])
    url = reverse("approvals:request", args=[services.ADMINISTRATIVE_PENALTY_ACTION, world["charge"].pk])
    form = client.get(url).content.decode()
    assert 'name="sentence"' in form and 'name="decided_on"' in form and 'type="date"' in form
    bad = client.post(url, {"sentence": "Fine", "decided_on": "31.02.2026", "reason": "Court decision"})
    assert bad.status_code == 200 and not ApprovalRequest.objects.exists()  # the field error, nothing stored
    too_long = client.post(url, {"sentence": "x" * 201, "decided_on": "", "reason": "Court decision"})
    assert too_long.status_code == 200 and not ApprovalRequest.objects.exists()
    sent = client.post(url, {"sentence": "Fine of 100 MCI", "decided_on": "2026-11-20", "reason": "Court decision"})
    assert sent.status_code == 302
    approval = ApprovalRequest.objects.get(action=services.ADMINISTRATIVE_PENALTY_ACTION)
    assert approval.params["sentence"] == "Fine of 100 MCI" and approval.params["decided_on"] == "2026-11-20"
    assert Charge.objects.get(pk=world["charge"].pk).outcome != "administrative_penalty"
    client.force_login(world["prosecutor"])
    client.post(reverse("approvals:decide", args=[approval.pk]), {"decision": "approve"})
    charge = Charge.objects.get(pk=world["charge"].pk)
    assert (charge.outcome, charge.sentence, charge.decided_on) == (
        "administrative_penalty",
        "Fine of 100 MCI",
        date(2026, 11, 20),
    )

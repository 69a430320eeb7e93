"""Four-eyes approvals: the shared mechanism in senim.core (services, selectors, API, pages)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from senim.cases import services as case_services
from senim.cases.models import AssistanceCase, AssistanceCaseStatusChange
from senim.core.approvals import registry, selectors, services
from senim.core.approvals.models import ApprovalRequest, ApprovalStatus
from senim.core.models import AuditEvent, OrganizationKind
from senim.core.pipeline import InvalidTransitionError
from senim.core.testing.factories import make_assistance_case, make_organization, make_user

pytestmark = pytest.mark.django_db

NOT_VICTIM = case_services.NOT_VICTIM_ACTION


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world():
    ngo = make_organization(kind=OrganizationKind.NGO, name="NGO A")
    other_ngo = make_organization(kind=OrganizationKind.NGO, name="NGO B")
    w = {
        "ngo": ngo,
        "requester": make_user("ngo_caseworker", organization=ngo),
        "colleague": make_user("ngo_caseworker", organization=ngo),
        "outsider": make_user("ngo_caseworker", organization=other_ngo),
        "coordinator": make_user("coordinator"),
        "auditor": make_user("auditor"),
        "analyst": make_user("analyst"),
    }
    case = make_assistance_case(lead_organization=ngo)
    w["case"] = case_services.assistance_case_transition(actor=None, case=case, to_status="screening")
    return w


def request_not_victim(world, reason="Interview shows no indicator of exploitation."):
    return services.approval_request(actor=world["requester"], action=NOT_VICTIM, target=world["case"], reason=reason)


def status_of(case):
    return AssistanceCase.objects.get(pk=case.pk).status


# --- services ----------------------------------------------------------------------------------------


def test_request_then_second_person_approves_and_the_step_is_taken_once(world):
    approval = request_not_victim(world)
    assert approval.status == ApprovalStatus.PENDING and approval.params == {
        "to_status": "not_victim",
        "from_status": "screening",
    }
    assert status_of(world["case"]) == "screening"
    approved = services.approval_approve(actor=world["colleague"], approval=approval, note="agreed")
    assert approved.status == ApprovalStatus.APPROVED and approved.performed_at is not None
    assert status_of(world["case"]) == "not_victim"
    change = AssistanceCaseStatusChange.objects.filter(case=world["case"], to_status="not_victim").get()
    assert change.changed_by == world["requester"] and change.approved_by == world["colleague"]
    assert change.reason == "Interview shows no indicator of exploitation."
    event = AuditEvent.objects.filter(action="assistance_case.transition", extra__to="not_victim").get()
    assert event.actor == world["requester"]
    assert event.extra["approved_by"] == str(world["colleague"].pk)
    assert event.extra["requested_by"] == str(world["requester"].pk)
    assert event.extra["approval"] == str(approval.pk)
    assert AuditEvent.objects.filter(action="approval.approve", target_id=str(approval.pk)).count() == 1
    # Exactly once: approving again is refused and nothing more happens.
    with pytest.raises(ValidationError):
        services.approval_approve(actor=world["coordinator"], approval=approval)
    assert AssistanceCaseStatusChange.objects.filter(case=world["case"], to_status="not_victim").count() == 1


def test_the_requester_cannot_approve_their_own_request(world):
    approval = request_not_victim(world)
    with pytest.raises(PermissionDenied):
        services.approval_approve(actor=world["requester"], approval=approval)
    approval.refresh_from_db()
    assert approval.status == ApprovalStatus.PENDING and status_of(world["case"]) == "screening"


@pytest.mark.parametrize("who", ["outsider", "auditor", "analyst"])
def test_without_the_permission_or_the_record_in_scope_nobody_approves(world, who):
    approval = request_not_victim(world)
    with pytest.raises(PermissionDenied):
        services.approval_approve(actor=world[who], approval=approval)
    with pytest.raises(PermissionDenied):
        services.approval_reject(actor=world[who], approval=approval, note="no")
    approval.refresh_from_db()
    assert approval.status == ApprovalStatus.PENDING and status_of(world["case"]) == "screening"
    assert not AuditEvent.objects.filter(action__in=["approval.approve", "approval.reject"]).exists()


def test_rejected_withdrawn_and_expired_requests_do_nothing(world):
    rejected = request_not_victim(world)
    with pytest.raises(ValidationError) as error:
        services.approval_reject(actor=world["colleague"], approval=rejected, note="")
    assert "note" in error.value.message_dict
    services.approval_reject(actor=world["colleague"], approval=rejected, note="Screening is not finished.")
    with pytest.raises(ValidationError):
        services.approval_approve(actor=world["coordinator"], approval=rejected)

    withdrawn = request_not_victim(world)
    with pytest.raises(PermissionDenied):
        services.approval_withdraw(actor=world["colleague"], approval=withdrawn)
    services.approval_withdraw(actor=world["requester"], approval=withdrawn)
    with pytest.raises(ValidationError):
        services.approval_approve(actor=world["colleague"], approval=withdrawn)

    expired = request_not_victim(world)
    later = timezone.now() + timedelta(days=8)
    with pytest.raises(ValidationError) as error:
        services.approval_approve(actor=world["colleague"], approval=expired, now=later)
    assert "approval" in error.value.message_dict
    expired.refresh_from_db()
    assert expired.status == ApprovalStatus.EXPIRED
    assert status_of(world["case"]) == "screening"
    assert [r.status for r in ApprovalRequest.objects.order_by("created_at")] == ["rejected", "withdrawn", "expired"]
    assert AuditEvent.objects.filter(action="approval.expire").count() == 1


def test_stale_requests_expire_in_bulk_and_make_room_for_a_new_one(world):
    first = request_not_victim(world)
    assert services.approval_expire_stale(now=timezone.now() + timedelta(days=1)) == 0
    assert services.approval_expire_stale(now=timezone.now() + timedelta(days=8)) == 1
    first.refresh_from_db()
    assert first.status == ApprovalStatus.EXPIRED
    second = request_not_victim(world)
    assert second.status == ApprovalStatus.PENDING


def test_a_pending_request_is_not_duplicated_and_bad_requests_say_which_field(world):
    request_not_victim(world)
    with pytest.raises(ValidationError) as error:
        request_not_victim(world)
    assert "action" in error.value.message_dict
    assert ApprovalRequest.objects.count() == 1
    with pytest.raises(ValidationError) as error:
        services.approval_request(actor=world["colleague"], action=NOT_VICTIM, target=world["case"], reason="  ")
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.approval_request(actor=world["colleague"], action="nope", target=world["case"], reason="x")
    assert "action" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.approval_request(actor=world["outsider"], action=NOT_VICTIM, target=world["case"], reason="x")
    assert "target" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.approval_request(actor=world["auditor"], action=NOT_VICTIM, target=world["case"], reason="x")


def test_a_step_no_longer_possible_fails_on_approval_and_stays_pending(world):
    approval = request_not_victim(world)
    case_services.assistance_case_transition(actor=None, case=world["case"], to_status="presumed_victim")
    case_services.assistance_case_transition(actor=None, case=world["case"], to_status="identified_victim")
    with pytest.raises(InvalidTransitionError):  # identified_victim → not_victim is not in the pipeline
        services.approval_approve(actor=world["colleague"], approval=approval)
    approval.refresh_from_db()
    assert approval.status == ApprovalStatus.PENDING and approval.performed_at is None
    assert status_of(world["case"]) == "identified_victim"


def test_selectors_show_what_awaits_me_and_what_i_asked(world):
    approval = request_not_victim(world)
    assert list(selectors.approval_awaiting(world["colleague"])) == [approval]
    assert list(selectors.approval_awaiting(world["coordinator"])) == [approval]
    assert list(selectors.approval_awaiting(world["requester"])) == []
    assert list(selectors.approval_awaiting(world["outsider"])) == []
    assert list(selectors.approval_awaiting(world["auditor"])) == []
    assert list(selectors.approval_mine(world["requester"])) == [approval]
    assert selectors.approval_get(world["requester"], approval.pk) == approval
    from django.http import Http404

    with pytest.raises(Http404):
        selectors.approval_get(world["outsider"], approval.pk)
    with pytest.raises(Http404):
        selectors.approval_get(world["colleague"], "not-a-uuid")


def test_every_declared_action_is_registered():
    assert set(registry.actions()) >= {
        "cases.assistance_not_victim",
        "cases.criminal_close",
        "cases.charge_downgrade",
        "cases.charge_administrative_penalty",
        "people.export_person",
    }


def test_the_reason_is_encrypted_at_rest(world):
    from django.db import connection

    approval = request_not_victim(world, reason="Secretname Witnessova is not a victim")
    with connection.cursor() as cursor:
        cursor.execute("SELECT reason FROM core_approvalrequest WHERE id = %s", [approval.pk.hex])
        row = cursor.fetchone()
        if row is None:
            cursor.execute("SELECT reason FROM core_approvalrequest WHERE id = %s", [str(approval.pk)])
            row = cursor.fetchone()
    assert row is not None and "Secretname" not in row[0]


# --- API ---------------------------------------------------------------------------------------------


def test_api_request_approve_and_the_list_boxes(world, api_as):
    url = "/api/v1/approvals/"
    requester = api_as(world["requester"])
    response = requester.post(
        url, {"action": NOT_VICTIM, "target": str(world["case"].pk), "reason": "no indicators"}, format="json"
    )
    assert response.status_code == 201, response.json()
    approval_id = response.json()["id"]
    assert response.json()["status"] == "pending" and response.json()["is_mine"] is True
    assert requester.get(url, {"box": "mine"}).json()["count"] == 1
    assert requester.get(url).json()["count"] == 0
    own = requester.post(f"{url}{approval_id}/approve/", {}, format="json")
    assert own.status_code == 403 and set(own.json()) == {"message", "extra"}
    assert status_of(world["case"]) == "screening"

    colleague = api_as(world["colleague"])
    listed = colleague.get(url).json()
    assert listed["count"] == 1 and listed["results"][0]["can_decide"] is True
    assert listed["results"][0]["reason"] == "no indicators"
    done = colleague.post(f"{url}{approval_id}/approve/", {"note": "ok"}, format="json")
    assert done.status_code == 200 and done.json()["status"] == "approved"
    assert status_of(world["case"]) == "not_victim"
    again = colleague.post(f"{url}{approval_id}/approve/", {}, format="json")
    assert again.status_code == 400 and "approval" in again.json()["extra"]["fields"]


@pytest.mark.parametrize("who", ["outsider", "auditor", "analyst"])
def test_api_out_of_scope_or_without_permission_answers_404_and_nothing_changes(world, api_as, who):
    approval = request_not_victim(world)
    client = api_as(world[who])
    for verb in ("approve", "reject", "withdraw"):
        response = client.post(f"/api/v1/approvals/{approval.pk}/{verb}/", {"note": "x"}, format="json")
        assert response.status_code == 404, (verb, response.json())
    assert client.get(f"/api/v1/approvals/{approval.pk}/").status_code == 404
    approval.refresh_from_db()
    assert approval.status == ApprovalStatus.PENDING and status_of(world["case"]) == "screening"


def test_api_bad_input_answers_400_with_field_messages(world, api_as):
    client = api_as(world["requester"])
    response = client.post("/api/v1/approvals/", {"action": "nope", "target": "x", "reason": ""}, format="json")
    assert response.status_code == 400
    assert {"action", "target", "reason"} <= set(response.json()["extra"]["fields"])
    response = client.post(
        "/api/v1/approvals/",
        {"action": "cases.criminal_close", "target": str(world["case"].pk), "reason": "x"},
        format="json",
    )
    assert response.status_code == 403  # a caseworker does not manage criminal cases
    missing = client.post(
        "/api/v1/approvals/",
        {"action": NOT_VICTIM, "target": "00000000-0000-0000-0000-000000000000", "reason": "x"},
        format="json",
    )
    assert missing.status_code == 404
    approval = request_not_victim(world)
    reject = api_as(world["colleague"]).post(f"/api/v1/approvals/{approval.pk}/reject/", {}, format="json")
    assert reject.status_code == 400 and "note" in reject.json()["extra"]["fields"]
    assert client.get("/api/v1/approvals/", {"box": "everything"}).status_code == 400
    assert client.get("/api/v1/approvals/not-a-uuid/").status_code == 404


def test_api_withdraw_by_requester(world, api_as):
    approval = request_not_victim(world)
    response = api_as(world["requester"]).post(f"/api/v1/approvals/{approval.pk}/withdraw/", {}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"
    response = api_as(world["colleague"]).post(f"/api/v1/approvals/{approval.pk}/approve/", {}, format="json")
    assert response.status_code == 400
    assert status_of(world["case"]) == "screening"


# --- pages -------------------------------------------------------------------------------------------


def test_approvals_page_lists_and_decides(world, client):
    approval = request_not_victim(world)
    client.force_login(world["colleague"])
    page = client.get(reverse("approvals:list"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "no indicator of exploitation" in body and world["case"].number in body
    assert "<script>" not in body and 'style="' not in body
    dashboard = client.get(reverse("web:dashboard")).content.decode()
    assert reverse("approvals:list") in dashboard and world["case"].number in dashboard
    response = client.post(reverse("approvals:decide", args=[approval.pk]), {"decision": "approve"})
    assert response.status_code == 302
    assert status_of(world["case"]) == "not_victim"


def test_approvals_page_refuses_self_approval_and_outsiders(world, client):
    approval = request_not_victim(world)
    client.force_login(world["requester"])
    assert world["case"].number in client.get(reverse("approvals:list")).content.decode()
    client.post(reverse("approvals:decide", args=[approval.pk]), {"decision": "approve"})
    approval.refresh_from_db()
    assert approval.status == ApprovalStatus.PENDING
    client.force_login(world["outsider"])
    response = client.post(reverse("approvals:decide", args=[approval.pk]), {"decision": "approve"})
    assert response.status_code == 404
    client.force_login(world["colleague"])
    client.post(reverse("approvals:decide", args=[approval.pk]), {"decision": "reject", "note": ""})
    approval.refresh_from_db()
    assert approval.status == ApprovalStatus.PENDING
    assert status_of(world["case"]) == "screening"


def test_the_page_in_russian_and_kazakh(world, client):
    request_not_victim(world)
    client.force_login(world["colleague"])
    for language, word in (("ru", "Одобрить"), ("kk", "Мақұлдау")):
        body = client.get(reverse("approvals:list"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert word in body, language


def test_the_worker_expires_stale_requests(world):
    from senim.core.models import Job
    from senim.core.worker import registered_kinds, run_job

    assert "approvals.expire" in registered_kinds()
    approval = request_not_victim(world)
    ApprovalRequest.objects.filter(pk=approval.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    job = run_job(Job.objects.create(kind="approvals.expire"))
    assert job.result == {"expired": 1}
    approval.refresh_from_db()
    assert approval.status == ApprovalStatus.EXPIRED


def test_a_record_the_requester_no_longer_sees_is_not_described_and_cannot_be_approved(world, api_as):
    approval = request_not_victim(world)
    requester = world["requester"]
    requester.organization = make_organization(kind=OrganizationKind.NGO)
    requester.save()
    data = api_as(requester).get(f"/api/v1/approvals/{approval.pk}/").json()
    assert data["summary"] == "" and data["reason"]
    with pytest.raises(ValidationError) as error:
        services.approval_approve(actor=world["colleague"], approval=approval)
    assert "approval" in error.value.message_dict
    assert status_of(world["case"]) == "screening"

"""Staff triage pages and API: the queue, one tip, actions, isolation (another organization gets 404 and
changes nothing), the attachment download, recipients."""

import pytest
from django.urls import reverse

from senim.core.models import AuditEvent
from senim.core.roles import Role
from senim.core.testing.factories import make_organization, make_user
from senim.tips.models import Tip, TipMessage, TipStatus
from tests.tips.conftest import submit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("base_template")]


def test_queue_and_detail_pages(client, ngo, ngo_worker):
    tip, _ = submit(recipient=ngo, immediate_danger=True)
    client.force_login(ngo_worker)
    response = client.get(reverse("tips:queue"))
    assert response.status_code == 200 and tip.reference in response.content.decode()
    response = client.get(reverse("tips:detail", kwargs={"tip_id": tip.pk}))
    html = response.content.decode()
    assert response.status_code == 200 and "Паспорта забрали" in html
    assert AuditEvent.objects.filter(action="tip.view", actor=ngo_worker, target_id=str(tip.pk)).exists()


def test_actions_through_pages(client, ngo, police, ngo_worker):
    tip, _ = submit(recipient=ngo)
    client.force_login(ngo_worker)
    url = lambda name: reverse(f"tips:{name}", kwargs={"tip_id": tip.pk})  # noqa: E731
    assert client.post(url("message"), {"body": "Уточните адрес"}).status_code == 302
    assert client.post(url("flags"), {"involves_child": "on"}).status_code == 302
    assert client.post(url("note"), {"note": "проверить"}).status_code == 302
    assert client.post(url("forward"), {"to_recipient": str(police.pk), "note": "полиция"}).status_code == 302
    assert client.post(url("assistance-case"), {"region": "almaty_city", "given_name": "Айгерим"}).status_code == 302
    assert client.post(url("status"), {"status": "closed"}).status_code == 302
    tip.refresh_from_db()
    assert tip.involves_child and tip.status == TipStatus.CLOSED and tip.staff_note == "проверить"
    assert tip.assistance_cases.count() == 1 and tip.forward_requests.count() == 1
    assert tip.recipient == ngo  # the forward waits for the reporter
    actions = set(AuditEvent.objects.filter(target_id=str(tip.pk)).values_list("action", flat=True))
    assert {"tip.message", "tip.flags", "tip.note", "tip.forward_request", "tip.create_assistance_case"} <= actions


def test_other_organization_gets_404_and_changes_nothing(client, ngo, other_worker, investigator):
    tip, _ = submit(recipient=ngo)
    for outsider in (other_worker, investigator):
        client.force_login(outsider)
        assert client.get(reverse("tips:detail", kwargs={"tip_id": tip.pk})).status_code == 404
        assert client.post(reverse("tips:message", kwargs={"tip_id": tip.pk}), {"body": "x"}).status_code == 404
        assert client.post(reverse("tips:status", kwargs={"tip_id": tip.pk}), {"status": "spam"}).status_code == 404
        assert tip.reference not in client.get(reverse("tips:queue")).content.decode()
    assert not TipMessage.objects.exists()
    assert Tip.objects.get(pk=tip.pk).status == TipStatus.NEW


def test_roles_without_the_permission_are_refused(client, ngo):
    submit(recipient=ngo)
    analyst = make_user(Role.ANALYST, organization=ngo.organization)
    client.force_login(analyst)
    assert client.get(reverse("tips:queue")).status_code == 403


def test_attachment_download_is_audited(client, ngo, ngo_worker):
    tip, _ = submit(recipient=ngo, files=[("a.txt", "склад №3".encode())])
    attachment = tip.attachments.get()
    client.force_login(ngo_worker)
    response = client.get(reverse("tips:attachment", kwargs={"tip_id": tip.pk, "attachment_id": attachment.pk}))
    assert response.status_code == 200 and response.content == "склад №3".encode()
    assert response["Content-Type"] == "text/plain"
    assert AuditEvent.objects.filter(action="tip.attachment_view").exists()


def test_recipients_page_register(client):
    coordinator = make_user(Role.COORDINATOR)
    organization = make_organization(kind="ngo", name="New NGO")
    client.force_login(coordinator)
    assert client.get(reverse("tips:recipients")).status_code == 200
    response = client.post(
        reverse("tips:recipients"),
        {"organization": str(organization.pk), "public_name": "New helpline", "is_active": "on"},
    )
    assert response.status_code == 302
    assert organization.tip_recipient.public_name == "New helpline"


# ------------------------------------------------------------------------------------------------- API


def test_api_list_detail_message_status(api_as, ngo, ngo_worker, other_worker):
    tip, _ = submit(recipient=ngo, involves_child=True)
    api = api_as(ngo_worker)
    listing = api.get(reverse("api:tips-list")).json()
    assert [row["id"] for row in listing["results"]] == [str(tip.pk)]
    detail = api.get(reverse("api:tips-detail", kwargs={"tip_id": tip.pk})).json()
    assert detail["what_happened"].startswith("Паспорта") and detail["involves_child"] is True
    response = api.post(reverse("api:tips-messages", kwargs={"tip_id": tip.pk}), {"body": "Вопрос"}, format="json")
    assert response.status_code == 201
    response = api.post(
        reverse("api:tips-flags", kwargs={"tip_id": tip.pk}),
        {"involves_child": True, "immediate_danger": True},
        format="json",
    )
    assert response.status_code == 200 and response.json()["immediate_danger"] is True
    response = api.post(reverse("api:tips-status", kwargs={"tip_id": tip.pk}), {"status": "spam"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "spam"
    other = api_as(other_worker)
    assert other.get(reverse("api:tips-list")).json()["results"] == []
    assert other.get(reverse("api:tips-detail", kwargs={"tip_id": tip.pk})).status_code == 404
    response = other.post(reverse("api:tips-status", kwargs={"tip_id": tip.pk}), {"status": "closed"}, format="json")
    assert response.status_code == 404
    assert Tip.objects.get(pk=tip.pk).status == TipStatus.SPAM


def test_api_recipients(api_as, ngo, ngo_worker):
    assert api_as(ngo_worker).get(reverse("api:tips-recipients")).status_code == 200
    response = api_as(ngo_worker).post(
        reverse("api:tips-recipients"), {"organization": str(ngo.organization_id)}, format="json"
    )
    assert response.status_code == 403
    admin = make_user(Role.ADMIN)
    organization = make_organization(kind="police")
    response = api_as(admin).post(reverse("api:tips-recipients"), {"organization": str(organization.pk)}, format="json")
    assert response.status_code == 201 and response.json()["kind"] == "police"
    auditor = make_user(Role.AUDITOR)
    assert api_as(auditor).get(reverse("api:tips-recipients")).status_code == 403

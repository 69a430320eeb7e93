"""Exporting a person's data: requested, approved by a second user, downloaded by the requester only,
within its window and uses, each download audited and counted by the insider-misuse report."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from senim.core.approvals import services as approvals
from senim.core.approvals.models import ApprovalRequest
from senim.core.misuse import Thresholds
from senim.core.misuse_report import misuse_report
from senim.core.models import AuditEvent, OrganizationKind
from senim.core.testing.factories import make_assistance_case, make_organization, make_record, make_user
from senim.people import services as people_services
from senim.people.export import EXPORT_ACTION, person_export_download

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world():
    ngo = make_organization(kind=OrganizationKind.NGO)
    record = make_record(
        organization=ngo,
        family_name="Exportova",
        given_name="Dilnoza",
        birth_date="1998-02-03",
        identifiers=[people_services.IdentifierInput("phone", "+998 90 111 22 33")],
    )
    case = make_assistance_case(lead_organization=ngo, record=record)
    return {
        "ngo": ngo,
        "record": record,
        "person": record.person,
        "case": case,
        "requester": make_user("ngo_caseworker", organization=ngo),
        "colleague": make_user("ngo_caseworker", organization=ngo),
        "outsider": make_user("ngo_caseworker"),
        "coordinator": make_user("coordinator"),
        "auditor": make_user("auditor"),
    }


def approved_export(world, file_format="csv"):
    approval = approvals.approval_request(
        actor=world["requester"],
        action=EXPORT_ACTION,
        target=world["person"],
        reason="Court asked for the dossier",
        params={"format": file_format},
    )
    return approvals.approval_approve(actor=world["colleague"], approval=approval)


def test_nothing_leaves_before_approval(world, api_as):
    approval = approvals.approval_request(
        actor=world["requester"], action=EXPORT_ACTION, target=world["person"], reason="r", params={"format": "json"}
    )
    response = api_as(world["requester"]).get(f"/api/v1/approvals/{approval.pk}/download/")
    assert response.status_code == 400 and "approval" in response.json()["extra"]["fields"]
    assert not AuditEvent.objects.filter(action="person.export").exists()


def test_the_requester_downloads_the_dossier_in_clear_and_the_download_is_audited(world, api_as):
    approval = approved_export(world)
    assert approval.usable_until is not None
    response = api_as(world["requester"]).get(f"/api/v1/approvals/{approval.pk}/download/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv") and "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["section", "id", "field", "value"]
    values = {(r[0], r[2]): r[3] for r in rows[1:]}
    assert values[("record", "family_name")] == "Exportova"
    assert values[("record", "birth_date")] == "1998-02-03"
    assert values[("identifier", "value")] == "'+998901112233"  # a formula-looking cell is quoted
    assert values[("assistance_case", "number")] == world["case"].number
    event = AuditEvent.objects.get(action="person.export")
    assert event.actor == world["requester"] and event.target_id == str(world["person"].pk)
    assert event.extra["rows"] >= 3 and event.extra["approved_by"] == str(world["colleague"].pk)


def test_json_export(world):
    approval = approved_export(world, "json")
    found = person_export_download(actor=world["requester"], approval=approval)
    dossier = json.loads(found.content)
    assert dossier["records"][0]["given_name"] == "Dilnoza"
    assert dossier["assistance_cases"][0]["id"] == str(world["case"].pk)


def test_only_the_requester_downloads(world, api_as):
    approval = approved_export(world)
    # The approver sees the request but not the file; others do not see either.
    assert api_as(world["colleague"]).get(f"/api/v1/approvals/{approval.pk}/").status_code == 200
    assert api_as(world["colleague"]).get(f"/api/v1/approvals/{approval.pk}/download/").status_code == 404
    assert api_as(world["outsider"]).get(f"/api/v1/approvals/{approval.pk}/download/").status_code == 404
    assert api_as(world["auditor"]).get(f"/api/v1/approvals/{approval.pk}/download/").status_code == 404
    assert not AuditEvent.objects.filter(action="person.export").exists()


def test_the_window_and_the_number_of_downloads_are_limited(world, api_as):
    approval = approved_export(world)
    client = api_as(world["requester"])
    for _ in range(3):
        assert client.get(f"/api/v1/approvals/{approval.pk}/download/").status_code == 200
    fourth = client.get(f"/api/v1/approvals/{approval.pk}/download/")
    assert fourth.status_code == 400
    assert AuditEvent.objects.filter(action="person.export").count() == 3
    late = approved_export(world)
    ApprovalRequest.objects.filter(pk=late.pk).update(usable_until=timezone.now() - timedelta(minutes=1))
    assert client.get(f"/api/v1/approvals/{late.pk}/download/").status_code == 400


def test_the_requester_cannot_approve_their_own_export(world, api_as):
    response = api_as(world["requester"]).post(
        "/api/v1/approvals/",
        {"action": EXPORT_ACTION, "target": str(world["person"].pk), "reason": "r", "params": {"format": "xml"}},
        format="json",
    )
    assert response.status_code == 400 and "format" in response.json()["extra"]["fields"]
    response = api_as(world["requester"]).post(
        "/api/v1/approvals/",
        {"action": EXPORT_ACTION, "target": str(world["person"].pk), "reason": "r"},
        format="json",
    )
    assert response.status_code == 201
    own = api_as(world["requester"]).post(f"/api/v1/approvals/{response.json()['id']}/approve/", {}, format="json")
    assert own.status_code == 403
    # An outsider cannot request an export of a person they do not see.
    response = api_as(world["outsider"]).post(
        "/api/v1/approvals/", {"action": EXPORT_ACTION, "target": str(world["person"].pk), "reason": "r"}, format="json"
    )
    assert response.status_code == 404


def test_exports_feed_the_insider_misuse_report(world):
    approval = approved_export(world)
    for _ in range(3):
        person_export_download(actor=world["requester"], approval=approval)
    report = misuse_report(
        world["auditor"], since=timezone.now() - timedelta(hours=1), thresholds=Thresholds(exports_per_day=3)
    )
    flags = [row for row in report.rows if row.flag.signal == "bulk_export"]
    assert [row.user for row in flags] == [world["requester"]]
    assert flags[0].flag.count == 3


def test_pages_request_approve_and_download(world, client):
    client.force_login(world["requester"])
    person_page = client.get(reverse("web:person_detail", args=[world["person"].pk])).content.decode()
    url = reverse("approvals:request", args=[EXPORT_ACTION, world["person"].pk])
    assert url in person_page
    assert client.get(url).status_code == 200
    bad = client.post(url, {"format": "csv", "reason": ""})
    assert bad.status_code == 200 and not ApprovalRequest.objects.exists()
    assert client.post(url, {"format": "json", "reason": "For the court"}).status_code == 302
    approval = ApprovalRequest.objects.get()
    download = reverse("approvals:download", args=[approval.pk])
    assert client.get(download).status_code == 302  # not approved yet: back to the list with a message
    client.force_login(world["colleague"])
    client.post(reverse("approvals:decide", args=[approval.pk]), {"decision": "approve"})
    assert client.get(download).status_code == 404
    client.force_login(world["requester"])
    assert download in client.get(reverse("approvals:list")).content.decode()
    response = client.get(download)
    assert response.status_code == 200 and json.loads(response.content)["person"]["id"] == str(world["person"].pk)
    client.force_login(world["outsider"])
    assert client.get(download).status_code == 404
    assert client.get(url).status_code == 404

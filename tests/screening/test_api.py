"""Screening API: start, answer one by one, next question in the person's language, decide, statistics."""

import pytest
from django.urls import reverse

from senim.core.models import AuditEvent
from senim.core.roles import Role
from senim.core.testing.factories import make_assistance_case, make_organization, make_user
from senim.screening.models import Screening

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    ngo = make_organization(kind="ngo")
    worker = make_user(Role.NGO_CASEWORKER, organization=ngo)
    case = make_assistance_case(lead_organization=ngo)
    return worker, case


def test_start_answer_and_decide(api_as, setting):
    worker, case = setting
    client = api_as(worker)
    response = client.post(reverse("api:screening-list"), {"case": str(case.pk), "language": "ky"}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["next_question"]["id"] == "intake.age"
    assert body["next_question"]["text"] == "Сиз канча жаштасыз?"
    assert body["next_question"]["special_answers"]["refused"] == "Жооп бергиси келген жок"
    url = reverse("api:screening-answer", args=[body["id"]])
    body = client.post(url, {"question": "intake.age", "value": 34}, format="json").json()
    assert body["next_question"]["id"] == "intake.work"
    assert set(body["next_question"]["choices"]) == {"labour", "sexual", "both", "other"}
    body = client.post(url, {"question": "intake.work", "value": "sexual"}, format="json").json()
    assert body["set_code"] == "adult_sexual"
    assert body["assessment"]["set"] == "adult_sexual"
    assert body["progress"]["answered"] == 2
    decision = client.post(
        reverse("api:screening-decision", args=[body["id"]]), {"decision": "presumed_victim"}, format="json"
    )
    assert decision.status_code == 400
    assert "reason" in decision.json()["extra"]["fields"]


def test_bad_answer_is_a_400_with_the_error_shape(api_as, setting):
    worker, case = setting
    client = api_as(worker)
    screening_id = client.post(reverse("api:screening-list"), {"case": str(case.pk)}, format="json").json()["id"]
    response = client.post(
        reverse("api:screening-answer", args=[screening_id]), {"question": "intake.age", "value": "x"}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"message", "extra"}
    assert Screening.objects.get(pk=screening_id).answers == {}


def test_other_agency_gets_404_and_nothing_changes(api_as, setting):
    worker, case = setting
    screening_id = (
        api_as(worker).post(reverse("api:screening-list"), {"case": str(case.pk)}, format="json").json()["id"]
    )
    other = make_user(Role.NGO_CASEWORKER)
    client = api_as(other)
    assert client.get(reverse("api:screening-detail", args=[screening_id])).status_code == 404
    response = client.post(
        reverse("api:screening-answer", args=[screening_id]), {"question": "intake.age", "value": 30}, format="json"
    )
    assert response.status_code == 404
    assert Screening.objects.get(pk=screening_id).answers == {}
    assert client.get(reverse("api:screening-list")).json()["count"] == 0


def test_paper_entry_and_detail_read_is_audited(api_as, setting):
    worker, case = setting
    client = api_as(worker)
    screening_id = client.post(reverse("api:screening-list"), {"case": str(case.pk)}, format="json").json()["id"]
    answers = {"intake.age": 40, "intake.work": "labour", "urgent.danger": "no", "short.job": "refused"}
    body = client.post(reverse("api:screening-paper", args=[screening_id]), {"answers": answers}, format="json").json()
    assert body["mode"] == "paper"
    assert body["answers"]["short.job"] == "refused"
    client.get(reverse("api:screening-detail", args=[screening_id]))
    assert AuditEvent.objects.filter(action="screening.view", target_id=screening_id).count() == 1


def test_statistics_for_coordinator_only(api_as, setting):
    worker, case = setting
    api_as(worker).post(reverse("api:screening-list"), {"case": str(case.pk)}, format="json")
    rows = api_as(make_user(Role.COORDINATOR)).get(reverse("api:screening-statistics"), {"by": "agency"}).json()
    assert [row["total"] for row in rows] == [1]
    assert api_as(worker).get(reverse("api:screening-statistics")).status_code == 403

import pytest

from senim.cases.models import AssistanceCase
from senim.core.roles import Role
from senim.core.services import api_token_create
from senim.core.testing.factories import make_assistance_case, make_organization, make_user


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_anonymous_api_is_refused(api_client):
    assert api_client.get("/api/v1/assistance-cases/").status_code in (401, 403)


@pytest.mark.django_db
def test_record_then_case_then_transition_through_the_api(api_as):
    ngo = make_organization(kind="ngo")
    client = api_as(make_user(Role.NGO_CASEWORKER, organization=ngo))
    record = client.post(
        "/api/v1/person-records/",
        {
            "family_name": "Тошматова",
            "given_name": "Нодира",
            "birth_date": "2008",
            "sex": "f",
            "citizenship": "uz",
            "identifiers": [{"kind": "phone", "value": "+998 90 123 45 67", "source": "interview"}],
        },
        format="json",
    )
    assert record.status_code == 201, record.json()
    assert record.json()["identifiers"][0]["value"] == "+998901234567"
    case = client.post(
        "/api/v1/assistance-cases/",
        {"record": record.json()["id"], "region": "shymkent", "is_minor": True, "exploitation_type": "sexual"},
        format="json",
    )
    assert case.status_code == 201, case.json()
    case_id = case.json()["id"]
    moved = client.post(f"/api/v1/assistance-cases/{case_id}/transition/", {"to_status": "screening"}, format="json")
    assert moved.status_code == 200 and moved.json()["status"] == "screening"
    bad = client.post(f"/api/v1/assistance-cases/{case_id}/transition/", {"to_status": "closed"}, format="json")
    assert bad.status_code == 400
    assert "status" in bad.json()["extra"]["fields"]
    detail = client.get(f"/api/v1/assistance-cases/{case_id}/")
    assert [e["kind"] for e in detail.json()["timeline"]] == ["status", "status"]
    listing = client.get("/api/v1/assistance-cases/", {"status": "screening"})
    assert listing.json()["count"] == 1


@pytest.mark.django_db
def test_field_errors_come_back_in_one_shape(api_as):
    client = api_as(make_user(Role.NGO_CASEWORKER))
    response = client.post("/api/v1/person-records/", {"birth_date": "1999-13", "family_name": "X"}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"message", "extra"}
    assert "birth_date" in response.json()["extra"]["fields"]
    response = client.post("/api/v1/person-records/", {"citizenship": "Uzbekistan"}, format="json")
    assert "citizenship" in response.json()["extra"]["fields"]


@pytest.mark.django_db
def test_a_case_outside_scope_answers_404_like_a_missing_one(api_as):
    case = make_assistance_case()
    client = api_as(make_user(Role.NGO_CASEWORKER))
    assert client.get(f"/api/v1/assistance-cases/{case.pk}/").status_code == 404
    assert client.get("/api/v1/assistance-cases/00000000-0000-0000-0000-000000000000/").status_code == 404
    response = client.post(f"/api/v1/assistance-cases/{case.pk}/transition/", {"to_status": "screening"}, format="json")
    assert response.status_code == 404
    assert AssistanceCase.objects.get(pk=case.pk).status == "reported"


@pytest.mark.django_db
def test_token_auth_with_role_header(api_client):
    user = make_user([Role.INVESTIGATOR, Role.ANALYST])
    _, key = api_token_create(actor=user, user=user, name="script")
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}", HTTP_X_SENIM_ROLE="analyst")
    me = api_client.get("/api/v1/me/")
    assert me.status_code == 200 and me.json()["acting_role"] == "analyst"
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}", HTTP_X_SENIM_ROLE="coordinator")
    assert api_client.get("/api/v1/me/").status_code in (401, 403)
    api_client.credentials(HTTP_AUTHORIZATION="Token wrong")
    assert api_client.get("/api/v1/me/").status_code in (401, 403)


@pytest.mark.django_db
def test_criminal_case_with_participants_and_charges(api_as):
    unit = make_organization(kind="police")
    client = api_as(make_user(Role.INVESTIGATOR, organization=unit))
    created = client.post(
        "/api/v1/criminal-cases/",
        {"registry_number": "261500031000123", "region": "almaty_city", "articles": ["cc.128", "cc.309"]},
        format="json",
    )
    assert created.status_code == 201, created.json()
    case_id = created.json()["id"]
    record = client.post("/api/v1/person-records/", {"family_name": "Ким", "given_name": "Олег"}, format="json").json()
    participant = client.post(
        f"/api/v1/criminal-cases/{case_id}/participants/",
        {"person": record["person"], "procedural_role": "accused", "chain_role": "organizer"},
        format="json",
    )
    assert participant.status_code == 201, participant.json()
    charge = client.post(
        f"/api/v1/criminal-cases/{case_id}/participants/{participant.json()['id']}/charges/",
        {"article": "aoc.519", "outcome": "administrative_penalty"},
        format="json",
    )
    assert charge.status_code == 201
    detail = client.get(f"/api/v1/criminal-cases/{case_id}/").json()
    assert detail["participants"][0]["charges"][0]["article"] == "aoc.519"
    bad = client.post(
        "/api/v1/criminal-cases/", {"registry_number": "x", "region": "mars", "articles": []}, format="json"
    )
    assert bad.status_code == 400
    assert {"registry_number", "region", "articles"} <= set(bad.json()["extra"]["fields"])

"""The referral API: the main operations end to end, scoping, the one error shape."""

from datetime import date

from senim.core.testing.factories import make_organization
from senim.referrals import services
from senim.referrals.models import ProtectionMeasure, Referral

from .conftest import foreign_case, presumed


def test_consent_referral_answer_and_notifications_through_the_api(world, api_client):
    case = foreign_case(world, minor=True)
    api_client.force_authenticate(world.ngo_worker)
    consent = api_client.post(
        f"/api/v1/assistance-cases/{case.pk}/consents/",
        {
            "recipient": str(world.shelter.pk),
            "data_categories": ["identity", "needs"],
            "explained_in": "uz",
            "given_by": "guardian",
            "guardian_name": "Мать",
            "guardian_relation": "mother",
        },
        format="json",
    )
    assert consent.status_code == 201, consent.json()
    sent = api_client.post(
        "/api/v1/referrals/",
        {
            "case": str(case.pk),
            "to_organization": str(world.shelter.pk),
            "services": ["shelter", "psychological"],
            "shared_data": ["identity", "needs"],
            "consent": consent.json()["id"],
            "is_urgent": True,
        },
        format="json",
    )
    assert sent.status_code == 201, sent.json()
    referral_id = sent.json()["id"]

    api_client.force_authenticate(world.shelter_worker)
    inbox = api_client.get("/api/v1/notifications/", {"unread": "1"}).json()
    assert inbox["count"] == 1 and inbox["results"][0]["kind"] == "referral_received"
    read = api_client.post(f"/api/v1/notifications/{inbox['results'][0]['id']}/read/")
    assert read.status_code == 200 and read.json()["read_at"]
    incoming = api_client.get("/api/v1/referrals/", {"direction": "incoming"}).json()
    assert [r["id"] for r in incoming["results"]] == [referral_id]
    scope = api_client.get(f"/api/v1/assistance-cases/{case.pk}/data-scope/").json()
    assert scope == {"full": False, "categories": ["identity", "needs"]}
    assert api_client.get(f"/api/v1/assistance-cases/{case.pk}/journey/").status_code == 404
    bad = api_client.post(f"/api/v1/referrals/{referral_id}/transition/", {"to_status": "declined"}, format="json")
    assert bad.status_code == 400 and "reason" in bad.json()["extra"]["fields"]
    ok = api_client.post(f"/api/v1/referrals/{referral_id}/transition/", {"to_status": "accepted"}, format="json")
    assert ok.status_code == 200 and ok.json()["status"] == "accepted"
    invalid = api_client.post(f"/api/v1/referrals/{referral_id}/transition/", {"to_status": "sent"}, format="json")
    assert invalid.status_code == 400 and "status" in invalid.json()["extra"]["fields"]
    detail = api_client.get(f"/api/v1/referrals/{referral_id}/").json()
    assert [h["to_status"] for h in detail["history"]] == ["sent", "accepted"]
    service = api_client.post(
        f"/api/v1/assistance-cases/{case.pk}/services/",
        {"kind": "shelter", "delivered_on": str(date.today()), "cost": "12000.50", "referral": referral_id},
        format="json",
    )
    assert service.status_code == 201, service.json()

    api_client.force_authenticate(world.other_worker)
    assert api_client.get(f"/api/v1/referrals/{referral_id}/").status_code == 404
    assert api_client.get(f"/api/v1/assistance-cases/{case.pk}/services/").status_code == 404


def test_bad_input_comes_back_in_one_shape_and_changes_nothing(world, api_client):
    case = foreign_case(world)
    api_client.force_authenticate(world.ngo_worker)
    response = api_client.post(
        "/api/v1/referrals/",
        {"case": str(case.pk), "to_organization": str(world.shelter.pk), "services": ["massage"]},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"message", "extra"} and "services" in response.json()["extra"]["fields"]
    response = api_client.post("/api/v1/referrals/", {"case": "not-a-uuid"}, format="json")
    assert response.status_code == 400
    response = api_client.post(
        f"/api/v1/assistance-cases/{case.pk}/assessments/",
        {"stage": "intake", "risk_level": "catastrophic", "family_risk_level": "low"},
        format="json",
    )
    assert response.status_code == 400 and "risk_level" in response.json()["extra"]["fields"]
    assert not Referral.objects.exists()


def test_the_hold_register_and_four_eyes_through_the_api(world, api_client):
    case = foreign_case(world)
    presumed(world, case)
    services.migration_case_open(actor=world.migration_officer, person=case.person, number="517-1", region="shymkent")
    hold = ProtectionMeasure.objects.get(case=case, kind="expulsion_hold")
    api_client.force_authenticate(world.migration_officer)
    rows = api_client.get("/api/v1/migration/holds/", {"pending_only": "1"}).json()
    assert len(rows) == 1 and rows[0]["hold"]["id"] == str(hold.pk) and rows[0]["case_number"] == case.number
    no_reason = api_client.post(f"/api/v1/protection-measures/{hold.pk}/lift/request/", {}, format="json")
    assert no_reason.status_code == 400
    asked = api_client.post(
        f"/api/v1/protection-measures/{hold.pk}/lift/request/", {"reason": "Court found no trafficking"}, format="json"
    )
    assert asked.status_code == 200
    same = api_client.post(f"/api/v1/protection-measures/{hold.pk}/lift/approve/", {}, format="json")
    assert same.status_code == 400
    api_client.force_authenticate(world.migration_officer_2)
    approved = api_client.post(f"/api/v1/protection-measures/{hold.pk}/lift/approve/", {}, format="json")
    assert approved.status_code == 200 and approved.json()["status"] == "lifted"
    api_client.force_authenticate(world.ngo_worker)
    assert api_client.get("/api/v1/migration/holds/").status_code == 403


def test_shelter_search_and_reports_as_csv(world, api_client):
    organization = make_organization(kind="shelter", region="shymkent", name="Umit", languages=["uz"])
    services.profile_set(
        actor=None,
        organization=organization,
        services=["shelter"],
        bed_capacity=4,
        beds_occupied=1,
        accepts_children=True,
        admits_at_night=True,
    )
    api_client.force_authenticate(world.ngo_worker)
    found = api_client.get(
        "/api/v1/shelters/available/", {"region": "shymkent", "age": 17, "sex": "f", "language": "uz"}
    ).json()
    assert [m["profile"]["organization_name"] for m in found] == ["Umit"]
    assert found[0]["profile"]["free_beds"] == 3
    assert api_client.get("/api/v1/shelters/available/", {"age": "old"}).status_code == 400
    assert api_client.get("/api/v1/referral-reports/shelters_over_capacity/").status_code == 403
    api_client.force_authenticate(world.coordinator)
    csv = api_client.get("/api/v1/referral-reports/foreign_victims_by_status/", {"export": "csv"})
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    assert csv.content.decode().splitlines()[0] == "region,month,citizenship,status,cases"
    assert api_client.get("/api/v1/referral-reports/nonsense/").status_code == 404

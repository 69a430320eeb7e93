"""Staff pages: they render, act through the services, and show only what the user may see."""

from datetime import date

import pytest

from senim.core.testing.factories import make_organization
from senim.referrals import services
from senim.referrals.models import ProtectionMeasure, Referral

from .conftest import consented_referral, foreign_case, presumed


@pytest.fixture
def page_as(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def test_inbox_shows_the_referral_and_its_notification(world, page_as):
    case = foreign_case(world)
    consented_referral(world, case)
    page = page_as(world.shelter_worker).get("/referrals/")
    assert page.status_code == 200
    html = page.content.decode()
    assert case.number in html and "Sana Sezim" in html


def test_the_shelter_finder_page_answers_the_question(world, page_as):
    organization = make_organization(kind="shelter", region="shymkent", name="Umit house", languages=["uz", "ru"])
    services.profile_set(
        actor=None,
        organization=organization,
        services=["shelter"],
        bed_capacity=6,
        beds_occupied=2,
        accepts_children=True,
        admits_at_night=True,
    )
    client = page_as(world.ngo_worker)
    page = client.get(
        "/referrals/shelters/",
        {"region": "shymkent", "age": 17, "sex": "f", "language": "uz", "service": "shelter", "tonight": "on"},
    )
    assert page.status_code == 200
    assert "Umit house" in page.content.decode() and "4 / 6" in page.content.decode()
    assert client.get("/referrals/shelters/", {"age": "seventeen", "service": "shelter"}).status_code == 200


def test_case_page_hides_identity_from_a_referred_shelter_without_identity_consent(world, page_as):
    case = foreign_case(world, summary="Recruited in Tashkent by an agency")
    name = case.intake_record.family_name
    full = page_as(world.ngo_worker).get(f"/referrals/cases/{case.pk}/")
    assert full.status_code == 200 and name in full.content.decode() and "Tashkent" in full.content.decode()
    consented_referral(world, case, shared=("needs",))
    limited = page_as(world.shelter_worker).get(f"/referrals/cases/{case.pk}/")
    html = limited.content.decode()
    assert limited.status_code == 200
    assert name not in html and "Tashkent" not in html
    assert page_as(world.other_worker).get(f"/referrals/cases/{case.pk}/").status_code == 404


def test_sending_and_answering_a_referral_through_the_pages(world, page_as):
    case = foreign_case(world)
    consent = services.consent_record(
        actor=world.ngo_worker, case=case, recipient=world.shelter, data_categories=["identity"], explained_in="uz"
    )
    client = page_as(world.ngo_worker)
    response = client.post(
        f"/referrals/cases/{case.pk}/referral/",
        {
            "to_organization": str(world.shelter.pk),
            "services": ["shelter"],
            "shared_data": ["identity"],
            "consent": str(consent.pk),
        },
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    client = page_as(world.shelter_worker)
    assert client.get(f"/referrals/referral/{referral.pk}/").status_code == 200
    client.post(f"/referrals/referral/{referral.pk}/", {"to_status": "declined", "reason": ""})
    referral.refresh_from_db()
    assert referral.status == "sent"
    client.post(f"/referrals/referral/{referral.pk}/", {"to_status": "accepted"})
    referral.refresh_from_db()
    assert referral.status == "accepted"
    response = client.post(
        f"/referrals/cases/{case.pk}/service/", {"kind": "shelter", "delivered_on": str(date.today()), "cost": "0"}
    )
    assert response.status_code == 302 and case.services_delivered.count() == 1
    assert client.post(f"/referrals/cases/{case.pk}/nonsense/", {}).status_code == 404


def test_the_migration_page_and_four_eyes(world, page_as):
    case = foreign_case(world)
    presumed(world, case)
    services.migration_case_open(actor=world.migration_officer, person=case.person, number="517-9", region="shymkent")
    hold = ProtectionMeasure.objects.get(case=case, kind="expulsion_hold")
    first = page_as(world.migration_officer)
    page = first.get("/referrals/migration/")
    assert page.status_code == 200 and case.number in page.content.decode() and "517-9" in page.content.decode()
    first.post(f"/referrals/migration/holds/{hold.pk}/request/", {"reason": "Court ruled: not trafficking"})
    first.post(f"/referrals/migration/holds/{hold.pk}/approve/")
    hold.refresh_from_db()
    assert hold.status == "active"
    page_as(world.migration_officer_2).post(f"/referrals/migration/holds/{hold.pk}/approve/")
    hold.refresh_from_db()
    assert hold.status == "lifted"
    assert page_as(world.ngo_worker).get("/referrals/migration/").status_code == 403


def test_coordinator_page_and_csv(world, page_as):
    client = page_as(world.coordinator)
    assert client.get("/referrals/coordinator/").status_code == 200
    csv = client.get("/referrals/coordinator/time_to_first_service.csv")
    assert csv.status_code == 200 and csv.content.decode().startswith("region,month,identified")
    assert page_as(world.ngo_worker).get("/referrals/coordinator/").status_code == 403


def test_menu_and_dashboard_panel_for_the_receiving_organization(world, page_as):
    from senim.web.navigation import menu_for

    case = foreign_case(world)
    consented_referral(world, case)
    shelter_menu = [item["url_name"] for item in menu_for(world.shelter_worker)]
    assert "referrals:index" in shelter_menu and "referrals:holds" not in shelter_menu
    assert "referrals:holds" in [item["url_name"] for item in menu_for(world.migration_officer)]
    dashboard = page_as(world.shelter_worker).get("/")
    assert dashboard.status_code == 200
    html = dashboard.content.decode()
    assert "referrals-panel" in html and case.number in html

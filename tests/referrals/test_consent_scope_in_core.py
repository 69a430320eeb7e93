"""The consent scope holds in the people and cases apps too, not only on the referrals pages."""

from senim.people.selectors import person_scope
from tests.referrals.conftest import consented_referral, foreign_case


def test_a_shelter_sent_only_needs_cannot_read_the_person(world, api_as):
    case = foreign_case(world)
    consented_referral(world, case, shared=("needs",))
    assert not person_scope(world.shelter_worker).filter(pk=case.person_id).exists()
    client = api_as(world.shelter_worker)
    assert client.get(f"/api/v1/persons/{case.person_id}/").status_code == 404
    detail = client.get(f"/api/v1/assistance-cases/{case.pk}/")
    assert detail.status_code == 200
    assert detail.json()["person"] is None and detail.json()["summary"] == ""


def test_a_shelter_sent_identity_reads_the_person_but_not_the_summary(world, api_as):
    case = foreign_case(world, summary="Held in a basement in Shymkent")
    consented_referral(world, case, shared=("identity",))
    assert person_scope(world.shelter_worker).filter(pk=case.person_id).exists()
    client = api_as(world.shelter_worker)
    assert client.get(f"/api/v1/persons/{case.person_id}/").status_code == 200
    detail = client.get(f"/api/v1/assistance-cases/{case.pk}/").json()
    assert detail["person"] == str(case.person_id) and detail["summary"] == ""
    own = api_as(world.ngo_worker).get(f"/api/v1/assistance-cases/{case.pk}/").json()
    assert own["summary"] == "Held in a basement in Shymkent"

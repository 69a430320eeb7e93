"""What the matrix cannot say with one object per URL keyword: objects that are visible but not writable,
mixed ids (an object of mine with a stranger's sub-object), and where a form may send the user afterwards."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from senim.core.roles import Role
from tests.security import world as w


@pytest.fixture
def world(db) -> w.World:
    return w.World()


@pytest.mark.parametrize("role", [Role.NGO_CASEWORKER, Role.SHELTER_STAFF])
def test_a_profile_is_read_by_all_but_edited_only_by_its_own_organization(world, role):
    """Profiles form a directory (every staff role reads them); only the organization itself (or a manager of
    all profiles) changes one. Another organization's profile is refused and left as it was."""
    client = w.login(Client(), world.users[role])
    stranger = world.object("organization", None, inside=False)
    assert client.get(f"/api/v1/referral-profiles/{stranger.pk}/").status_code == 200
    before = w.db_fingerprint()
    put = client.put(
        f"/api/v1/referral-profiles/{stranger.pk}/",
        data=json.dumps({"notes": "not yours"}),
        content_type="application/json",
    )
    occupancy = client.post(
        f"/api/v1/referral-profiles/{stranger.pk}/occupancy/",
        data=json.dumps({"beds_occupied": 2}),
        content_type="application/json",
    )
    page = client.post(reverse("referrals:profile", args=[stranger.pk]), {"bed_capacity": 9, "beds_occupied": 0})
    occupancy_page = client.post(reverse("referrals:occupancy", args=[stranger.pk]), {"beds_occupied": 2})
    assert put.status_code in (400, 403) and occupancy.status_code in (400, 403)
    assert page.status_code in (302, 403) and occupancy_page.status_code in (302, 403)
    assert w.db_fingerprint() == before


def test_an_attachment_of_another_tip_is_missing_even_through_my_own_tip(world):
    role = Role.NGO_CASEWORKER
    client = w.login(Client(), world.users[role])
    mine = world.object("tip", role, inside=True)
    theirs = world.object("tip_attachment", None, inside=False)
    own = world.object("tip_attachment", role, inside=True)
    assert client.get(reverse("tips:attachment", args=[mine.pk, own.pk])).status_code == 200
    before = w.db_fingerprint()
    crossed = client.get(reverse("tips:attachment", args=[mine.pk, theirs.pk]))
    missing = client.get(reverse("tips:attachment", args=[mine.pk, w.random_id()]))
    assert crossed.status_code == missing.status_code == 404
    assert w.db_fingerprint() == before


def test_a_referral_cannot_be_sent_with_another_cases_consent(world):
    """The consent must be one of the case's own: a stranger's consent id answers like a missing one."""
    role = Role.NGO_CASEWORKER
    client = w.login(Client(), world.users[role])
    case = world.object("assistance_case", role, inside=True)
    theirs = world.object("consent", None, inside=False)

    def send(consent_id: str):
        body = {"case": str(case.pk), "to_organization": str(theirs.recipient_id), "services": ["medical"]}
        return client.post(
            "/api/v1/referrals/", data=json.dumps({**body, "consent": consent_id}), content_type="application/json"
        )

    before = w.db_fingerprint()
    crossed, missing = send(str(theirs.pk)), send(w.random_id())
    assert crossed.status_code == missing.status_code == 404 and crossed.content == missing.content
    assert w.db_fingerprint() == before


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "http:/\\evil.example"])
def test_completing_a_task_never_redirects_to_another_site(world, target):
    role = Role.NGO_CASEWORKER
    client = w.login(Client(), world.users[role])
    task = world.object("task", role, inside=True)
    response = client.post(reverse("referrals:task_complete", args=[task.pk]), {"next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:index")
    own = reverse("referrals:case", args=[task.case_id]) + "#tasks"
    task = world.object("page_task", role, inside=True)
    assert client.post(reverse("referrals:task_complete", args=[task.pk]), {"next": own})["Location"] == own


# Ids in a request body are looked up through the caller's scope too: a stranger's id answers exactly like a
# random one and changes nothing. (role, URL from the role's own objects, body around the id, kind of object)
BODY_IDS = [
    (
        Role.NGO_CASEWORKER,
        lambda world, role: (
            f"/api/v1/assistance-cases/{world.object('assistance_case', role, inside=True).pk}/procedural-protections/"
        ),
        lambda some_id: {"criminal_case": some_id, "kind": "closed_hearing"},
        "linked_criminal_case",
    ),
    (
        Role.NGO_CASEWORKER,
        lambda world, role: (
            f"/api/v1/assistance-cases/{world.object('assistance_case', role, inside=True).pk}/compensation-claims/"
        ),
        lambda some_id: {"kind": "state_fund", "amount_claimed": "10.00", "criminal_case": some_id},
        "linked_criminal_case",
    ),
    (
        Role.SHELTER_STAFF,
        lambda world, role: (
            f"/api/v1/assistance-cases/{world.object('assistance_case', role, inside=True).pk}/services/"
        ),
        lambda some_id: {"kind": "medical", "delivered_on": "2026-01-15", "referral": some_id},
        "referral",
    ),
    (
        Role.MIGRATION_OFFICER,
        lambda world, role: "/api/v1/migration-cases/",
        lambda some_id: {"person": some_id, "number": "MX-body", "region": "almaty_city"},
        "person",
    ),
    (
        Role.NGO_CASEWORKER,
        lambda world, role: "/api/v1/screenings/",
        lambda some_id: {"case": some_id},
        "assistance_case",
    ),
    (
        Role.INVESTIGATOR,
        lambda world, role: (
            f"/api/v1/criminal-cases/{world.object('criminal_case', role, inside=True).pk}/participants/"
        ),
        lambda some_id: {"person": some_id, "procedural_role": "witness"},
        "person",
    ),
]


@pytest.mark.parametrize(("role", "url", "body", "kind"), BODY_IDS)
def test_a_strangers_id_in_a_body_answers_like_a_random_one(world, role, url, body, kind):
    client = w.login(Client(), world.users[role])
    target = url(world, role)
    stranger = str(world.object(kind, None, inside=False).pk)

    def post(some_id: str):
        return client.post(target, data=json.dumps(body(some_id)), content_type="application/json")

    before = w.db_fingerprint()
    crossed, missing = post(stranger), post(w.random_id())
    assert crossed.status_code in (400, 404), crossed.content
    assert (crossed.status_code, crossed.content) == (missing.status_code, missing.content)
    assert w.db_fingerprint() == before

"""Ids from URLs and forms that are not UUIDs are simply not found: never a 500."""

import uuid

import pytest
from django.urls import reverse

from senim.core.roles import Role
from senim.core.testing.factories import make_user


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["", "not-a-uuid", "1; DROP TABLE people_person", "０１２"])
def test_screening_start_with_a_bad_case_id_is_404(client, bad):
    client.force_login(make_user(Role.NGO_CASEWORKER))
    response = client.post(reverse("screening:start"), {"case": bad, "language": "ru"})
    assert response.status_code == 404


@pytest.mark.django_db
def test_unknown_network_node_is_404(client):
    client.force_login(make_user(Role.ANALYST))
    response = client.get(reverse("network:node-data", args=[uuid.uuid4()]))
    assert response.status_code == 404


@pytest.mark.django_db
def test_selectors_turn_bad_ids_into_404():
    from django.http import Http404

    from senim.cases.selectors import assistance_case_get, criminal_case_get
    from senim.people.selectors import person_get

    coordinator = make_user(Role.COORDINATOR)
    for get in (assistance_case_get, criminal_case_get, person_get):
        with pytest.raises(Http404):
            get(coordinator, "x")


@pytest.mark.django_db
@pytest.mark.parametrize("cookie", ["0\x00\x80\x80\x80", "x" * 5000, "' OR 1=1 --"])
def test_a_hostile_session_cookie_is_ignored_not_a_500(client, cookie):
    client.cookies["sessionid"] = cookie
    response = client.get(reverse("web:dashboard"))
    assert response.status_code == 302  # treated as signed out
    api = client.get("/api/v1/me/")
    assert api.status_code in (401, 403)


@pytest.mark.django_db
def test_a_real_session_cookie_still_works(client):
    client.force_login(make_user(Role.COORDINATOR))
    assert client.get(reverse("web:dashboard")).status_code == 200

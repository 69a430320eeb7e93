"""CSRF under `Referrer-Policy: no-referrer`: a same-origin form arrives with `Origin: null` and no Referer, and
is accepted only when the browser's `Sec-Fetch-Site` says it came from our own pages and the token matches."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from senim.core.models import Organization
from senim.core.testing.factories import make_user
from tests.security.world import login

SAME_ORIGIN_FORM = {"HTTP_ORIGIN": "null", "HTTP_SEC_FETCH_SITE": "same-origin"}


def _login_form_post(client: Client, *, with_token: bool = True, secure: bool = False, **headers: str) -> int:
    client.get(reverse("web:login"), secure=secure)
    data = {"username": "nobody", "password": "wrong password 2026"}
    if with_token:
        data["csrfmiddlewaretoken"] = client.cookies["csrftoken"].value
    return client.post(reverse("web:login"), data, secure=secure, **headers).status_code


@pytest.mark.django_db
def test_pages_send_no_referrer_at_all():
    assert Client().get(reverse("web:login"))["Referrer-Policy"] == "no-referrer"


@pytest.mark.django_db
def test_a_same_origin_form_with_origin_null_is_accepted():
    # 200: the login form came back with "wrong password", so the CSRF check let it through.
    assert _login_form_post(Client(enforce_csrf_checks=True), **SAME_ORIGIN_FORM) == 200


@pytest.mark.django_db
@pytest.mark.parametrize("fetch_site", ["cross-site", "same-site", "none", None])
def test_origin_null_from_anywhere_else_is_refused(fetch_site):
    headers = {"HTTP_ORIGIN": "null"}
    if fetch_site is not None:
        headers["HTTP_SEC_FETCH_SITE"] = fetch_site
    assert _login_form_post(Client(enforce_csrf_checks=True), **headers) == 403


@pytest.mark.django_db
def test_a_foreign_origin_is_refused_whatever_fetch_metadata_claims():
    client = Client(enforce_csrf_checks=True)
    assert _login_form_post(client, HTTP_ORIGIN="https://evil.example", HTTP_SEC_FETCH_SITE="same-origin") == 403


@pytest.mark.django_db
def test_same_origin_still_needs_the_token():
    assert _login_form_post(Client(enforce_csrf_checks=True), with_token=False, **SAME_ORIGIN_FORM) == 403


@pytest.mark.django_db
def test_over_tls_a_missing_referer_is_accepted_only_from_our_own_pages():
    assert _login_form_post(Client(enforce_csrf_checks=True), secure=True, HTTP_SEC_FETCH_SITE="same-origin") == 200
    assert _login_form_post(Client(enforce_csrf_checks=True), secure=True) == 403
    assert _login_form_post(Client(enforce_csrf_checks=True), secure=True, HTTP_SEC_FETCH_SITE="cross-site") == 403


@pytest.mark.django_db
@pytest.mark.parametrize(("fetch_site", "expected"), [("same-origin", 201), ("cross-site", 403)])
def test_the_api_applies_the_same_check_to_session_writes(fetch_site, expected):
    client = login(Client(enforce_csrf_checks=True), make_user("admin"))
    client.get(reverse("web:dashboard"))  # a page with a form (sign out) sets the CSRF cookie
    response = client.post(
        reverse("api:organizations"),
        data=json.dumps({"name": "Fetch metadata org", "kind": "ngo"}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value,
        HTTP_ORIGIN="null",
        HTTP_SEC_FETCH_SITE=fetch_site,
    )
    assert response.status_code == expected
    assert Organization.objects.filter(name="Fetch metadata org").exists() == (expected == 201)

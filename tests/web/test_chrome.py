"""The page chrome: sign-in and sign-out, menu, language switch, acting-role switch, security headers."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from senim.core.middleware import SESSION_ROLE_KEY
from senim.core.models import AuditEvent
from senim.core.testing.factories import TEST_PASSWORD, make_user

pytestmark = pytest.mark.django_db


def test_pages_need_sign_in(client):
    response = client.get(reverse("web:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


def test_sign_in_with_password_lands_on_dashboard(client):
    user = make_user("ngo_caseworker")
    response = client.post(reverse("web:login"), {"username": user.username, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("web:dashboard")
    assert client.get(reverse("web:dashboard")).status_code == 200


def test_wrong_password_shows_an_error_and_signs_nobody_in(client):
    user = make_user("ngo_caseworker")
    response = client.post(reverse("web:login"), {"username": user.username, "password": "wrong"})
    assert response.status_code == 200
    assert b"form-errors" in response.content
    assert "_auth_user_id" not in client.session


def test_sign_out_is_post_only(client):
    user = make_user("ngo_caseworker")
    client.force_login(user)
    assert client.get(reverse("web:logout")).status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post(reverse("web:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_page_has_strict_csp_and_no_inline_script_or_style(client):
    client.force_login(make_user("coordinator"))
    response = client.get(reverse("web:dashboard"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    html = response.content.decode()
    assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html) is None
    assert " style=" not in html
    assert "/static/vendor/htmx/htmx.min.js" in html
    assert re.search(r"(src|href)=\"(https?:)?//", html) is None


def test_menu_shows_only_entries_the_acting_role_holds(client):
    client.force_login(make_user("auditor"))
    html = client.get(reverse("web:dashboard")).content.decode()
    assert reverse("web:case_list") not in html
    client.force_login(make_user("ngo_caseworker"))
    html = client.get(reverse("web:dashboard")).content.decode()
    assert reverse("web:case_list") in html
    assert reverse("web:criminal_case_list") not in html


@pytest.mark.parametrize(("language", "expected"), [("ru", "Выйти"), ("kk", "Шығу"), ("en", "Sign out")])
def test_language_switch(client, language, expected):
    client.force_login(make_user("ngo_caseworker"))
    response = client.post(
        reverse("web:set_language"), {"language": language, "next": reverse("web:dashboard")}, follow=True
    )
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()
    assert expected in response.content.decode()


def test_role_switch_to_a_held_role(client):
    user = make_user(["investigator", "analyst"])
    client.force_login(user)
    assert 'name="role"' in client.get(reverse("web:dashboard")).content.decode()
    response = client.post(reverse("web:switch-role"), {"role": "investigator", "next": reverse("web:dashboard")})
    assert response.status_code == 302
    assert client.session[SESSION_ROLE_KEY] == "investigator"
    assert AuditEvent.objects.filter(action="auth.role_switched", actor=user).exists()
    html = client.get(reverse("web:dashboard")).content.decode()
    assert reverse("web:criminal_case_list") in html


def test_role_switch_refuses_a_role_not_held(client):
    user = make_user(["ngo_caseworker", "shelter_staff"])
    client.force_login(user)
    response = client.post(reverse("web:switch-role"), {"role": "coordinator"})
    assert response.status_code == 302
    assert SESSION_ROLE_KEY not in client.session
    assert not AuditEvent.objects.filter(action="auth.role_switched").exists()


def test_role_switch_is_post_only_and_ignores_foreign_next(client):
    client.force_login(make_user(["investigator", "analyst"]))
    assert client.get(reverse("web:switch-role")).status_code == 405
    response = client.post(reverse("web:switch-role"), {"role": "analyst", "next": "https://evil.example/"})
    assert response["Location"] == reverse("web:dashboard")


def test_single_role_user_sees_no_role_switcher(client):
    client.force_login(make_user("prosecutor"))
    assert 'name="role"' not in client.get(reverse("web:dashboard")).content.decode()


def test_russian_plurals_count(client, settings):
    from senim.core.testing.factories import make_assistance_case, make_organization

    ngo = make_organization(kind="ngo")
    user = make_user("ngo_caseworker", organization=ngo)
    make_assistance_case(lead_organization=ngo)
    make_assistance_case(lead_organization=ngo)
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    assert "2 дела" in client.get(reverse("web:case_list")).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    assert "2 іс" in client.get(reverse("web:case_list")).content.decode()

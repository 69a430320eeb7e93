import pytest
from rest_framework.test import APIClient


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def api_as(api_client):
    """API client authenticated as the given user (session-less, acting in the user's first role)."""

    def login(user):
        api_client.force_authenticate(user=user)
        return api_client

    return login


@pytest.fixture(autouse=True)
def _second_factor_only_in_security_tests(request, settings):
    """TOTP is enforced in production (SENIM_REQUIRE_2FA); the security tests prove it, other apps' tests
    sign in with force_login and skip it."""
    if "security" not in request.node.nodeid.split("::")[0].split("/"):
        settings.SENIM_REQUIRE_2FA = False

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

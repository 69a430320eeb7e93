from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension


class RoleTokenScheme(OpenApiAuthenticationExtension):
    target_class = "senim.core.authentication.RoleTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):  # type: ignore[no-untyped-def]
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <key>`; send `X-Senim-Role: <role>` to pick the acting role.",
        }


class SessionScheme(OpenApiAuthenticationExtension):
    """The session cookie, as drf-spectacular documents DRF's own session authentication."""

    target_class = "senim.core.csrf.SessionAuthentication"
    name = "cookieAuth"

    def get_security_definition(self, auto_schema):  # type: ignore[no-untyped-def]
        return {"type": "apiKey", "in": "cookie", "name": settings.SESSION_COOKIE_NAME}

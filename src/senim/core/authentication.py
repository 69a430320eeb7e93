from __future__ import annotations

import hashlib
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from senim.core.models import ApiToken

ROLE_HEADER = "HTTP_X_SENIM_ROLE"


class RoleTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Token <key>`; `X-Senim-Role: <role>` picks the acting role of a multi-role user."""

    keyword = "Token"

    def authenticate(self, request: Any) -> tuple[Any, ApiToken] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        digest = hashlib.sha256(header[1]).hexdigest()
        token = ApiToken.objects.select_related("user").filter(key_hash=digest, revoked_at__isnull=True).first()
        now = timezone.now()
        if token is None or (token.expires_at and token.expires_at <= now) or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid or expired token."))
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        user = token.user
        requested = request.META.get(ROLE_HEADER, "")
        if requested:
            if requested not in user.roles:
                raise exceptions.AuthenticationFailed(_("You do not hold that role."))
            user.act_as(requested)
        return user, token

    def authenticate_header(self, request: Any) -> str:
        return self.keyword

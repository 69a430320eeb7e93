"""Second factor (TOTP, RFC 6238, via django-otp) for every staff account.

After the password step the session is signed in but not verified; `RequireTwoFactorMiddleware` lets such a
session reach only the sign-in, verification and enrolment pages until the user proves a TOTP code. API
clients using machine tokens (`Authorization: Token …`) are not sessions and are unaffected: a token is
issued by an administrator, stored hashed, expires and can be revoked.

`SENIM_REQUIRE_2FA` (default on) can be turned off only for other apps' unit tests; the security tests turn
it on and prove the enforcement.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from senim.core.models import User
from senim.core.services import audit_record

ISSUER = "Senim"

# Paths a signed-in but unverified session may reach. Everything else waits for the second factor.
EXEMPT_PREFIXES = ("/static/", "/healthz", "/report/", "/i18n/", "/api/schema/", "/api/docs/", "/account/")
EXEMPT_URL_NAMES = ("web:login", "web:logout")


def required() -> bool:
    return bool(getattr(settings, "SENIM_REQUIRE_2FA", True))


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


@transaction.atomic
def totp_enrolment_start(*, user: User) -> TOTPDevice:
    """A fresh unconfirmed device; any earlier unconfirmed one is discarded."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="default", confirmed=False)


@transaction.atomic
def totp_enrolment_confirm(*, user: User, device: TOTPDevice, token: str) -> bool:
    """Confirm enrolment with a first valid code; other devices of the user are replaced."""
    if device.user_id != user.pk or device.confirmed or not device.verify_token(token.strip()):
        return False
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_record(actor=user, action="auth.totp_enrolled", target=user)
    return True


@transaction.atomic
def totp_enrol_confirmed(*, actor: User | None, user: User, secret_hex: str | None = None) -> TOTPDevice:
    """Pre-enrol a confirmed device (demo accounts; `senim seed` prints the secret). Returns the device."""
    TOTPDevice.objects.filter(user=user).delete()
    values: dict[str, Any] = {"user": user, "name": "default", "confirmed": True}
    if secret_hex:
        values["key"] = secret_hex
    device = TOTPDevice.objects.create(**values)
    audit_record(actor=actor, action="auth.totp_enrolled", target=user, extra={"preenrolled": True})
    return device


def base32_secret(device: TOTPDevice) -> str:
    """The secret as authenticator apps type it in by hand."""
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def provisioning_uri(device: TOTPDevice) -> str:
    return str(device.config_url)


def qr_data_uri(text: str) -> str:
    """QR code as an inline SVG data URI: no request leaves the server, and the CSP allows img data:."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def verify_session(request: HttpRequest, token: str) -> bool:
    """Check a code against the user's confirmed device and mark the session verified."""
    import django_otp

    user: Any = request.user
    device = confirmed_device(user)
    if device is None or not token.strip().isdigit() or not device.verify_is_allowed()[0]:
        return False
    if not device.verify_token(token.strip()):
        return False
    django_otp.login(request, device)
    return True


def mark_verified_for_tests(client: Any, user: User) -> None:
    """Give a test client's session a verified second factor, as after a real sign-in."""
    device = confirmed_device(user) or totp_enrol_confirmed(actor=None, user=user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


class RequireTwoFactorMiddleware:
    """Placed after django_otp's OTPMiddleware: an unverified session reaches only the exempt pages."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user: Any = getattr(request, "user", None)
        if (
            required()
            and user is not None
            and user.is_authenticated
            and not user.is_verified()
            and not self._exempt(request)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse({"message": _("Two-factor verification required."), "extra": {}}, status=403)
            target = reverse("account:otp-verify" if confirmed_device(user) else "account:otp-setup")
            if request.method == "GET":
                target += "?" + urlencode({"next": request.get_full_path()})
            return redirect(target)
        return self.get_response(request)

    @staticmethod
    def _exempt(request: HttpRequest) -> bool:
        if request.path.startswith(EXEMPT_PREFIXES):
            return True
        match = getattr(request, "resolver_match", None)
        if match is None:
            from django.urls import Resolver404, resolve

            try:
                match = resolve(request.path_info)
            except Resolver404:
                return False
        return match.view_name in EXEMPT_URL_NAMES

"""Sign-in and sign-out. The password step runs through `senim.core.lockout.LockoutBackend` (throttling and
lock-out); a staff session then passes the TOTP second factor (`senim.core.twofactor`) before any page."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from senim.core import twofactor
from senim.core.services import audit_record


@method_decorator([sensitive_post_parameters("password"), never_cache], name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    redirect_authenticated_user = True
    http_method_names = ["get", "post"]

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user: Any = self.request.user
        audit_record(actor=user, action="auth.login", target=user)
        return response

    def get_success_url(self) -> str:
        target = super().get_success_url()
        user: Any = self.request.user
        verified = getattr(user, "is_verified", lambda: False)()  # request.user is not OTP-wrapped yet here
        if twofactor.required() and user.is_authenticated and not verified:
            step = "account:otp-verify" if twofactor.confirmed_device(user) else "account:otp-setup"
            return f"{reverse(step)}?{urlencode({'next': target})}"
        return target


@method_decorator(require_POST, name="dispatch")
class LogoutView(auth_views.LogoutView):
    """Sign-out by POST only: a link or an image tag elsewhere cannot sign anyone out."""

"""Second-factor pages: enrol an authenticator (QR code as an inline SVG data URI) and verify a code after
the password step. Reached by signed-in sessions that have not yet passed the second factor."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_totp.models import TOTPDevice

from senim.core import twofactor
from senim.core.services import audit_record

SETUP_SESSION_KEY = "senim_totp_setup_device"


class CodeForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Six-digit code"),
        max_length=8,
        min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return candidate
    try:
        return reverse("web:dashboard")
    except Exception:
        return "/"


@login_required
@require_http_methods(["GET", "POST"])
def otp_verify(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    if twofactor.confirmed_device(user) is None:
        return redirect("account:otp-setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.verify_session(request, form.cleaned_data["token"]):
            audit_record(actor=user, action="auth.second_factor", target=user)
            return redirect(_next_url(request))
        audit_record(actor=user, action="auth.second_factor_failed", target=user)
        form.add_error("token", _("That code is not valid. Wait for the next one and try again."))
    return render(request, "account/otp_verify.html", {"form": form, "next": _next_url(request)})


@login_required
@require_http_methods(["GET", "POST"])
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Enrolment. An account that already has a confirmed device must pass it first to replace it."""
    user: Any = request.user
    if twofactor.confirmed_device(user) is not None and not user.is_verified():
        return redirect("account:otp-verify")
    device = TOTPDevice.objects.filter(pk=request.session.get(SETUP_SESSION_KEY), user=user, confirmed=False).first()
    if device is None:
        device = twofactor.totp_enrolment_start(user=user)
        request.session[SETUP_SESSION_KEY] = device.pk
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.totp_enrolment_confirm(user=user, device=device, token=form.cleaned_data["token"]):
            request.session.pop(SETUP_SESSION_KEY, None)
            device.refresh_from_db()
            import django_otp

            django_otp.login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", _("That code is not valid. Check the clock of your phone and try again."))
    context = {
        "form": form,
        "qr": twofactor.qr_data_uri(twofactor.provisioning_uri(device)),
        "secret": twofactor.base32_secret(device),
        "next": _next_url(request),
    }
    return render(request, "account/otp_setup.html", context)

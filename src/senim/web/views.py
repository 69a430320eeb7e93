"""Staff pages: thin views over the selectors and services of core, people and cases."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from senim.core.middleware import SESSION_ROLE_KEY
from senim.core.roles import Role
from senim.core.services import audit_record
from senim.web.navigation import panels_for


def _safe_next(request: HttpRequest, fallback: str = "web:dashboard") -> HttpResponseRedirect:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        return HttpResponseRedirect(target)
    return redirect(fallback)


@login_required
@require_POST
def switch_role(request: HttpRequest) -> HttpResponse:
    """Act in another of the user's own roles for the rest of this session."""
    role = request.POST.get("role", "")
    user: Any = request.user
    if role not in user.roles:
        messages.error(request, _("You do not hold that role."))
        return _safe_next(request)
    previous = user.acting_role
    request.session[SESSION_ROLE_KEY] = role
    user.act_as(role)
    if previous != role:
        audit_record(actor=user, action="auth.role_switched", target=user, extra={"from": previous, "to": role})
    messages.success(request, _("You are now acting as %(role)s.") % {"role": Role(role).label})
    return _safe_next(request)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    panels = [render_to_string(p["template"], p.get("context", {}), request=request) for p in panels_for(request)]
    return render(request, "web/dashboard.html", {"panels": panels})

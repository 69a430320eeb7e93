"""Auditors' pages: browse and filter the audit log, verify the chain, read the insider-misuse report.
Read-only by construction: GET only, and the model refuses changes."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from senim.core import misuse_report as misuse
from senim.core import selectors
from senim.core.access import require
from senim.core.permissions import CorePermission


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("User name"), required=False, max_length=150)
    action = forms.CharField(label=_("Action starts with"), required=False, max_length=80)
    target_id = forms.CharField(label=_("Record id"), required=False, max_length=64)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


def _day_start(day: Any) -> datetime | None:
    if not day:
        return None
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())


@login_required
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    require(user, CorePermission.VIEW_AUDIT_LOG)
    form = AuditFilterForm(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_valid():
        data = form.cleaned_data
        until = _day_start(data["until"])
        filters = {
            "actor": data["actor"],
            "action": data["action"],
            "target_id": data["target_id"],
            "since": _day_start(data["since"]),
            "until": until + timedelta(days=1) if until else None,
        }
    page = Paginator(selectors.audit_event_list(user, **filters), 100).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/log.html", {"form": form, "page": page, "query": query.urlencode()})


@login_required
@require_GET
def audit_verify(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    require(user, CorePermission.VIEW_AUDIT_LOG)
    results = [(chain, selectors.audit_chain_break(chain)) for chain in selectors.audit_chains()]
    return render(request, "audit/verify.html", {"results": results})


@login_required
@require_GET
def misuse_report(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    require(user, CorePermission.VIEW_AUDIT_LOG)
    try:
        days = max(1, min(int(request.GET.get("days", "30")), 366))
    except ValueError:
        days = 30
    report = misuse.misuse_report(user, since=timezone.now() - timedelta(days=days))
    return render(request, "audit/misuse.html", {"report": report, "days": days})

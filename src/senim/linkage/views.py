"""Pages: the review queue (side by side with evidence), a pair's decision, person search, linkage runs."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from senim.core.access import has_permission
from senim.core.models import Job
from senim.linkage import selectors, services
from senim.linkage.permissions import LinkagePermission
from senim.people.permissions import PeoplePermission


def _base_template() -> str:
    try:
        get_template("web/base.html")
    except TemplateDoesNotExist:
        return "linkage/base_fallback.html"
    return "web/base.html"


def _render(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return render(request, template, {"base_template": _base_template(), **context})


def _user(request: HttpRequest) -> Any:
    return request.user


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    status = request.GET.get("status", "open")
    candidates = selectors.candidate_list(user, status=status)[:200]
    runs = Job.objects.filter(kind="linkage.run").order_by("-created_at")[:5]
    return _render(
        request,
        "linkage/queue.html",
        {
            "candidates": candidates,
            "status": status,
            "runs": runs,
            "can_run": has_permission(user, LinkagePermission.RUN_LINKAGE),
        },
    )


@login_required
def candidate(request: HttpRequest, candidate_id: str) -> HttpResponse:
    user = _user(request)
    pair = selectors.candidate_get(user, candidate_id)
    evidence = sorted(pair.evidence, key=lambda e: -abs(e.get("weight", 0.0)))
    return _render(
        request,
        "linkage/candidate.html",
        {
            "pair": pair,
            "rows": selectors.candidate_side_by_side(pair),
            "evidence_for": [e for e in evidence if e.get("weight", 0) > 0],
            "evidence_against": [e for e in evidence if e.get("weight", 0) < 0],
            "can_review": services.can_review(user),
            "awaits_other": pair.requested_by_id is not None and pair.requested_by_id != user.pk,
        },
    )


@login_required
@require_POST
def decide(request: HttpRequest, candidate_id: str) -> HttpResponse:
    user = _user(request)
    pair = selectors.candidate_get(user, candidate_id)
    step = request.POST.get("step", "")
    reason = request.POST.get("reason", "")[:2000]
    try:
        if step == "merge":
            services.match_merge_request(actor=user, candidate=pair, reason=reason)
            messages.success(request, _("Merge requested: a second reviewer must approve it."))
        elif step == "approve":
            services.match_merge_approve(actor=user, candidate=pair)
            messages.success(request, _("Merged."))
        elif step == "reject":
            services.match_reject(actor=user, candidate=pair, reason=reason)
            messages.success(request, _("Marked as different persons."))
        else:
            messages.error(request, _("Unknown decision."))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, "; ".join(getattr(error, "messages", [str(error)])))
    return redirect("linkage:candidate", candidate_id=pair.pk)


@login_required
@require_POST
def run(request: HttpRequest) -> HttpResponse:
    try:
        services.linkage_enqueue(actor=_user(request))
        messages.success(request, _("Linkage run queued."))
    except PermissionDenied:
        messages.error(request, _("You may not start a linkage run."))
    return redirect("linkage:queue")


@login_required
def search(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not has_permission(user, PeoplePermission.SEARCH_PERSONS):
        raise PermissionDenied
    query = request.GET.get("q", "").strip()
    hits = selectors.person_search(user, query) if query else []
    template = "linkage/_search_results.html" if request.headers.get("HX-Request") else "linkage/search.html"
    return _render(request, template, {"query": query, "hits": hits})

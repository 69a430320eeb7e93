"""Staff pages: thin views over the selectors and services of core, people and cases.

Every page needs a signed-in user; every read goes through a scoped selector, so a record outside the
user's scope answers 404 exactly like a missing one; every write goes through a service, which checks the
permission again and writes its audit event.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Count, QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from senim.cases import pipelines
from senim.cases import selectors as case_selectors
from senim.cases import services as case_services
from senim.cases.articles import ARTICLES
from senim.cases.models import AssistanceStatus, ChargeOutcome, CriminalStatus
from senim.cases.permissions import CasesPermission
from senim.core.access import has_permission, require
from senim.core.approvals import selectors as approval_selectors
from senim.core.approvals import services as approval_services
from senim.core.middleware import SESSION_ROLE_KEY
from senim.core.pipeline import InvalidTransitionError
from senim.core.roles import Role
from senim.core.services import audit_record
from senim.network.permissions import NetworkPermission
from senim.people import selectors as people_selectors
from senim.people import services as people_services
from senim.people.permissions import PeoplePermission
from senim.referrals.scope import case_data_scope
from senim.web import forms
from senim.web.navigation import panels_for

PAGE_SIZE = 25


def _safe_next(request: HttpRequest, fallback: str = "web:dashboard") -> HttpResponseRedirect:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        return HttpResponseRedirect(target)
    return redirect(fallback)


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-Boosted") != "true"


def _page(request: HttpRequest, queryset: QuerySet[Any]) -> Page:
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _form_error(form: Form, error: Exception) -> None:
    """Put a service's refusal on the form, next to the field it concerns when there is one."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, problems in error.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
    elif isinstance(error, ValidationError):
        form.add_error(None, error.messages)
    else:
        form.add_error(None, str(error))


def _status_counts(queryset: QuerySet[Any], labels: type[AssistanceStatus] | type[CriminalStatus]) -> list[Any]:
    counts = dict(queryset.order_by().values_list("status").annotate(n=Count("pk", distinct=True)))
    return [(value, label, counts[value]) for value, label in labels.choices if counts.get(value)]


# --- chrome ------------------------------------------------------------------------------------------


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


# --- dashboard ---------------------------------------------------------------------------------------


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    context: dict[str, Any] = {"can_create_case": has_permission(user, CasesPermission.MANAGE_ASSISTANCE_CASES)}
    if has_permission(user, CasesPermission.VIEW_ASSISTANCE_CASES):
        cases = case_selectors.assistance_case_list(user)
        context["assistance_counts"] = _status_counts(cases, AssistanceStatus)
        context["my_cases"] = list(cases.filter(caseworker=user).exclude(status=AssistanceStatus.CLOSED)[:10])
    if has_permission(user, CasesPermission.VIEW_CRIMINAL_CASES):
        criminal = case_selectors.criminal_case_list(user)
        context["criminal_counts"] = _status_counts(criminal, CriminalStatus)
        if user.acting_role in (Role.INVESTIGATOR, Role.PROSECUTOR):
            mine = criminal.filter(investigator=user) | criminal.filter(prosecutor=user)
            context["my_criminal_cases"] = list(mine.exclude(status__in=["closed", "terminated"])[:10])
    context["panels"] = [
        render_to_string(panel["template"], panel.get("context", {}), request=request) for panel in panels_for(request)
    ]
    return render(request, "web/dashboard.html", context)


# --- assistance cases --------------------------------------------------------------------------------


def _filters(form: forms.CaseFilterForm) -> case_selectors.CaseFilters:
    if not form.is_valid():
        return case_selectors.CaseFilters()
    data = form.cleaned_data
    return case_selectors.CaseFilters(
        status=data.get("status") or "",
        region=data.get("region") or "",
        since=data.get("since"),
        until=data.get("until"),
        q=data.get("q") or "",
    )


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    require(user, CasesPermission.VIEW_ASSISTANCE_CASES)
    form = forms.assistance_filter_form(request.GET or None)
    page = _page(request, case_selectors.assistance_case_list(user, _filters(form)))
    context = {
        "form": form,
        "page": page,
        "can_create": has_permission(user, CasesPermission.MANAGE_ASSISTANCE_CASES)
        and has_permission(user, PeoplePermission.CREATE_RECORDS),
    }
    if _is_htmx(request):
        return render(request, "web/_case_rows.html", context)
    return render(request, "web/case_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def case_create(request: HttpRequest) -> HttpResponse:
    """Open an assistance case: one intake record of the person (new, or a further record of a person the
    user already sees) and the case."""
    user: Any = request.user
    require(user, CasesPermission.MANAGE_ASSISTANCE_CASES)
    require(user, PeoplePermission.CREATE_RECORDS)
    person = None
    person_id = request.GET.get("person") or request.POST.get("person")
    if person_id:
        person = people_selectors.person_get(user, person_id)
    form = forms.NewCaseForm(request.POST or None, initial={"region": getattr(user.organization, "region", "")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                record = people_services.person_record_create(
                    actor=user,
                    person=person,
                    family_name=data["family_name"],
                    given_name=data["given_name"],
                    patronymic=data["patronymic"],
                    birth_date=data["birth_date"],
                    sex=data["sex"],
                    citizenship=data["citizenship"],
                    source="intake",
                    identifiers=[people_services.IdentifierInput(kind, value) for kind, value in form.identifiers()],
                )
                case = case_services.assistance_case_create(
                    actor=user,
                    record=record,
                    region=data["region"],
                    exploitation_type=data["exploitation_type"],
                    is_minor=data["is_minor"],
                    summary=data["summary"],
                    reported_on=data["reported_on"],
                )
        except (ValidationError, PermissionDenied) as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Case %(number)s opened.") % {"number": case.number})
            return redirect("web:case_detail", case.pk)
    return render(request, "web/case_create.html", {"form": form, "person": person})


def _pending_approvals(user: Any, record: Any) -> list[dict[str, Any]]:
    return [approval_selectors.approval_summary(user, a) for a in approval_selectors.approval_pending_on(user, record)]


def _needs_approval_label(label: Any) -> str:
    return _("%(status)s (needs a second person's approval)") % {"status": label}


def _transition_form(user: Any, case: Any, data: Any = None) -> forms.TransitionForm | None:
    if not has_permission(user, CasesPermission.MANAGE_ASSISTANCE_CASES):
        return None
    allowed = [
        (
            s,
            _needs_approval_label(AssistanceStatus(s).label)
            if s in case_services.ASSISTANCE_STATUSES_NEEDING_APPROVAL
            else AssistanceStatus(s).label,
        )
        for s in AssistanceStatus.values
        if s in pipelines.ASSISTANCE.allowed(case.status)
    ]
    if not allowed:
        return None
    return forms.TransitionForm(data, allowed=allowed, prefix="move")


@login_required
@require_http_methods(["GET", "POST"])
def case_detail(request: HttpRequest, case_id: Any) -> HttpResponse:
    user: Any = request.user
    require(user, CasesPermission.VIEW_ASSISTANCE_CASES)
    case = case_selectors.assistance_case_get(user, case_id, audit=request.method == "GET")
    transition = _transition_form(user, case, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if transition is None:
            raise PermissionDenied
        if transition.is_valid():
            to_status, reason = transition.cleaned_data["to_status"], transition.cleaned_data["reason"]
            try:
                if to_status in case_services.ASSISTANCE_STATUSES_NEEDING_APPROVAL:
                    # Four-eyes: the page asks for the step; a second person's approval takes it.
                    approval_services.approval_request(
                        actor=user, action=case_services.NOT_VICTIM_ACTION, target=case, reason=reason
                    )
                    done = _("Request sent: a second person must approve it.")
                else:
                    case_services.assistance_case_transition(actor=user, case=case, to_status=to_status, reason=reason)
                    done = _("Case moved.")
            except (ValidationError, InvalidTransitionError, PermissionDenied) as error:
                _form_error(transition, error)
            else:
                messages.success(request, done)
                return redirect("web:case_detail", case.pk)
    scope = case_data_scope(user, case)
    criminal_cases = case_selectors.criminal_case_scope(user).filter(assistance_cases=case).order_by("opened_on")
    context = {
        "case": case,
        "scope": scope,
        "timeline": case_selectors.assistance_case_timeline(user, case),
        "transition": transition,
        "pending_approvals": _pending_approvals(user, case),
        "criminal_cases": list(criminal_cases),
        "can_see_person": scope.identity and people_selectors.person_scope(user).filter(pk=case.person_id).exists(),
    }
    return render(
        request,
        "web/case_detail.html",
        context,
    )


# --- criminal cases ----------------------------------------------------------------------------------


@login_required
def criminal_case_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    require(user, CasesPermission.VIEW_CRIMINAL_CASES)
    form = forms.criminal_filter_form(request.GET or None)
    page = _page(request, case_selectors.criminal_case_list(user, _filters(form)))
    context = {"form": form, "page": page, "can_create": has_permission(user, CasesPermission.MANAGE_CRIMINAL_CASES)}
    if _is_htmx(request):
        return render(request, "web/_criminal_rows.html", context)
    return render(request, "web/criminal_case_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def criminal_case_create(request: HttpRequest) -> HttpResponse:
    """Register a criminal case: the user's unit investigates it and the user is its investigator."""
    user: Any = request.user
    require(user, CasesPermission.MANAGE_CRIMINAL_CASES)
    form = forms.NewCriminalCaseForm(request.POST or None, initial={"region": getattr(user.organization, "region", "")})
    if request.method == "POST" and form.is_valid():
        try:
            case = case_services.criminal_case_create(actor=user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Criminal case %(number)s registered.") % {"number": case.registry_number})
            return redirect("web:criminal_case_detail", case.pk)
    return render(request, "web/criminal_case_create.html", {"form": form})


def _criminal_forms(
    user: Any, case: Any, participants: list[Any], data: Any = None, action: str = ""
) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if has_permission(user, CasesPermission.MANAGE_CRIMINAL_CASES):
        found["participant_form"] = forms.ParticipantForm(
            data if action == "participant" else None, prefix="participant"
        )
        allowed = [
            (
                s,
                _needs_approval_label(CriminalStatus(s).label)
                if s in case_services.CRIMINAL_STATUSES_NEEDING_APPROVAL
                else CriminalStatus(s).label,
            )
            for s in CriminalStatus.values
            if s in pipelines.CRIMINAL.allowed(case.status)
        ]
        if allowed:
            found["transition"] = forms.TransitionForm(
                data if action == "move" else None, allowed=allowed, prefix="move"
            )
    if has_permission(user, CasesPermission.MANAGE_CHARGES) and participants:
        choices = [(str(p.pk), _participant_label(p)) for p in participants]
        found["charge_form"] = forms.ChargeForm(
            data if action == "charge" else None, participants=choices, prefix="charge"
        )
        pending = [
            (str(c.pk), f"{_participant_label(p)} · {c.get_article_display()}")
            for p in participants
            for c in p.charges.all()
            if c.outcome == ChargeOutcome.PENDING
        ]
        if pending:
            found["outcome_form"] = forms.ChargeOutcomeForm(
                data if action == "outcome" else None, charges=pending, prefix="outcome"
            )
    return found


def _participant_label(participant: Any) -> str:
    name = (
        _("Protected identity")
        if participant.protected_identity
        else (participant.record.display_name() if participant.record else str(participant.person))
    )
    return f"{name} · {participant.get_procedural_role_display()}"


def _criminal_post(user: Any, case: Any, participants: list[Any], form: Form, action: str) -> str:
    """Run one write of the criminal-case page; refusals land on the form. Returns what to tell the user."""
    data = form.cleaned_data
    if action == "participant":
        with transaction.atomic():
            record = people_services.person_record_create(
                actor=user,
                family_name=data["family_name"],
                given_name=data["given_name"],
                patronymic=data["patronymic"],
                birth_date=data["birth_date"],
                citizenship=data["citizenship"],
                source=f"criminal case {case.registry_number}",
            )
            assert record.person is not None
            case_services.participant_add(
                actor=user,
                case=case,
                person=record.person,
                record=record,
                procedural_role=data["procedural_role"],
                chain_role=data["chain_role"],
                protected_identity=data["protected_identity"],
            )
    elif action == "charge":
        participant = next(p for p in participants if str(p.pk) == data["participant"])
        case_services.charge_add(
            actor=user,
            participant=participant,
            article_key=data["article"],
            outcome=data["outcome"],
            sentence=data["sentence"],
            decided_on=data["decided_on"],
        )
    elif action == "outcome":
        charge = next(c for p in participants for c in p.charges.all() if str(c.pk) == data["charge"])
        case_services.charge_set_outcome(
            actor=user,
            charge=charge,
            outcome=data["outcome"],
            sentence=data["sentence"],
            decided_on=data["decided_on"],
        )
    elif action == "move" and data["to_status"] in case_services.CRIMINAL_STATUSES_NEEDING_APPROVAL:
        # Four-eyes: closing or terminating is requested here and taken by a second person's approval.
        approval_services.approval_request(
            actor=user,
            action=case_services.CRIMINAL_CLOSE_ACTION,
            target=case,
            reason=data["reason"],
            params={"to_status": data["to_status"]},
        )
        return _("Request sent: a second person must approve it.")
    elif action == "move":
        case_services.criminal_case_transition(
            actor=user, case=case, to_status=data["to_status"], reason=data["reason"]
        )
    return _("Saved.")


@login_required
@require_http_methods(["GET", "POST"])
def criminal_case_detail(request: HttpRequest, case_id: Any) -> HttpResponse:
    user: Any = request.user
    require(user, CasesPermission.VIEW_CRIMINAL_CASES)
    case = case_selectors.criminal_case_get(user, case_id, audit=request.method == "GET")
    participants = list(case_selectors.participant_list(user, case))
    action = request.POST.get("action", "") if request.method == "POST" else ""
    found = _criminal_forms(user, case, participants, request.POST if action else None, action)
    if request.method == "POST":
        form = {
            "participant": found.get("participant_form"),
            "charge": found.get("charge_form"),
            "outcome": found.get("outcome_form"),
            "move": found.get("transition"),
        }.get(action)
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                done = _criminal_post(user, case, participants, form, action)
            except (ValidationError, InvalidTransitionError, PermissionDenied) as error:
                _form_error(form, error)
            else:
                messages.success(request, done)
                return redirect("web:criminal_case_detail", case.pk)
    context = {
        "case": case,
        "can_view_network": has_permission(user, NetworkPermission.VIEW),
        "participants": participants,
        "articles": [ARTICLES[key] for key in case.articles if key in ARTICLES],
        "assistance_cases": list(case_selectors.assistance_case_scope(user).filter(criminal_cases=case)),
        "pending_approvals": _pending_approvals(user, case),
        "can_manage_charges": has_permission(user, CasesPermission.MANAGE_CHARGES),
        "criminal_articles": [key for key, found_article in ARTICLES.items() if found_article.is_criminal],
        **found,
    }
    return render(
        request,
        "web/criminal_case_detail.html",
        context,
    )


# --- persons -----------------------------------------------------------------------------------------


@login_required
def person_detail(request: HttpRequest, person_id: Any) -> HttpResponse:
    user: Any = request.user
    require(user, PeoplePermission.VIEW_PERSONS)
    person = people_selectors.person_get(user, person_id)
    context = {
        "person": person,
        "can_view_network": has_permission(user, NetworkPermission.VIEW),
        "records": list(people_selectors.person_record_list(user, person)),
        "assistance_cases": list(case_selectors.assistance_case_scope(user).filter(person=person)),
        "criminal_cases": list(case_selectors.criminal_case_scope(user).filter(participants__person=person).distinct()),
        "can_open_case": has_permission(user, CasesPermission.MANAGE_ASSISTANCE_CASES)
        and has_permission(user, PeoplePermission.CREATE_RECORDS),
        "can_export": has_permission(user, PeoplePermission.EXPORT_PERSONS),
    }
    return render(request, "web/person_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    require(user, PeoplePermission.CREATE_RECORDS)
    form = forms.PersonRecordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record = people_services.person_record_create(
                actor=user,
                family_name=data["family_name"],
                given_name=data["given_name"],
                patronymic=data["patronymic"],
                birth_date=data["birth_date"],
                sex=data["sex"],
                citizenship=data["citizenship"],
                source="staff page",
                identifiers=[people_services.IdentifierInput(kind, value) for kind, value in form.identifiers()],
            )
        except (ValidationError, PermissionDenied) as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Record saved."))
            return redirect(reverse("web:person_detail", args=[record.person_id]))
    return render(request, "web/person_create.html", {"form": form})

"""Staff pages of the referral workflow. Thin: a form shapes the input, one service or selector does the
work, errors come back as messages. Every page is login-only and scoped by the selectors."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from senim.cases.models import CriminalCase
from senim.cases.selectors import _organization_ids, criminal_case_get
from senim.core.access import has_permission
from senim.core.pipeline import InvalidTransitionError
from senim.referrals import forms, pipelines, reports, selectors, services
from senim.referrals.models import (
    CasePlanItem,
    CompensationClaim,
    FollowUp,
    MeasureKind,
    NotificationKind,
    OrganizationProfile,
    ReferralStatus,
    ReturnPlan,
)
from senim.referrals.permissions import ReferralsPermission as P
from senim.referrals.scope import case_data_scope


def _render(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return render(request, template, context)


def _error(request: HttpRequest, error: Exception) -> None:
    if isinstance(error, ValidationError):
        for field, problems in error.message_dict.items() if hasattr(error, "error_dict") else [("", error.messages)]:
            for problem in problems:
                messages.error(request, f"{field}: {problem}" if field and field != "__all__" else problem)
    else:
        messages.error(request, str(error))


def _act(request: HttpRequest, action: Callable[[], Any], success: str) -> bool:
    try:
        action()
    except (ValidationError, InvalidTransitionError) as error:
        _error(request, error)
        return False
    messages.success(request, success)
    return True


def _form_errors(request: HttpRequest, form: Any) -> None:
    for field, problems in form.errors.items():
        for problem in problems:
            messages.error(request, f"{form.fields[field].label if field in form.fields else field}: {problem}")


NOTIFICATION_TEXT = {
    NotificationKind.REFERRAL_RECEIVED: gettext_lazy("Referral received for case %(case)s from %(from)s"),
    NotificationKind.REFERRAL_ANSWERED: gettext_lazy("Referral of case %(case)s to %(to)s: %(status)s"),
    NotificationKind.REFERRAL_REVOKED: gettext_lazy("Referral of case %(case)s was revoked"),
    NotificationKind.EXPULSION_HOLD: gettext_lazy(
        "Expulsion hold: case %(case)s (%(pending_migration_cases)s pending cases)"
    ),
    NotificationKind.HOLD_LIFT_REQUESTED: gettext_lazy(
        "Request to lift the expulsion hold of case %(case)s awaits approval"
    ),
    NotificationKind.TASK_ASSIGNED: gettext_lazy("New task in case %(case)s"),
    NotificationKind.PROTECTION_REQUESTED: gettext_lazy("Protection requested in %(criminal_case)s: %(measure)s"),
}


def notification_text(notification: Any) -> str:
    """Notifications are stored as a kind and parameters and translated when shown."""
    template = NOTIFICATION_TEXT.get(notification.kind, "%(case)s")
    params = dict.fromkeys(("case", "from", "to", "status", "pending_migration_cases", "criminal_case", "measure"), "")
    params.update(notification.params or {})
    try:
        return str(template) % params
    except (KeyError, ValueError, TypeError):
        return str(notification.get_kind_display())


# --- inbox --------------------------------------------------------------------------------------------


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    notifications = [(n, notification_text(n)) for n in selectors.notification_list(user)[:30]]
    return _render(
        request,
        "referrals/index.html",
        {
            "incoming": selectors.referral_list(user, direction="incoming")[:50],
            "outgoing": selectors.referral_list(user, direction="outgoing")[:50],
            "notifications": notifications,
            "tasks": selectors.task_list(user)[:100],
            "follow_ups": selectors.follow_up_list(user, due_before=timezone.localdate() + timedelta(days=30))[:50],
            "can_see_holds": has_permission(user, P.VIEW_MIGRATION_HOLDS),
            "can_see_reports": has_permission(user, P.VIEW_COORDINATOR_REPORTS),
        },
    )


@login_required
@require_POST
def notification_read(request: HttpRequest, notification_id: Any) -> HttpResponse:
    user: Any = request.user
    notification = selectors.notification_get(user, notification_id)
    services.notification_mark_read(actor=user, notification=notification)
    if notification.referral_id and selectors.referral_scope(user).filter(pk=notification.referral_id).exists():
        return redirect("referrals:referral", referral_id=notification.referral_id)
    if notification.kind in (NotificationKind.EXPULSION_HOLD, NotificationKind.HOLD_LIFT_REQUESTED):
        return redirect("referrals:holds")
    return redirect("referrals:index")


@login_required
@require_POST
def task_complete(request: HttpRequest, task_id: Any) -> HttpResponse:
    user: Any = request.user
    task = selectors.task_get(user, task_id)
    _act(request, lambda: services.task_complete(actor=user, task=task, cancel="cancel" in request.POST), _("Done."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        target = reverse("referrals:index")  # never send the user to another site
    return HttpResponseRedirect(target)


# --- shelters and profiles ----------------------------------------------------------------------------


@login_required
def shelters(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = forms.ShelterSearchForm(request.GET or None)
    matches = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        matches = selectors.shelter_search(
            user,
            selectors.ShelterQuery(
                region=data["region"],
                age=data["age"],
                sex=data["sex"],
                language=data["language"],
                with_family=data["with_family"],
                service=data["service"],
                tonight=data["tonight"],
            ),
        )
    return _render(
        request,
        "referrals/shelters.html",
        {"form": form, "matches": matches, "profiles": selectors.profile_list(user)},
    )


def _profile_initial(profile: Any) -> dict[str, Any]:
    fields = [name for name in forms.ProfileForm.base_fields if name != "languages"]
    initial = {name: getattr(profile, name) for name in fields}
    initial["languages"] = profile.organization.languages
    return initial


@login_required
def profile(request: HttpRequest, organization_id: Any) -> HttpResponse:
    user: Any = request.user
    organization = selectors.organization_of_profile(user, organization_id)
    found = OrganizationProfile.objects.filter(organization=organization).first()
    editable = has_permission(user, P.MANAGE_ALL_PROFILES) or (
        has_permission(user, P.MANAGE_OWN_PROFILE) and organization.pk in _organization_ids(user)
    )
    form = None
    if editable:
        if request.method == "POST":
            form = forms.ProfileForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                if _act(
                    request,
                    lambda: services.profile_set(actor=user, organization=organization, **data),
                    _("Profile saved."),
                ):
                    return redirect("referrals:profile", organization_id=organization.pk)
            else:
                _form_errors(request, form)
        else:
            form = forms.ProfileForm(initial=_profile_initial(found) if found else {"accepts_women": True})
    elif request.method == "POST":
        raise PermissionDenied
    return _render(
        request,
        "referrals/profile.html",
        {"organization": organization, "profile": found, "form": form, "occupancy_form": forms.OccupancyForm()},
    )


@login_required
@require_POST
def occupancy(request: HttpRequest, organization_id: Any) -> HttpResponse:
    user: Any = request.user
    organization = selectors.organization_of_profile(user, organization_id)
    form = forms.OccupancyForm(request.POST)
    if form.is_valid():
        _act(
            request,
            lambda: services.occupancy_report(actor=user, organization=organization, **form.cleaned_data),
            _("Occupancy updated."),
        )
    else:
        _form_errors(request, form)
    return redirect("referrals:profile", organization_id=organization.pk)


# --- one case: referrals, protection, support, the criminal process -----------------------------------


def _consent_choices(user: Any, case: Any) -> list[tuple[str, str]]:
    return [
        (str(c.pk), f"{c.recipient.name}: {', '.join(c.data_categories)} ({c.given_at:%Y-%m-%d})")
        for c in selectors.consent_list(user, case)
        if c.is_active
    ]


@login_required
def case_detail(request: HttpRequest, case_id: Any) -> HttpResponse:
    user: Any = request.user
    case, scope = selectors.case_for_page(user, case_id)
    linked = [(str(c.pk), c.registry_number) for c in CriminalCase.objects.filter(assistance_cases=case)]
    procedural_form = forms.ProceduralForm()
    procedural_form.fields["criminal_case"].choices = linked  # type: ignore[attr-defined]
    return _render(
        request,
        "referrals/case.html",
        {
            "case": case,
            "scope": scope,
            "record": case.intake_record if scope.identity else None,
            "age": selectors.age_of(case) if scope.identity else None,
            "consents": selectors.consent_list(user, case),
            "referrals": selectors.referral_list(user, case=case),
            "measures": selectors.measure_list(user, case),
            "procedural": selectors.procedural_protection_list(user, case),
            "assessments": selectors.assessment_list(user, case),
            "tasks": selectors.task_list(user, status="", case=case),
            "services_delivered": selectors.service_list(user, case),
            "plan": selectors.plan_item_list(user, case),
            "follow_ups": selectors.follow_up_list(user, case),
            "returns": selectors.return_list(user, case),
            "claims": selectors.compensation_list(user, case),
            "journey": selectors.case_journey(user, case),
            "forms": {
                "consent": forms.ConsentForm(),
                "referral": forms.ReferralForm(consents=_consent_choices(user, case)),
                "measure": forms.MeasureForm(),
                "procedural": procedural_form if linked else None,
                "assessment": forms.AssessmentForm(),
                "service": forms.ServiceForm(initial={"delivered_on": timezone.localdate()}),
                "plan": forms.PlanItemForm(),
                "plan_status": forms.PlanStatusForm(),
                "follow_up": forms.FollowUpForm(),
                "return": forms.ReturnForm(),
                "compensation": forms.CompensationForm(),
                "compensation_decide": forms.CompensationDecideForm(),
            },
            "referral_statuses": ReferralStatus,
        },
    )


def _in_case(queryset: Any, pk: Any) -> Any:
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def _case_actions(user: Any, case: Any, post: Any) -> dict[str, tuple[type[Any], Callable[[dict[str, Any]], Any], str]]:
    """action → (form, what to do with its cleaned data, success message)."""

    def send(data: dict[str, Any]) -> Any:
        consent = _in_case(selectors.consent_list(user, case), data.pop("consent")) if data.get("consent") else None
        data.pop("consent", None)
        return services.referral_send(actor=user, case=case, consent=consent, **data)

    def withdraw(data: dict[str, Any]) -> Any:
        consent = _in_case(selectors.consent_list(user, case), post.get("consent_id"))
        return services.consent_withdraw(actor=user, consent=consent, reason=data["reason"])

    def procedural(data: dict[str, Any]) -> Any:
        criminal = _in_case(CriminalCase.objects.filter(assistance_cases=case), data.pop("criminal_case"))
        return services.procedural_protection_request(actor=user, case=case, criminal_case=criminal, **data)

    def measure(data: dict[str, Any]) -> Any:
        requested = data["kind"] == MeasureKind.TEMPORARY_RESIDENCE
        return services.measure_create(actor=user, case=case, requested=requested, **data)

    def measure_end(data: dict[str, Any]) -> Any:
        found = _in_case(selectors.measure_list(user, case), post.get("measure_id"))
        return services.measure_end(actor=user, measure=found)

    def plan_status(data: dict[str, Any]) -> Any:
        item = _in_case(CasePlanItem.objects.filter(pk__in=selectors.plan_item_list(user, case)), post.get("item_id"))
        return services.plan_item_set_status(actor=user, item=item, status=data["status"])

    def follow_up(data: dict[str, Any]) -> Any:
        found = _in_case(FollowUp.objects.filter(pk__in=selectors.follow_up_list(user, case)), post.get("follow_up_id"))
        return services.follow_up_record(actor=user, follow_up=found, **data)

    def return_move(data: dict[str, Any]) -> Any:
        plan = _in_case(ReturnPlan.objects.filter(pk__in=selectors.return_list(user, case)), post.get("return_id"))
        return services.return_transition(actor=user, plan=plan, to_status=data["to_status"])

    def compensation_decide(data: dict[str, Any]) -> Any:
        claim = _in_case(
            CompensationClaim.objects.filter(pk__in=selectors.compensation_list(user, case)), post.get("claim_id")
        )
        return services.compensation_decide(actor=user, claim=claim, **data)

    return {
        "consent": (
            forms.ConsentForm,
            lambda d: services.consent_record(actor=user, case=case, **d),
            _("Consent recorded."),
        ),
        "withdraw_consent": (forms.ReasonForm, withdraw, _("Consent withdrawn.")),
        "referral": (forms.ReferralForm, send, _("Referral sent.")),
        "measure": (forms.MeasureForm, measure, _("Protection measure recorded.")),
        "measure_end": (forms.ReasonForm, measure_end, _("Measure ended.")),
        "procedural": (forms.ProceduralForm, procedural, _("Protection requested.")),
        "assessment": (
            forms.AssessmentForm,
            lambda d: services.assessment_record(actor=user, case=case, **d),
            _("Assessment recorded; tasks created."),
        ),
        "service": (
            forms.ServiceForm,
            lambda d: services.service_record(actor=user, case=case, **d),
            _("Service recorded."),
        ),
        "plan": (forms.PlanItemForm, lambda d: services.plan_item_add(actor=user, case=case, **d), _("Plan updated.")),
        "plan_status": (forms.PlanStatusForm, plan_status, _("Plan updated.")),
        "follow_up": (forms.FollowUpForm, follow_up, _("Follow-up recorded.")),
        "return": (
            forms.ReturnForm,
            lambda d: services.return_plan_create(actor=user, case=case, **d),
            _("Return planned."),
        ),
        "return_move": (forms.TransitionForm, return_move, _("Return updated.")),
        "compensation": (
            forms.CompensationForm,
            lambda d: services.compensation_file(actor=user, case=case, **d),
            _("Claim recorded."),
        ),
        "compensation_decide": (forms.CompensationDecideForm, compensation_decide, _("Outcome recorded.")),
    }


@login_required
@require_POST
def case_action(request: HttpRequest, case_id: Any, action: str) -> HttpResponse:
    user: Any = request.user
    case, _scope = selectors.case_for_page(user, case_id)
    actions = _case_actions(user, case, request.POST)
    if action not in actions:
        raise Http404
    form_class, handler, success = actions[action]
    form = form_class(request.POST)
    if action == "procedural":
        form.fields["criminal_case"].choices = [
            (str(c.pk), c.registry_number) for c in CriminalCase.objects.filter(assistance_cases=case)
        ]
    if action == "referral":
        form.fields["consent"].widget.choices = [("", ""), *_consent_choices(user, case)]
    if form.is_valid():
        _act(request, lambda: handler(dict(form.cleaned_data)), success)
    else:
        _form_errors(request, form)
    return redirect(reverse("referrals:case", kwargs={"case_id": case.pk}) + f"#{action}")


# --- one referral -------------------------------------------------------------------------------------


@login_required
def referral_detail(request: HttpRequest, referral_id: Any) -> HttpResponse:
    user: Any = request.user
    referral = selectors.referral_get(user, referral_id)
    if request.method == "POST":
        form = forms.TransitionForm(request.POST)
        if form.is_valid():
            _act(
                request,
                lambda: services.referral_transition(actor=user, referral=referral, **form.cleaned_data),
                _("Referral updated."),
            )
        else:
            _form_errors(request, form)
        return redirect("referrals:referral", referral_id=referral.pk)
    ids = _organization_ids(user)
    receiving = referral.to_organization_id in ids
    sending = referral.from_organization_id in ids or referral.case.lead_organization_id in ids
    allowed = pipelines.REFERRAL.allowed(referral.status)
    moves = [
        s
        for s in ReferralStatus
        if s in allowed and ((s == ReferralStatus.REVOKED and sending) or (s != ReferralStatus.REVOKED and receiving))
    ]
    return _render(
        request,
        "referrals/referral.html",
        {
            "referral": referral,
            "history": referral.status_changes.all(),
            "moves": moves,
            "can_open_case": case_data_scope(user, referral.case).visible,
        },
    )


# --- migration: the hold register ---------------------------------------------------------------------


@login_required
def holds(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    pending_only = request.GET.get("pending_only", "1") == "1"
    rows = selectors.hold_register(user, pending_only=pending_only, region=request.GET.get("region", ""))
    return _render(
        request,
        "referrals/holds.html",
        {
            "rows": rows,
            "pending_only": pending_only,
            "lift_form": forms.LiftRequestForm(),
            "residence_form": forms.ResidenceDecisionForm(),
            "can_decide_residence": has_permission(user, P.DECIDE_RESIDENCE),
            "can_lift": has_permission(user, P.LIFT_HOLDS),
        },
    )


@login_required
@require_POST
def hold_action(request: HttpRequest, measure_id: Any, step: str) -> HttpResponse:
    user: Any = request.user
    measure = selectors.measure_get(user, measure_id)
    reason = request.POST.get("reason", "")
    if step == "request":
        _act(
            request,
            lambda: services.hold_lift_request(actor=user, measure=measure, reason=reason),
            _("Lift requested."),
        )
    elif step == "approve":
        _act(request, lambda: services.hold_lift_approve(actor=user, measure=measure), _("Hold lifted."))
    elif step == "reject":
        _act(request, lambda: services.hold_lift_reject(actor=user, measure=measure, reason=reason), _("Lift refused."))
    elif step == "residence":
        form = forms.ResidenceDecisionForm(request.POST)
        if form.is_valid():
            _act(
                request,
                lambda: services.measure_decide(actor=user, measure=measure, **form.cleaned_data),
                _("Decision recorded."),
            )
        else:
            _form_errors(request, form)
    else:
        raise Http404
    return redirect("referrals:holds")


# --- criminal process: hearings -----------------------------------------------------------------------


@login_required
def hearings(request: HttpRequest, criminal_case_id: Any) -> HttpResponse:
    user: Any = request.user
    criminal = criminal_case_get(user, criminal_case_id, audit=request.method == "GET")
    form = forms.HearingForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            if _act(
                request,
                lambda: services.hearing_schedule(actor=user, criminal_case=criminal, **form.cleaned_data),
                _("Hearing scheduled."),
            ):
                return redirect("referrals:hearings", criminal_case_id=criminal.pk)
        else:
            _form_errors(request, form)
    return _render(
        request,
        "referrals/hearings.html",
        {"criminal_case": criminal, "hearings": selectors.hearing_list(user, criminal), "form": form},
    )


# --- coordinator views --------------------------------------------------------------------------------


@login_required
def coordinator(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not has_permission(user, P.VIEW_COORDINATOR_REPORTS):
        raise PermissionDenied
    built = [function(user) for function in reports.REPORTS.values()]
    return _render(request, "referrals/coordinator.html", {"reports": built})


@login_required
def report_csv(request: HttpRequest, name: str) -> HttpResponse:
    user: Any = request.user
    function = reports.REPORTS.get(name)
    if function is None:
        raise Http404
    report = function(user)
    detail = request.GET.get("detail") == "1"
    response = HttpResponse(report.csv(detail=detail), content_type="text/csv; charset=utf-8")
    suffix = "-detail" if detail else ""
    response["Content-Disposition"] = f'attachment; filename="{name}{suffix}.csv"'
    return response

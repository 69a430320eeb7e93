"""Approvals pages: what awaits my decision and what I asked for; a request form for any sensitive
step; the download of an approved export. Thin: selectors read, services write."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from senim.core.access import require
from senim.core.approvals import registry, selectors, services
from senim.core.approvals.api import download_response
from senim.core.approvals.models import ApprovalStatus
from senim.core.approvals.selectors import approval_summary
from senim.core.selectors import uuid_or_404

LIST_SIZE = 50


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", "approve"), ("reject", "reject"), ("withdraw", "withdraw")], widget=forms.HiddenInput
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=services.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RequestForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=services.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("The second person reads it before approving."),
    )

    def __init__(self, *args: Any, param_fields: dict[str, forms.Field], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(param_fields)
        self.order_fields([*param_fields, "reason"])
        self.param_names = list(param_fields)

    def params(self) -> dict[str, Any]:
        """The step's params as the request stores them (JSON): dates as YYYY-MM-DD."""
        values = {name: self.cleaned_data[name] for name in self.param_names}
        return {name: value.isoformat() if isinstance(value, date) else value for name, value in values.items()}


def form_error(form: forms.Form, error: Exception) -> None:
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, problems in error.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
    elif isinstance(error, ValidationError):
        form.add_error(None, error.messages)
    else:
        form.add_error(None, str(error) or _("You may not do this."))


@login_required
@require_GET
def approval_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    awaiting = [approval_summary(user, a) for a in selectors.approval_awaiting(user)[:LIST_SIZE]]
    mine = [approval_summary(user, a) for a in selectors.approval_mine(user)[:LIST_SIZE]]
    for item in mine:
        action = registry.get(item["action"])
        item["can_download"] = bool(
            action is not None and action.download is not None and item["status"] == ApprovalStatus.APPROVED
        )
    return render(request, "approvals/list.html", {"awaiting": awaiting, "mine": mine})


@login_required
@require_POST
def approval_decide(request: HttpRequest, approval_id: Any) -> HttpResponse:
    user: Any = request.user
    approval = selectors.approval_get(user, approval_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose approve, reject or withdraw."))
        return redirect("approvals:list")
    decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
    try:
        if decision == "approve":
            services.approval_approve(actor=user, approval=approval, note=note)
            messages.success(request, _("Approved: the step was taken."))
        elif decision == "reject":
            services.approval_reject(actor=user, approval=approval, note=note)
            messages.success(request, _("Rejected."))
        else:
            services.approval_withdraw(actor=user, approval=approval, note=note)
            messages.success(request, _("Request withdrawn."))
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    except PermissionDenied as error:
        messages.error(request, str(error) or _("You may not decide this request."))
    return redirect("approvals:list")


@login_required
@require_http_methods(["GET", "POST"])
def approval_create(request: HttpRequest, action_key: str, target_id: Any) -> HttpResponse:
    """Ask for a sensitive step on one record (the person export, a charge downgrade...)."""
    user: Any = request.user
    action = registry.get(action_key)
    if action is None:
        raise Http404
    require(user, action.permission)
    target = action.scope(user).filter(pk=uuid_or_404(target_id)).first()
    if target is None:
        raise Http404
    form = RequestForm(request.POST or None, param_fields=action.param_fields(target))
    if request.method == "POST" and form.is_valid():
        try:
            services.approval_request(
                actor=user, action=action.key, target=target, reason=form.cleaned_data["reason"], params=form.params()
            )
        except (ValidationError, PermissionDenied) as error:
            form_error(form, error)
        else:
            messages.success(request, _("Request sent: a second person must approve it."))
            return redirect("approvals:list")
    context = {
        "form": form,
        "action": action,
        "summary": action.describe(target, {}),
        "target_url": action.target_url(target) if action.target_url else "",
        "pending": selectors.approval_pending_on(user, target),
    }
    return render(request, "approvals/request.html", context)


@login_required
@require_GET
def approval_download(request: HttpRequest, approval_id: Any) -> HttpResponse:
    user: Any = request.user
    approval = selectors.approval_get(user, approval_id)
    action = registry.get(approval.action)
    if action is None or action.download is None or approval.requested_by_id != user.pk:
        raise Http404  # the file exists for its requester only
    try:
        found = action.download(user, approval)
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
        return redirect("approvals:list")
    return download_response(found)

"""Staff triage pages (/tips/): the recipient's queue and one tip with its anonymous thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from senim.cases.selectors import assistance_case_scope, criminal_case_scope
from senim.core.access import has_permission, require
from senim.core.models import Organization
from senim.people.selectors import person_scope
from senim.tips import forms, selectors, services
from senim.tips.models import TipRecipient, TipStatus
from senim.tips.permissions import TipsPermission


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    require(request.user, TipsPermission.HANDLE_TIPS)
    status = request.GET.get("status", "")
    if status not in ("", "all", *TipStatus.values):
        status = ""
    filters = selectors.TipFilters(status=status, urgent=request.GET.get("urgent") == "1")
    services.tip_purge_schedule(actor=request.user)  # type: ignore[arg-type]
    tips = selectors.tip_queue(request.user, filters)  # type: ignore[arg-type]
    return render(
        request,
        "tips/queue.html",
        {
            "tips": tips[:500],
            "filters": filters,
            "statuses": TipStatus.choices,
            "can_manage_recipients": has_permission(request.user, TipsPermission.MANAGE_RECIPIENTS),
        },
    )


def _detail_context(request: HttpRequest, tip: Any) -> dict[str, Any]:
    user: Any = request.user
    return {
        "tip": tip,
        "thread": selectors.tip_messages(user, tip),
        "message_form": forms.StaffMessageForm(),
        "flags_form": forms.FlagsForm(
            initial={"involves_child": tip.involves_child, "immediate_danger": tip.immediate_danger}
        ),
        "status_form": forms.StatusForm(initial={"status": tip.status}),
        "note_form": forms.NoteForm(initial={"note": tip.staff_note}),
        "link_form": forms.LinkForm(),
        "case_form": forms.AssistanceCaseForm(initial={"region": tip.region}),
        "criminal_form": forms.CriminalCaseForm(initial={"region": tip.region})
        if services.has_criminal_rights(user)
        else None,
        "forward_form": forms.ForwardForm(exclude=tip.recipient_id),
        "forward_requests": tip.forward_requests.select_related("to_recipient__organization"),
        "assistance_cases": assistance_case_scope(user).filter(tips=tip),
        "criminal_cases": criminal_case_scope(user).filter(tips=tip),
        "persons": person_scope(user).filter(tips=tip),
        "attachments": tip.attachments.all(),
    }


@login_required
@require_GET
def detail(request: HttpRequest, tip_id: Any) -> HttpResponse:
    tip = selectors.tip_get(request.user, tip_id)  # type: ignore[arg-type]
    return render(request, "tips/detail.html", _detail_context(request, tip))


def _action(handler: Callable[[Any, Any, dict[str, Any]], Any], form_class: type[Any]) -> Callable[..., HttpResponse]:
    @login_required
    @require_POST
    def view(request: HttpRequest, tip_id: Any) -> HttpResponse:
        tip = selectors.tip_get(request.user, tip_id, audit=False)  # type: ignore[arg-type]
        form = (
            form_class(request.POST)
            if form_class is not forms.ForwardForm
            else form_class(request.POST, exclude=tip.recipient_id)
        )
        if not form.is_valid():
            messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        else:
            try:
                handler(request.user, tip, form.cleaned_data)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            except PermissionDenied:
                raise
            else:
                messages.success(request, _("Done."))
        return redirect("tips:detail", tip_id=tip.pk)

    return view


def _link(user: Any, tip: Any, data: dict[str, Any]) -> None:
    def pick(scope: Any, value: Any) -> Any:
        if value is None:
            return None
        found = scope.filter(pk=value).first()
        if found is None:
            raise ValidationError(_("Not found."))
        return found

    services.tip_link(
        actor=user,
        tip=tip,
        assistance_case=pick(assistance_case_scope(user), data.get("assistance_case")),
        criminal_case=pick(criminal_case_scope(user), data.get("criminal_case")),
        person=pick(person_scope(user), data.get("person")),
    )


message = _action(lambda u, t, d: services.tip_message_send(actor=u, tip=t, body=d["body"]), forms.StaffMessageForm)
flags = _action(
    lambda u, t, d: services.tip_flags_set(
        actor=u, tip=t, involves_child=d["involves_child"], immediate_danger=d["immediate_danger"]
    ),
    forms.FlagsForm,
)
status = _action(lambda u, t, d: services.tip_status_set(actor=u, tip=t, status=d["status"]), forms.StatusForm)
note = _action(lambda u, t, d: services.tip_note_set(actor=u, tip=t, note=d["note"]), forms.NoteForm)
link = _action(_link, forms.LinkForm)
assistance_case = _action(
    lambda u, t, d: services.tip_assistance_case_create(
        actor=u,
        tip=t,
        region=d["region"],
        family_name=d["family_name"],
        given_name=d["given_name"],
        summary=d["summary"],
    ),
    forms.AssistanceCaseForm,
)
criminal_case = _action(
    lambda u, t, d: services.tip_criminal_case_create(
        actor=u,
        tip=t,
        registry_number=d["registry_number"],
        articles=[a.strip() for a in d["articles"].split(",") if a.strip()],
        region=d["region"],
    ),
    forms.CriminalCaseForm,
)
forward = _action(
    lambda u, t, d: services.tip_forward_request(actor=u, tip=t, to_recipient=d["to_recipient"], note=d["note"]),
    forms.ForwardForm,
)


@login_required
@require_GET
def attachment(request: HttpRequest, tip_id: Any, attachment_id: Any) -> HttpResponse:
    tip = selectors.tip_get(request.user, tip_id, audit=False)  # type: ignore[arg-type]
    item = selectors.tip_attachment_get(request.user, tip, attachment_id)  # type: ignore[arg-type]
    from senim.core.services import audit_record

    audit_record(actor=request.user, action="tip.attachment_view", target=tip, extra={"attachment": str(item.pk)})  # type: ignore[arg-type]
    response = HttpResponse(services.attachment_bytes(item), content_type=item.content_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{item.name}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@login_required
def recipients(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not (has_permission(user, TipsPermission.MANAGE_RECIPIENTS) or has_permission(user, TipsPermission.HANDLE_TIPS)):
        raise PermissionDenied
    can_manage = has_permission(user, TipsPermission.MANAGE_RECIPIENTS)
    form = forms.RecipientForm(request.POST or None)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            organization = Organization.objects.filter(pk=form.cleaned_data["organization"]).first()
            if organization is None:
                raise Http404
            try:
                services.tip_recipient_register(
                    actor=user,
                    organization=organization,
                    public_name=form.cleaned_data["public_name"],
                    description=form.cleaned_data["description"],
                    accepts_unaddressed=form.cleaned_data["accepts_unaddressed"],
                    is_active=form.cleaned_data["is_active"],
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Done."))
                return redirect("tips:recipients")
    elif request.method != "GET":
        return HttpResponse(status=405)
    return render(
        request,
        "tips/recipients.html",
        {
            "recipients": selectors.recipient_list(user),
            "form": form if can_manage else None,
            "organizations": Organization.objects.filter(is_active=True).exclude(
                pk__in=TipRecipient.objects.values("organization_id")
            )
            if can_manage
            else [],
        },
    )

"""The people app's four-eyes step: exporting a person's dossier (see `senim.people.export`). Merging
persons keeps its own two-reviewer flow in `senim.linkage`. Read by `senim.core.approvals.registry`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from senim.core.access import has_permission
from senim.core.approvals.models import ApprovalRequest
from senim.core.approvals.registry import SensitiveAction
from senim.core.models import User
from senim.people.export import EXPORT_ACTION, EXPORT_FORMATS, EXPORT_WINDOW, person_export_download
from senim.people.models import Person
from senim.people.permissions import PeoplePermission
from senim.people.selectors import person_scope


def _scope(user: User) -> QuerySet[Person]:
    if not has_permission(user, PeoplePermission.EXPORT_PERSONS):
        return Person.objects.none()
    return person_scope(user)


def _clean(actor: User, person: Person, params: Mapping[str, Any]) -> dict[str, Any]:
    file_format = str(params.get("format") or "csv")
    if file_format not in EXPORT_FORMATS:
        raise ValidationError({"format": _("Choose CSV or JSON.")})
    return {"format": file_format}


def _perform(approval: ApprovalRequest, person: Person) -> None:
    """Nothing leaves at approval: the requester downloads the file within the window (`grant_for`)."""


def _describe(person: Person, params: Mapping[str, Any]) -> str:
    return f"{person.label or person.pk} · {str(params.get('format', 'csv')).upper()}"


SENSITIVE_ACTIONS = [
    SensitiveAction(
        key=EXPORT_ACTION,
        label=gettext_lazy("Export a person's data"),
        model=Person,
        permission=PeoplePermission.EXPORT_PERSONS,
        scope=_scope,
        clean=_clean,
        perform=_perform,
        describe=_describe,
        target_url=lambda person: reverse("web:person_detail", args=[person.pk]),
        grant_for=EXPORT_WINDOW,
        download=lambda user, approval: person_export_download(actor=user, approval=approval),
        param_fields=lambda person: {
            "format": forms.ChoiceField(label=gettext_lazy("File format"), choices=[("csv", "CSV"), ("json", "JSON")])
        },
    )
]

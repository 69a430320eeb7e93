"""Pages of the people app: uploading a list of persons and following its import."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from senim.core.access import require
from senim.people import selectors, services
from senim.people.forms import PersonImportForm
from senim.people.permissions import PeoplePermission


@login_required
@require_http_methods(["GET", "POST"])
def import_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    require(user, PeoplePermission.IMPORT_RECORDS)
    form = PersonImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            person_import = services.person_import_create(
                actor=user, file_name=upload.name, raw=upload.read(), source=form.cleaned_data["source"]
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            if person_import.errors:
                messages.error(request, _("Nothing was imported: fix the rows listed below and upload again."))
            else:
                messages.success(request, _("The file is valid and queued for import."))
            return redirect("people:import_detail", import_id=person_import.pk)
    page = Paginator(selectors.person_import_scope(user), 25).get_page(request.GET.get("page"))
    return render(request, "people/import_list.html", {"form": form, "page": page})


@login_required
def import_detail(request: HttpRequest, import_id: str) -> HttpResponse:
    person_import = selectors.person_import_get(request.user, import_id)  # type: ignore[arg-type]
    return render(request, "people/import_detail.html", {"import": person_import, "job": person_import.job})

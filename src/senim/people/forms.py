from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class PersonImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file (UTF-8)"),
        help_text=_(
            "Header line with record_id and any of: given_name, family_name, patronymic, full_name, sex, "
            "birth_date, citizenship, document_number, phone, address, notes."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    source = forms.CharField(
        label=_("Where the list comes from"),
        max_length=80,
        help_text=_("e.g. 'Almaty migration police, inspection 2026-11-20'"),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > settings.SENIM_IMPORT_MAX_BYTES:
            raise forms.ValidationError(_("The file is too large: split it."))
        return upload

"""Page forms. They only shape input; every rule that matters is enforced again by the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from senim.cases.articles import article_choices
from senim.cases.models import (
    REGISTRY_NUMBER_PATTERN,
    AssistanceStatus,
    ChainRole,
    ChargeOutcome,
    CriminalStatus,
    ExploitationType,
    ProceduralRole,
)
from senim.core.regions import Region
from senim.people.models import IdentifierKind, Sex

Choices = list[tuple[str, Any]]
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CaseFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False, choices=[("", _("Any")), *Region.choices])
    since = forms.DateField(label=_("From"), required=False, widget=DATE_INPUT)
    until = forms.DateField(label=_("To"), required=False, widget=DATE_INPUT)
    q = forms.CharField(
        label=_("Number"), required=False, max_length=64, widget=forms.TextInput(attrs={"type": "search"})
    )

    def __init__(self, *args: Any, statuses: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Any")), *statuses]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end date is before the start date."))
        return data


def assistance_filter_form(data: Any) -> CaseFilterForm:
    return CaseFilterForm(data, statuses=list(AssistanceStatus.choices))


def criminal_filter_form(data: Any) -> CaseFilterForm:
    return CaseFilterForm(data, statuses=list(CriminalStatus.choices))


class PersonRecordForm(forms.Form):
    """One mention of a person, written exactly as the person or the document gave it."""

    family_name = forms.CharField(label=_("Family name as written"), max_length=200, required=False)
    given_name = forms.CharField(label=_("Given name as written"), max_length=200, required=False)
    patronymic = forms.CharField(label=_("Patronymic"), max_length=200, required=False)
    birth_date = forms.RegexField(
        label=_("Birth date"),
        regex=r"^\d{4}(-\d{2}(-\d{2})?)?$",
        max_length=10,
        required=False,
        help_text=_("YYYY, YYYY-MM or YYYY-MM-DD: as much as is known"),
        error_messages={"invalid": _("Use YYYY, YYYY-MM or YYYY-MM-DD.")},
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    citizenship = forms.RegexField(
        label=_("Citizenship"),
        regex=r"^[A-Za-z]{2}$",
        required=False,
        max_length=2,
        help_text=_("Two-letter country code, e.g. KZ, UZ, KG, TJ"),
        error_messages={"invalid": _("Use the two-letter country code.")},
    )
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    document = forms.CharField(label=_("Identity document number"), max_length=60, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("family_name") or data.get("given_name")):
            raise forms.ValidationError(_("Give at least one name as the person wrote or said it."))
        return data

    def identifiers(self) -> list[tuple[str, str]]:
        data = self.cleaned_data
        found = []
        if data.get("phone"):
            found.append((IdentifierKind.PHONE.value, data["phone"]))
        if data.get("document"):
            found.append((IdentifierKind.DOCUMENT.value, data["document"]))
        return found


class CaseDetailsForm(forms.Form):
    region = forms.ChoiceField(label=_("Region"), choices=Region.choices)
    exploitation_type = forms.ChoiceField(
        label=_("Exploitation"), choices=ExploitationType.choices, initial=ExploitationType.UNKNOWN
    )
    is_minor = forms.BooleanField(label=_("The person is a child (under 18)"), required=False)
    reported_on = forms.DateField(label=_("Reported on"), required=False, widget=DATE_INPUT)
    summary = forms.CharField(
        label=_("What happened (short)"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=20000
    )


class NewCaseForm(CaseDetailsForm, PersonRecordForm):
    """The intake: the person as they gave their name, and the case."""


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Move to"))
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )

    def __init__(self, *args: Any, allowed: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = allowed  # type: ignore[attr-defined]


class ParticipantForm(forms.Form):
    family_name = forms.CharField(label=_("Family name as written"), max_length=200)
    given_name = forms.CharField(label=_("Given name as written"), max_length=200, required=False)
    patronymic = forms.CharField(label=_("Patronymic"), max_length=200, required=False)
    birth_date = PersonRecordForm.base_fields["birth_date"]
    citizenship = PersonRecordForm.base_fields["citizenship"]
    procedural_role = forms.ChoiceField(label=_("Procedural role"), choices=ProceduralRole.choices)
    chain_role = forms.ChoiceField(
        label=_("Role in the chain"), choices=[("", "—"), *ChainRole.choices], required=False
    )
    protected_identity = forms.BooleanField(label=_("Anonymised testimony"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("procedural_role") == ProceduralRole.VICTIM and data.get("chain_role"):
            self.add_error("chain_role", _("A victim has no role in the trafficking chain."))
        return data


class ChargeForm(forms.Form):
    participant = forms.ChoiceField(label=_("Participant"))
    article = forms.ChoiceField(label=_("Article"), choices=article_choices())
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ChargeOutcome.choices)
    sentence = forms.CharField(label=_("Sentence"), max_length=200, required=False)
    decided_on = forms.DateField(label=_("Decided on"), required=False, widget=DATE_INPUT)

    def __init__(self, *args: Any, participants: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participant"].choices = participants  # type: ignore[attr-defined]


class NewCriminalCaseForm(forms.Form):
    registry_number = forms.RegexField(
        label=_("Registry number"),
        regex=REGISTRY_NUMBER_PATTERN,
        help_text=_("As in the Unified Register of Pre-Trial Investigations: 6 to 32 letters, digits or hyphens."),
        error_messages={"invalid": _("Use 6 to 32 letters, digits or hyphens.")},
    )
    region = forms.ChoiceField(label=_("Region"), choices=Region.choices)
    articles = forms.MultipleChoiceField(
        label=_("Articles"), choices=article_choices(), widget=forms.CheckboxSelectMultiple
    )
    opened_on = forms.DateField(label=_("Opened on"), required=False, widget=DATE_INPUT)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 4}))


class ChargeOutcomeForm(forms.Form):
    charge = forms.ChoiceField(label=_("Charge"))
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ChargeOutcome.choices)
    sentence = ChargeForm.base_fields["sentence"]
    decided_on = ChargeForm.base_fields["decided_on"]

    def __init__(self, *args: Any, charges: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["charge"].choices = charges  # type: ignore[attr-defined]

"""Page forms. They only shape input; the services validate and decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from senim.core.models import Organization
from senim.core.regions import Region
from senim.referrals.models import (
    AssessmentStage,
    CompensationKind,
    CompensationStatus,
    ConsentGiver,
    DataCategory,
    FollowUpStatus,
    HearingKind,
    MeasureKind,
    PlanItemStatus,
    ProceduralMeasureKind,
    RiskLevel,
    ServiceKind,
)

LANGUAGE_CHOICES = [
    ("ru", _("Russian")),
    ("kk", _("Kazakh")),
    ("uz", _("Uzbek")),
    ("ky", _("Kyrgyz")),
    ("tg", _("Tajik")),
    ("en", _("English")),
    ("tk", _("Turkmen")),
    ("zh", _("Chinese")),
]
DATE = forms.DateInput(attrs={"type": "date"})


def _organizations(exclude: Organization | None = None) -> forms.ModelChoiceField:
    queryset = Organization.objects.filter(is_active=True).order_by("name")
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude.pk)
    return forms.ModelChoiceField(queryset=queryset, label=_("Organization"))


class ShelterSearchForm(forms.Form):
    region = forms.ChoiceField(label=_("Region"), choices=[("", "—"), *Region.choices], required=False)
    age = forms.IntegerField(label=_("Age"), min_value=0, max_value=120, required=False)
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "—"), ("f", _("Female")), ("m", _("Male"))], required=False)
    language = forms.ChoiceField(label=_("Language"), choices=[("", "—"), *LANGUAGE_CHOICES], required=False)
    with_family = forms.BooleanField(label=_("With family"), required=False)
    service = forms.ChoiceField(label=_("Service"), choices=ServiceKind.choices, initial=ServiceKind.SHELTER)
    tonight = forms.BooleanField(label=_("Tonight (admits at any hour)"), required=False, initial=True)


class ProfileForm(forms.Form):
    services = forms.MultipleChoiceField(
        label=_("Services offered"), choices=ServiceKind.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    regions_served = forms.MultipleChoiceField(label=_("Regions served"), choices=Region.choices, required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=LANGUAGE_CHOICES, widget=forms.CheckboxSelectMultiple, required=False
    )
    bed_capacity = forms.IntegerField(label=_("Bed capacity"), min_value=0, max_value=10000)
    beds_occupied = forms.IntegerField(label=_("Beds occupied"), min_value=0, max_value=10000)
    accepts_men = forms.BooleanField(label=_("Accepts men"), required=False)
    accepts_women = forms.BooleanField(label=_("Accepts women"), required=False)
    accepts_children = forms.BooleanField(label=_("Accepts children"), required=False)
    accepts_families = forms.BooleanField(label=_("Accepts families"), required=False)
    min_age = forms.IntegerField(label=_("Youngest age accepted"), min_value=0, max_value=120, initial=0)
    max_age = forms.IntegerField(label=_("Oldest age accepted"), min_value=0, max_value=120, required=False)
    admits_at_night = forms.BooleanField(label=_("Admits at any hour"), required=False)
    contact_phone = forms.CharField(label=_("Duty phone"), max_length=40, required=False)
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class OccupancyForm(forms.Form):
    beds_occupied = forms.IntegerField(label=_("Beds occupied now"), min_value=0, max_value=10000)


class ConsentForm(forms.Form):
    recipient = forms.ModelChoiceField(queryset=Organization.objects.none(), label=_("Shared with"))
    data_categories = forms.MultipleChoiceField(
        label=_("Data shared"), choices=DataCategory.choices, widget=forms.CheckboxSelectMultiple
    )
    purpose = forms.CharField(label=_("Purpose"), max_length=300, required=False)
    explained_in = forms.ChoiceField(label=_("Explained in"), choices=LANGUAGE_CHOICES)
    interpreter_used = forms.BooleanField(label=_("Interpreter used"), required=False)
    given_by = forms.ChoiceField(label=_("Given by"), choices=ConsentGiver.choices)
    guardian_name = forms.CharField(label=_("Guardian's name"), max_length=200, required=False)
    guardian_relation = forms.CharField(label=_("Guardian's relation"), max_length=60, required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["recipient"].queryset = Organization.objects.filter(is_active=True).order_by("name")  # type: ignore[attr-defined]


class ReferralForm(forms.Form):
    to_organization = forms.ModelChoiceField(queryset=Organization.objects.none(), label=_("Refer to"))
    services = forms.MultipleChoiceField(
        label=_("Services"), choices=ServiceKind.choices, widget=forms.CheckboxSelectMultiple
    )
    shared_data = forms.MultipleChoiceField(
        label=_("Data shared"),
        choices=DataCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        initial=[DataCategory.IDENTITY],
    )
    consent = forms.UUIDField(label=_("Consent"), required=False, widget=forms.Select)
    override_reason = forms.CharField(
        label=_("Reason for sending without consent"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    is_urgent = forms.BooleanField(label=_("Urgent"), required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args: object, consents: list[tuple[str, str]] | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["to_organization"].queryset = Organization.objects.filter(is_active=True).order_by("name")  # type: ignore[attr-defined]
        self.fields["consent"].widget.choices = [("", _("— none: override —")), *(consents or [])]  # type: ignore[attr-defined]


class TransitionForm(forms.Form):
    to_status = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class MeasureForm(forms.Form):
    kind = forms.ChoiceField(label=_("Measure"), choices=MeasureKind.choices)
    starts_on = forms.DateField(label=_("Starts on"), required=False, widget=DATE)
    ends_on = forms.DateField(label=_("Ends on"), required=False, widget=DATE)
    decision_reference = forms.CharField(label=_("Decision reference"), max_length=80, required=False)


class ResidenceDecisionForm(forms.Form):
    grant = forms.TypedChoiceField(
        label=_("Decision"), choices=[("1", _("Grant")), ("0", _("Refuse"))], coerce=lambda v: v == "1"
    )
    ends_on = forms.DateField(label=_("Valid until"), required=False, widget=DATE)
    work_permitted = forms.BooleanField(label=_("Right to work"), required=False)
    decision_reference = forms.CharField(label=_("Decision reference"), max_length=80, required=False)


class ProceduralForm(forms.Form):
    criminal_case = forms.ChoiceField(label=_("Criminal case"))
    kind = forms.ChoiceField(label=_("Measure"), choices=ProceduralMeasureKind.choices)
    reason = forms.CharField(label=_("Why"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class AssessmentForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=AssessmentStage.choices)
    risk_level = forms.ChoiceField(label=_("Risk to the person"), choices=RiskLevel.choices)
    family_risk_level = forms.ChoiceField(label=_("Risk to the family at home"), choices=RiskLevel.choices)
    needs = forms.MultipleChoiceField(
        label=_("Needs"), choices=ServiceKind.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ServiceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Service"), choices=ServiceKind.choices)
    delivered_on = forms.DateField(label=_("Delivered on"), widget=DATE)
    ended_on = forms.DateField(label=_("Until"), required=False, widget=DATE)
    cost = forms.DecimalField(label=_("Cost (KZT)"), min_value=0, max_digits=12, decimal_places=2, initial=0)
    description = forms.CharField(label=_("Description"), max_length=4000, required=False)


class PlanItemForm(forms.Form):
    goal = forms.CharField(label=_("Goal"), max_length=2000)
    service_kind = forms.ChoiceField(label=_("Service"), choices=[("", "—"), *ServiceKind.choices], required=False)
    target_on = forms.DateField(label=_("Target date"), required=False, widget=DATE)


class PlanStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=PlanItemStatus.choices)


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Result"),
        choices=[
            (FollowUpStatus.DONE, FollowUpStatus.DONE.label),
            (FollowUpStatus.UNREACHABLE, FollowUpStatus.UNREACHABLE.label),
        ],
    )
    wellbeing = forms.ChoiceField(label=_("Risk now"), choices=[("", "—"), *RiskLevel.choices], required=False)
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ReturnForm(forms.Form):
    country = forms.CharField(label=_("Country (ISO code)"), max_length=2)
    receiving_organization = forms.ModelChoiceField(
        queryset=Organization.objects.none(), label=_("Receiving organization")
    )
    planned_on = forms.DateField(label=_("Planned for"), required=False, widget=DATE)
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["receiving_organization"].queryset = (  # type: ignore[attr-defined]
            Organization.objects.filter(is_active=True).exclude(country="KZ").order_by("country", "name")
        )


class CompensationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CompensationKind.choices)
    amount_claimed = forms.DecimalField(label=_("Amount claimed (KZT)"), min_value=0, max_digits=14, decimal_places=2)
    filed_on = forms.DateField(label=_("Filed on"), required=False, widget=DATE)


class CompensationDecideForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Outcome"), choices=CompensationStatus.choices)
    amount_awarded = forms.DecimalField(label=_("Amount awarded"), required=False, max_digits=14, decimal_places=2)


class HearingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=HearingKind.choices)
    scheduled_at = forms.DateTimeField(
        label=_("Date and time"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    victim_must_attend = forms.BooleanField(label=_("Victim must attend"), required=False)


class LiftRequestForm(ReasonForm):
    pass

"""Forms of the public reporting page and the staff triage page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from senim.core.regions import Region
from senim.tips import conf
from senim.tips.models import Routing, TipRecipient, TipStatus
from senim.tips.selectors import recipient_public_list

YES_NO_UNKNOWN = [("yes", _("Yes")), ("no", _("No")), ("unknown", _("I do not know"))]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,text/plain"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > conf.get("SENIM_TIPS_ATTACHMENT_MAX_FILES"):
            raise ValidationError(_("Too many files."))
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class ChallengeMixin(forms.Form):
    challenge = forms.CharField(widget=forms.HiddenInput)
    pow = forms.CharField(required=False, widget=forms.HiddenInput)
    sum_answer = forms.CharField(
        label=_("To show you are a person, add the two numbers"),
        required=False,
        max_length=4,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": "4"}),
    )


class ReportForm(ChallengeMixin):
    routing = forms.ChoiceField(
        label=_("Who should receive your report?"),
        choices=[
            (Routing.ANY, _("Whoever can help (we choose a suitable organization)")),
            (Routing.NAMED, _("An organization I choose from the list")),
            (Routing.POLICE, _("The police")),
        ],
        initial=Routing.ANY,
        widget=forms.RadioSelect,
    )
    recipient = forms.ModelChoiceField(
        label=_("Organization"),
        queryset=TipRecipient.objects.none(),
        required=False,
        empty_label="—",
    )
    what_happened = forms.CharField(
        label=_("What happened?"),
        help_text=_("In your own words. You do not have to give your name."),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    where = forms.CharField(label=_("Where? (town, place, address if you know it)"), max_length=500, required=False)
    region = forms.ChoiceField(label=_("Region"), choices=[("", "—"), *Region.choices], required=False)
    when = forms.CharField(label=_("When did it happen, or is it still happening?"), max_length=500, required=False)
    who_at_risk = forms.CharField(
        label=_("Who is at risk now?"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    immediate_danger = forms.ChoiceField(
        label=_("Is someone in danger right now?"), choices=YES_NO_UNKNOWN, widget=forms.RadioSelect, initial="unknown"
    )
    involves_child = forms.ChoiceField(
        label=_("Is anyone involved a child (under 18)?"),
        choices=YES_NO_UNKNOWN,
        widget=forms.RadioSelect,
        initial="unknown",
    )
    details = forms.CharField(
        label=_("Anything else you want to tell us"),
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    upload = MultipleFileField(
        label=_("Photos or text files (optional)"),
        help_text=_("Up to 3 files, 5 MB each. We remove hidden data such as location from photos."),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        recipient_field = self.fields["recipient"]
        assert isinstance(recipient_field, forms.ModelChoiceField)
        recipient_field.queryset = recipient_public_list().exclude(organization__kind="police")
        recipient_field.label_from_instance = lambda obj: obj.display_name  # type: ignore[method-assign]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("routing") == Routing.NAMED and not data.get("recipient"):
            self.add_error("recipient", _("Choose an organization from the list."))
        return data


class CodeForm(ChallengeMixin):
    code = forms.CharField(
        label=_("Your receipt code"),
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}),
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your answer"), max_length=10_000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    upload = MultipleFileField(label=_("Photos or text files (optional)"), required=False)


# ------------------------------------------------------------------------------------------------- staff


class StaffMessageForm(forms.Form):
    body = forms.CharField(label=_("Message or question to the reporter"), widget=forms.Textarea(attrs={"rows": 3}))


class FlagsForm(forms.Form):
    involves_child = forms.BooleanField(label=_("A child is involved"), required=False)
    immediate_danger = forms.BooleanField(label=_("Someone is in immediate danger"), required=False)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=TipStatus.choices)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Internal note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class LinkForm(forms.Form):
    assistance_case = forms.UUIDField(label=_("Assistance case id"), required=False)
    criminal_case = forms.UUIDField(label=_("Criminal case id"), required=False)
    person = forms.UUIDField(label=_("Person id"), required=False)


class AssistanceCaseForm(forms.Form):
    region = forms.ChoiceField(label=_("Region"), choices=[("", "—"), *Region.choices], required=False)
    family_name = forms.CharField(label=_("Family name, if known"), required=False, max_length=200)
    given_name = forms.CharField(label=_("Given name, if known"), required=False, max_length=200)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CriminalCaseForm(forms.Form):
    registry_number = forms.CharField(label=_("Registry number (ERDR)"), max_length=40)
    articles = forms.CharField(label=_("Articles (comma-separated keys)"), max_length=200)
    region = forms.ChoiceField(label=_("Region"), choices=[("", "—"), *Region.choices], required=False)


class ForwardForm(forms.Form):
    to_recipient = forms.ModelChoiceField(label=_("Forward to"), queryset=TipRecipient.objects.none())
    note = forms.CharField(
        label=_("Message to the reporter explaining why"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, exclude: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to_recipient"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = recipient_public_list().exclude(pk=exclude) if exclude else recipient_public_list()


class RecipientForm(forms.Form):
    organization = forms.UUIDField(label=_("Organization id"))
    public_name = forms.CharField(label=_("Public name"), required=False, max_length=200)
    description = forms.CharField(label=_("Public description"), required=False, max_length=500)
    accepts_unaddressed = forms.BooleanField(label=_("Receives reports for whoever can help"), required=False)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from senim.core.fields import EncryptedTextField
from senim.core.models import Organization, UUIDModel


class Sex(models.TextChoices):
    FEMALE = "f", _("Female")
    MALE = "m", _("Male")
    UNKNOWN = "u", _("Unknown")


class Script(models.TextChoices):
    CYRILLIC = "cyrillic", _("Cyrillic")
    LATIN = "latin", _("Latin")
    MIXED = "mixed", _("Mixed")
    UNKNOWN = "unknown", _("Unknown")


class Person(UUIDModel):
    """The resolved individual. Linkage assigns PersonRecords to Persons; a merged person points at the
    person it was merged into, so a merge can be undone."""

    label = EncryptedTextField(_("name"), blank=True)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return self.label or str(self.pk)


class PersonRecord(UUIDModel):
    """One person as one source recorded them, names exactly as written. Every PII field is encrypted."""

    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="records")
    source_organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(_("source"), max_length=120, blank=True)
    given_name = EncryptedTextField(_("given name"), blank=True)
    family_name = EncryptedTextField(_("family name"), blank=True)
    patronymic = EncryptedTextField(_("patronymic"), blank=True)
    full_name = EncryptedTextField(_("full name as written"), blank=True)
    script = models.CharField(_("script"), max_length=10, choices=Script.choices, default=Script.UNKNOWN)
    birth_date = EncryptedTextField(_("birth date (YYYY, YYYY-MM or YYYY-MM-DD)"), blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    citizenship = models.CharField(_("citizenship"), max_length=2, blank=True)
    notes = EncryptedTextField(_("notes"), blank=True)
    linked_at = models.DateTimeField(null=True, blank=True)

    def display_name(self) -> str:
        if self.full_name:
            return self.full_name
        return " ".join(p for p in (self.family_name, self.given_name, self.patronymic) if p)

    def __str__(self) -> str:
        return self.display_name() or str(self.pk)


class IdentifierKind(models.TextChoices):
    PHONE = "phone", _("Phone")
    DOCUMENT = "document", _("Identity document")
    ADDRESS = "address", _("Address")
    BANK_ACCOUNT = "bank_account", _("Bank account")
    CARD = "card", _("Bank card")
    VEHICLE = "vehicle", _("Vehicle")
    COMPANY = "company", _("Company")
    ONLINE_ACCOUNT = "online_account", _("Online account")


class Identifier(UUIDModel):
    """A phone, document, address, account… that may be shared by several people."""

    kind = models.CharField(_("kind"), max_length=20, choices=IdentifierKind.choices)
    value = EncryptedTextField(_("value"))
    value_hash = models.CharField(max_length=64, editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "value_hash"], name="unique_identifier_value")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"


class IdentifierLink(UUIDModel):
    """Where we learned that a record uses an identifier: provenance is what makes a link evidence."""

    identifier = models.ForeignKey(Identifier, on_delete=models.PROTECT, related_name="links")
    record = models.ForeignKey(PersonRecord, on_delete=models.CASCADE, related_name="identifier_links")
    source = models.CharField(_("source"), max_length=120, blank=True)
    case_reference = models.CharField(_("case"), max_length=60, blank=True)
    observed_on = models.DateField(_("observed on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["identifier", "record", "case_reference"], name="unique_identifier_link")
        ]


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    REJECTED = "rejected", _("Rejected: rows have errors")
    IMPORTED = "imported", _("Imported")
    FAILED = "failed", _("Failed")


class PersonImport(UUIDModel):
    """A list of persons an agency uploaded (a migration office's list, an NGO's caseload). Imported by
    the worker all-or-nothing; the uploaded file is kept encrypted only until it has been processed."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The worker writes as the uploader in the role they uploaded in, if they still hold it then.
    uploaded_as = models.CharField(max_length=24)
    file_name = models.CharField(_("file"), max_length=200)
    source = models.CharField(_("source"), max_length=80, help_text=_("Where the list comes from."))
    content = EncryptedTextField(blank=True)
    content_hash = models.CharField(max_length=64, db_index=True)
    job = models.ForeignKey("core.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    row_count = models.PositiveIntegerField(default=0)
    imported_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    ignored_columns = models.JSONField(default=list, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

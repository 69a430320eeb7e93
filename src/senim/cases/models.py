from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from senim.cases.articles import article_choices
from senim.core.fields import EncryptedTextField
from senim.core.models import Organization, UUIDModel
from senim.core.regions import Region
from senim.people.models import Person, PersonRecord


class AssistanceStatus(models.TextChoices):
    REPORTED = "reported", _("Reported")
    SCREENING = "screening", _("Screening")
    PRESUMED_VICTIM = "presumed_victim", _("Presumed victim")
    IDENTIFIED_VICTIM = "identified_victim", _("Identified victim")
    NOT_VICTIM = "not_victim", _("Not a victim")
    ASSISTED = "assisted", _("Assisted")
    CLOSED = "closed", _("Closed")


class ExploitationType(models.TextChoices):
    LABOUR = "labour", _("Labour exploitation")
    SEXUAL = "sexual", _("Sexual exploitation")
    BEGGING = "begging", _("Forced begging")
    CRIMINAL_ACTIVITY = "criminal_activity", _("Forced criminal activity")
    FORCED_MARRIAGE = "forced_marriage", _("Forced marriage")
    ORGAN_REMOVAL = "organ_removal", _("Organ removal")
    UNKNOWN = "unknown", _("Not yet known")


class AssistanceCase(UUIDModel):
    """The victim's journey from report to reintegration."""

    number = models.CharField(_("number"), max_length=32, unique=True)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="assistance_cases")
    intake_record = models.ForeignKey(PersonRecord, on_delete=models.PROTECT, related_name="+")
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=AssistanceStatus.choices, default=AssistanceStatus.REPORTED, db_index=True
    )
    exploitation_type = models.CharField(
        _("exploitation"), max_length=20, choices=ExploitationType.choices, default=ExploitationType.UNKNOWN
    )
    is_minor = models.BooleanField(_("minor"), default=False)
    lead_organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="assistance_cases")
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    summary = EncryptedTextField(_("summary"), blank=True)
    reported_on = models.DateField(_("reported on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.number


class AssistanceCaseStatusChange(models.Model):
    case = models.ForeignKey(AssistanceCase, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    changed_at = models.DateTimeField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The second user whose approval performed this change (four-eyes steps); changed_by requested it.
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = EncryptedTextField(blank=True)

    class Meta:
        ordering = ["changed_at", "id"]


class CriminalStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    INVESTIGATION = "investigation", _("Investigation")
    SUSPENDED = "suspended", _("Suspended")
    INDICTMENT = "indictment", _("Indictment")
    TRIAL = "trial", _("Trial")
    VERDICT = "verdict", _("Verdict")
    APPEAL = "appeal", _("Appeal")
    CLOSED = "closed", _("Closed")
    TERMINATED = "terminated", _("Terminated")


# The Unified Register of Pre-Trial Investigations number as police write it (digits, letters, hyphens).
REGISTRY_NUMBER_PATTERN = r"^[0-9A-Za-z-]{6,32}$"


class CriminalCase(UUIDModel):
    registry_number = models.CharField(_("registry number"), max_length=32, unique=True)  # REGISTRY_NUMBER_PATTERN
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    articles = models.JSONField(_("articles"), default=list)
    status = models.CharField(
        _("status"), max_length=20, choices=CriminalStatus.choices, default=CriminalStatus.REGISTERED, db_index=True
    )
    unit = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="criminal_cases")
    investigator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    prosecutor_office = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="supervised_cases"
    )
    prosecutor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_on = models.DateField(_("opened on"))
    summary = EncryptedTextField(_("summary"), blank=True)
    assistance_cases = models.ManyToManyField(AssistanceCase, blank=True, related_name="criminal_cases")

    class Meta:
        ordering = ["-opened_on", "registry_number"]

    def __str__(self) -> str:
        return self.registry_number


class CriminalCaseStatusChange(models.Model):
    case = models.ForeignKey(CriminalCase, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    changed_at = models.DateTimeField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The second user whose approval performed this change (four-eyes steps); changed_by requested it.
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = EncryptedTextField(blank=True)

    class Meta:
        ordering = ["changed_at", "id"]


class ProceduralRole(models.TextChoices):
    SUSPECT = "suspect", _("Suspect")
    ACCUSED = "accused", _("Accused")
    VICTIM = "victim", _("Victim")
    WITNESS = "witness", _("Witness")


class ChainRole(models.TextChoices):
    ORGANIZER = "organizer", _("Organizer")
    RECRUITER = "recruiter", _("Recruiter")
    TRANSPORTER = "transporter", _("Transporter")
    HARBOURER = "harbourer", _("Harbourer")
    EXPLOITER = "exploiter", _("Exploiter")
    FINANCIER = "financier", _("Financier")
    CORRUPT_OFFICIAL = "corrupt_official", _("Corrupt official")
    OTHER = "other", _("Other")
    NONE = "", _("None")


class Participant(UUIDModel):
    case = models.ForeignKey(CriminalCase, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="participations")
    record = models.ForeignKey(PersonRecord, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    procedural_role = models.CharField(_("procedural role"), max_length=12, choices=ProceduralRole.choices)
    chain_role = models.CharField(_("chain role"), max_length=20, choices=ChainRole.choices, blank=True)
    protected_identity = models.BooleanField(_("anonymised testimony"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "person", "procedural_role"], name="unique_participant_role")
        ]


class ChargeOutcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    CONVICTED = "convicted", _("Convicted")
    ACQUITTED = "acquitted", _("Acquitted")
    ADMINISTRATIVE_PENALTY = "administrative_penalty", _("Administrative penalty")
    DISMISSED = "dismissed", _("Dismissed")


class Charge(UUIDModel):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="charges")
    article = models.CharField(_("article"), max_length=12, choices=article_choices())
    outcome = models.CharField(
        _("outcome"), max_length=24, choices=ChargeOutcome.choices, default=ChargeOutcome.PENDING
    )
    sentence = models.CharField(_("sentence"), max_length=200, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

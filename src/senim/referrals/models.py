"""Protection and referral: organization profiles and capacity, consent, referrals, notifications,
protection measures (reflection period, temporary residence, expulsion hold), protection in the criminal
process, risk and needs assessments, tasks, services, case plan, follow-up, return, hearings and
compensation. See docs/referrals.md."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from senim.cases.models import AssistanceCase, CriminalCase
from senim.core.fields import EncryptedTextField
from senim.core.models import Organization, UUIDModel
from senim.core.regions import Region
from senim.people.models import Person

USER = settings.AUTH_USER_MODEL


class ServiceKind(models.TextChoices):
    SHELTER = "shelter", _("Shelter")
    MEDICAL = "medical", _("Medical care")
    PSYCHOLOGICAL = "psychological", _("Psychological support")
    LEGAL_AID = "legal_aid", _("Legal aid")
    INTERPRETATION = "interpretation", _("Interpretation")
    REPATRIATION = "repatriation", _("Repatriation")
    VOCATIONAL = "vocational", _("Vocational training")
    EDUCATION = "education", _("Education")
    FINANCIAL = "financial", _("Financial assistance")
    DOCUMENTS = "documents", _("Identity documents")


class DataCategory(models.TextChoices):
    """What part of a case a referral shares. Consent names the categories; the receiving organization
    sees only those."""

    IDENTITY = "identity", _("Identity (name, birth date, citizenship)")
    SUMMARY = "summary", _("Case summary and exploitation")
    NEEDS = "needs", _("Risk and needs assessments, case plan")
    HEALTH = "health", _("Health and psychological services")
    LEGAL = "legal", _("Criminal proceedings and protection measures")


class OrganizationProfile(UUIDModel):
    """What a shelter or NGO offers and whom it can take. One per organization."""

    organization = models.OneToOneField(Organization, on_delete=models.CASCADE, related_name="referral_profile")
    services = models.JSONField(_("services offered"), default=list, blank=True)
    regions_served = models.JSONField(_("regions served"), default=list, blank=True)
    bed_capacity = models.PositiveIntegerField(_("bed capacity"), default=0)
    beds_occupied = models.PositiveIntegerField(_("beds occupied"), default=0)
    accepts_men = models.BooleanField(_("accepts men"), default=False)
    accepts_women = models.BooleanField(_("accepts women"), default=True)
    accepts_children = models.BooleanField(_("accepts children"), default=False)
    accepts_families = models.BooleanField(_("accepts families"), default=False)
    min_age = models.PositiveSmallIntegerField(_("youngest age accepted"), default=0)
    max_age = models.PositiveSmallIntegerField(_("oldest age accepted"), null=True, blank=True)
    admits_at_night = models.BooleanField(_("admits at any hour"), default=False)
    contact_phone = models.CharField(_("duty phone"), max_length=40, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    occupancy_updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organization__name"]

    def __str__(self) -> str:
        return str(self.organization)

    @property
    def free_beds(self) -> int:
        return max(self.bed_capacity - self.beds_occupied, 0)

    @property
    def over_capacity(self) -> bool:
        return self.beds_occupied > self.bed_capacity


class OccupancyReport(models.Model):
    """Each occupancy update, kept so capacity can be reported by month."""

    profile = models.ForeignKey(OrganizationProfile, on_delete=models.CASCADE, related_name="occupancy_reports")
    reported_at = models.DateTimeField(db_index=True)
    bed_capacity = models.PositiveIntegerField()
    beds_occupied = models.PositiveIntegerField()
    reported_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["reported_at", "id"]


class ConsentGiver(models.TextChoices):
    PERSON = "person", _("The person")
    GUARDIAN = "guardian", _("Parent or guardian")


class Consent(UUIDModel):
    """Informed consent to share named categories of a case with a named organization for named purposes."""

    case = models.ForeignKey(AssistanceCase, on_delete=models.CASCADE, related_name="consents")
    recipient = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="consents_received")
    data_categories = models.JSONField(_("data shared"), default=list)
    purpose = models.CharField(_("purpose"), max_length=300, blank=True)
    explained_in = models.CharField(_("language it was explained in"), max_length=8)
    interpreter_used = models.BooleanField(_("interpreter used"), default=False)
    given_by = models.CharField(_("given by"), max_length=10, choices=ConsentGiver.choices)
    guardian_name = EncryptedTextField(_("guardian's name"), blank=True)
    guardian_relation = models.CharField(_("guardian's relation"), max_length=60, blank=True)
    given_at = models.DateTimeField(_("given at"))
    recorded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = EncryptedTextField(blank=True)

    class Meta:
        ordering = ["-given_at"]

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    DONE = "done", _("Done")
    REVOKED = "revoked", _("Revoked")


ACTIVE_REFERRAL_STATUSES = (ReferralStatus.SENT, ReferralStatus.ACCEPTED)


class Referral(UUIDModel):
    case = models.ForeignKey(AssistanceCase, on_delete=models.CASCADE, related_name="referrals")
    from_organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="referrals_sent")
    to_organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="referrals_received")
    services = models.JSONField(_("services requested"), default=list)
    shared_data = models.JSONField(_("data shared"), default=list)
    status = models.CharField(
        _("status"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.SENT, db_index=True
    )
    consent = models.ForeignKey(Consent, null=True, blank=True, on_delete=models.PROTECT, related_name="referrals")
    consent_override = models.BooleanField(_("sent without consent"), default=False)
    override_reason = EncryptedTextField(_("reason for sending without consent"), blank=True)
    is_urgent = models.BooleanField(_("urgent"), default=False)
    note = EncryptedTextField(_("note"), blank=True)
    decline_reason = EncryptedTextField(_("reason for declining"), blank=True)
    sent_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField(db_index=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at"]


class ReferralStatusChange(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10)
    changed_at = models.DateTimeField()
    changed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reason = EncryptedTextField(blank=True)

    class Meta:
        ordering = ["changed_at", "id"]


class NotificationKind(models.TextChoices):
    REFERRAL_RECEIVED = "referral_received", _("Referral received")
    REFERRAL_ANSWERED = "referral_answered", _("Referral answered")
    REFERRAL_REVOKED = "referral_revoked", _("Referral revoked")
    EXPULSION_HOLD = "expulsion_hold", _("Expulsion hold")
    HOLD_LIFT_REQUESTED = "hold_lift_requested", _("Hold lift awaiting approval")
    TASK_ASSIGNED = "task_assigned", _("Task assigned")
    PROTECTION_REQUESTED = "protection_requested", _("Protection measure requested")


class Notification(UUIDModel):
    """A message to an organization inside Senim (never e-mail: a victim's case leaves no trace outside)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=24, choices=NotificationKind.choices)
    case = models.ForeignKey(AssistanceCase, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    referral = models.ForeignKey(Referral, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    params = models.JSONField(default=dict, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    read_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at"]


class MeasureKind(models.TextChoices):
    REFLECTION_PERIOD = "reflection_period", _("Recovery and reflection period")
    TEMPORARY_RESIDENCE = "temporary_residence", _("Temporary residence")
    EXPULSION_HOLD = "expulsion_hold", _("Expulsion hold")


class MeasureStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACTIVE = "active", _("In force")
    REFUSED = "refused", _("Refused")
    LIFTED = "lifted", _("Lifted")
    ENDED = "ended", _("Ended")


class ProtectionMeasure(UUIDModel):
    """Recovery and reflection period, temporary residence, expulsion hold. A hold is lifted only with a
    reason and the approval of a second person (four eyes)."""

    case = models.ForeignKey(AssistanceCase, on_delete=models.CASCADE, related_name="protection_measures")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="protection_measures")
    kind = models.CharField(_("kind"), max_length=24, choices=MeasureKind.choices, db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=MeasureStatus.choices, db_index=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    decision_reference = models.CharField(_("decision reference"), max_length=80, blank=True)
    work_permitted = models.BooleanField(_("right to work"), default=False)
    automatic = models.BooleanField(default=False)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    lift_requested_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    lift_requested_at = models.DateTimeField(null=True, blank=True)
    lift_reason = EncryptedTextField(_("reason for lifting"), blank=True)
    lifted_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


class MigrationCaseStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SUSPENDED = "suspended", _("Suspended (victim protection)")
    EXPULSION_ORDERED = "expulsion_ordered", _("Expulsion ordered")
    FINED = "fined", _("Fine imposed")
    DISMISSED = "dismissed", _("Dismissed")


PENDING_MIGRATION_STATUSES = (MigrationCaseStatus.PENDING, MigrationCaseStatus.SUSPENDED)


class MigrationCase(UUIDModel):
    """An administrative migration case (Administrative Offences Code Art. 517) against a person."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="migration_cases")
    number = models.CharField(_("number"), max_length=40, unique=True)
    article = models.CharField(_("article"), max_length=12, default="aoc.517")
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="migration_cases")
    status = models.CharField(
        _("status"), max_length=20, choices=MigrationCaseStatus.choices, default=MigrationCaseStatus.PENDING
    )
    opened_on = models.DateField(_("opened on"))
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    class Meta:
        ordering = ["-opened_on"]


class ProceduralMeasureKind(models.TextChoices):
    ANONYMISED_TESTIMONY = "anonymised_testimony", _("Anonymised testimony")
    REMOTE_TESTIMONY = "remote_testimony", _("Testimony by video link")
    CLOSED_HEARING = "closed_hearing", _("Closed hearing")
    NO_CONFRONTATION = "no_confrontation", _("No face-to-face confrontation")
    PHYSICAL_PROTECTION = "physical_protection", _("Physical protection")
    RELOCATION = "relocation", _("Change of residence")
    SUPPORT_PERSON = "support_person", _("Support person present")


class ProceduralMeasureStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")
    ENDED = "ended", _("Ended")


class ProceduralProtection(UUIDModel):
    """Protection of a victim or witness in the criminal process: requested, then granted or refused."""

    case = models.ForeignKey(AssistanceCase, on_delete=models.CASCADE, related_name="procedural_protections")
    criminal_case = models.ForeignKey(CriminalCase, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("measure"), max_length=24, choices=ProceduralMeasureKind.choices)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ProceduralMeasureStatus.choices,
        default=ProceduralMeasureStatus.REQUESTED,
    )
    requested_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField()
    decided_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = EncryptedTextField(_("reason"), blank=True)

    class Meta:
        ordering = ["-requested_at"]


class AssessmentStage(models.TextChoices):
    INTAKE = "intake", _("At intake")
    BEFORE_TESTIMONY = "before_testimony", _("Before testimony")
    BEFORE_TRIAL = "before_trial", _("Before trial")
    BEFORE_RETURN = "before_return", _("Before return")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class Assessment(UUIDModel):
    case = models.ForeignKey(AssistanceCase, on_delete=models.CASCADE, related_name="assessments")
    stage = models.CharField(_("stage"), max_length=20, choices=AssessmentStage.choices)
    risk_level = models.CharField(_("risk to the person"), max_length=6, choices=RiskLevel.choices)
    family_risk_level = models.CharField(_("risk to the family at home"), max_length=6, choices=RiskLevel.choices)
    risk_factors = models.JSONField(_("risk factors"), default=list, blank=True)
    needs = models.JSONField(_("needs"), default=list, blank=True)
    notes = EncryptedTextField(_("notes"), blank=True)
    assessed_at = models.DateTimeField(_("assessed at"))
    assessed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-assessed_at"]


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Task(UUIDModel):
    case = models.ForeignKey(AssistanceCase, on_delete=models.CASCADE, related_name="tasks")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="referral_tasks")
    kind = models.CharField(max_length=40)
    title = models.CharField(_("task"), max_length=200)
    due_on = models.DateField(_("due on"), db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    assessment = models.ForeignKey(Assessment, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks")
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["due_on", "created_at"]

    @property
    def service_label(self) -> str:
        """For tasks generated from a need: the service to arrange."""
        if self.kind.startswith("need:"):
            code = self.kind.split(":", 1)[1]
            return str(ServiceKind(code).label) if code in ServiceKind.values else code
        return ""


class ServiceDelivery(UUIDModel):
    """A service actually delivered: what, by whom, when, at what cost."""

    case = models.ForeignKey(AssistanceCase, on_delete=models.CASCADE, related_name="services_delivered")
    kind = models.CharField(_("service"), max_length=20, choices=ServiceKind.choices)
    provider = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="services_delivered")
    referral = models.ForeignKey(Referral, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    delivered_on = models.DateField(_("delivered on"), db_index=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)
    cost = models.DecimalField(_("cost"), max_digits=12, decimal_places=2, default=0)
    currency = models.CharField(_("currency"), max_length=3, default="KZT")
    description = EncryptedTextField(_("description"), blank=True)
    recorded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-delivered_on"]


class PlanItemStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    ACHIEVED = "achieved", _("Achieved")
    DROPPED = "dropped", _("Dropped")


class CasePlanItem(UUIDModel):
    case = models.ForeignKey(AssistanceCase, on_delete=models.CASCADE, related_name="plan_items")
    goal = EncryptedTextField(_("goal"))
    service_kind = models.CharField(_("service"), max_length=20, choices=ServiceKind.choices, blank=True)
    responsible = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    target_on = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=PlanItemStatus.choices, default=PlanItemStatus.PLANNED
    )

    class Meta:
        ordering = ["target_on", "created_at"]


class FollowUpStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    DONE = "done", _("Done")
    UNREACHABLE = "unreachable", _("Could not be reached")
    CANCELLED = "cancelled", _("Cancelled")


class FollowUp(UUIDModel):
    """Contact after closure, 3, 6 and 12 months later."""

    case = models.ForeignKey(AssistanceCase, on_delete=models.CASCADE, related_name="follow_ups")
    months_after = models.PositiveSmallIntegerField()
    due_on = models.DateField(_("due on"), db_index=True)
    status = models.CharField(
        _("status"), max_length=12, choices=FollowUpStatus.choices, default=FollowUpStatus.SCHEDULED
    )
    wellbeing = models.CharField(_("situation"), max_length=10, choices=RiskLevel.choices, blank=True)
    notes = EncryptedTextField(_("notes"), blank=True)
    done_on = models.DateField(null=True, blank=True)
    done_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["due_on"]


class ReturnStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    TRAVEL_ARRANGED = "travel_arranged", _("Travel arranged")
    RETURNED = "returned", _("Returned")
    CANCELLED = "cancelled", _("Cancelled")


class ReturnPlan(UUIDModel):
    """Voluntary return or repatriation, handed over to a receiving organization in the country of origin."""

    case = models.ForeignKey(AssistanceCase, on_delete=models.CASCADE, related_name="returns")
    country = models.CharField(_("country"), max_length=2)
    receiving_organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=16, choices=ReturnStatus.choices, default=ReturnStatus.PLANNED)
    planned_on = models.DateField(_("planned for"), null=True, blank=True)
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    voluntary = models.BooleanField(_("voluntary"), default=True)
    notes = EncryptedTextField(_("notes"), blank=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at"]


class HearingKind(models.TextChoices):
    TESTIMONY = "testimony", _("Testimony")
    PRELIMINARY = "preliminary", _("Preliminary hearing")
    TRIAL = "trial", _("Trial hearing")
    VERDICT = "verdict", _("Verdict")
    APPEAL = "appeal", _("Appeal hearing")


class Hearing(UUIDModel):
    criminal_case = models.ForeignKey(CriminalCase, on_delete=models.CASCADE, related_name="hearings")
    kind = models.CharField(_("kind"), max_length=12, choices=HearingKind.choices)
    scheduled_at = models.DateTimeField(_("scheduled at"), db_index=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    victim_must_attend = models.BooleanField(_("victim must attend"), default=False)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["scheduled_at"]


class CompensationKind(models.TextChoices):
    CIVIL_CLAIM = "civil_claim", _("Civil claim in the criminal case")
    STATE_FUND = "state_fund", _("State victims' compensation fund")
    CIVIL_SUIT = "civil_suit", _("Separate civil suit")
    LABOUR_CLAIM = "labour_claim", _("Unpaid wages claim")


class CompensationStatus(models.TextChoices):
    FILED = "filed", _("Filed")
    GRANTED = "granted", _("Granted")
    PARTLY_GRANTED = "partly_granted", _("Partly granted")
    REFUSED = "refused", _("Refused")
    PAID = "paid", _("Paid")


class CompensationClaim(UUIDModel):
    case = models.ForeignKey(AssistanceCase, on_delete=models.CASCADE, related_name="compensation_claims")
    criminal_case = models.ForeignKey(CriminalCase, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(_("kind"), max_length=14, choices=CompensationKind.choices)
    amount_claimed = models.DecimalField(_("amount claimed"), max_digits=14, decimal_places=2)
    amount_awarded = models.DecimalField(_("amount awarded"), max_digits=14, decimal_places=2, null=True, blank=True)
    amount_paid = models.DecimalField(_("amount paid"), max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="KZT")
    status = models.CharField(
        _("status"), max_length=16, choices=CompensationStatus.choices, default=CompensationStatus.FILED
    )
    filed_on = models.DateField(_("filed on"))
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-filed_on"]

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from senim.core.regions import Country, Region
from senim.core.roles import Role


class UUIDModel(models.Model):
    """Base for every domain row: ids are not guessable, so a denied id looks like a missing one."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class OrganizationKind(models.TextChoices):
    POLICE = "police", _("Police unit")
    PROSECUTOR = "prosecutor", _("Prosecutor's office")
    COURT = "court", _("Court")
    MIGRATION = "migration", _("Migration service")
    LABOUR = "labour", _("Labour inspectorate")
    NGO = "ngo", _("NGO")
    SHELTER = "shelter", _("Shelter")
    FOREIGN_PARTNER = "foreign_partner", _("Embassy or foreign partner")
    INTERNATIONAL = "international", _("International organisation")
    COORDINATION = "coordination", _("National coordination")


class Organization(UUIDModel):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind.choices)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices, blank=True)
    country = models.CharField(_("country"), max_length=2, default=Country.KZ)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="units")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    preferred_language = models.CharField(max_length=8, blank=True)

    # Set per request by ActingRoleMiddleware / RoleTokenAuthentication; not stored.
    _acting_role: str | None = None

    @property
    def roles(self) -> frozenset[str]:
        cached = getattr(self, "_roles_cache", None)
        if cached is None:
            cached = frozenset(self.role_assignments.values_list("role", flat=True)) if self.pk else frozenset()
            self._roles_cache = cached
        return cached

    @property
    def acting_role(self) -> str | None:
        """The one role the user acts in now; a user with several roles picks one per session."""
        if self._acting_role in self.roles:
            return self._acting_role
        return min(self.roles) if self.roles else None

    def act_as(self, role: str | None) -> None:
        self._acting_role = role

    def forget_roles(self) -> None:
        self.__dict__.pop("_roles_cache", None)


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(max_length=24, choices=Role.choices)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="unique_role_per_user")]

    def __str__(self) -> str:
        return f"{self.user} as {self.role}"


class AuditChainHead(models.Model):
    """The last hash of one audit chain; locked on append so concurrent writers serialise per chain."""

    chain = models.CharField(max_length=64, primary_key=True)
    last_hash = models.CharField(max_length=64)
    length = models.BigIntegerField(default=0)


class AppendOnlyQuerySet(models.QuerySet):
    """Bulk `update()` and `delete()` would bypass the model's guards; refuse them too."""

    def update(self, **kwargs: Any) -> int:
        raise PermissionError("audit events are append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("audit events are append-only")


class AuditEvent(models.Model):
    """Who, acting as which role, did what to which record, when. Append-only and hash-chained."""

    objects = AppendOnlyQuerySet.as_manager()

    id = models.BigAutoField(primary_key=True)
    chain = models.CharField(max_length=64, default="main", db_index=True)
    sequence = models.BigIntegerField()
    occurred_at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    actor_role = models.CharField(max_length=24, blank=True)
    actor_organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=80, db_index=True)
    target_type = models.CharField(max_length=80, blank=True, db_index=True)
    target_id = models.CharField(max_length=64, blank=True, db_index=True)
    changed_fields = models.JSONField(default=list)
    extra = models.JSONField(default=dict)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["chain", "sequence"]
        constraints = [models.UniqueConstraint(fields=["chain", "sequence"], name="unique_audit_sequence")]
        indexes = [models.Index(fields=["actor", "occurred_at"], name="audit_actor_time")]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("audit events are append-only")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Job(UUIDModel):
    """Background work (linkage, network analysis, imports): never done inside a request."""

    kind = models.CharField(max_length=60, db_index=True)
    params = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED, db_index=True)
    requested_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    progress_done = models.BigIntegerField(default=0)
    progress_total = models.BigIntegerField(default=0)
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # A running job's worker touches heartbeat_at while it works; a job whose heartbeat is older than the
    # lease lost its worker (killed, machine gone) and is claimed again, up to MAX_ATTEMPTS runs.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]


class NumberSequence(models.Model):
    """Human-readable case numbers (AC-2026-000123) without races."""

    name = models.CharField(max_length=40, primary_key=True)
    last_value = models.BigIntegerField(default=0)


class ApiToken(UUIDModel):
    """A machine token. Only its SHA-256 is stored; the key is shown once at creation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)


class LoginThrottle(models.Model):
    """Failed sign-ins per user name (known or not, so lock-out does not reveal which names exist).
    No IP address is stored."""

    username = models.CharField(max_length=150, primary_key=True)
    failures = models.PositiveIntegerField(default=0)
    last_failure_at = models.DateTimeField(null=True, blank=True)
    locked_until = models.DateTimeField(null=True, blank=True)


# Four-eyes approval requests live in their own module; importing them here registers them with core.
from senim.core.approvals.models import ApprovalRequest, ApprovalStatus  # noqa: E402, F401

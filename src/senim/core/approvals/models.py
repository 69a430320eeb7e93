"""The approval request row. Registered with the core app through `senim.core.models`."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from senim.core.fields import EncryptedTextField
from senim.core.models import UUIDModel


class ApprovalStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")


class ApprovalRequest(UUIDModel):
    """One request for a sensitive step, awaiting a second person. `params` never holds personal data
    (statuses, article keys, formats); the reason may name people and is encrypted."""

    action = models.CharField(_("action"), max_length=80, db_index=True)
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.UUIDField(db_index=True)
    params = models.JSONField(default=dict, blank=True)
    reason = EncryptedTextField(_("reason"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_role = models.CharField(max_length=24, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ApprovalStatus.choices, default=ApprovalStatus.PENDING, db_index=True
    )
    expires_at = models.DateTimeField(_("expires at"), db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_role = models.CharField(max_length=24, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = EncryptedTextField(_("decision note"), blank=True)
    performed_at = models.DateTimeField(null=True, blank=True)
    # For actions that grant something the requester uses afterwards (an export to download).
    usable_until = models.DateTimeField(null=True, blank=True)
    uses = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "target_type", "target_id"],
                condition=Q(status="pending"),
                name="one_pending_approval_per_target",
            )
        ]
        indexes = [models.Index(fields=["target_type", "target_id", "status"], name="approval_target_status")]

    def __str__(self) -> str:
        return f"{self.action} {self.target_id} ({self.status})"

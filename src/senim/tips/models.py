"""Anonymous reports (tips), their follow-up thread, attachments and forwarding requests.

Nothing here identifies the reporter: no IP address, no user agent, no account. The receipt code is kept
only as a keyed lookup index of its public part and an Argon2 hash of the whole code. Everything the
reporter wrote is encrypted at rest (AES-GCM via `EncryptedTextField`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from senim.core.fields import EncryptedTextField
from senim.core.models import UUIDModel
from senim.core.regions import Region


class TipRecipient(UUIDModel):
    """An organization that accepts anonymous reports (an NGO hotline, a police unit...)."""

    organization = models.OneToOneField(
        "core.Organization", on_delete=models.PROTECT, related_name="tip_recipient", verbose_name=_("organization")
    )
    public_name = models.CharField(_("public name"), max_length=200, blank=True)
    description = models.CharField(_("public description"), max_length=500, blank=True)
    # "Whoever can help" reports go to a recipient with this flag (NGOs first, then police).
    accepts_unaddressed = models.BooleanField(_("accepts reports addressed to whoever can help"), default=False)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["public_name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.public_name or self.organization.name

    @property
    def is_police(self) -> bool:
        return self.organization.kind == "police"


class Routing(models.TextChoices):
    NAMED = "named", _("A named organization")
    POLICE = "police", _("The police")
    ANY = "any", _("Whoever can help")


class TipStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", _("Closed")
    SPAM = "spam", _("Spam")


class Tip(UUIDModel):
    # Look-up without scanning hashes: HMAC blind index of the code's public part.
    lookup = models.CharField(max_length=64, unique=True)
    code_hash = models.CharField(max_length=200)
    recipient = models.ForeignKey(TipRecipient, on_delete=models.PROTECT, related_name="tips")
    routing = models.CharField(_("addressed to"), max_length=10, choices=Routing.choices)
    language = models.CharField(_("language"), max_length=8)
    status = models.CharField(_("status"), max_length=12, choices=TipStatus.choices, default=TipStatus.NEW)
    involves_child = models.BooleanField(_("a child is involved"), default=False)
    immediate_danger = models.BooleanField(_("someone is in immediate danger"), default=False)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices, blank=True)
    what_happened = EncryptedTextField(_("what happened"), blank=True)
    where = EncryptedTextField(_("where"), blank=True)
    when = EncryptedTextField(_("when"), blank=True)
    who_at_risk = EncryptedTextField(_("who is at risk now"), blank=True)
    details = EncryptedTextField(_("more details"), blank=True)
    staff_note = EncryptedTextField(_("internal note"), blank=True)
    last_reporter_activity_at = models.DateTimeField(null=True, blank=True)
    last_staff_activity_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    spam_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assistance_cases = models.ManyToManyField("cases.AssistanceCase", blank=True, related_name="tips")
    criminal_cases = models.ManyToManyField("cases.CriminalCase", blank=True, related_name="tips")
    persons = models.ManyToManyField("people.Person", blank=True, related_name="tips")

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "status", "created_at"], name="tip_queue")]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        """A short staff-facing reference; unrelated to the receipt code."""
        return f"T-{str(self.pk)[:8].upper()}"

    @property
    def is_urgent(self) -> bool:
        return self.involves_child or self.immediate_danger


class Author(models.TextChoices):
    REPORTER = "reporter", _("Reporter")
    RECIPIENT = "recipient", _("Recipient")
    SYSTEM = "system", _("System")


class TipMessage(UUIDModel):
    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="messages")
    author = models.CharField(max_length=10, choices=Author.choices)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    body = EncryptedTextField(blank=True)
    forward_request = models.ForeignKey(
        "ForwardRequest", null=True, blank=True, on_delete=models.CASCADE, related_name="messages"
    )
    read_by_reporter_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]


class ForwardStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the reporter")
    AGREED = "agreed", _("Reporter agreed; forwarded")
    DECLINED = "declined", _("Reporter declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ForwardRequest(UUIDModel):
    """A recipient asks the reporter, in the thread, whether the tip may go to another recipient."""

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="forward_requests")
    from_recipient = models.ForeignKey(TipRecipient, on_delete=models.PROTECT, related_name="+")
    to_recipient = models.ForeignKey(TipRecipient, on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    status = models.CharField(max_length=10, choices=ForwardStatus.choices, default=ForwardStatus.PENDING)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]


class TipAttachment(UUIDModel):
    """A file the reporter sent. Images are re-encoded (metadata such as GPS stripped); the bytes are
    stored base64-encoded inside an encrypted field."""

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(TipMessage, null=True, blank=True, on_delete=models.CASCADE, related_name="files")
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    name = EncryptedTextField(blank=True)
    data = EncryptedTextField()

    class Meta:
        ordering = ["created_at"]

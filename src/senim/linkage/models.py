"""Linkage state in the database: the review queue, merge/split history and the search index."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from senim.core.models import UUIDModel
from senim.people.models import Person, PersonRecord


class CandidateStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting review")
    MERGE_REQUESTED = "merge_requested", _("Merge awaiting a second approver")
    MERGED = "merged", _("Merged")
    REJECTED = "rejected", _("Not the same person")
    SUPERSEDED = "superseded", _("Already the same person")


class MatchCandidate(UUIDModel):
    """A pair of records the model found uncertain: a reviewer decides. ``record_a`` is the new record."""

    record_a = models.ForeignKey(PersonRecord, on_delete=models.CASCADE, related_name="+")
    record_b = models.ForeignKey(PersonRecord, on_delete=models.CASCADE, related_name="+")
    match_probability = models.FloatField()
    match_weight = models.FloatField()
    # [{"comparison": ..., "level": ..., "weight": float}], no personal data (labels and numbers only)
    evidence = models.JSONField(default=list)
    veto = models.CharField(max_length=60, blank=True)
    status = models.CharField(max_length=20, choices=CandidateStatus.choices, default=CandidateStatus.PENDING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-match_probability"]
        constraints = [models.UniqueConstraint(fields=["record_a", "record_b"], name="unique_match_candidate")]
        indexes = [models.Index(fields=["status", "-match_probability"])]


class ChangeKind(models.TextChoices):
    MERGE = "merge", _("Merge")
    SPLIT = "split", _("Split")


class PersonChange(UUIDModel):
    """One merge or split: which records moved from which person to which. Undo moves them back."""

    kind = models.CharField(max_length=10, choices=ChangeKind.choices)
    from_person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    to_person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    record_ids = models.JSONField(default=list)
    automatic = models.BooleanField(default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    candidate = models.ForeignKey(MatchCandidate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]


class SearchKeyKind(models.TextChoices):
    NAME = "name", _("Name")
    NAME_PHONETIC = "name_ph", _("Name (sound)")
    NAME_SPELLING = "spelling", _("Name (as written)")
    BIRTH_YEAR = "birth_year", _("Birth year")
    PHONE = "phone", _("Phone")
    DOCUMENT = "document", _("Document")


class SearchKey(models.Model):
    """Blind index of a record for search: HMAC of one normalised name token, phone or document.

    Names stay encrypted in PersonRecord; this table holds only keyed hashes, so a copy of it does not
    reveal who is in the database, yet any spelling of a name in any script finds the record.
    """

    record = models.ForeignKey(PersonRecord, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=SearchKeyKind.choices)
    digest = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["digest"]), models.Index(fields=["record"])]

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from senim.cases.models import AssistanceCase
from senim.core.fields import EncryptedTextField
from senim.core.models import Organization, UUIDModel
from senim.people.models import PersonRecord


class ScreeningLanguage(models.TextChoices):
    RUSSIAN = "ru", _("Russian")
    KAZAKH = "kk", _("Kazakh")
    ENGLISH = "en", _("English")
    UZBEK = "uz", _("Uzbek")
    KYRGYZ = "ky", _("Kyrgyz")
    TAJIK = "tg", _("Tajik")


class ScreeningStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Interview completed")
    DECIDED = "decided", _("Decided")


class ScreeningMode(models.TextChoices):
    INTERVIEW = "interview", _("Interview on screen")
    PAPER = "paper", _("Paper form entered later")


class ScreeningDecision(models.TextChoices):
    PRESUMED_VICTIM = "presumed_victim", _("Presumed victim")
    NOT_PRESUMED = "not_presumed", _("Not presumed a victim")


class Screening(UUIDModel):
    """One structured screening interview of one person in one assistance case.

    Answers are personal data and are stored encrypted; the engine's result flags are kept in clear for
    statistics (they name no one). The catalogue and question-bank versions are stored so an old screening
    is always re-assessed with the rules it was taken with.
    """

    case = models.ForeignKey(AssistanceCase, on_delete=models.PROTECT, related_name="screenings")
    record = models.ForeignKey(PersonRecord, on_delete=models.PROTECT, related_name="screenings")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="screenings")
    screener = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(_("language"), max_length=2, choices=ScreeningLanguage.choices)
    mode = models.CharField(_("mode"), max_length=10, choices=ScreeningMode.choices, default=ScreeningMode.INTERVIEW)
    catalogue_version = models.CharField(_("indicator catalogue version"), max_length=10)
    bank_version = models.CharField(_("question bank version"), max_length=10)
    status = models.CharField(
        _("status"), max_length=12, choices=ScreeningStatus.choices, default=ScreeningStatus.IN_PROGRESS, db_index=True
    )
    answers_data = EncryptedTextField(_("answers"), blank=True, default="")
    set_code = models.CharField(_("indicator set"), max_length=16, blank=True)
    # Result of the engine at the last answer (clear, for statistics)
    result_trafficking = models.BooleanField(_("engine result"), null=True, blank=True)
    result_undetermined = models.BooleanField(default=False)
    result_recommendation = models.CharField(max_length=20, blank=True)
    result_dimensions = models.JSONField(default=dict, blank=True)
    urgent_flags = models.JSONField(default=list, blank=True)
    # The screener's decision, recorded separately from the engine's result
    decision = models.CharField(_("decision"), max_length=16, choices=ScreeningDecision.choices, blank=True)
    decision_agrees = models.BooleanField(_("agrees with the engine"), null=True, blank=True)
    decision_reason = EncryptedTextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"], name="screening_status_created")]

    def __str__(self) -> str:
        return f"{self.case.number} / {self.created_at:%Y-%m-%d}"

    @property
    def answers(self) -> dict[str, Any]:
        if not self.answers_data:
            return {}
        data = json.loads(self.answers_data)
        return data if isinstance(data, dict) else {}

    @answers.setter
    def answers(self, value: dict[str, Any]) -> None:
        self.answers_data = json.dumps(value, ensure_ascii=False, sort_keys=True)

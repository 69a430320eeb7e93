from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("National coordinator")
    INVESTIGATOR = "investigator", _("Police investigator")
    PROSECUTOR = "prosecutor", _("Prosecutor")
    MIGRATION_OFFICER = "migration_officer", _("Migration officer")
    LABOUR_INSPECTOR = "labour_inspector", _("Labour inspector")
    NGO_CASEWORKER = "ngo_caseworker", _("NGO case worker")
    SHELTER_STAFF = "shelter_staff", _("Shelter staff")
    ANALYST = "analyst", _("Analyst")
    AUDITOR = "auditor", _("Auditor")
    ADMIN = "admin", _("Administrator")


LAW_ENFORCEMENT = frozenset({Role.INVESTIGATOR, Role.PROSECUTOR})
CIVIL_SOCIETY = frozenset({Role.NGO_CASEWORKER, Role.SHELTER_STAFF})

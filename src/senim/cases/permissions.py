from django.db import models

from senim.core.access import grant
from senim.core.roles import Role


class CasesPermission(models.TextChoices):
    VIEW_ASSISTANCE_CASES = "cases.view_assistance_cases"
    MANAGE_ASSISTANCE_CASES = "cases.manage_assistance_cases"
    VIEW_CRIMINAL_CASES = "cases.view_criminal_cases"
    MANAGE_CRIMINAL_CASES = "cases.manage_criminal_cases"
    MANAGE_CHARGES = "cases.manage_charges"
    # Procedural supervision: approving that a criminal case is closed or terminated, or that a charge
    # leaves the criminal code, is the supervising prosecutor's decision, not a fellow investigator's.
    SUPERVISE_CRIMINAL_CASES = "cases.supervise_criminal_cases"
    VIEW_CASE_STATISTICS = "cases.view_case_statistics"


for _role in (
    Role.COORDINATOR,
    Role.INVESTIGATOR,
    Role.PROSECUTOR,
    Role.MIGRATION_OFFICER,
    Role.LABOUR_INSPECTOR,
    Role.NGO_CASEWORKER,
    Role.SHELTER_STAFF,
):
    grant(_role, [CasesPermission.VIEW_ASSISTANCE_CASES, CasesPermission.MANAGE_ASSISTANCE_CASES])
for _role in (Role.COORDINATOR, Role.INVESTIGATOR, Role.PROSECUTOR, Role.ANALYST):
    grant(_role, [CasesPermission.VIEW_CRIMINAL_CASES])
for _role in (Role.INVESTIGATOR, Role.PROSECUTOR):
    grant(_role, [CasesPermission.MANAGE_CRIMINAL_CASES, CasesPermission.MANAGE_CHARGES])
grant(Role.PROSECUTOR, [CasesPermission.SUPERVISE_CRIMINAL_CASES])
for _role in (Role.COORDINATOR, Role.ANALYST):
    grant(_role, [CasesPermission.VIEW_CASE_STATISTICS])

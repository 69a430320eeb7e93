from django.db import models

from senim.core.access import grant
from senim.core.roles import Role


class ScreeningPermission(models.TextChoices):
    CONDUCT = "screening.conduct"  # start a screening, record answers
    VIEW = "screening.view"  # read screenings within the user's scope
    DECIDE = "screening.decide"  # record the presumed-victim decision
    VIEW_STATISTICS = "screening.view_statistics"  # aggregate figures only, no person data


FRONTLINE = (
    Role.INVESTIGATOR,
    Role.MIGRATION_OFFICER,
    Role.LABOUR_INSPECTOR,
    Role.NGO_CASEWORKER,
    Role.SHELTER_STAFF,
)

for _role in FRONTLINE:
    grant(_role, [ScreeningPermission.CONDUCT, ScreeningPermission.VIEW, ScreeningPermission.DECIDE])
grant(Role.PROSECUTOR, [ScreeningPermission.VIEW])
grant(Role.COORDINATOR, [ScreeningPermission.VIEW, ScreeningPermission.DECIDE, ScreeningPermission.VIEW_STATISTICS])
grant(Role.ANALYST, [ScreeningPermission.VIEW_STATISTICS])

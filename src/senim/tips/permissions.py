from django.db import models

from senim.core.access import grant
from senim.core.roles import Role


class TipsPermission(models.TextChoices):
    # Tips are visible only to members of the recipient organization holding this permission.
    HANDLE_TIPS = "tips.handle_tips"
    MANAGE_RECIPIENTS = "tips.manage_recipients"


for _role in (
    Role.INVESTIGATOR,
    Role.PROSECUTOR,
    Role.MIGRATION_OFFICER,
    Role.LABOUR_INSPECTOR,
    Role.NGO_CASEWORKER,
    Role.SHELTER_STAFF,
    Role.COORDINATOR,
):
    grant(_role, [TipsPermission.HANDLE_TIPS])
grant(Role.COORDINATOR, [TipsPermission.MANAGE_RECIPIENTS])
grant(Role.ADMIN, [TipsPermission.MANAGE_RECIPIENTS])

from django.db import models

from senim.core.access import grant
from senim.core.roles import Role


class CorePermission(models.TextChoices):
    VIEW_ORGANIZATIONS = "core.view_organizations"
    MANAGE_ORGANIZATIONS = "core.manage_organizations"
    MANAGE_USERS = "core.manage_users"
    VIEW_AUDIT_LOG = "core.view_audit_log"
    VIEW_JOBS = "core.view_jobs"


_STAFF = [r for r in Role if r not in (Role.AUDITOR,)]
for _role in _STAFF:
    grant(_role, [CorePermission.VIEW_ORGANIZATIONS])
grant(Role.ADMIN, [CorePermission.MANAGE_ORGANIZATIONS, CorePermission.MANAGE_USERS, CorePermission.VIEW_JOBS])
grant(Role.COORDINATOR, [CorePermission.MANAGE_ORGANIZATIONS, CorePermission.VIEW_JOBS])
grant(Role.ANALYST, [CorePermission.VIEW_JOBS])
grant(Role.AUDITOR, [CorePermission.VIEW_AUDIT_LOG])

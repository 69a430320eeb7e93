from django.db import models

from senim.core.access import grant
from senim.core.roles import Role


class LinkagePermission(models.TextChoices):
    RUN_LINKAGE = "linkage.run"
    REVIEW_MATCHES = "linkage.review_matches"
    SPLIT_PERSONS = "linkage.split_persons"


for _role in (Role.COORDINATOR, Role.ANALYST):
    grant(_role, [LinkagePermission.RUN_LINKAGE, LinkagePermission.REVIEW_MATCHES, LinkagePermission.SPLIT_PERSONS])
grant(Role.INVESTIGATOR, [LinkagePermission.REVIEW_MATCHES])

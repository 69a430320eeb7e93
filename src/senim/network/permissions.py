from django.db import models

from senim.core.access import grant
from senim.core.roles import Role


class NetworkPermission(models.TextChoices):
    VIEW = "network.view"  # network charts and scores, within the user's case scope
    VIEW_GAP = "network.view_gap"  # the accountability-gap report (figures and the list to act on)
    BUILD = "network.build"  # queue a rebuild of the link graph and its analysis
    RECORD_LINK = "network.record_link"  # add evidence edges (calls, payments...) from a case


for _role in (Role.COORDINATOR, Role.INVESTIGATOR, Role.PROSECUTOR, Role.ANALYST):
    grant(_role, [NetworkPermission.VIEW, NetworkPermission.VIEW_GAP])
for _role in (Role.COORDINATOR, Role.ANALYST):
    grant(_role, [NetworkPermission.BUILD])
for _role in (Role.INVESTIGATOR, Role.PROSECUTOR):
    grant(_role, [NetworkPermission.RECORD_LINK])

from django.utils.translation import gettext_lazy as _

from senim.network.permissions import NetworkPermission
from senim.web.navigation import NavEntry

NAV_ENTRIES = [
    NavEntry(_("Networks"), "network:index", NetworkPermission.VIEW, order=60),
    NavEntry(_("Accountability gap"), "network:gap", NetworkPermission.VIEW_GAP, order=61),
]

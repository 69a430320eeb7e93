"""Menu entry of the people app (collected by senim.web.navigation)."""

from django.utils.translation import gettext_lazy as _

from senim.people.permissions import PeoplePermission
from senim.web.navigation import NavEntry

NAV_ENTRIES = [
    NavEntry(
        label=_("Import a list"), url_name="people:import_list", permission=PeoplePermission.IMPORT_RECORDS, order=25
    ),
]

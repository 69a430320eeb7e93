"""Region names as the public page shows them (Senim's core has no catalogue for Uzbek, Kyrgyz and Tajik):
listed here so that `makemessages` keeps them in the tips catalogues. No Django logic."""

from django.utils.translation import gettext_noop

REGION_NAMES = [
    gettext_noop("Astana"),
    gettext_noop("Almaty"),
    gettext_noop("Shymkent"),
    gettext_noop("Abai Region"),
    gettext_noop("Akmola Region"),
    gettext_noop("Aktobe Region"),
    gettext_noop("Almaty Region"),
    gettext_noop("Atyrau Region"),
    gettext_noop("East Kazakhstan Region"),
    gettext_noop("Jambyl Region"),
    gettext_noop("Jetisu Region"),
    gettext_noop("Karaganda Region"),
    gettext_noop("Kostanay Region"),
    gettext_noop("Kyzylorda Region"),
    gettext_noop("Mangystau Region"),
    gettext_noop("North Kazakhstan Region"),
    gettext_noop("Pavlodar Region"),
    gettext_noop("Turkistan Region"),
    gettext_noop("Ulytau Region"),
    gettext_noop("West Kazakhstan Region"),
]

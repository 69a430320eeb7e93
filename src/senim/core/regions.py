from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    """The 17 oblasts and the three cities of republican significance."""

    ASTANA = "astana", _("Astana")
    ALMATY_CITY = "almaty_city", _("Almaty")
    SHYMKENT = "shymkent", _("Shymkent")
    ABAI = "abai", _("Abai Region")
    AKMOLA = "akmola", _("Akmola Region")
    AKTOBE = "aktobe", _("Aktobe Region")
    ALMATY = "almaty", _("Almaty Region")
    ATYRAU = "atyrau", _("Atyrau Region")
    EAST_KAZAKHSTAN = "east_kazakhstan", _("East Kazakhstan Region")
    JAMBYL = "jambyl", _("Jambyl Region")
    JETISU = "jetisu", _("Jetisu Region")
    KARAGANDA = "karaganda", _("Karaganda Region")
    KOSTANAY = "kostanay", _("Kostanay Region")
    KYZYLORDA = "kyzylorda", _("Kyzylorda Region")
    MANGYSTAU = "mangystau", _("Mangystau Region")
    NORTH_KAZAKHSTAN = "north_kazakhstan", _("North Kazakhstan Region")
    PAVLODAR = "pavlodar", _("Pavlodar Region")
    TURKISTAN = "turkistan", _("Turkistan Region")
    ULYTAU = "ulytau", _("Ulytau Region")
    WEST_KAZAKHSTAN = "west_kazakhstan", _("West Kazakhstan Region")


class Country(models.TextChoices):
    """ISO 3166-1 alpha-2 codes of the countries Senim meets most; others are accepted as free codes."""

    KZ = "KZ", _("Kazakhstan")
    UZ = "UZ", _("Uzbekistan")
    KG = "KG", _("Kyrgyzstan")
    TJ = "TJ", _("Tajikistan")
    RU = "RU", _("Russia")
    TM = "TM", _("Turkmenistan")
    AF = "AF", _("Afghanistan")
    CN = "CN", _("China")
    TR = "TR", _("Türkiye")
    AE = "AE", _("United Arab Emirates")
    KR = "KR", _("South Korea")
    OTHER = "XX", _("Other or unknown")

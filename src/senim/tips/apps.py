from importlib import import_module
from importlib.util import find_spec

from django.apps import AppConfig


class TipsConfig(AppConfig):
    name = "senim.tips"
    label = "tips"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Role grants and job handlers register themselves on import.
        for module in ("permissions", "jobs"):
            if find_spec(f"{self.name}.{module}") is not None:
                import_module(f"{self.name}.{module}")
        from django.conf.locale import LANG_INFO

        from senim.tips import logfilter

        # The public page speaks Uzbek, Kyrgyz and Tajik; make sure Django knows their local names.
        LANG_INFO.setdefault("uz", {"bidi": False, "code": "uz", "name": "Uzbek", "name_local": "oʻzbek tili"})
        LANG_INFO.setdefault("ky", {"bidi": False, "code": "ky", "name": "Kyrgyz", "name_local": "Кыргызча"})
        LANG_INFO.setdefault("tg", {"bidi": False, "code": "tg", "name": "Tajik", "name_local": "тоҷикӣ"})
        logfilter.install()

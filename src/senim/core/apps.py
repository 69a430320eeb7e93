from importlib import import_module
from importlib.util import find_spec

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "senim.core"
    label = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Role grants and job handlers register themselves on import.
        for module in ("permissions", "jobs", "schema"):
            if find_spec(f"{self.name}.{module}") is not None:
                import_module(f"{self.name}.{module}")

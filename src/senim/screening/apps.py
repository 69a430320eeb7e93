from importlib import import_module
from importlib.util import find_spec

from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "senim.screening"
    label = "screening"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Role grants and job handlers register themselves on import.
        for module in ("permissions", "jobs"):
            if find_spec(f"{self.name}.{module}") is not None:
                import_module(f"{self.name}.{module}")
        # Screening steps appear on the assistance case timeline (no signals; cases does not import us).
        from senim.cases.selectors import TIMELINE_CONTRIBUTORS
        from senim.screening.selectors import screening_timeline_entries

        if screening_timeline_entries not in TIMELINE_CONTRIBUTORS:
            TIMELINE_CONTRIBUTORS.append(screening_timeline_entries)

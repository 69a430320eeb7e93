from importlib import import_module
from importlib.util import find_spec

from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "senim.referrals"
    label = "referrals"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Role grants and job handlers register themselves on import.
        for module in ("permissions", "jobs"):
            if find_spec(f"{self.name}.{module}") is not None:
                import_module(f"{self.name}.{module}")
        from senim.cases.selectors import TIMELINE_CONTRIBUTORS
        from senim.cases.services import on_assistance_status
        from senim.referrals import selectors, services

        # Protection follows from the status: a foreign presumed victim gets an expulsion hold and a
        # reflection period inside the same transaction; closure schedules the 3/6/12-month follow-ups.
        on_assistance_status("presumed_victim", services.protection_on_presumed_victim)
        on_assistance_status("closed", services.follow_ups_schedule)
        on_assistance_status("assisted", services.follow_ups_cancel_on_reopen)
        if selectors.timeline_entries not in TIMELINE_CONTRIBUTORS:
            TIMELINE_CONTRIBUTORS.append(selectors.timeline_entries)

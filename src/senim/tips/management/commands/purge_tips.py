"""`senim purge_tips`: delete closed tips past the retention period (run daily from cron or the worker)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from senim.tips.services import tip_purge_expired


class Command(BaseCommand):
    help = "Delete closed and spam tips older than the retention period (SENIM_TIPS_RETENTION_DAYS)."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = tip_purge_expired()
        self.stdout.write(f"deleted {deleted} tip(s)")

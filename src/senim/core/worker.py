"""The background worker: claims queued jobs and runs their handlers outside any request.

Several `senim worker` processes can run at once: on PostgreSQL each claim uses SELECT … FOR UPDATE
SKIP LOCKED; on SQLite the IMMEDIATE transaction serialises claims.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from senim.core.models import Job, JobStatus
from senim.core.services import job_enqueue

logger = logging.getLogger(__name__)
Handler = Callable[[Job], dict[str, Any] | None]
_HANDLERS: dict[str, Handler] = {}


def job_handler(kind: str) -> Callable[[Handler], Handler]:
    def register(function: Handler) -> Handler:
        _HANDLERS[kind] = function
        return function

    return register


def registered_kinds() -> list[str]:
    return sorted(_HANDLERS)


_PERIODIC: dict[str, timedelta] = {}


def run_every(kind: str, interval: timedelta) -> None:
    """Housekeeping (retention, expiring measures) the worker queues by itself: no cron needed."""
    _PERIODIC[kind] = interval


def enqueue_due_periodic(now: datetime | None = None) -> list[str]:
    """Queue each periodic kind whose last job (queued, running or finished) is older than its interval."""
    now = now or timezone.now()
    queued = []
    for kind, interval in sorted(_PERIODIC.items()):
        if not Job.objects.filter(kind=kind, created_at__gt=now - interval).exists():
            job_enqueue(actor=None, kind=kind, params={"periodic": True})
            queued.append(kind)
    return queued


def job_progress(job: Job, done: int, total: int) -> None:
    job.progress_done, job.progress_total = done, total
    Job.objects.filter(pk=job.pk).update(progress_done=done, progress_total=total)


def claim_next(kinds: list[str] | None = None) -> Job | None:
    with transaction.atomic():
        queryset = Job.objects.filter(status=JobStatus.QUEUED).order_by("created_at")
        if kinds:
            queryset = queryset.filter(kind__in=kinds)
        if connection.features.has_select_for_update_skip_locked:
            queryset = queryset.select_for_update(skip_locked=True)
        job = queryset.first()
        if job is None:
            return None
        job.status = JobStatus.RUNNING
        job.started_at = timezone.now()
        job.save(update_fields=["status", "started_at", "updated_at"])
    return job


def run_job(job: Job) -> Job:
    handler = _HANDLERS.get(job.kind)
    try:
        if handler is None:
            raise LookupError(f"no handler for job kind {job.kind!r}")
        job.result = handler(job) or {}
        job.status = JobStatus.DONE
    except Exception as exc:  # a failing job must not stop the worker; the error is kept on the job
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        job.status = JobStatus.FAILED
        job.error = f"{exc}\n{traceback.format_exc(limit=5)}"
    job.finished_at = timezone.now()
    job.save(update_fields=["result", "status", "error", "finished_at", "updated_at"])
    return job


def run_pending(*, limit: int | None = None, kinds: list[str] | None = None) -> int:
    """Run queued jobs until none is left (or `limit` ran). Used by the worker loop and by tests."""
    count = 0
    while limit is None or count < limit:
        job = claim_next(kinds)
        if job is None:
            break
        run_job(job)
        count += 1
    return count


def run_forever(*, poll_seconds: float = 1.0, kinds: list[str] | None = None) -> None:
    while True:
        enqueue_due_periodic()
        if run_pending(kinds=kinds) == 0:
            time.sleep(poll_seconds)

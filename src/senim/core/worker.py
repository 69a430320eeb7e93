"""The background worker: claims queued jobs and runs their handlers outside any request.

Several `senim worker` processes can run at once: on PostgreSQL each claim uses SELECT … FOR UPDATE
SKIP LOCKED; on SQLite the IMMEDIATE transaction serialises claims.

A worker can die mid-job (killed, out of memory, machine lost). Handlers that write do so in one
transaction, so a dead worker leaves nothing half-written; its job keeps status "running" but its
heartbeat stops, and once the heartbeat is older than the lease (SENIM_JOB_LEASE_SECONDS) another worker
claims it again, up to MAX_ATTEMPTS runs in all.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from senim.core.models import Job, JobStatus
from senim.core.services import job_enqueue

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 3
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


def _lease() -> timedelta:
    return timedelta(seconds=settings.SENIM_JOB_LEASE_SECONDS)


def claim_next(kinds: list[str] | None = None) -> Job | None:
    """The oldest queued job, or a running one whose worker stopped beating (it died mid-job)."""
    now = timezone.now()
    lost = Q(status=JobStatus.RUNNING, heartbeat_at__lt=now - _lease())
    queryset = Job.objects.filter(Q(status=JobStatus.QUEUED) | lost).order_by("created_at")
    if kinds:
        queryset = queryset.filter(kind__in=kinds)
    while True:
        with transaction.atomic():
            candidates = queryset
            if connection.features.has_select_for_update_skip_locked:
                candidates = candidates.select_for_update(skip_locked=True)
            job = candidates.first()
            if job is None:
                return None
            if job.status == JobStatus.RUNNING and job.attempts >= MAX_ATTEMPTS:
                job.status = JobStatus.FAILED
                job.error = f"its worker was lost {job.attempts} times; not tried again"
                job.finished_at = now
                job.save(update_fields=["status", "error", "finished_at", "updated_at"])
                logger.error("job %s (%s) abandoned after %s lost runs", job.pk, job.kind, job.attempts)
                continue
            if job.status == JobStatus.RUNNING:
                logger.warning("job %s (%s) lost its worker; running it again", job.pk, job.kind)
            job.status = JobStatus.RUNNING
            job.started_at = job.heartbeat_at = now
            job.attempts += 1
            job.save(update_fields=["status", "started_at", "heartbeat_at", "attempts", "updated_at"])
            return job


class _Heartbeat(threading.Thread):
    """Touches the job's heartbeat from its own database connection: the handler's transaction may hold
    its writes (and the job row's) invisible until it commits."""

    def __init__(self, job: Job) -> None:
        super().__init__(name=f"heartbeat-{job.pk}", daemon=True)
        self.job_pk = job.pk
        self.stopped = threading.Event()

    def run(self) -> None:
        interval = max(_lease().total_seconds() / 3, 0.2)
        try:
            while not self.stopped.wait(interval):
                try:
                    Job.objects.filter(pk=self.job_pk, status=JobStatus.RUNNING).update(heartbeat_at=timezone.now())
                except DatabaseError:  # SQLite busy under the handler's write lock: the next beat will do
                    logger.debug("heartbeat of job %s skipped", self.job_pk, exc_info=True)
        finally:
            connection.close()


def run_job(job: Job) -> Job:
    handler = _HANDLERS.get(job.kind)
    heartbeat = _Heartbeat(job)
    heartbeat.start()
    try:
        if handler is None:
            raise LookupError(f"no handler for job kind {job.kind!r}")
        job.result = handler(job) or {}
        job.status = JobStatus.DONE
    except Exception as exc:  # a failing job must not stop the worker; the error is kept on the job
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        job.status = JobStatus.FAILED
        job.error = f"{exc}\n{traceback.format_exc(limit=5)}"
    finally:
        heartbeat.stopped.set()
        heartbeat.join()
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

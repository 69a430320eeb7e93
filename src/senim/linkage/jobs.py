"""Background jobs of the linkage app (run by `senim worker`)."""

from __future__ import annotations

from typing import Any

from senim.core.models import Job
from senim.core.worker import job_handler, job_progress
from senim.linkage import services


@job_handler("linkage.run")
def linkage_run_job(job: Job) -> dict[str, Any]:
    """Link new PersonRecords into Persons; uncertain pairs go to the review queue."""
    return services.linkage_run(actor=job.requested_by, progress=lambda done, total: job_progress(job, done, total))

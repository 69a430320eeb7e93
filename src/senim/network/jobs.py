"""Worker job: `network.build` adds new evidence to the link graph and re-analyses it."""

from __future__ import annotations

from typing import Any

from senim.core.models import Job
from senim.core.worker import job_handler, job_progress
from senim.network.services import network_build


@job_handler("network.build")
def build(job: Job) -> dict[str, Any]:
    return network_build(
        actor=job.requested_by,
        full=bool(job.params.get("full", False)),
        progress=lambda done, total: job_progress(job, done, total),
    )

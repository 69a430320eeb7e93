"""Background jobs of the tips app."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from senim.core.models import Job
from senim.core.worker import job_handler, run_every
from senim.tips.services import tip_purge_expired


@job_handler("tips.purge")
def purge_job(job: Job) -> dict[str, Any]:
    return {"deleted": tip_purge_expired()}


run_every("tips.purge", timedelta(days=1))

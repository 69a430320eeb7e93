"""Core worker jobs."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from senim.core.models import Job
from senim.core.worker import job_handler, run_every


@job_handler("approvals.expire")
def expire_approvals(job: Job) -> dict[str, Any]:
    """Mark pending approval requests past their expiry as expired, each with its audit event. Idempotent;
    stale requests are already refused and hidden before this runs."""
    from senim.core.approvals.services import approval_expire_stale

    return {"expired": approval_expire_stale()}


run_every("approvals.expire", timedelta(hours=6))

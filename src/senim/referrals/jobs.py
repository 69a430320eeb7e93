"""Worker jobs of the referral workflow."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from senim.core.models import Job
from senim.core.worker import job_handler, run_every


@job_handler("referrals.expire_measures")
def expire_measures(job: Job) -> dict[str, Any]:
    """End reflection periods and temporary residences past their end date. Queue it daily
    (`job_enqueue(actor=None, kind="referrals.expire_measures")`); it is idempotent."""
    from senim.referrals.services import measures_expire

    return {"ended": measures_expire(actor=None)}


run_every("referrals.expire_measures", timedelta(days=1))

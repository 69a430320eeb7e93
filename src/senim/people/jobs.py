"""Background jobs of the people app (run by `senim worker`)."""

from __future__ import annotations

from typing import Any

from senim.core.models import Job
from senim.core.worker import job_handler, job_progress
from senim.people.models import PersonImport
from senim.people.services import person_import_run


@job_handler("people.import")
def person_import_job(job: Job) -> dict[str, Any]:
    person_import = PersonImport.objects.get(pk=job.params["import"])
    return person_import_run(person_import=person_import, progress=lambda done, total: job_progress(job, done, total))

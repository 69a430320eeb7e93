"""A person's dossier as a file (CSV or JSON): their records with names, birth dates and identifiers in
clear, and their cases that the user sees. Personal data leaves the system this way, so it is four-eyes:
requested with a reason (`senim.core.approvals`, action `people.export_person`), approved by a second user,
then downloaded by the requester only, within `EXPORT_WINDOW`, at most `EXPORT_MAX_DOWNLOADS` times. Each
download is audited as `person.export` with its row count, which the insider-misuse report counts."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from senim.core.approvals.models import ApprovalRequest
from senim.core.approvals.registry import DownloadFile
from senim.core.approvals.services import approval_trail, approval_use
from senim.core.models import User
from senim.core.services import audit_record
from senim.people.models import Person
from senim.people.selectors import person_record_list, person_scope

EXPORT_ACTION = "people.export_person"
EXPORT_FORMATS = ("csv", "json")
EXPORT_WINDOW = timedelta(hours=24)
EXPORT_MAX_DOWNLOADS = 3
CSV_COLUMNS = ("section", "id", "field", "value")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def person_dossier(user: User, person: Person) -> dict[str, Any]:
    """Everything about the person that this user may see, names and identifiers decrypted."""
    from senim.cases.selectors import assistance_case_scope, criminal_case_scope

    records = []
    for record in person_record_list(user, person):
        records.append(
            {
                "id": str(record.pk),
                "source_organization": record.source_organization.name,
                "source": record.source,
                "family_name": record.family_name,
                "given_name": record.given_name,
                "patronymic": record.patronymic,
                "full_name": record.full_name,
                "script": record.script,
                "birth_date": record.birth_date,
                "sex": record.sex,
                "citizenship": record.citizenship,
                "recorded_at": record.created_at.isoformat(),
                "identifiers": [
                    {
                        "kind": link.identifier.kind,
                        "value": link.identifier.value,
                        "source": link.source,
                        "case_reference": link.case_reference,
                        "observed_on": link.observed_on.isoformat() if link.observed_on else None,
                    }
                    for link in record.identifier_links.all()
                ],
            }
        )
    assistance = [
        {
            "id": str(case.pk),
            "number": case.number,
            "status": case.status,
            "region": case.region,
            "exploitation_type": case.exploitation_type,
            "lead_organization": case.lead_organization.name,
            "reported_on": case.reported_on.isoformat(),
            "closed_on": case.closed_on.isoformat() if case.closed_on else None,
        }
        for case in assistance_case_scope(user).filter(person=person).select_related("lead_organization")
    ]
    criminal = []
    cases = criminal_case_scope(user).filter(participants__person=person).distinct().order_by("opened_on")
    for case in cases:
        for participant in case.participants.filter(person=person).prefetch_related("charges"):
            criminal.append(
                {
                    "id": str(case.pk),
                    "registry_number": case.registry_number,
                    "status": case.status,
                    "region": case.region,
                    "opened_on": case.opened_on.isoformat(),
                    "procedural_role": participant.procedural_role,
                    "chain_role": participant.chain_role,
                    "charges": [
                        {
                            "article": charge.article,
                            "outcome": charge.outcome,
                            "sentence": charge.sentence,
                            "decided_on": charge.decided_on.isoformat() if charge.decided_on else None,
                        }
                        for charge in participant.charges.all()
                    ],
                }
            )
    return {
        "person": {"id": str(person.pk), "label": person.label},
        "exported_at": timezone.now().isoformat(),
        "exported_by": user.get_username(),
        "records": records,
        "assistance_cases": assistance,
        "criminal_cases": criminal,
    }


def _safe_cell(value: Any) -> str:
    """No spreadsheet formula injection: a cell that would start a formula is quoted."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def dossier_rows(dossier: dict[str, Any]) -> Iterator[tuple[str, str, str, str]]:
    """The dossier as long rows (section, id, field, value): every section fits one flat file."""
    person = dossier["person"]
    yield ("person", person["id"], "label", person["label"])
    for record in dossier["records"]:
        for name, value in record.items():
            if name not in ("id", "identifiers"):
                yield ("record", record["id"], name, value)
        for number, identifier in enumerate(record["identifiers"], start=1):
            for name, value in identifier.items():
                yield ("identifier", f"{record['id']}#{number}", name, value)
    for case in dossier["assistance_cases"]:
        for name, value in case.items():
            if name != "id":
                yield ("assistance_case", case["id"], name, value)
    for case in dossier["criminal_cases"]:
        for name, value in case.items():
            if name not in ("id", "charges"):
                yield ("criminal_case", case["id"], name, value)
        for number, charge in enumerate(case["charges"], start=1):
            for name, value in charge.items():
                yield ("charge", f"{case['id']}#{number}", name, value)


def dossier_row_count(dossier: dict[str, Any]) -> int:
    """Items written out (records, identifiers, cases, charges): what the misuse report weighs."""
    return (
        1
        + len(dossier["records"])
        + sum(len(r["identifiers"]) for r in dossier["records"])
        + len(dossier["assistance_cases"])
        + len(dossier["criminal_cases"])
        + sum(len(c["charges"]) for c in dossier["criminal_cases"])
    )


def render_dossier(dossier: dict[str, Any], file_format: str) -> tuple[bytes, str]:
    if file_format == "json":
        return json.dumps(dossier, ensure_ascii=False, indent=2).encode(), "application/json"
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for row in dossier_rows(dossier):
        writer.writerow([_safe_cell(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig"), "text/csv; charset=utf-8"


def person_export_download(*, actor: User, approval: ApprovalRequest) -> DownloadFile:
    """The requester downloads an approved export. Built now from what the requester sees now; the
    download and its row count are audited in the same transaction."""
    if approval.action != EXPORT_ACTION:
        raise Http404
    with transaction.atomic():
        approval = approval_use(actor=actor, approval=approval, max_uses=EXPORT_MAX_DOWNLOADS)
        person = person_scope(actor).filter(pk=approval.target_id).first()
        if person is None:
            raise ValidationError({"approval": _("You no longer have access to this person.")})
        file_format = str(approval.params.get("format", "csv"))
        dossier = person_dossier(actor, person)
        content, content_type = render_dossier(dossier, file_format)
        rows = dossier_row_count(dossier)
        audit_record(
            actor=actor,
            action="person.export",
            target=person,
            extra={"rows": rows, "format": file_format, "download": approval.uses, **approval_trail(approval)},
        )
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    return DownloadFile(content, content_type, f"person-{person.pk}-{stamp}.{file_format}", rows)

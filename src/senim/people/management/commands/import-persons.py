"""`senim import-persons FILE --as USER --source TEXT`: import a CSV list of persons now, all rows or none."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from senim.core.models import User
from senim.people import services
from senim.people.models import ImportStatus


class Command(BaseCommand):
    help = "Import a CSV list of persons (the columns of `senim link`); every row is checked, all or nothing."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file")
        parser.add_argument("--as", dest="username", required=True, help="the user the records are recorded by")
        parser.add_argument("--role", help="the role to act in (default: the user's first role)")
        parser.add_argument("--source", required=True, help="where the list comes from")
        parser.add_argument("--errors-to", help="write the rows to fix to this CSV file")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            raw = Path(options["file"]).read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {options['file']}: {exc.strerror}", returncode=2) from None
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"no active user {options['username']!r}", returncode=2)
        if options["role"]:
            if options["role"] not in user.roles:
                raise CommandError(f"{user.username} does not hold the role {options['role']!r}", returncode=2)
            user.act_as(options["role"])
        try:
            person_import = services.person_import_create(
                actor=user, file_name=Path(options["file"]).name, raw=raw, source=options["source"]
            )
        except PermissionDenied:
            raise CommandError(f"{user.username} may not import persons as {user.acting_role}", returncode=2) from None
        except ValidationError as exc:
            reason = "; ".join(f"{field}: {' '.join(problems)}" for field, problems in exc.message_dict.items())
            raise CommandError(f"{options['file']}: {reason}", returncode=2) from None
        if person_import.status == ImportStatus.REJECTED:
            if options["errors_to"]:
                with open(options["errors_to"], "w", newline="", encoding="utf-8") as handle:
                    writer = csv.DictWriter(handle, fieldnames=["line", "column", "message"])
                    writer.writeheader()
                    writer.writerows(person_import.errors)
            first = person_import.errors[0]
            raise CommandError(
                f"{options['file']}: {len(person_import.errors)} problem(s), nothing imported; first: line "
                f"{first['line']}, {first['column'] or 'row'}: {first['message']}",
                returncode=2,
            )
        result = services.person_import_run(person_import=person_import)
        if result["status"] != ImportStatus.IMPORTED:
            person_import.refresh_from_db()
            raise CommandError(f"{options['file']}: {person_import.errors[0]['message']}", returncode=2)
        self.stdout.write(f"imported {result['imported']} record(s) from {options['file']} (import {person_import.pk})")

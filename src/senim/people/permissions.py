from django.db import models

from senim.core.access import grant
from senim.core.roles import Role


class PeoplePermission(models.TextChoices):
    VIEW_PERSONS = "people.view_persons"
    CREATE_RECORDS = "people.create_records"
    EDIT_RECORDS = "people.edit_records"
    MERGE_PERSONS = "people.merge_persons"
    SEARCH_PERSONS = "people.search_persons"
    # Request (and, for someone else's request, approve) a person's dossier export: four-eyes, see export.py.
    EXPORT_PERSONS = "people.export_persons"
    IMPORT_RECORDS = "people.import_records"


_FRONTLINE = [
    Role.COORDINATOR,
    Role.INVESTIGATOR,
    Role.PROSECUTOR,
    Role.MIGRATION_OFFICER,
    Role.LABOUR_INSPECTOR,
    Role.NGO_CASEWORKER,
    Role.SHELTER_STAFF,
]
for _role in _FRONTLINE:
    grant(_role, [PeoplePermission.VIEW_PERSONS, PeoplePermission.CREATE_RECORDS, PeoplePermission.EDIT_RECORDS])
for _role in (Role.COORDINATOR, Role.INVESTIGATOR, Role.PROSECUTOR, Role.MIGRATION_OFFICER, Role.ANALYST):
    grant(_role, [PeoplePermission.SEARCH_PERSONS, PeoplePermission.VIEW_PERSONS])
grant(Role.COORDINATOR, [PeoplePermission.MERGE_PERSONS])
grant(Role.ANALYST, [PeoplePermission.MERGE_PERSONS])
grant(Role.INVESTIGATOR, [PeoplePermission.MERGE_PERSONS])
for _role in (Role.COORDINATOR, Role.INVESTIGATOR, Role.PROSECUTOR, Role.NGO_CASEWORKER):
    grant(_role, [PeoplePermission.EXPORT_PERSONS])
# Agencies that hold lists of persons: migration registers, inspection lists, police lists, NGO caseloads.
for _role in (
    Role.COORDINATOR,
    Role.INVESTIGATOR,
    Role.MIGRATION_OFFICER,
    Role.LABOUR_INSPECTOR,
    Role.NGO_CASEWORKER,
):
    grant(_role, [PeoplePermission.IMPORT_RECORDS])

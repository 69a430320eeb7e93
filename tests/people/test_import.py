"""Importing a CSV list of persons: row-level report, all or nothing, scoped, audited."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from senim.core.models import AuditEvent, Job
from senim.core.testing.factories import make_organization, make_user
from senim.core.worker import run_pending
from senim.people import csvimport, services
from senim.people.models import IdentifierLink, ImportStatus, PersonImport, PersonRecord

GOOD = (
    "record_id,family_name,given_name,patronymic,birth_date,sex,citizenship,phone,document_number,shoe_size\n"
    "A-1,Абдуллаева,Гульнара,Рустамовна,1999-04,ж,uz,+998 90 123 45 67,AB 1234567,38\n"
    "A-2,Karimov,Bekzod,,1987,m,UZ,,,\n"
    ",,,,,,,,,\n"
    "A-3,Сейтқали,Айжан,,2001-02-03,f,KZ,8 701 555 01 23,,\n"
).encode()


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked in English here; the Russian catalogue is checked on its own below."""
    from django.utils import translation

    with translation.override("en"):
        yield


def _upload(user, content: bytes = GOOD, source: str = "Almaty migration police, inspection 20 Nov"):
    return services.person_import_create(actor=user, file_name="list.csv", raw=content, source=source)


def test_parser_reports_every_bad_row_with_its_line_and_column():
    content = (
        "record_id,family_name,birth_date,sex,citizenship,phone\n"
        "1,Иванова,1990-02-30,f,KZ,\n"  # no such date
        '2,"Многострочная\nфамилия",1990,x,KAZ,12\n'  # a quoted name over two lines: line 4
        "1,,2999,,,\n"  # repeated id, no name, future date
    ).encode()
    parsed = csvimport.parse(content, max_rows=100)
    found = {(e.line, e.column, e.code) for e in parsed.errors}
    assert found == {
        (2, "birth_date", "no_such_date"),
        (4, "sex", "bad_sex"),
        (4, "citizenship", "bad_citizenship"),
        (4, "phone", "bad_phone"),
        (5, "record_id", "repeated_record_id"),
        (5, "family_name", "no_name"),
        (5, "birth_date", "date_out_of_range"),
    }
    assert parsed.rows == []
    repeated = next(e for e in parsed.errors if e.code == "repeated_record_id")
    assert repeated.message() == "the same record_id as line 2"


def test_parser_normalises_values_and_ignores_unknown_columns():
    parsed = csvimport.parse(b"\xef\xbb\xbf" + GOOD, max_rows=100)  # a BOM, as Excel writes it
    assert not parsed.errors
    assert [r["record_id"] for r in parsed.rows] == ["A-1", "A-2", "A-3"]  # the blank row is skipped
    first, _second, third = parsed.rows
    assert (first["sex"], first["citizenship"], first["phone"]) == ("f", "UZ", "+998901234567")
    assert first["document_number"] == "AB1234567"
    assert third["phone"] == "+77015550123"
    assert parsed.ignored_columns == ["shoe_size"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"record_id,family_name\n\xff\xfe1,x\n", "not UTF-8"),
        (b"record_id,family_name\x00\n1,x\n", "not text"),
        (b"id,family_name\n1,x\n", "record_id"),
        (b"record_id,sex\n1,m\n", "no name column"),
        (b"record_id,family_name,family_name\n1,x,y\n", "repeats a column"),
        (b"record_id,family_name\n", "no rows"),
        (b"record_id,family_name\n" + b"".join(b"%d,x\n" % i for i in range(6)), "more than 5 rows"),
    ],
)
def test_parser_rejects_files_that_are_not_a_list_of_persons(content, reason):
    with pytest.raises(csvimport.FileRejected, match=reason):
        csvimport.parse(content, max_rows=5)


@given(st.binary(max_size=600))
@hsettings(max_examples=300, deadline=None)
def test_parser_never_fails_on_hostile_bytes(raw):
    try:
        parsed = csvimport.parse(b"record_id,family_name,birth_date,phone\n" + raw, max_rows=1000)
    except csvimport.FileRejected as exc:
        assert str(exc)
    else:
        assert all(row["record_id"] and row["family_name"] for row in parsed.rows)
        assert all(error.message() for error in parsed.errors)


@given(
    st.lists(st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=12), min_size=1, max_size=5)
)
@hsettings(max_examples=200, deadline=None)
def test_parser_round_trips_any_names_written_as_csv(names):
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    for index, name in enumerate(names):
        writer.writerow([f"r{index}", name])
    parsed = csvimport.parse(buffer.getvalue().encode(), max_rows=100)
    kept = {row["record_id"]: row["family_name"] for row in parsed.rows}
    for index, name in enumerate(names):
        if f"r{index}" in kept:
            assert kept[f"r{index}"] == name.strip()


def csv_writer(buffer):
    import csv

    writer = csv.writer(buffer)
    writer.writerow(["record_id", "family_name"])
    return writer


def test_every_row_problem_has_a_translatable_message():
    assert set(services.ROW_MESSAGES) == set(csvimport.MESSAGES)
    for code, english in csvimport.MESSAGES.items():
        assert str(services.ROW_MESSAGES[code]) == english


@pytest.mark.django_db
def test_a_valid_list_is_queued_then_imported_whole_and_linked_later():
    officer = make_user("migration_officer")
    person_import = _upload(officer)
    assert person_import.status == ImportStatus.QUEUED and person_import.row_count == 3
    assert person_import.job.kind == "people.import"
    run_pending(kinds=["people.import"])
    person_import.refresh_from_db()
    assert person_import.status == ImportStatus.IMPORTED and person_import.imported_count == 3
    assert person_import.content == ""  # the uploaded file is not kept once processed
    records = PersonRecord.objects.filter(source__startswith="Almaty migration police")
    assert sorted(r.family_name for r in records) == ["Karimov", "Абдуллаева", "Сейтқали"]
    assert all(r.source_organization_id == officer.organization_id and r.recorded_by_id == officer.pk for r in records)
    aigul = next(r for r in records if r.family_name == "Абдуллаева")  # encrypted: no SQL filter
    assert (aigul.birth_date, aigul.sex, aigul.citizenship) == ("1999-04", "f", "UZ")
    assert sorted(link.identifier.value for link in IdentifierLink.objects.filter(record=aigul)) == [
        "+998901234567",
        "AB1234567",
    ]
    assert Job.objects.filter(kind="linkage.run", params__after_import=str(person_import.pk)).exists()
    actions = list(AuditEvent.objects.filter(target_id=str(person_import.pk)).values_list("action", flat=True))
    assert sorted(actions) == ["person_import.complete", "person_import.upload"]
    created = AuditEvent.objects.filter(action="person_record.create", actor=officer)
    assert sorted(e.target_id for e in created) == sorted(str(r.pk) for r in records)
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)  # the batch-appended events chain like any others
    assert out.getvalue().strip() == "chain main: intact"


@pytest.mark.django_db
def test_a_list_with_one_bad_row_imports_nothing_and_says_which_row():
    officer = make_user("labour_inspector")
    before = PersonRecord.objects.count()
    person_import = _upload(officer, GOOD + b"A-4,Bad,,,1990-13,,,,,\n")
    assert person_import.status == ImportStatus.REJECTED
    assert person_import.errors == [{"line": 6, "column": "birth_date", "message": "no such date"}]
    assert person_import.job is None and person_import.content == ""
    assert PersonRecord.objects.count() == before


@pytest.mark.django_db
def test_the_row_report_speaks_the_uploaders_language():
    from django.utils import translation

    officer = make_user("ngo_caseworker")
    with translation.override("ru"):
        person_import = _upload(officer, b"record_id,family_name,sex\n1,X,q\n")
    assert person_import.errors[0]["message"] == "укажите m, f или оставьте пустым"


@pytest.mark.django_db
def test_the_same_file_is_not_imported_twice_and_a_source_is_required():
    officer = make_user("investigator")
    _upload(officer)
    with pytest.raises(ValidationError) as error:
        _upload(officer)
    assert "already uploaded" in error.value.message_dict["file"][0]
    with pytest.raises(ValidationError) as error:
        _upload(make_user("investigator"), source="  ")
    assert "source" in error.value.message_dict


@pytest.mark.django_db
def test_files_over_the_size_limit_are_refused(settings):
    settings.SENIM_IMPORT_MAX_BYTES = 100
    with pytest.raises(ValidationError) as error:
        _upload(make_user("coordinator"))
    assert "larger than" in error.value.message_dict["file"][0]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["shelter_staff", "prosecutor", "analyst", "auditor", "admin"])
def test_roles_without_lists_cannot_import(role):
    with pytest.raises(PermissionDenied):
        _upload(make_user(role))
    assert not PersonImport.objects.exists()


@pytest.mark.django_db
def test_an_uploader_who_lost_the_role_before_the_run_imports_nothing():
    from senim.core.services import user_set_roles

    officer = make_user("migration_officer")
    person_import = _upload(officer)
    user_set_roles(actor=make_user("admin"), user=officer, roles=["analyst"])
    run_pending(kinds=["people.import"])
    person_import.refresh_from_db()
    assert person_import.status == ImportStatus.FAILED
    assert "no longer" in person_import.errors[0]["message"]
    assert not PersonRecord.objects.exists()


@pytest.mark.django_db
def test_an_identifier_already_known_is_shared_not_duplicated():
    from senim.people.models import Identifier

    officer = make_user("migration_officer")
    services.person_record_create(
        actor=officer, family_name="Karimov", identifiers=[services.IdentifierInput("phone", "+998 90 123 45 67")]
    )
    _upload(officer)
    run_pending(kinds=["people.import"])
    phone = Identifier.objects.get(kind="phone", value_hash=services.lookup_hash("phone", "+998901234567"))
    assert phone.links.count() == 2  # the earlier record and the imported one meet on the same number


@pytest.mark.django_db
def test_running_an_import_again_writes_nothing_more():
    person_import = _upload(make_user("migration_officer"))
    first = services.person_import_run(person_import=person_import)
    person_import.refresh_from_db()
    again = services.person_import_run(person_import=person_import)
    assert first == again == {"status": "imported", "imported": 3}
    assert PersonRecord.objects.count() == 3


@pytest.mark.django_db
def test_api_upload_list_and_detail_are_scoped_to_the_organization(api_as):
    from django.core.files.uploadedfile import SimpleUploadedFile

    officer = make_user("migration_officer")
    client = api_as(officer)
    response = client.post(
        reverse("api:person-imports"),
        {"file": SimpleUploadedFile("list.csv", GOOD, "text/csv"), "source": "Shymkent raid"},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "queued" and response.json()["row_count"] == 3
    detail = reverse("api:person-import", args=[response.json()["id"]])
    assert client.get(detail).json()["file_name"] == "list.csv"
    listed = client.get(reverse("api:person-imports")).json()
    assert listed["count"] == 1
    colleague = make_user("migration_officer", organization=officer.organization)
    assert api_as(colleague).get(detail).status_code == 200
    outsider = make_user("migration_officer", organization=make_organization(kind="migration"))
    assert api_as(outsider).get(detail).status_code == 404
    assert api_as(outsider).get(reverse("api:person-imports")).json()["count"] == 0


@pytest.mark.django_db
def test_api_answers_bad_files_with_field_errors(api_as):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = api_as(make_user("migration_officer"))
    cases = [
        ({"file": SimpleUploadedFile("x.png", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"), "source": "s"}, "file"),
        ({"file": SimpleUploadedFile("x.csv", b"name\nx\n", "text/csv"), "source": "s"}, "file"),
        ({"source": "s"}, "file"),
        ({"file": SimpleUploadedFile("x.csv", GOOD, "text/csv")}, "source"),
    ]
    for data, field in cases:
        response = client.post(reverse("api:person-imports"), data, format="multipart")
        assert response.status_code == 400, response.content
        assert field in response.json()["extra"]["fields"]
    assert not PersonImport.objects.exists()
    shelter = api_as(make_user("shelter_staff"))
    response = shelter.post(
        reverse("api:person-imports"), {"file": SimpleUploadedFile("x.csv", GOOD), "source": "s"}, format="multipart"
    )
    assert response.status_code == 403


@pytest.mark.django_db
def test_page_upload_shows_the_rows_to_fix(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    officer = make_user("ngo_caseworker")
    client.force_login(officer)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    page = client.get(reverse("people:import_list"))
    assert page.status_code == 200 and b'enctype="multipart/form-data"' in page.content
    bad = SimpleUploadedFile("caseload.csv", b"record_id,family_name,phone\n7,Petrova,hello\n", "text/csv")
    response = client.post(reverse("people:import_list"), {"file": bad, "source": "NGO caseload"}, follow=True)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Rows to fix" in text and "not a phone number" in text and "caseload.csv" in text
    not_csv = SimpleUploadedFile("photo.csv", b"\x00\x01\x02binary", "text/csv")
    response = client.post(reverse("people:import_list"), {"file": not_csv, "source": "x"})
    assert response.status_code == 200 and "not text" in response.content.decode()
    assert PersonImport.objects.count() == 1
    client.force_login(make_user("shelter_staff"))
    assert client.get(reverse("people:import_list")).status_code == 403


@pytest.mark.django_db
def test_command_imports_now_or_exits_2_with_one_line(tmp_path):
    officer = make_user("migration_officer", username="officer")
    good = tmp_path / "good.csv"
    good.write_bytes(GOOD)
    out = io.StringIO()
    call_command("import-persons", str(good), "--as", "officer", "--source", "raid", stdout=out)
    assert out.getvalue().startswith("imported 3 record(s)")
    assert PersonRecord.objects.filter(recorded_by=officer).count() == 3
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"record_id,family_name,birth_date\n1,X,1990-99\n2,Y,\n")
    report = tmp_path / "errors.csv"
    with pytest.raises(CommandError) as error:
        call_command("import-persons", str(bad), "--as", "officer", "--source", "raid", "--errors-to", str(report))
    assert error.value.returncode == 2 and "\n" not in str(error.value)
    assert "line 2, birth_date" in str(error.value)
    assert report.read_text().splitlines() == ["line,column,message", "2,birth_date,no such date"]
    for argv in (
        [str(tmp_path / "missing.csv"), "--as", "officer", "--source", "s"],
        [str(good), "--as", "nobody", "--source", "s"],
        [str(good), "--as", "officer", "--source", "s", "--role", "coordinator"],
    ):
        with pytest.raises(CommandError) as error:
            call_command("import-persons", *argv)
        assert error.value.returncode == 2
    assert PersonRecord.objects.count() == 3

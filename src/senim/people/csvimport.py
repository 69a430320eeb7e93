"""Reading a list of persons from an agency's CSV file (pure: no Django).

The columns are the person-record contract of `senim link` (docs/linkage.md): `record_id` (the sender's
own reference, required and unique in the file) and any of `given_name, family_name, patronymic,
full_name, sex, birth_date, citizenship, document_number, phone, address, notes`. Unknown columns are
ignored; empty means unknown. Every row is checked and every problem reported with its line and column,
so the sender can fix the whole file at once; nothing is written unless every row is valid.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import phonenumbers

NAME_COLUMNS = ("given_name", "family_name", "patronymic", "full_name")
COLUMNS = (
    "record_id",
    *NAME_COLUMNS,
    "sex",
    "birth_date",
    "citizenship",
    "document_number",
    "phone",
    "address",
    "notes",
)
LIMITS = {
    "record_id": 60,
    "given_name": 200,
    "family_name": 200,
    "patronymic": 200,
    "full_name": 400,
    "document_number": 40,
    "phone": 40,
    "address": 300,
    "notes": 2000,
}
SEX_VALUES = {
    "": "u",
    "u": "u",
    "m": "m",
    "f": "f",
    "male": "m",
    "female": "f",
    "м": "m",
    "ж": "f",
    "муж": "m",
    "жен": "f",
    "ер": "m",
    "әйел": "f",
}
_ALPHA2 = re.compile(r"[A-Z]{2}")
# Countries whose numbers arrive without a "+": the phone's region is guessed from the citizenship.
_PHONE_REGIONS = {"KZ", "UZ", "KG", "TJ", "RU"}


class FileRejected(ValueError):
    """The file as a whole cannot be read (not UTF-8, not CSV, no record_id): one line for the user."""


# What can be wrong with a row; the caller shows these in the user's language (people.services).
MESSAGES = {
    "extra_values": "more values than columns in the header",
    "no_record_id": "empty; every row needs the sender's reference",
    "repeated_record_id": "the same record_id as line %(line)s",
    "too_long": "longer than %(limit)s characters",
    "no_name": "no name at all; give at least one name as written",
    "bad_sex": "use m, f or leave empty",
    "bad_citizenship": "use the two-letter ISO code (KZ, UZ, KG, TJ, RU...)",
    "bad_date_format": "use YYYY, YYYY-MM or YYYY-MM-DD",
    "no_such_date": "no such date",
    "date_out_of_range": "the date is before 1900 or in the future",
    "bad_phone": "not a phone number",
}


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    code: str
    params: tuple[tuple[str, int], ...] = ()

    def message(self, messages: dict[str, str] = MESSAGES) -> str:
        return messages[self.code] % dict(self.params)


@dataclass
class ParsedFile:
    rows: list[dict[str, str]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


def decode(raw: bytes) -> str:
    if b"\x00" in raw[:4096]:
        raise FileRejected("the file is not text (it holds NUL bytes): upload a CSV file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileRejected(f"the file is not UTF-8 (byte {exc.start}): save it as CSV UTF-8") from None


def partial_date_problem(value: str) -> str:
    """'' when value is YYYY, YYYY-MM or YYYY-MM-DD (a real date, not in the future), else the problem's code."""
    parts = value.split("-")
    if not 1 <= len(parts) <= 3 or len(parts[0]) != 4 or not all(p.isdigit() for p in parts):
        return "bad_date_format"
    numbers = [int(p) for p in parts] + [1] * (3 - len(parts))
    try:
        born = date(*numbers)
    except ValueError:
        return "no_such_date"
    if born.year < 1900 or born > datetime.now(UTC).date():
        return "date_out_of_range"
    return ""


def phone_e164(value: str, citizenship: str) -> str:
    """The number in E.164, or '' when it is not a valid phone number."""
    region = citizenship if citizenship in _PHONE_REGIONS else "KZ"
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_possible_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def parse(raw: bytes, *, max_rows: int) -> ParsedFile:
    text = decode(raw)
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
    except csv.Error as exc:
        raise FileRejected(f"the file is not CSV: {exc}") from None
    if "record_id" not in header:
        raise FileRejected("the first line must be a header with a record_id column")
    if not any(name in header for name in NAME_COLUMNS):
        raise FileRejected("the header has no name column (" + ", ".join(NAME_COLUMNS) + ")")
    duplicated = sorted({h for h in header if header.count(h) > 1 and h})
    if duplicated:
        raise FileRejected("the header repeats a column: " + ", ".join(duplicated))
    reader.fieldnames = header
    parsed = ParsedFile(ignored_columns=[h for h in header if h not in COLUMNS])
    seen: dict[str, int] = {}
    try:
        for raw_row in reader:
            line = reader.line_num
            if None in raw_row:
                parsed.errors.append(RowError(line, "", "extra_values"))
                continue
            if len(parsed.rows) + len(parsed.errors) >= max_rows:
                raise FileRejected(f"the file has more than {max_rows} rows: split it")
            row = {name: (raw_row.get(name) or "").strip() for name in COLUMNS}
            if not any(row.values()):
                continue
            problems = _row_problems(row, seen, line)
            parsed.errors.extend(RowError(line, column, code, params) for column, code, params in problems)
            if not problems:
                parsed.rows.append(row)
    except csv.Error as exc:
        raise FileRejected(f"the file is not valid CSV near line {reader.line_num}: {exc}") from None
    if not parsed.rows and not parsed.errors:
        raise FileRejected("the file has a header but no rows")
    return parsed


Problem = tuple[str, str, tuple[tuple[str, int], ...]]  # column, code, params


def _row_problems(row: dict[str, str], seen: dict[str, int], line: int) -> list[Problem]:
    problems: list[Problem] = []
    record_id = row["record_id"]
    if not record_id:
        problems.append(("record_id", "no_record_id", ()))
    elif record_id in seen:
        problems.append(("record_id", "repeated_record_id", (("line", seen[record_id]),)))
    else:
        seen[record_id] = line
    for name, limit in LIMITS.items():
        if len(row[name]) > limit:
            problems.append((name, "too_long", (("limit", limit),)))
    if not any(row[name] for name in NAME_COLUMNS):
        problems.append(("family_name", "no_name", ()))
    sex = row["sex"].lower()
    if sex not in SEX_VALUES:
        problems.append(("sex", "bad_sex", ()))
    else:
        row["sex"] = SEX_VALUES[sex]
    citizenship = row["citizenship"].upper()
    if citizenship and not _ALPHA2.fullmatch(citizenship):
        problems.append(("citizenship", "bad_citizenship", ()))
    row["citizenship"] = citizenship
    if row["birth_date"]:
        problem = partial_date_problem(row["birth_date"])
        if problem:
            problems.append(("birth_date", problem, ()))
    if row["phone"]:
        e164 = phone_e164(row["phone"], citizenship)
        if not e164:
            problems.append(("phone", "bad_phone", ()))
        row["phone"] = e164
    if row["document_number"]:
        row["document_number"] = "".join(row["document_number"].split()).upper()
    return problems

"""Writes of the linkage app: linkage runs, the review queue, merges and splits (audited, reversible), and
the blind search index.

``person_merge`` / ``person_split`` / ``person_change_undo`` live here because ``senim.people.services``
has no merge or split; they move PersonRecords between Persons and keep a PersonChange row so that every
change can be undone.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from senim.core.access import has_permission, require
from senim.core.fields import lookup_hash
from senim.core.models import User
from senim.core.services import audit_record
from senim.linkage import model, normalise
from senim.linkage.models import (
    CandidateStatus,
    ChangeKind,
    MatchCandidate,
    PersonChange,
    SearchKey,
    SearchKeyKind,
)
from senim.linkage.permissions import LinkagePermission
from senim.people.models import IdentifierKind, Person, PersonRecord
from senim.people.permissions import PeoplePermission

Progress = Callable[[int, int], None]

# --- Record rows for the model ---------------------------------------------------------------------------

_SEX = {"m": "M", "f": "F"}


def record_row(record: PersonRecord) -> dict[str, str]:
    """A PersonRecord (with identifier_links prefetched) in the `senim link` input shape."""
    ids: dict[str, str] = {}
    for link in record.identifier_links.all():
        kind = link.identifier.kind
        if kind in (IdentifierKind.PHONE, IdentifierKind.DOCUMENT, IdentifierKind.ADDRESS) and kind not in ids:
            ids[kind] = link.identifier.value
    return {
        "record_id": str(record.pk),
        "given_name": record.given_name,
        "family_name": record.family_name,
        "patronymic": record.patronymic,
        "full_name": record.full_name,
        "sex": _SEX.get(record.sex, ""),
        "birth_date": record.birth_date,
        "citizenship": record.citizenship,
        "document_number": ids.get(IdentifierKind.DOCUMENT, ""),
        "phone": ids.get(IdentifierKind.PHONE, ""),
        "address": ids.get(IdentifierKind.ADDRESS, ""),
    }


def records_with_identifiers(queryset: Any, chunk: int = 200) -> list[PersonRecord]:
    """Records with their identifier links, fetched in chunks (SQLite caps the depth of a query: 500 already fails)."""
    ids = list(queryset.order_by("created_at", "pk").values_list("pk", flat=True))
    out: list[PersonRecord] = []
    for start in range(0, len(ids), chunk):
        part = PersonRecord.objects.filter(pk__in=ids[start : start + chunk])
        by_id = {r.pk: r for r in part.prefetch_related("identifier_links__identifier")}
        out.extend(by_id[pk] for pk in ids[start : start + chunk] if pk in by_id)
    return out


# --- Search index ---------------------------------------------------------------------------------------


def search_keys_of(row: dict[str, str]) -> set[tuple[str, str]]:
    """(kind, normalised key) pairs that find a record: name tokens, their sound and their spelling as
    written, birth year, phone, document."""
    keys: set[tuple[str, str]] = set()
    for field in ("given_name", "family_name", "patronymic", "full_name"):
        for token in normalise.tokens(row.get(field)):
            for form in {token, normalise.given_root(token), normalise.surname_form(token).stem}:
                keys.add((SearchKeyKind.NAME, form))
            keys.add((SearchKeyKind.NAME_PHONETIC, normalise.phonetic_token(normalise.given_root(token))))
        for spelling in normalise.spelling_tokens(row.get(field)):
            keys.add((SearchKeyKind.NAME_SPELLING, spelling))
    try:
        year = normalise.parse_birth_date(row.get("birth_date")).year
    except ValueError:
        year = None
    if year:
        keys.add((SearchKeyKind.BIRTH_YEAR, str(year)))
    phone = normalise.normalise_phone(row.get("phone"), row.get("citizenship") or None)
    if phone:
        keys.add((SearchKeyKind.PHONE, phone))
    document = normalise.normalise_document(row.get("document_number"))
    if document:
        keys.add((SearchKeyKind.DOCUMENT, document))
    return {(kind, value) for kind, value in keys if value}


def search_digest(kind: str, value: str) -> str:
    return lookup_hash(f"search.{kind}", value)


def search_index_records(records: Iterable[PersonRecord]) -> int:
    """(Re)build the search keys of the given records (identifier links prefetched)."""
    records = list(records)
    SearchKey.objects.filter(record__in=records).delete()
    keys = []
    for record in records:
        if record.person_id is None:
            continue
        row = record_row(record)
        for kind, value in search_keys_of(row):
            keys.append(
                SearchKey(record=record, person_id=record.person_id, kind=kind, digest=search_digest(kind, value))
            )
    SearchKey.objects.bulk_create(keys, batch_size=2000)
    return len(keys)


# --- Merges and splits ------------------------------------------------------------------------------------


def _move_records(record_ids: Sequence[Any], to_person: Person) -> None:
    PersonRecord.objects.filter(pk__in=record_ids).update(person=to_person, updated_at=timezone.now())
    SearchKey.objects.filter(record_id__in=record_ids).update(person=to_person)


@transaction.atomic
def person_merge(
    *,
    actor: User | None,
    source: Person,
    target: Person,
    approved_by: User | None = None,
    candidate: MatchCandidate | None = None,
    reason: str = "",
    automatic: bool = False,
) -> PersonChange:
    """Move every record of ``source`` to ``target``; ``source`` then points at ``target``.

    A manual merge needs two people: ``actor`` requested it and ``approved_by`` (someone else) approved
    it, both with the merge permission. Automatic merges (linkage above AUTO_THRESHOLD) have no actor.
    """
    if not automatic:
        if actor is None or approved_by is None:
            raise ValidationError({"approved_by": _("A merge needs a requester and a second approver.")})
        require(actor, PeoplePermission.MERGE_PERSONS)
        require(approved_by, PeoplePermission.MERGE_PERSONS)
        if approved_by.pk == actor.pk:
            raise ValidationError({"approved_by": _("The approver must be someone other than the requester.")})
    source = Person.objects.select_for_update().get(pk=source.pk)
    target = Person.objects.select_for_update().get(pk=target.pk)
    if source.pk == target.pk:
        raise ValidationError({"target": _("A person cannot be merged into itself.")})
    if source.merged_into_id or target.merged_into_id:
        raise ValidationError({"target": _("This person was already merged into another.")})
    record_ids = [str(pk) for pk in PersonRecord.objects.filter(person=source).values_list("pk", flat=True)]
    _move_records(record_ids, target)
    source.merged_into = target
    source.save(update_fields=["merged_into", "updated_at"])
    change = PersonChange.objects.create(
        kind=ChangeKind.MERGE,
        from_person=source,
        to_person=target,
        record_ids=record_ids,
        automatic=automatic,
        requested_by=actor,
        approved_by=approved_by,
        candidate=candidate,
        reason=reason,
    )
    audit_record(
        actor=approved_by or actor,
        action="person.merge",
        target=target,
        changed_fields=["records"],
        extra={"from_person": str(source.pk), "records": len(record_ids), "change": str(change.pk),
               "automatic": automatic, "requested_by": str(actor.pk) if actor else None},
    )  # fmt: skip
    return change


@transaction.atomic
def person_split(*, actor: User, person: Person, records: Sequence[PersonRecord], reason: str) -> PersonChange:
    """Move some records of ``person`` to a new Person (the linkage was wrong for them)."""
    require(actor, LinkagePermission.SPLIT_PERSONS)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why these records are another person.")})
    record_ids = [str(r.pk) for r in records]
    if not record_ids:
        raise ValidationError({"records": _("Choose the records to split off.")})
    owned = PersonRecord.objects.filter(pk__in=record_ids, person=person).count()
    total = PersonRecord.objects.filter(person=person).count()
    if owned != len(record_ids):
        raise ValidationError({"records": _("Every record must belong to this person.")})
    if owned == total:
        raise ValidationError({"records": _("Keep at least one record with the person.")})
    new_person = Person.objects.create(label=records[0].display_name(), created_by=actor)
    _move_records(record_ids, new_person)
    change = PersonChange.objects.create(
        kind=ChangeKind.SPLIT,
        from_person=person,
        to_person=new_person,
        record_ids=record_ids,
        requested_by=actor,
        reason=reason,
    )
    audit_record(
        actor=actor,
        action="person.split",
        target=person,
        changed_fields=["records"],
        extra={"to_person": str(new_person.pk), "records": len(record_ids), "change": str(change.pk)},
    )
    return change


@transaction.atomic
def person_change_undo(*, actor: User, change: PersonChange) -> PersonChange:
    """Undo a merge (records go back to the merged person) or a split (records return to the person)."""
    require(
        actor, LinkagePermission.SPLIT_PERSONS if change.kind == ChangeKind.SPLIT else PeoplePermission.MERGE_PERSONS
    )
    change = PersonChange.objects.select_for_update().get(pk=change.pk)
    if change.undone_at is not None:
        raise ValidationError({"change": _("This change was already undone.")})
    if change.kind == ChangeKind.MERGE:
        _move_records(change.record_ids, change.from_person)
        Person.objects.filter(pk=change.from_person_id).update(merged_into=None, updated_at=timezone.now())
        if change.candidate_id:
            MatchCandidate.objects.filter(pk=change.candidate_id).update(status=CandidateStatus.PENDING)
    else:
        _move_records(change.record_ids, change.from_person)
        Person.objects.filter(pk=change.to_person_id).update(merged_into=change.from_person, updated_at=timezone.now())
    change.undone_at = timezone.now()
    change.undone_by = actor
    change.save(update_fields=["undone_at", "undone_by", "updated_at"])
    audit_record(
        actor=actor,
        action=f"person.{change.kind}_undo",
        target=change.from_person,
        changed_fields=["records"],
        extra={"change": str(change.pk), "records": len(change.record_ids)},
    )
    return change


# --- Review queue -------------------------------------------------------------------------------------------


def _require_reviewer(actor: User) -> None:
    require(actor, LinkagePermission.REVIEW_MATCHES)
    require(actor, PeoplePermission.MERGE_PERSONS)


@transaction.atomic
def match_merge_request(*, actor: User, candidate: MatchCandidate, reason: str = "") -> MatchCandidate:
    """First reviewer: "these are the same person". The merge waits for a second approver."""
    _require_reviewer(actor)
    candidate = MatchCandidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.status != CandidateStatus.PENDING:
        raise ValidationError({"candidate": _("This pair was already decided.")})
    candidate.status = CandidateStatus.MERGE_REQUESTED
    candidate.requested_by = actor
    candidate.requested_at = timezone.now()
    candidate.reason = reason
    candidate.save(update_fields=["status", "requested_by", "requested_at", "reason", "updated_at"])
    audit_record(actor=actor, action="match.merge_request", target=candidate, changed_fields=["status"])
    return candidate


@transaction.atomic
def match_merge_approve(*, actor: User, candidate: MatchCandidate) -> PersonChange:
    """Second reviewer approves: the two persons are merged (the older person keeps its id)."""
    _require_reviewer(actor)
    candidate = MatchCandidate.objects.select_for_update().select_related("record_a", "record_b").get(pk=candidate.pk)
    if candidate.status != CandidateStatus.MERGE_REQUESTED or candidate.requested_by is None:
        raise ValidationError({"candidate": _("No merge is awaiting approval for this pair.")})
    if candidate.requested_by_id == actor.pk:
        raise PermissionDenied(_("The approver must be someone other than the requester."))
    person_a = candidate.record_a.person
    person_b = candidate.record_b.person
    if person_a is None or person_b is None:
        raise ValidationError({"candidate": _("A record of this pair has no person.")})
    target, source = sorted((person_a, person_b), key=lambda p: (p.created_at, str(p.pk)))
    change = person_merge(
        actor=candidate.requested_by,
        approved_by=actor,
        source=source,
        target=target,
        candidate=candidate,
        reason=candidate.reason,
    )
    candidate.status = CandidateStatus.MERGED
    candidate.decided_by = actor
    candidate.decided_at = timezone.now()
    candidate.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    audit_record(actor=actor, action="match.merge_approve", target=candidate, changed_fields=["status"])
    return change


@transaction.atomic
def match_reject(*, actor: User, candidate: MatchCandidate, reason: str = "") -> MatchCandidate:
    """Not the same person (or a requested merge is refused by the second reviewer)."""
    _require_reviewer(actor)
    candidate = MatchCandidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.status not in (CandidateStatus.PENDING, CandidateStatus.MERGE_REQUESTED):
        raise ValidationError({"candidate": _("This pair was already decided.")})
    candidate.status = CandidateStatus.REJECTED
    candidate.decided_by = actor
    candidate.decided_at = timezone.now()
    candidate.reason = reason or candidate.reason
    candidate.save(update_fields=["status", "decided_by", "decided_at", "reason", "updated_at"])
    audit_record(actor=actor, action="match.reject", target=candidate, changed_fields=["status"])
    return candidate


# --- Linkage run ----------------------------------------------------------------------------------------------


def _level_labels(trained: dict[str, Any]) -> dict[str, dict[int, str]]:
    """gamma value → level label per comparison (null level is -1, the last level is 0)."""
    labels: dict[str, dict[int, str]] = {}
    for comparison in trained["comparisons"]:
        levels = [lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]
        labels[comparison["output_column_name"]] = {
            len(levels) - 1 - i: lv.get("label_for_charts", "") for i, lv in enumerate(levels)
        }
    return labels


def evidence_of(pair: dict[str, Any], labels: dict[str, dict[int, str]]) -> list[dict[str, Any]]:
    """Field-by-field evidence of a scored pair: level reached and its match weight (for and against)."""
    out = []
    for name, levels in labels.items():
        gamma = pair.get(f"gamma_{name}")
        if gamma is None or (isinstance(gamma, float) and math.isnan(gamma)) or int(gamma) == -1:
            out.append({"comparison": name, "level": "", "weight": 0.0})
            continue
        weight = float(pair.get(f"mw_{name}") or 0.0) + float(pair.get(f"mw_tf_adj_{name}") or 0.0)
        out.append({"comparison": name, "level": levels.get(int(gamma), ""), "weight": round(weight, 2)})
    return out


class _PersonUnion:
    """Union-find over persons that never joins two established persons (those need a reviewer), nor two
    groups between which a pair was vetoed as relatives or namesakes (a chain A-B-C must not join A and C
    when A-C is a hard negative)."""

    def __init__(self, established: set[Any], vetoed: Iterable[tuple[Any, Any]] = ()) -> None:
        self.parent: dict[Any, Any] = {}
        self.established = {p: p in established for p in established}
        self.members: dict[Any, set[Any]] = {}
        self.vetoed: dict[Any, set[Any]] = {}
        for a, b in vetoed:
            self.vetoed.setdefault(a, set()).add(b)
            self.vetoed.setdefault(b, set()).add(a)

    def find(self, x: Any) -> Any:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: Any, b: Any) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        ea, eb = self.established.get(ra, False), self.established.get(rb, False)
        if ea and eb:
            return False
        group_a, group_b = self.members.get(ra, {ra}), self.members.get(rb, {rb})
        if any(self.vetoed.get(m, set()) & group_b for m in group_a):
            return False
        if eb:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.established[ra] = ea or eb
        self.members[ra] = group_a | group_b
        self.members.pop(rb, None)
        return True


def linkage_run(*, actor: User | None, progress: Progress | None = None) -> dict[str, int]:
    """Link new PersonRecords (``linked_at`` empty) against all records.

    The model is trained on all records; only pairs involving a new record are acted on. Above
    AUTO_THRESHOLD (and not vetoed as relatives/namesakes) the new record's person is merged
    automatically into the established person; two established persons are never merged automatically.
    Pairs between REVIEW_THRESHOLD and AUTO_THRESHOLD, and vetoed pairs the model liked, go to the review
    queue with their evidence.
    """
    if actor is not None:
        require(actor, LinkagePermission.RUN_LINKAGE)
    report = progress or (lambda done, total: None)
    records = records_with_identifiers(PersonRecord.objects.filter(person__isnull=False))
    new = [r for r in records if r.linked_at is None]
    counts = {"records": len(records), "new": len(new), "auto_merged": 0, "queued": 0, "search_keys": 0}
    if not new:
        return counts
    report(0, 4)
    person_of = {str(r.pk): r.person_id for r in records}
    new_ids = {str(r.pk) for r in new}
    frame = model.prepare([record_row(r) for r in records])
    report(1, 4)
    pairs: list[dict[str, Any]] = []
    vetoed: list[tuple[Any, Any]] = []  # persons of pairs vetoed as relatives / namesakes
    labels: dict[str, dict[int, str]] = {}
    if len(records) > 1:
        result = model.link(frame, keep_pairs_above=model.REVIEW_THRESHOLD, retain_intermediate=True)
        labels = _level_labels(result.model)
        for p in result.pairs.to_dict("records") if result.pairs is not None else []:
            left, right = person_of[p["record_id_l"]], person_of[p["record_id_r"]]
            if p["veto"]:
                vetoed.append((left, right))
            if (p["record_id_l"] in new_ids or p["record_id_r"] in new_ids) and left != right:
                pairs.append(p)
    report(2, 4)
    established = {r.person_id for r in records if r.linked_at is not None}
    union = _PersonUnion(established, vetoed)
    queue: list[dict[str, Any]] = []
    for pair in sorted(pairs, key=lambda p: -p["match_probability"]):
        a, b = person_of[pair["record_id_l"]], person_of[pair["record_id_r"]]
        if pair["match_probability"] >= model.AUTO_THRESHOLD and union.union(a, b):
            continue
        queue.append(pair)
    with transaction.atomic():
        groups: dict[Any, list[Any]] = {}
        for person_id in {person_of[r] for r in person_of}:
            groups.setdefault(union.find(person_id), []).append(person_id)
        persons = Person.objects.in_bulk([p for members in groups.values() if len(members) > 1 for p in members])
        for root, members in groups.items():
            if len(members) < 2:
                continue
            for member in members:
                if member != root:
                    person_merge(actor=None, source=persons[member], target=persons[root], automatic=True,
                                 reason="linkage")  # fmt: skip
                    counts["auto_merged"] += 1
        final = {rid: union.find(pid) for rid, pid in person_of.items()}
        for pair in queue:
            left, right = pair["record_id_l"], pair["record_id_r"]
            if final[left] == final[right]:
                continue
            record_a, record_b = (left, right) if left in new_ids else (right, left)
            _, created = MatchCandidate.objects.get_or_create(
                record_a_id=record_a,
                record_b_id=record_b,
                defaults={
                    "match_probability": float(pair["model_probability"]),
                    "match_weight": float(pair["match_weight"]),
                    "evidence": evidence_of(pair, labels),
                    "veto": pair.get("veto") or "",
                },
            )
            counts["queued"] += int(created)
        report(3, 4)
        now = timezone.now()
        for record in new:
            record.person_id = final[str(record.pk)]
        for start in range(0, len(new), 200):
            part = new[start : start + 200]
            PersonRecord.objects.filter(pk__in=[r.pk for r in part]).update(linked_at=now)
            counts["search_keys"] += search_index_records(part)
        audit_record(actor=actor, action="linkage.run", extra=counts)
    report(4, 4)
    return counts


def linkage_enqueue(*, actor: User) -> Any:
    from senim.core.services import job_enqueue

    require(actor, LinkagePermission.RUN_LINKAGE)
    return job_enqueue(actor=actor, kind="linkage.run", params={})


def can_review(user: User) -> bool:
    return has_permission(user, LinkagePermission.REVIEW_MATCHES) and has_permission(
        user, PeoplePermission.MERGE_PERSONS
    )

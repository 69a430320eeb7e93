"""Reads of the linkage app, always scoped to the acting user."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from senim.core.access import require
from senim.core.models import User
from senim.core.services import audit_record
from senim.linkage import normalise
from senim.linkage.models import CandidateStatus, MatchCandidate, PersonChange, SearchKey, SearchKeyKind
from senim.linkage.permissions import LinkagePermission
from senim.linkage.services import search_digest
from senim.people.models import Person
from senim.people.permissions import PeoplePermission
from senim.people.selectors import person_scope

OPEN_STATUSES = (CandidateStatus.PENDING, CandidateStatus.MERGE_REQUESTED)


def candidate_list(user: User, *, status: str = "open") -> QuerySet[MatchCandidate]:
    """Review queue: pairs whose two persons the reviewer may both see."""
    require(user, LinkagePermission.REVIEW_MATCHES)
    visible = person_scope(user)
    queryset = MatchCandidate.objects.filter(record_a__person__in=visible, record_b__person__in=visible)
    if status == "open":
        queryset = queryset.filter(status__in=OPEN_STATUSES)
    elif status:
        queryset = queryset.filter(status=status)
    return queryset.select_related(
        "record_a__source_organization", "record_b__source_organization", "requested_by"
    ).order_by("-match_probability", "created_at")


def candidate_get(user: User, candidate_id: Any) -> MatchCandidate:
    candidate = candidate_list(user, status="").filter(pk=candidate_id).first()
    if candidate is None:
        raise Http404
    audit_record(actor=user, action="match.view", target=candidate)
    return candidate


COMPARED_FIELDS = ("family_name", "given_name", "patronymic", "full_name", "birth_date", "sex", "citizenship")


def candidate_side_by_side(candidate: MatchCandidate) -> list[dict[str, str]]:
    """Rows of (field, value in record A, value in record B) for the review page."""
    from senim.linkage.services import record_row

    a, b = record_row(candidate.record_a), record_row(candidate.record_b)
    fields = (*COMPARED_FIELDS, "document_number", "phone", "address")
    return [{"field": f, "a": a.get(f, ""), "b": b.get(f, "")} for f in fields if a.get(f) or b.get(f)]


def person_changes(user: User, person: Person) -> QuerySet[PersonChange]:
    if not person_scope(user).filter(pk=person.pk).exists():
        return PersonChange.objects.none()
    return PersonChange.objects.filter(Q(from_person=person) | Q(to_person=person)).order_by("-created_at")


@dataclass(frozen=True)
class SearchHit:
    person: Person
    score: int
    records: int


_DIGITS = re.compile(r"\d")
NAME_EXACT, NAME_SOUND, IDENTIFIER = 3, 1, 10


def search_digests(query: str) -> dict[str, list[str]]:
    """Digests to look up for a free-text query: name tokens (exact and sound), phone, document."""
    out: dict[str, list[str]] = {SearchKeyKind.NAME: [], SearchKeyKind.NAME_PHONETIC: [], "identifier": []}
    if len(_DIGITS.findall(query)) >= 5:
        phone = normalise.normalise_phone(query)
        if phone:
            out["identifier"].append(search_digest(SearchKeyKind.PHONE, phone))
        document = normalise.normalise_document(query)
        if document:
            out["identifier"].append(search_digest(SearchKeyKind.DOCUMENT, document))
    words = [w for w in re.split(r"[\s,;]+", query) if w and not _DIGITS.search(w)]
    for word in words:
        for token in normalise.tokens(word):
            root = normalise.given_root(token)
            out[SearchKeyKind.NAME].append(search_digest(SearchKeyKind.NAME, root))
            out[SearchKeyKind.NAME_PHONETIC].append(
                search_digest(SearchKeyKind.NAME_PHONETIC, normalise.phonetic_token(root))
            )
    return out


def person_search(user: User, query: str, *, limit: int = 20) -> list[SearchHit]:
    """Persons matching a name in any script and spelling, a phone or a document, best first.

    Ranked by distinct matched keys: an identifier counts 10, an exactly matching (normalised) name
    token 3, a token that only sounds alike 1. Scoped to persons the user may see; the search itself
    is audited (``person.search``) with the number of results and never the query text.
    """
    require(user, PeoplePermission.SEARCH_PERSONS)
    query = (query or "").strip()[:200]
    digests = search_digests(query)
    name, sound, ids = digests[SearchKeyKind.NAME], digests[SearchKeyKind.NAME_PHONETIC], digests["identifier"]
    hits: list[SearchHit] = []
    if name or ids:
        matched = (
            SearchKey.objects.filter(digest__in=[*name, *sound, *ids], person__in=person_scope(user))
            .values("person")
            .annotate(
                exact=Count("digest", filter=Q(kind=SearchKeyKind.NAME, digest__in=name), distinct=True),
                sound=Count("digest", filter=Q(kind=SearchKeyKind.NAME_PHONETIC, digest__in=sound), distinct=True),
                ident=Count(
                    "digest",
                    filter=Q(kind__in=[SearchKeyKind.PHONE, SearchKeyKind.DOCUMENT], digest__in=ids),
                    distinct=True,
                ),
                records=Count("record", distinct=True),
            )
            .annotate(
                score=Coalesce("exact", Value(0)) * NAME_EXACT
                + Coalesce("sound", Value(0)) * NAME_SOUND
                + Coalesce("ident", Value(0)) * IDENTIFIER,
            )
        )
        # every name word must at least sound alike, unless an identifier matched
        wanted = len(set(sound))
        matched = matched.filter(Q(sound__gte=wanted) | Q(ident__gt=0)).order_by("-score", "-records")
        rows = list(matched.values("person", "score", "records")[:limit])
        persons = Person.objects.in_bulk([r["person"] for r in rows])
        hits = [SearchHit(persons[r["person"]], int(r["score"]), int(r["records"])) for r in rows]
    audit_record(
        actor=user,
        action="person.search",
        extra={"results": len(hits), "name_words": len(set(sound)), "identifiers": len(ids)},
    )
    return hits

"""Reads of the linkage app, always scoped to the acting user."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
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
    score: float
    records: int


_DIGITS = re.compile(r"\d")
_YEAR = re.compile(r"^(19|20)\d\d$")
#: Score of a matched phone or document; of a name word by how it matched (times its rarity, below); of a
#: word written exactly as in the query; of the birth year given in the query.
IDENTIFIER, NAME_EXACT, NAME_SOUND, NAME_SPELLING, BIRTH_YEAR = 10.0, 3.0, 1.0, 1.0, 2.0


@dataclass(frozen=True)
class QueryWord:
    exact: str  # digest of the canonical (diminutive-resolved) key
    sound: str  # digest of the phonetic key
    spelling: str  # digest of the word as written


@dataclass(frozen=True)
class SearchQuery:
    words: list[QueryWord]
    identifiers: list[str]
    years: list[str]

    def digests(self) -> list[str]:
        return [d for w in self.words for d in (w.exact, w.sound, w.spelling)] + self.identifiers + self.years


def parse_search_query(query: str) -> SearchQuery:
    """Digests to look up for a free-text query: per name word its exact, sound and as-written keys; a
    phone or document (five digits or more); a four-digit birth year."""
    identifiers: list[str] = []
    if len(_DIGITS.findall(query)) >= 5:
        phone = normalise.normalise_phone(query)
        if phone:
            identifiers.append(search_digest(SearchKeyKind.PHONE, phone))
        document = normalise.normalise_document(query)
        if document:
            identifiers.append(search_digest(SearchKeyKind.DOCUMENT, document))
    raw_words = [w for w in re.split(r"[\s,;]+", query) if w]
    years = [search_digest(SearchKeyKind.BIRTH_YEAR, w) for w in raw_words if _YEAR.match(w)]
    words: dict[str, QueryWord] = {}
    for word in (w for w in raw_words if not _DIGITS.search(w)):
        spellings = normalise.spelling_tokens(word)
        for i, token in enumerate(normalise.tokens(word)):
            root = normalise.given_root(token)
            sound = search_digest(SearchKeyKind.NAME_PHONETIC, normalise.phonetic_token(root))
            spelling = search_digest(SearchKeyKind.NAME_SPELLING, spellings[i] if i < len(spellings) else "")
            words.setdefault(sound, QueryWord(search_digest(SearchKeyKind.NAME, root), sound, spelling))
    return SearchQuery(list(words.values()), identifiers, years)


def person_search(user: User, query: str, *, limit: int = 20) -> list[SearchHit]:
    """Persons matching a name in any script and spelling, a phone or a document, best first.

    Every name word must at least sound like a word of one of the person's records (unless a phone or
    document matched). A person scores, per query word, NAME_EXACT if a record has the same normalised
    word (any script: Толеуов = TOLEUOV = Toleuov) or NAME_SOUND if it only sounds alike, times the word's
    rarity (1 + log10(persons / persons with that word): a rare surname decides more than "Murat"), plus
    NAME_SPELLING when a record writes the word exactly as the query does; BIRTH_YEAR if the query gives
    a year and a record has it; IDENTIFIER per matched phone or document. Ties go to the person with more
    matching records. Candidates are first narrowed to the persons whose names sound like the query's
    rarest word, so a query costs about the number of persons with that word, not with its most common one.

    Scoped to persons the user may see; the search itself is audited (``person.search``) with the number
    of results and never the query text.
    """
    require(user, PeoplePermission.SEARCH_PERSONS)
    parsed = parse_search_query((query or "").strip()[:200])
    hits: list[SearchHit] = []
    if parsed.words or parsed.identifiers:
        hits = _ranked_hits(user, parsed, limit)
    audit_record(
        actor=user,
        action="person.search",
        extra={"results": len(hits), "name_words": len(parsed.words), "identifiers": len(parsed.identifiers)},
    )
    return hits


def _ranked_hits(user: User, parsed: SearchQuery, limit: int) -> list[SearchHit]:
    name_digests = [d for w in parsed.words for d in (w.exact, w.sound)]
    frequency = dict(
        SearchKey.objects.filter(digest__in=name_digests)
        .values("digest")
        .annotate(n=Count("person", distinct=True))
        .values_list("digest", "n")
    )
    if parsed.words and not parsed.identifiers and any(frequency.get(w.sound, 0) == 0 for w in parsed.words):
        return []  # a name word that nobody's name sounds like: no person can match every word
    # candidates: the persons whose names sound like the query's rarest word, and those with a matching
    # phone or document
    candidates = Q()
    if parsed.words:
        rarest = min(parsed.words, key=lambda w: frequency.get(w.sound, 0))
        candidates |= Q(person__in=SearchKey.objects.filter(digest=rarest.sound).values("person"))
    if parsed.identifiers:
        candidates |= Q(person__in=SearchKey.objects.filter(digest__in=parsed.identifiers).values("person"))
    rows = (
        SearchKey.objects.filter(candidates, digest__in=parsed.digests(), person__in=person_scope(user))
        .values_list("person", "digest", "record")
        .distinct()
    )
    found: dict[Any, set[str]] = {}
    records: dict[Any, set[Any]] = {}
    for person, digest, record in rows:
        found.setdefault(person, set()).add(digest)
        records.setdefault(person, set()).add(record)
    total = max(Person.objects.count(), 1)
    identifiers, years = set(parsed.identifiers), set(parsed.years)
    scored: list[tuple[float, int, Any]] = []
    for person, digests in found.items():
        ident = len(digests & identifiers)
        if not ident and not all(w.sound in digests for w in parsed.words):
            continue
        score = IDENTIFIER * ident + BIRTH_YEAR * bool(digests & years)
        for w in parsed.words:
            if w.exact in digests:
                score += NAME_EXACT * (1 + math.log10(total / max(frequency.get(w.exact, 1), 1)))
            elif w.sound in digests:
                score += NAME_SOUND * (1 + math.log10(total / max(frequency.get(w.sound, 1), 1)))
            if w.spelling in digests:
                score += NAME_SPELLING
        scored.append((score, len(records[person]), person))
    scored.sort(key=lambda t: (-t[0], -t[1], str(t[2])))
    top = scored[:limit]
    persons = Person.objects.in_bulk([p for _, _, p in top])
    return [SearchHit(persons[p], round(score, 2), n) for score, n, p in top]

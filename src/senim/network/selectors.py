"""Network reads, always for an acting user: the chart of a person's or a case's network, the scores and
the accountability gap. A node the user may not see is returned as "restricted", never with its name.
Charges and recorded roles come only from the criminal cases the user may see."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from senim.cases.models import CriminalCase, Participant, ProceduralRole
from senim.cases.selectors import criminal_case_get, criminal_case_scope
from senim.core.access import require
from senim.core.models import User
from senim.core.services import audit_record
from senim.network.gap import GapPerson
from senim.network.labels import reason_text
from senim.network.models import GraphEdge, GraphNode, NodeKind
from senim.network.permissions import NetworkPermission
from senim.people.selectors import person_get, person_scope

MAX_CHART_NODES = 400
OFFENDERS = (ProceduralRole.SUSPECT, ProceduralRole.ACCUSED)
RESTRICTED = "restricted"


def _visible_person_ids(user: User, person_ids: Iterable[Any]) -> set[Any]:
    ids = [pid for pid in person_ids if pid is not None]
    return set(person_scope(user).filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()


def visible_networks(user: User) -> Any:
    """Networks with at least one person the user may see, with their size and top score."""
    require(user, NetworkPermission.VIEW)
    networks = GraphNode.objects.filter(person__in=person_scope(user), network__isnull=False).values("network")
    return (
        GraphNode.objects.filter(network__in=networks, kind=NodeKind.PERSON)
        .values("network")
        .annotate(
            persons=Count("id"),
            top_score=Max("organizer_score"),
            organizers=Count("id", filter=Q(suggested_role="organizer")),
        )
        .order_by("-top_score", "network")
    )


def _charges_by_person(user: User, person_ids: Iterable[Any]) -> dict[Any, list[Participant]]:
    participants = (
        Participant.objects.filter(person_id__in=list(person_ids), case__in=criminal_case_scope(user))
        .select_related("case")
        .prefetch_related("charges")
    )
    by_person: dict[Any, list[Participant]] = defaultdict(list)
    for participant in participants:
        by_person[participant.person_id].append(participant)
    return by_person


def _gap_person(node: GraphNode | None, person_id: Any, participations: list[Participant]) -> GapPerson:
    offending = sorted((p for p in participations if p.procedural_role in OFFENDERS), key=lambda p: p.case.opened_on)
    first = offending[0].case if offending else None
    return GapPerson(
        person_id=str(person_id),
        network=node.network if node else None,
        region=first.region if first else "",
        year=first.opened_on.year if first else None,
        recorded_role=next((p.chain_role for p in offending if p.chain_role), ""),
        suggested_role=node.suggested_role if node else "",
        charges=tuple((c.article, c.outcome) for p in offending for c in p.charges.all()),
        organizer_score=node.organizer_score if node else None,
    )


@dataclass(frozen=True)
class ChartData:
    elements: list[dict[str, Any]]
    truncated: bool
    network: int | None


def _chart(user: User, nodes: list[GraphNode], truncated: bool, network: int | None) -> ChartData:
    node_ids = {node.pk for node in nodes}
    edges = list(
        GraphEdge.objects.filter(source__in=node_ids, target__in=node_ids).select_related("case").order_by("key")
    )
    visible = _visible_person_ids(user, (n.person_id for n in nodes))
    visible_cases = set(
        criminal_case_scope(user).filter(pk__in={e.case_id for e in edges if e.case_id}).values_list("pk", flat=True)
    )
    participations = _charges_by_person(user, visible)
    by_pk = {node.pk: node for node in nodes}
    identifier_seen: set[Any] = set()
    for edge in edges:  # an identifier is shown when a person the user may see is linked to it
        for a, b in ((edge.source_id, edge.target_id), (edge.target_id, edge.source_id)):
            if by_pk[a].person_id in visible and by_pk[b].kind == NodeKind.IDENTIFIER:
                identifier_seen.add(b)
    elements: list[dict[str, Any]] = []
    for node in nodes:
        data: dict[str, Any] = {"id": str(node.pk), "network": node.network}
        if node.kind == NodeKind.PERSON:
            shown = node.person_id in visible
            gap = _gap_person(node, node.person_id, participations.get(node.person_id, []))
            data.update(
                type="victim" if node.is_victim else "person",
                restricted=not shown,
                label=(node.person.label or _("(no name)")) if shown and node.person else _("restricted"),
                role=(gap.role if not node.is_victim else "victim") if shown else RESTRICTED,
                role_source=gap.role_source if shown else "",
                charge=gap.charge_class if shown and not node.is_victim else "",
                outcome=gap.outcome if shown and not node.is_victim else "",
                score=node.organizer_score if shown else None,
                suggested_role=node.suggested_role if shown else "",
                reasons=[reason_text(code, value) for code, value in node.reasons] if shown else [],
                url=reverse("web:person_detail", args=[node.person_id]) if shown else "",
            )
        else:
            shown = node.pk in identifier_seen
            identifier = node.identifier
            data.update(
                type=identifier.kind if identifier else "identifier",
                restricted=not shown,
                label=str(identifier.value) if shown and identifier else _("restricted"),
                role="identifier",
                url="",
            )
        elements.append({"group": "nodes", "data": data})
    for edge in edges:
        case_shown = edge.case_id in visible_cases
        elements.append(
            {
                "group": "edges",
                "data": {
                    "id": str(edge.pk),
                    "source": str(edge.source_id),
                    "target": str(edge.target_id),
                    "kind": edge.kind,
                    "date": edge.occurred_on.isoformat() if edge.occurred_on else "",
                    "amount": float(edge.amount) if edge.amount is not None else None,
                    "case": edge.case.registry_number if case_shown and edge.case else "",
                    "case_url": reverse("web:criminal_case_detail", args=[edge.case_id]) if case_shown else "",
                    "source_label": edge.source_label if case_shown or not edge.case_id else "",
                },
            }
        )
    return ChartData(elements=elements, truncated=truncated, network=network)


def _nodes_around(start: list[GraphNode]) -> tuple[list[GraphNode], bool]:
    """The whole network of the start nodes, or their two-step neighbourhood when it is too large."""
    networks = {node.network for node in start if node.network is not None}
    queryset = GraphNode.objects.select_related("person", "identifier")
    if networks:
        count = GraphNode.objects.filter(network__in=networks).count()
        if count <= MAX_CHART_NODES:
            return list(queryset.filter(network__in=networks)), False
    ids = {node.pk for node in start}
    for _step in range(2):
        pairs = GraphEdge.objects.filter(Q(source__in=ids) | Q(target__in=ids)).values_list("source", "target")
        ids |= {pk for pair in pairs for pk in pair}
        if len(ids) > MAX_CHART_NODES:
            break
    ordered = sorted(ids, key=str)[:MAX_CHART_NODES] if len(ids) > MAX_CHART_NODES else list(ids)
    keep = set(ordered) | {node.pk for node in start}
    return list(queryset.filter(pk__in=keep)), len(ids) > MAX_CHART_NODES or bool(networks)


def person_chart(user: User, person_id: Any) -> ChartData:
    require(user, NetworkPermission.VIEW)
    person = person_get(user, person_id)  # 404 outside scope; audited as a read
    node = GraphNode.objects.filter(person=person).first()
    if node is None:
        return ChartData(elements=[], truncated=False, network=None)
    nodes, truncated = _nodes_around([node])
    audit_record(actor=user, action="network.chart_view", target=person, extra={"nodes": len(nodes)})
    return _chart(user, nodes, truncated, node.network)


def case_chart(user: User, case_id: Any) -> ChartData:
    require(user, NetworkPermission.VIEW)
    case = criminal_case_get(user, case_id)
    start = list(GraphNode.objects.filter(person__participations__case=case).distinct())
    if not start:
        return ChartData(elements=[], truncated=False, network=None)
    nodes, truncated = _nodes_around(start)
    audit_record(actor=user, action="network.chart_view", target=case, extra={"nodes": len(nodes)})
    return _chart(user, nodes, truncated, start[0].network)


def node_expand(user: User, node_id: Any) -> ChartData:
    """One node and its direct neighbours; the node must touch something the user may see."""
    require(user, NetworkPermission.VIEW)
    node = GraphNode.objects.filter(pk=node_id).first()
    if node is None:
        raise Http404
    pairs = GraphEdge.objects.filter(Q(source=node) | Q(target=node)).values_list("source", "target")
    ids = {node.pk} | {pk for pair in pairs for pk in pair}
    nodes = list(GraphNode.objects.select_related("person", "identifier").filter(pk__in=ids)[:MAX_CHART_NODES])
    if not _visible_person_ids(user, (n.person_id for n in nodes)):
        raise Http404  # exactly like a missing node: existence does not leak
    audit_record(actor=user, action="network.chart_expand", target=node, extra={"nodes": len(nodes)})
    return _chart(user, nodes, len(ids) > MAX_CHART_NODES, node.network)


def score_rows(user: User, network: int | None = None) -> list[tuple[str, int | None, float | None, str, str]]:
    """(node id, network, organizer score, suggested role, person id or "restricted") for the persons of the
    networks the user may see, by score descending."""
    require(user, NetworkPermission.VIEW)
    networks = [row["network"] for row in visible_networks(user)]
    if network is not None:
        networks = [n for n in networks if n == network]
    nodes = list(
        GraphNode.objects.filter(network__in=networks, kind=NodeKind.PERSON, is_victim=False)
        .select_related("person")
        .order_by("-organizer_score", "id")
    )
    visible = _visible_person_ids(user, (n.person_id for n in nodes))
    audit_record(actor=user, action="network.scores_export", extra={"network": network, "rows": len(nodes)})
    return [
        (
            str(n.pk),
            n.network,
            n.organizer_score,
            n.suggested_role,
            str(n.person_id) if n.person_id in visible else RESTRICTED,
        )
        for n in nodes
    ]


GAP_YEARS = (1990, 2100)  # the years a gap report may be filtered by; others are not dates a query can take


@dataclass(frozen=True)
class GapFilters:
    region: str = ""
    year: int | None = None
    network: int | None = None


def gap_persons(user: User, filters: GapFilters | None = None) -> tuple[list[GapPerson], set[str]]:
    """Offenders of the cases the user may see (with their recorded role and charges there) plus every
    suggested organizer of the same networks. Returns them and the ids of persons the user may see."""
    require(user, NetworkPermission.VIEW_GAP)
    filters = filters or GapFilters()
    cases: QuerySet[CriminalCase] = criminal_case_scope(user)
    if filters.region:
        cases = cases.filter(region=filters.region)
    if filters.year:
        cases = cases.filter(opened_on__year=filters.year)
    offender_ids = set(
        Participant.objects.filter(case__in=cases, procedural_role__in=OFFENDERS).values_list("person_id", flat=True)
    )
    nodes = {n.person_id: n for n in GraphNode.objects.filter(person_id__in=offender_ids)}
    networks = {n.network for n in nodes.values() if n.network is not None}
    if filters.network is not None:
        networks &= {filters.network}
        offender_ids = {pid for pid in offender_ids if pid in nodes and nodes[pid].network == filters.network}
    organizers = {
        n.person_id: n
        for n in GraphNode.objects.filter(network__in=networks, suggested_role="organizer", is_victim=False)
        if n.person_id not in offender_ids
    }
    participations = _charges_by_person(user, offender_ids)
    persons = [_gap_person(nodes.get(pid), pid, participations.get(pid, [])) for pid in offender_ids]
    context: dict[int, tuple[str, int | None]] = {}
    by_network: dict[int, list[GapPerson]] = defaultdict(list)
    for person in persons:
        if person.network is not None:
            by_network[person.network].append(person)
    for network, members in by_network.items():
        regions = Counter(m.region for m in members if m.region)
        years = [m.year for m in members if m.year is not None]
        context[network] = (regions.most_common(1)[0][0] if regions else "", min(years) if years else None)
    for pid, node in organizers.items():
        region, year = context.get(node.network or -1, ("", None))
        persons.append(GapPerson(str(pid), node.network, region, year, "", "organizer", (), node.organizer_score))
    persons.sort(key=lambda p: (p.network or 0, -(p.organizer_score or 0.0), p.person_id))
    visible = {str(pid) for pid in _visible_person_ids(user, [p.person_id for p in persons])}
    audit_record(
        actor=user,
        action="network.gap_view",
        extra={"region": filters.region, "year": filters.year, "network": filters.network, "persons": len(persons)},
    )
    return persons, visible


def person_labels(user: User, person_ids: Iterable[str]) -> dict[str, str]:
    """Names of the persons the user may see (others are absent: show them as restricted)."""
    from senim.people.models import Person

    visible = person_scope(user).filter(pk__in=list(person_ids))
    return {str(p.pk): (p.label or str(p.pk)) for p in Person.objects.filter(pk__in=visible)}

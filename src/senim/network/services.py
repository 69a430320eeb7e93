"""Writes of the network app: build the link graph from case data (incrementally), store the analysis,
record an evidence edge. Each write records its audit event in the same transaction."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from senim.cases.models import AssistanceCase, CriminalCase, Participant, ProceduralRole
from senim.cases.selectors import criminal_case_scope
from senim.core.access import require
from senim.core.models import Job, JobStatus, User
from senim.core.services import audit_record
from senim.network.analysis import Settings, analyze
from senim.network.graph import ACT_KINDS, Edge, EdgeKind, LinkGraph, Node
from senim.network.models import GraphEdge, GraphNode, NodeKind
from senim.network.permissions import NetworkPermission
from senim.people.models import Identifier, IdentifierKind, IdentifierLink, Person

OFFENDER_ROLES = (ProceduralRole.SUSPECT, ProceduralRole.ACCUSED)
ACT_OF_CHAIN_ROLE = {role: kind for kind, role in ACT_KINDS.items()}  # "recruiter" → recruited ...
LINK_KIND = {  # identifier kind → edge kind and node type; documents identify one person: linkage, not network
    IdentifierKind.PHONE: (EdgeKind.USES, "phone"),
    IdentifierKind.BANK_ACCOUNT: (EdgeKind.USES, "account"),
    IdentifierKind.CARD: (EdgeKind.USES, "account"),
    IdentifierKind.ADDRESS: (EdgeKind.LIVES_AT, "address"),
    IdentifierKind.VEHICLE: (EdgeKind.USES, "vehicle"),
    IdentifierKind.COMPANY: (EdgeKind.WORKS_AT, "company"),
    IdentifierKind.ONLINE_ACCOUNT: (EdgeKind.USES, "online_account"),
}
NODE_TYPE_OF_IDENTIFIER = {str(kind): node_type for kind, (_edge, node_type) in LINK_KIND.items()}
Progress = Callable[[int, int], None]


def _resolve(person: Person) -> Person:
    seen = set()
    while person.merged_into_id is not None and person.pk not in seen:
        seen.add(person.pk)
        person = Person.objects.get(pk=person.merged_into_id)
    return person


class _Nodes:
    """get-or-create cache of graph nodes for one build."""

    def __init__(self) -> None:
        self.persons: dict[Any, GraphNode] = {}
        self.identifiers: dict[Any, GraphNode] = {}

    def person(self, person: Person) -> GraphNode:
        person = _resolve(person)
        if person.pk not in self.persons:
            self.persons[person.pk], _ = GraphNode.objects.get_or_create(
                person=person, defaults={"kind": NodeKind.PERSON}
            )
        return self.persons[person.pk]

    def identifier(self, identifier: Identifier) -> GraphNode:
        if identifier.pk not in self.identifiers:
            self.identifiers[identifier.pk], _ = GraphNode.objects.get_or_create(
                identifier=identifier, defaults={"kind": NodeKind.IDENTIFIER}
            )
        return self.identifiers[identifier.pk]


def _last_build_started() -> datetime | None:
    job = Job.objects.filter(kind="network.build", status=JobStatus.DONE).order_by("-started_at").first()
    return job.started_at if job else None


def _case_edges(case: CriminalCase, nodes: _Nodes) -> list[GraphEdge]:
    participants = list(case.participants.select_related("person"))
    offenders = sorted((p for p in participants if p.procedural_role in OFFENDER_ROLES), key=lambda p: str(p.pk))
    victims = [p for p in participants if p.procedural_role == ProceduralRole.VICTIM]
    edges = []
    for offender in offenders:
        act = ACT_OF_CHAIN_ROLE.get(offender.chain_role)
        if act is None:
            continue
        for victim in victims:
            edges.append(
                GraphEdge(
                    key=f"act:{offender.pk}:{victim.pk}",
                    source=nodes.person(offender.person),
                    target=nodes.person(victim.person),
                    kind=act.value,
                    occurred_on=case.opened_on,
                    case=case,
                    source_label="criminal case",
                    participant=offender,
                    other_participant=victim,
                )
            )
    for i, first in enumerate(offenders):
        for second in offenders[i + 1 :]:
            if nodes.person(first.person).pk == nodes.person(second.person).pk:
                continue
            edges.append(
                GraphEdge(
                    key=f"co:{first.pk}:{second.pk}",
                    source=nodes.person(first.person),
                    target=nodes.person(second.person),
                    kind=EdgeKind.CO_OFFENDED.value,
                    occurred_on=case.opened_on,
                    case=case,
                    source_label="criminal case",
                    participant=first,
                    other_participant=second,
                )
            )
    for victim in victims:
        nodes.person(victim.person)
    return edges


def _link_edge(link: IdentifierLink, nodes: _Nodes, cases: dict[str, CriminalCase]) -> GraphEdge | None:
    person = link.record.person
    mapped = LINK_KIND.get(IdentifierKind(link.identifier.kind)) if link.identifier.kind in LINK_KIND else None
    if person is None or mapped is None:
        return None
    return GraphEdge(
        key=f"idl:{link.pk}",
        source=nodes.person(person),
        target=nodes.identifier(link.identifier),
        kind=mapped[0].value,
        occurred_on=link.observed_on,
        case=cases.get(link.case_reference),
        source_label=link.source or "identifier link",
        identifier_link=link,
    )


def network_build(
    *, actor: User | None, full: bool = False, progress: Progress | None = None, settings: Settings | None = None
) -> dict[str, Any]:
    """Add the edges that case data changed since the last successful build (all of them when `full`), then
    analyse the whole graph and store the scores. Idempotent: edges are keyed by their provenance."""
    since = None if full else _last_build_started()
    nodes = _Nodes()
    cases = CriminalCase.objects.all()
    links = IdentifierLink.objects.select_related("record__person", "identifier").filter(record__person__isnull=False)
    if since is not None:
        cases = cases.filter(Q(updated_at__gte=since) | Q(participants__updated_at__gte=since)).distinct()
        links = links.filter(Q(updated_at__gte=since) | Q(record__updated_at__gte=since))
    created = 0
    with transaction.atomic():
        if full:
            GraphEdge.objects.filter(Q(participant__isnull=False) | Q(identifier_link__isnull=False)).delete()
        batch: list[GraphEdge] = []
        for case in cases.iterator():
            batch.extend(_case_edges(case, nodes))
        references = set(links.values_list("case_reference", flat=True)) - {""}
        case_by_number = {c.registry_number: c for c in CriminalCase.objects.filter(registry_number__in=references)}
        for link in links.iterator():
            edge = _link_edge(link, nodes, case_by_number)
            if edge is not None:
                batch.append(edge)
        before = GraphEdge.objects.count()
        GraphEdge.objects.bulk_create(batch, ignore_conflicts=True, batch_size=1000)
        created = GraphEdge.objects.count() - before
        victim_cases = Participant.objects.filter(person=OuterRef("person"), procedural_role=ProceduralRole.VICTIM)
        assisted = AssistanceCase.objects.filter(person=OuterRef("person"))
        GraphNode.objects.filter(kind=NodeKind.PERSON).update(is_victim=Exists(victim_cases) | Exists(assisted))
        result = network_analyse(progress=progress, settings=settings)
        result["edges_added"] = created
        audit_record(actor=actor, action="network.build", extra={k: v for k, v in result.items() if k != "full"})
    return result


def _graph_from_database() -> LinkGraph:
    survivors = dict(Person.objects.filter(merged_into__isnull=False).values_list("pk", "merged_into"))
    node_rows = list(
        GraphNode.objects.select_related("identifier").values(
            "pk", "kind", "person_id", "identifier__kind", "is_victim"
        )
    )
    by_person = {row["person_id"]: str(row["pk"]) for row in node_rows if row["person_id"] is not None}
    canonical: dict[str, str] = {}
    graph_nodes: list[Node] = []
    for row in node_rows:
        node_id = str(row["pk"])
        if row["kind"] == NodeKind.PERSON:
            person: Any = row["person_id"]
            seen = set()
            while person in survivors and person not in seen:
                seen.add(person)
                person = survivors[person]
            target = by_person.get(person, node_id)
            canonical[node_id] = target
            if target != node_id:
                continue
            graph_nodes.append(Node(node_id, "victim" if row["is_victim"] else "person"))
        else:
            canonical[node_id] = node_id
            graph_nodes.append(Node(node_id, NODE_TYPE_OF_IDENTIFIER.get(row["identifier__kind"], "account")))
    edges = [
        Edge(canonical[str(s)], canonical[str(t)], kind, None if amount is None else float(amount), None, str(c or ""))
        for s, t, kind, amount, c in GraphEdge.objects.values_list("source", "target", "kind", "amount", "case")
    ]
    return LinkGraph.build(graph_nodes, edges)


def network_analyse(*, progress: Progress | None = None, settings: Settings | None = None) -> dict[str, Any]:
    graph = _graph_from_database()
    if progress:
        progress(1, 3)
    analysis = analyze(graph, settings)
    if progress:
        progress(2, 3)
    now = timezone.now()
    positions = {int(node): j for j, node in enumerate(analysis.persons)}
    updates = []
    for index, node_id in enumerate(graph.ids):
        node = GraphNode(pk=uuid.UUID(node_id))
        node.network = int(analysis.network[index])
        node.community = int(analysis.community[index])
        j = positions.get(index)
        if j is None:
            node.organizer_score, node.suggested_role, node.measures, node.reasons = None, "", {}, []
        else:
            node.organizer_score = round(float(analysis.score[j]), 4)
            node.suggested_role = analysis.role[j]
            node.measures = {
                "degree": int(analysis.degree[j]),
                "betweenness": round(float(analysis.betweenness[j]), 4),
                "communities_linked": int(analysis.communities_linked[j]),
                "money_in": round(float(analysis.money_in[j]), 2),
                "money_out": round(float(analysis.money_out[j]), 2),
                "direct_victims": int(analysis.direct_victims[j]),
                "victims_two_steps": int(analysis.victims_two_steps[j]),
                "executors_two_steps": int(analysis.executors_two_steps[j]),
                "cases_two_steps": int(analysis.cases_two_steps[j]),
            }
            node.reasons = [[reason.code, reason.value] for reason in analysis.reasons(j)]
        node.analysed_at = now
        updates.append(node)
    fields = ["network", "community", "organizer_score", "suggested_role", "measures", "reasons", "analysed_at"]
    GraphNode.objects.bulk_update(updates, fields, batch_size=1000)
    if progress:
        progress(3, 3)
    return {
        "nodes": graph.node_count,
        "edges": graph.edge_count,
        "persons": int(analysis.persons.shape[0]),
        "networks": len(set(analysis.network[analysis.persons].tolist())),
        "organizers_suggested": analysis.role.count("organizer"),
    }


@transaction.atomic
def graph_edge_record(
    *,
    actor: User,
    case: CriminalCase,
    source: Person,
    target: Person | Identifier,
    kind: str,
    amount: Decimal | None = None,
    occurred_on: date | None = None,
    source_label: str = "",
) -> GraphEdge:
    """Record one piece of evidence from a case the actor handles (a call, a transfer, a recruitment...)."""
    require(actor, NetworkPermission.RECORD_LINK)
    if not criminal_case_scope(actor).filter(pk=case.pk).exists():
        raise ValidationError({"case": "not a case you handle"})
    if kind not in EdgeKind.__members__.values():
        raise ValidationError({"kind": f"unknown kind {kind!r}"})
    if amount is not None and amount < 0:
        raise ValidationError({"amount": "must not be negative"})
    nodes = _Nodes()
    target_node = nodes.person(target) if isinstance(target, Person) else nodes.identifier(target)
    edge = GraphEdge.objects.create(
        key=f"manual:{uuid.uuid4()}",
        source=nodes.person(source),
        target=target_node,
        kind=kind,
        amount=amount,
        occurred_on=occurred_on,
        case=case,
        source_label=source_label,
        recorded_by=actor,
    )
    audit_record(actor=actor, action="network.edge_record", target=edge, extra={"kind": kind, "case": str(case.pk)})
    return edge

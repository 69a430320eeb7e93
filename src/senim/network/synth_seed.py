"""`senim seed` hook: the calls and payments some agency observed in the synthetic world become evidence
edges, then the link graph is built and analysed so the demo's network pages have something to show."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from senim.cases.models import CriminalCase
from senim.network.models import GraphEdge
from senim.network.services import _Nodes, network_build
from senim.people.models import Person

EVIDENCE_KINDS = {"called", "paid"}  # acts and co-offending come from the loaded cases themselves


def seed_world(*, world: Any, result: Any, organizations: Any = None, staff: Any = None, **_: Any) -> None:
    person_of: dict[str, Any] = {}
    for record in world.records:
        if record.id in result.persons and record.person_id not in person_of:
            person_of[record.person_id] = result.persons[record.id]
    persons = Person.objects.in_bulk(list(set(person_of.values())))
    cases = CriminalCase.objects.in_bulk(list(set(result.criminal_cases.values())))
    nodes = _Nodes()
    edges = []
    for number, item in enumerate(world.interactions):
        if not item.observed or item.kind not in EVIDENCE_KINDS:
            continue
        source, target = persons.get(person_of.get(item.source)), persons.get(person_of.get(item.target))
        if source is None or target is None:
            continue
        case_pk = result.criminal_cases.get(item.case_id)
        edges.append(
            GraphEdge(
                key=f"synth:{world.seed}:{number}",
                source=nodes.person(source),
                target=nodes.person(target),
                kind=item.kind,
                amount=Decimal(item.amount) if item.amount else None,
                occurred_on=item.on,
                case=cases.get(case_pk) if case_pk else None,
                source_label="synthetic world",
            )
        )
    GraphEdge.objects.bulk_create(edges, ignore_conflicts=True, batch_size=1000)
    network_build(actor=staff.get("analyst") if isinstance(staff, dict) else None, full=True)

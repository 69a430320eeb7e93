"""The link graph in the database: nodes (resolved persons and shared identifiers) and edges with their
provenance, plus the latest analysis stored on each person node. Built by the `network.build` job."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from senim.cases.models import CriminalCase, Participant
from senim.core.models import UUIDModel
from senim.network.graph import EdgeKind
from senim.people.models import Identifier, IdentifierLink, Person


class NodeKind(models.TextChoices):
    PERSON = "person", _("Person")
    IDENTIFIER = "identifier", _("Identifier")


class EdgeKindChoice(models.TextChoices):
    RECRUITED = EdgeKind.RECRUITED.value, _("recruited")
    TRANSPORTED = EdgeKind.TRANSPORTED.value, _("transported")
    HARBOURED = EdgeKind.HARBOURED.value, _("harboured")
    EXPLOITED = EdgeKind.EXPLOITED.value, _("exploited")
    CALLED = EdgeKind.CALLED.value, _("called")
    PAID = EdgeKind.PAID.value, _("paid")
    CO_OFFENDED = EdgeKind.CO_OFFENDED.value, _("co-offended")
    OWNS = EdgeKind.OWNS.value, _("owns")
    USES = EdgeKind.USES.value, _("uses")
    LIVES_AT = EdgeKind.LIVES_AT.value, _("lives at")
    WORKS_AT = EdgeKind.WORKS_AT.value, _("works at")


class GraphNode(UUIDModel):
    kind = models.CharField(_("kind"), max_length=12, choices=NodeKind.choices)
    person = models.OneToOneField(Person, null=True, blank=True, on_delete=models.CASCADE, related_name="graph_node")
    identifier = models.OneToOneField(
        Identifier, null=True, blank=True, on_delete=models.CASCADE, related_name="graph_node"
    )
    is_victim = models.BooleanField(default=False)
    # The latest analysis (persons only).
    network = models.IntegerField(null=True, blank=True, db_index=True)
    community = models.IntegerField(null=True, blank=True)
    organizer_score = models.FloatField(null=True, blank=True, db_index=True)
    suggested_role = models.CharField(_("suggested role"), max_length=20, blank=True)
    measures = models.JSONField(default=dict, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    analysed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="person", person__isnull=False, identifier__isnull=True))
                | (models.Q(kind="identifier", identifier__isnull=False, person__isnull=True)),
                name="graph_node_one_subject",
            )
        ]


class GraphEdge(UUIDModel):
    """One piece of evidence linking two nodes. `key` makes building idempotent; deleting the participant or
    identifier link it came from deletes it too."""

    key = models.CharField(max_length=200, unique=True)
    source = models.ForeignKey(GraphNode, on_delete=models.CASCADE, related_name="out_edges")
    target = models.ForeignKey(GraphNode, on_delete=models.CASCADE, related_name="in_edges")
    kind = models.CharField(_("kind"), max_length=20, choices=EdgeKindChoice.choices, db_index=True)
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2, null=True, blank=True)
    occurred_on = models.DateField(_("date"), null=True, blank=True)
    case = models.ForeignKey(CriminalCase, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    source_label = models.CharField(_("source"), max_length=120, blank=True)
    participant = models.ForeignKey(Participant, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    other_participant = models.ForeignKey(
        Participant, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    identifier_link = models.ForeignKey(
        IdentifierLink, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

"""Demo data for anonymous reporting, called by `senim seed` after the synthetic world is loaded
(`seed_world(world=, result=, organizations=, staff=)`): every NGO and police unit becomes a tip recipient
(the demo NGO case worker's and demo investigator's organizations take "whoever can help" reports), and
a few synthetic tips with a staff question wait in the demo NGO's queue. Everything goes through the
services (audit, encryption, Argon2 receipt codes)."""

from __future__ import annotations

from typing import Any

from senim.core.models import Organization, OrganizationKind
from senim.tips import services
from senim.tips.models import Tip, TipRecipient

DEMO_TIPS: list[dict[str, Any]] = [
    {
        "language": "ru",
        "what_happened": "На стройке у трассы рабочим из Узбекистана не платят три месяца, паспорта у бригадира.",
        "where": "Алматинская область, стройка у трассы",
        "who_at_risk": "около десяти мужчин",
        "immediate_danger": False,
        "involves_child": False,
    },
    {
        "language": "ky",
        "what_happened": "Кафеде 16 жаштагы кыз иштейт, үйүнө кетүүгө уруксат беришпейт.",
        "where": "Шымкент, базардын жанындагы кафе",
        "who_at_risk": "16 жаштагы кыз",
        "immediate_danger": True,
        "involves_child": True,
    },
    {
        "language": "en",
        "what_happened": "A friend was promised a job abroad, her documents were taken at the airport by the agent.",
        "where": "Astana",
        "who_at_risk": "my friend",
        "immediate_danger": False,
        "involves_child": False,
    },
]


def seed_world(*, organizations: dict[str, Organization], staff: dict[str, Any], **_: Any) -> None:
    preferred = {getattr(staff.get(role), "organization_id", None) for role in ("ngo_caseworker", "investigator")} - {
        None
    }
    for _key, organization in sorted(organizations.items()):
        if organization.kind not in (OrganizationKind.NGO, OrganizationKind.POLICE):
            continue
        if TipRecipient.objects.filter(organization=organization).exists():
            continue
        services.tip_recipient_register(
            actor=None,
            organization=organization,
            public_name=organization.name,
            accepts_unaddressed=organization.pk in preferred,
        )
    worker = staff.get("ngo_caseworker")
    if worker is None or worker.organization_id is None or Tip.objects.exists():
        return
    recipient = TipRecipient.objects.filter(organization_id=worker.organization_id).first()
    if recipient is None:
        recipient = services.tip_recipient_register(
            actor=None, organization=worker.organization, accepts_unaddressed=True
        )
    for number, values in enumerate(DEMO_TIPS):
        tip, _code = services.tip_submit(routing="named", recipient=recipient, **values)
        if number == 0:
            services.tip_message_send(
                actor=worker, tip=tip, body="Спасибо. Сколько человек там сейчас и где они живут?"
            )

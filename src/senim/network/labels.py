"""User-visible labels of the network app's codes (roles, charge classes, outcomes, reasons)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from senim.network.analysis import ACT_ORDER

ROLE_LABELS = {
    "organizer": _("Organizer"),
    "recruiter": _("Recruiter"),
    "transporter": _("Transporter"),
    "harbourer": _("Harbourer"),
    "exploiter": _("Exploiter"),
    "financier": _("Financier"),
    "corrupt_official": _("Corrupt official"),
    "other": _("Other"),
    "victim": _("Victim"),
    "restricted": _("Restricted"),
}
CHARGE_LABELS = {
    "trafficking": _("Criminal charge, trafficking article"),
    "other_criminal": _("Criminal charge, other article"),
    "administrative": _("Administrative article only"),
    "none": _("Not charged"),
}
OUTCOME_LABELS = {"convicted": _("Convicted"), "acquitted": _("Acquitted"), "pending": _("Pending"), "": "—"}
REASON_LABELS = {
    "score": _("organizer score %(value)s"),
    "executors_two_steps": _("%(value)s executors within two steps"),
    "no_direct_victims": _("no direct contact with victims"),
    "few_direct_victims": _("direct contact with only %(value)s victims"),
    "direct_victims": _("direct contact with %(value)s victims"),
    "receives_money": _("receives %(value)s in payments"),
    "pays_money": _("pays out %(value)s"),
    "links_communities": _("links %(value)s other communities"),
    "broker": _("lies on the paths between accomplices (betweenness %(value)s)"),
    "spans_countries": _("connects %(value)s countries"),
    "main_act": _("most frequent act: %(value)s"),
}
GROUPINGS = {"network": _("Network"), "region": _("Region"), "year": _("Year")}


def reason_text(code: str, value: float) -> str:
    template = REASON_LABELS.get(code)
    if template is None:
        return code
    shown: object = value
    if code == "main_act":
        shown = ACT_ORDER[int(value)].value
    elif float(value).is_integer():
        shown = int(value)
    return str(template) % {"value": shown}

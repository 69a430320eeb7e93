"""Translated labels for the engine's codes (the engine itself is Django-free and speaks codes)."""

from django.utils.translation import gettext_lazy as _

DIMENSION_LABELS = {
    "DR": _("Deceptive recruitment"),
    "CR": _("Coercive recruitment"),
    "VR": _("Recruitment by abuse of vulnerability"),
    "EX": _("Exploitative conditions of work"),
    "CD": _("Coercion at destination"),
    "VD": _("Abuse of vulnerability at destination"),
}
SET_LABELS = {
    "adult_labour": _("Adults, labour exploitation"),
    "adult_sexual": _("Adults, sexual exploitation"),
    "child_labour": _("Children, labour exploitation"),
    "child_sexual": _("Children, sexual exploitation"),
}
STRENGTH_LABELS = {"S": _("strong"), "M": _("medium"), "W": _("weak")}
RULE_LABELS = {
    "two_strong": _("at least two strong indicators"),
    "strong_plus_other": _("one strong indicator and at least one medium or weak indicator"),
    "three_medium": _("at least three medium indicators"),
    "two_medium_plus_weak": _("two medium indicators and at least one weak indicator"),
}
NEGATIVE_RULE = _(
    "A dimension needs two strong indicators; or one strong and one medium or weak; or three medium; "
    "or two medium and one weak."
)
ADULT_RULE = _(
    "Adults: recruitment (DR, CR or VR) and exploitation (EX) and coercion or abuse at destination (CD or VD)."
)
CHILD_RULE = _("Children: recruitment (DR, CR or VR) and exploitation (EX); no means is needed for a child.")
RECOMMENDATION_LABELS = {
    "urgent": _("Urgent: protect the person now"),
    "presumed_victim": _("The indicators meet the rule: presume a victim"),
    "incomplete": _("Not met yet, but missing answers could change the result"),
    "follow_up": _("Some dimensions are positive: follow up"),
    "no_indication": _("No indication of trafficking from the answers"),
}
FLAG_LABELS = {
    "minor": _("Minor (under 18)"),
    "immediate_danger": _("In immediate danger"),
    "medical_emergency": _("Needs medical help now"),
    "held_now": _("Held now: cannot leave"),
}
MEANS_LABELS = {
    "deception": _("deception"),
    "coercion": _("coercion"),
    "abuse_of_vulnerability": _("abuse of vulnerability"),
}
STAGE_LABELS = {
    "intake": _("About the person"),
    "urgent": _("Safety now"),
    "short": _("Main questions"),
    "follow_up": _("Follow-up"),
}

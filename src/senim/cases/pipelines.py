"""Status pipelines of the two case kinds, declared as data."""

from senim.core.pipeline import Pipeline

ASSISTANCE = Pipeline(
    name="assistance case",
    initial="reported",
    transitions={
        "reported": frozenset({"screening", "presumed_victim", "not_victim", "closed"}),
        "screening": frozenset({"presumed_victim", "not_victim"}),
        "presumed_victim": frozenset({"identified_victim", "not_victim", "assisted"}),
        "identified_victim": frozenset({"assisted", "closed"}),
        "not_victim": frozenset({"closed", "screening"}),
        "assisted": frozenset({"closed"}),
        "closed": frozenset({"assisted"}),
    },
)

CRIMINAL = Pipeline(
    name="criminal case",
    initial="registered",
    transitions={
        "registered": frozenset({"investigation", "terminated", "suspended"}),
        "investigation": frozenset({"indictment", "terminated", "suspended"}),
        "suspended": frozenset({"investigation", "terminated"}),
        "indictment": frozenset({"trial", "terminated"}),
        "trial": frozenset({"verdict", "terminated"}),
        "verdict": frozenset({"appeal", "closed"}),
        "appeal": frozenset({"closed"}),
        "terminated": frozenset(),
        "closed": frozenset(),
    },
)

# Where the victim's journey stands relative to the criminal process.
CRIMINAL_STAGE = {
    "registered": "during",
    "investigation": "during",
    "suspended": "during",
    "indictment": "during",
    "trial": "during",
    "verdict": "after",
    "appeal": "during",
    "closed": "after",
    "terminated": "after",
}

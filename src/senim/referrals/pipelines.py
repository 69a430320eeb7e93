"""Status pipelines of the referral workflow, declared as data. No Django import."""

from senim.core.pipeline import Pipeline

REFERRAL = Pipeline(
    name="referral",
    initial="sent",
    transitions={
        "sent": frozenset({"accepted", "declined", "revoked"}),
        "accepted": frozenset({"done", "revoked"}),
        "declined": frozenset(),
        "done": frozenset(),
        "revoked": frozenset(),
    },
)

# Protection measures (reflection period, temporary residence, expulsion hold). An expulsion hold leaves
# "active" for "lifted" only through the four-eyes lift (request + approval by someone else).
MEASURE = Pipeline(
    name="protection measure",
    initial="requested",
    transitions={
        "requested": frozenset({"active", "refused"}),
        "active": frozenset({"lifted", "ended"}),
        "refused": frozenset(),
        "lifted": frozenset(),
        "ended": frozenset(),
    },
)

PROCEDURAL = Pipeline(
    name="procedural protection",
    initial="requested",
    transitions={
        "requested": frozenset({"granted", "refused"}),
        "granted": frozenset({"ended"}),
        "refused": frozenset(),
        "ended": frozenset(),
    },
)

RETURN = Pipeline(
    name="return",
    initial="planned",
    transitions={
        "planned": frozenset({"travel_arranged", "cancelled"}),
        "travel_arranged": frozenset({"returned", "cancelled", "planned"}),
        "returned": frozenset(),
        "cancelled": frozenset(),
    },
)

COMPENSATION = Pipeline(
    name="compensation claim",
    initial="filed",
    transitions={
        "filed": frozenset({"granted", "partly_granted", "refused"}),
        "granted": frozenset({"paid"}),
        "partly_granted": frozenset({"paid"}),
        "refused": frozenset(),
        "paid": frozenset(),
    },
)

MIGRATION_CASE = Pipeline(
    name="administrative migration case",
    initial="pending",
    transitions={
        "pending": frozenset({"suspended", "expulsion_ordered", "fined", "dismissed"}),
        "suspended": frozenset({"pending", "dismissed"}),
        "expulsion_ordered": frozenset(),
        "fined": frozenset(),
        "dismissed": frozenset(),
    },
)

FOLLOW_UP_MONTHS = (3, 6, 12)

"""Accountability gap classification and the list of networks to act on (pure)."""

from senim.network.gap import GapPerson, breakdown, flagged_networks, shares, shares_by


def person(pid, role="", suggested="", charges=(), network=1, region="almaty_city", year=2025, score=None):
    return GapPerson(pid, network, region, year, role, suggested, tuple(charges), score)


def test_charge_class_uses_the_most_serious_article():
    assert person("a", charges=[("cc.128", "pending"), ("aoc.519", "administrative_penalty")]).charge_class == (
        "trafficking"
    )
    assert person("b", charges=[("cc.309", "convicted")]).charge_class == "other_criminal"
    assert person("c", charges=[("aoc.519", "administrative_penalty")]).charge_class == "administrative"
    assert person("d").charge_class == "none"


def test_outcome_of_the_most_serious_class():
    assert person("a", charges=[("cc.128", "convicted"), ("cc.309", "acquitted")]).outcome == "convicted"
    assert person("b", charges=[("cc.128", "acquitted"), ("cc.135", "dismissed")]).outcome == "acquitted"
    assert person("c", charges=[("cc.128", "pending"), ("cc.135", "acquitted")]).outcome == "pending"
    # The administrative penalty does not make a pending criminal charge "convicted".
    assert person("d", charges=[("cc.128", "pending"), ("aoc.519", "administrative_penalty")]).outcome == "pending"
    assert person("e", charges=[("aoc.519", "administrative_penalty")]).outcome == "convicted"
    assert person("f").outcome == ""


def test_recorded_role_wins_over_suggested():
    assert person("a", role="exploiter", suggested="organizer").role == "exploiter"
    assert person("a", role="exploiter", suggested="organizer").role_source == "recorded"
    assert person("b", suggested="organizer").role == "organizer"
    assert person("c").role == "other"


def test_shares_and_the_flagged_network():
    network_1 = [
        person("org", suggested="organizer", charges=[("aoc.519", "administrative_penalty")], score=0.8),
        person("rec", role="recruiter", charges=[("cc.128", "convicted")]),
        person("exp", role="exploiter", charges=[("cc.309", "convicted")]),
        person("tra", role="transporter"),
    ]
    network_2 = [  # organizer charged under 128: not flagged
        person("org2", role="organizer", charges=[("cc.128", "pending")], network=2),
        person("exp2", role="exploiter", charges=[("cc.128", "convicted")], network=2),
    ]
    network_3 = [  # organizer uncharged but no executor convicted yet: not flagged
        person("org3", suggested="organizer", network=3),
        person("exp3", role="exploiter", charges=[("cc.128", "pending")], network=3),
    ]
    everyone = network_1 + network_2 + network_3
    result = shares(everyone)
    assert (result.organizers, result.organizers_charged) == (3, 1)
    assert (result.executors, result.executors_charged) == (5, 4)
    assert result.organizer_share == 1 / 3
    assert result.executor_share == 4 / 5
    (flag,) = flagged_networks(everyone)
    assert flag.network == 1
    assert flag.executors_convicted == 2
    assert [p.person_id for p in flag.organizers_uncharged] == ["org"]
    assert flag.region == "almaty_city" and flag.year == 2025


def test_breakdown_counts_by_group():
    persons = [
        person("a", role="exploiter", charges=[("cc.128", "convicted")], region="shymkent"),
        person("b", role="exploiter", charges=[("cc.128", "convicted")], region="shymkent"),
        person("c", suggested="organizer", region="astana"),
    ]
    assert breakdown(persons, "region") == [
        ("astana", "organizer", "none", "", 1),
        ("shymkent", "exploiter", "trafficking", "convicted", 2),
    ]
    by_year = shares_by(persons, "year")
    assert [key for key, _ in by_year] == ["2025"]
    assert by_year[0][1].organizer_share == 0.0

from collections import Counter, defaultdict
from dataclasses import asdict

import pytest

from senim.cases.articles import ARTICLES, TRAFFICKING_ARTICLES
from senim.cases.pipelines import ASSISTANCE, CRIMINAL
from senim.synth import generate_world
from senim.synth.world import OFFENDER_ROLES, Role


@pytest.fixture(scope="module")
def world():
    return generate_world("small", 11)


def test_same_seed_same_world_other_seed_other_world():
    assert asdict(generate_world("small", 5)) == asdict(generate_world("small", 5))
    assert asdict(generate_world("small", 5)) != asdict(generate_world("small", 6))


def test_sizes_scale_roughly_tenfold():
    small = generate_world("small", 1)
    medium = generate_world("medium", 1)
    assert 200 <= len(small.persons) <= 700
    assert 7 <= len(medium.persons) / len(small.persons) <= 13
    assert len(generate_world("small", 1, networks=3).networks) == 3
    with pytest.raises(ValueError):
        generate_world("huge", 1)


def test_every_person_is_on_paper_and_ids_are_unique(world):
    assert {r.person_id for r in world.records} == {p.id for p in world.persons}
    assert len({r.id for r in world.records}) == len(world.records)
    assert len({p.id for p in world.persons}) == len(world.persons)
    idents = {i.id for i in world.identifiers}
    assert all(set(r.identifier_ids) <= idents for r in world.records)
    orgs = {o.key for o in world.organizations}
    assert all(r.organization_key in orgs for r in world.records)


def test_networks_have_every_chain_role_and_victims_of_both_kinds(world):
    persons = world.person_index()
    for network in world.networks:
        assert set(network.members) >= {"organizer", "recruiter", "transporter", "harbourer", "exploiter"}
        assert network.victim_ids
        for role, ids in network.members.items():
            assert all(persons[i].role.value == role and persons[i].network_id == network.id for i in ids)
    victims = [p for p in world.persons if p.role is Role.VICTIM]
    assert {v.exploitation for v in victims} == {"sexual", "labour"}
    assert any(v.is_minor for v in victims) and any(not v.is_minor for v in victims)
    assert any(v.citizenship == "KZ" for v in victims) and any(v.citizenship != "KZ" for v in victims)
    recruiter_countries = {persons[i].citizenship for n in world.networks for i in n.members["recruiter"]}
    assert len(recruiter_countries & {"UZ", "KG", "TJ", "KZ"}) >= 3
    assert Counter(p.role for p in world.persons)[Role.MIGRANT] > 0


def test_organizers_rarely_touch_victims_but_collect_the_money(world):
    persons = world.person_index()
    money_in: Counter[str] = Counter()
    touches: Counter[str] = Counter()
    for item in world.interactions:
        if item.kind == "paid":
            money_in[item.target] += item.amount
        if item.kind in ("recruited", "transported", "harboured", "exploited"):
            touches[item.source] += 1
    for network in world.networks:
        organizer = network.members["organizer"][0]
        exploiters = network.members["exploiter"]
        assert money_in[organizer] > max(money_in[e] for e in exploiters)
        assert touches[organizer] < max(touches[e] for e in exploiters)
        assert persons[organizer].home_region  # lives in Kazakhstan


def test_cases_capture_only_part_of_each_network_with_real_articles(world):
    persons = world.person_index()
    assert world.criminal_cases
    charged_organizers = 0
    for case in world.criminal_cases:
        assert set(case.articles) <= set(ARTICLES)
        for a, b in zip(case.status_path, case.status_path[1:], strict=False):
            CRIMINAL.check(a, b)
        assert case.status_path[0] == CRIMINAL.initial
        for participant in case.participants:
            person = persons[participant.person_id]
            for charge in participant.charges:
                assert charge.article in ARTICLES
                if participant.procedural_role in ("victim", "witness"):
                    assert not ARTICLES[charge.article].is_criminal
            if person.role is Role.VICTIM:
                assert participant.procedural_role == "victim" and participant.chain_role == ""
            if person.role is Role.ORGANIZER and any(c.article in TRAFFICKING_ARTICLES for c in participant.charges):
                charged_organizers += 1
        network = next(n for n in world.networks if n.id == case.network_id)
        in_network = {i for ids in network.members.values() for i in ids}
        assert {p.person_id for p in case.participants if p.procedural_role != "victim"} <= in_network
        assert len(in_network) > len([p for p in case.participants if p.procedural_role != "victim"])
    # Across worlds, organizers are criminally charged far less often than exploiters.
    big = generate_world("medium", 2)
    by_role: dict[str, list[bool]] = defaultdict(list)
    charged = {
        p.person_id
        for c in big.criminal_cases
        for p in c.participants
        if any(ARTICLES[ch.article].is_criminal for ch in p.charges)
    }
    for person in big.persons:
        if person.role in OFFENDER_ROLES:
            by_role[person.role.value].append(person.id in charged)
    share = {role: sum(v) / len(v) for role, v in by_role.items()}
    assert share["organizer"] < 0.3 < share["exploiter"]
    assert any(ch.article == "aoc.517" for c in big.criminal_cases for p in c.participants for ch in p.charges)
    assert any(
        ch.article in ("aoc.518", "aoc.519") for c in big.criminal_cases for p in c.participants for ch in p.charges
    )


def test_assistance_cases_follow_the_pipeline(world):
    persons = world.person_index()
    for case in world.assistance_cases:
        assert case.status_path[0] == ASSISTANCE.initial
        for a, b in zip(case.status_path, case.status_path[1:], strict=False):
            ASSISTANCE.check(a, b)
        if persons[case.person_id].role is not Role.VICTIM:
            assert "not_victim" in case.status_path


def test_one_person_is_written_many_ways(world):
    styles = Counter(r.style for r in world.records)
    assert len(styles) >= 6
    assert {r.script for r in world.records} == {"cyrillic", "latin"}
    multi = [pid for pid, n in Counter(r.person_id for r in world.records).items() if n >= 2]
    assert len(multi) > len(world.persons) / 4
    distinct_spellings = sum(
        len({(r.family_name or r.full_name) for r in world.records if r.person_id == pid}) > 1 for pid in multi
    )
    assert distinct_spellings > len(multi) / 2
    assert any(r.full_name and not r.family_name for r in world.records)
    assert any(not r.patronymic and r.family_name for r in world.records)
    assert {len(r.birth_date) for r in world.records} >= {0, 4, 7, 10}


def test_hard_negatives_share_what_they_should(world):
    persons = world.person_index()
    homes = defaultdict(set)
    phones = defaultdict(set)
    for h in world.holdings:
        if h.relation == "lives_at":
            homes[h.person_id].add(h.identifier_id)
        if world.identifier_index()[h.identifier_id].kind == "phone":
            phones[h.person_id].add(h.identifier_id)
    relatives = [p for p in world.persons if p.role is Role.RELATIVE]
    namesakes = [p for p in world.persons if p.role is Role.NAMESAKE]
    assert relatives and namesakes
    for relative in relatives:
        anchor = persons[relative.related_to]
        assert relative.family_name.rstrip("а") == anchor.family_name.rstrip("а")
    assert sum(bool(homes[r.id] & homes[r.related_to]) for r in relatives) > len(relatives) / 2
    spouses = [r for r in relatives if r.relation == "spouse" and persons[r.related_to].role is Role.ORGANIZER]
    assert spouses and all(phones[s.id] & phones[s.related_to] for s in spouses)
    for namesake in namesakes:
        anchor = persons[namesake.related_to]
        assert (namesake.given_name, namesake.family_name) == (anchor.given_name, anchor.family_name)
        assert namesake.birth_date != anchor.birth_date


def test_shared_identifiers_connect_network_members(world):
    owners = defaultdict(set)
    for h in world.holdings:
        owners[h.identifier_id].add(h.person_id)
    kinds = world.identifier_index()
    shared = Counter(kinds[i].kind for i, people in owners.items() if len(people) > 1)
    for kind in ("phone", "address", "card", "company", "online_account"):
        assert shared[kind] > 0, kind

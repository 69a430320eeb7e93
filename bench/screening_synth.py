"""Screening benchmark: synthetic victims and ordinary migrants with known truth, noisy answers.

    .venv/bin/python bench/screening_synth.py [--people 20000] [--seed 7]

Each synthetic person has a true situation (a set of ILO indicators that really apply) drawn from a profile:

- victims (adult and child, labour and sexual): recruitment by deception, coercion and/or abuse of
  vulnerability; exploitative work; for adults coercion or abuse at destination (for children only half
  the time, as the child rule does not need it);
- ordinary migrants: hard lives (no money, unknown area, no papers) and, for a third of them, labour-law
  violations (long hours, low or withheld pay, no contract) without coercion: the hard negatives.

Answers are noisy like real interviews: a true indicator is disclosed with probability 0.75 for victims
(fear, shame) and 0.9 for migrants, refused or unknown with probability 0.08, and an indicator that is not
true is reported anyway with probability 0.01.

It reports, for the ILO/EC engine and for a naive baseline ("trafficked when at least k indicators are
reported"; k fixed at 5 and k tuned on a separate calibration sample), the share correctly assessed,
sensitivity, false positives, and the throughput of both. The truth comes from the same dimension
structure the engine uses, so the figures measure robustness to noise and hard negatives, not validity
against real cases.
"""

from __future__ import annotations

import argparse
import platform
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from senim.screening import interview
from senim.screening.engine import Catalogue, assess, count_baseline, load_catalogue
from senim.screening.simulate import interview_answers, true_migrant, true_victim


@dataclass
class Person:
    set_code: str
    victim: bool
    kind: str
    reported: frozenset[str]
    unknown: frozenset[str]
    truth: frozenset[str]


def observe(rng: random.Random, catalogue: Catalogue, set_code: str, truth: set[str], victim: bool) -> tuple[set, set]:
    disclose = 0.75 if victim else 0.9
    reported: set[str] = set()
    unknown: set[str] = set()
    for code in catalogue.codes_in_set(set_code):
        roll = rng.random()
        if roll < 0.08:
            unknown.add(code)
        elif code in truth:
            if rng.random() < disclose:
                reported.add(code)
        elif rng.random() < 0.01:
            reported.add(code)
    return reported, unknown


def population(n: int, seed: int, catalogue: Catalogue, victim_share: float = 0.3) -> list[Person]:
    rng = random.Random(seed)
    people = []
    for _ in range(n):
        victim = rng.random() < victim_share
        child = rng.random() < (0.2 if victim else 0.05)
        sexual = victim and rng.random() < 0.35
        set_code = f"{'child' if child else 'adult'}_{'sexual' if sexual else 'labour'}"
        if victim:
            truth = true_victim(rng, catalogue, set_code)
            kind = "victim"
        else:
            hard = rng.random() < 1 / 3
            truth = true_migrant(rng, catalogue, set_code, hard)
            kind = "migrant_labour_violations" if hard else "migrant"
        reported, unknown = observe(rng, catalogue, set_code, truth, victim)
        people.append(
            Person(set_code, victim, kind, frozenset(reported), frozenset(unknown - reported), frozenset(truth))
        )
    return people


def world_population(size: str, seed: int, catalogue: Catalogue) -> list[Person]:
    """The synthetic world's victims and ordinary migrants (senim.synth), with situations drawn as above."""
    from senim.synth.generator import generate_world
    from senim.synth.world import Role

    world = generate_world(size, seed)
    rng = random.Random(seed)
    people = []
    for person in world.persons:
        if person.role not in (Role.VICTIM, Role.MIGRANT):
            continue
        victim = person.role == Role.VICTIM
        kind_of_work = "sexual" if person.exploitation == "sexual" else "labour"
        set_code = f"{'child' if person.is_minor else 'adult'}_{kind_of_work}"
        if victim:
            truth, kind = true_victim(rng, catalogue, set_code), "victim"
        else:
            hard = rng.random() < 1 / 3
            truth = true_migrant(rng, catalogue, set_code, hard)
            kind = "migrant_labour_violations" if hard else "migrant"
        reported, unknown = observe(rng, catalogue, set_code, truth, victim)
        people.append(
            Person(set_code, victim, kind, frozenset(reported), frozenset(unknown - reported), frozenset(truth))
        )
    return people


def score(predictions: list[bool], people: list[Person]) -> dict[str, float]:
    tp = sum(1 for p, x in zip(predictions, people, strict=True) if p and x.victim)
    fp = sum(1 for p, x in zip(predictions, people, strict=True) if p and not x.victim)
    fn = sum(1 for p, x in zip(predictions, people, strict=True) if not p and x.victim)
    tn = len(people) - tp - fp - fn
    victims, others = tp + fn, fp + tn
    return {
        "accuracy": (tp + tn) / len(people),
        "sensitivity": tp / victims if victims else 0.0,
        "false_positive_rate": fp / others if others else 0.0,
        "false_positives": fp,
        "precision": tp / (tp + fp) if tp + fp else 0.0,
    }


def engine_predictions(catalogue: Catalogue, people: list[Person], *, with_undetermined: bool = False) -> list[bool]:
    out = []
    for person in people:
        result = assess(catalogue, person.set_code, person.reported, unknown=person.unknown)
        out.append(result.trafficking or (with_undetermined and result.undetermined))
    return out


def simulate_interview(rng: random.Random, bank: interview.Bank, catalogue: Catalogue, person: Person) -> tuple:
    """Run the real interview flow (short form, follow-ups only where opened) against the true situation."""
    answers = interview_answers(rng, bank, catalogue, person.set_code, set(person.truth), victim=person.victim)
    result = interview.evaluate(bank, catalogue, answers)
    return result.trafficking, len(answers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--world", default="medium", help="size of the senim.synth world also screened")
    args = parser.parse_args()
    catalogue = load_catalogue()
    people = population(args.people, args.seed, catalogue)
    calibration = population(5000, args.seed + 1000, catalogue)

    best_k, best_acc = 1, -1.0
    for k in range(1, 15):
        acc = score([count_baseline(p.reported, k) for p in calibration], calibration)["accuracy"]
        if acc > best_acc:
            best_k, best_acc = k, acc

    rows = {
        "ILO/EC engine": engine_predictions(catalogue, people),
        "engine, undetermined counted as positive": engine_predictions(catalogue, people, with_undetermined=True),
        "engine on the true situation (no noise)": [assess(catalogue, p.set_code, p.truth).trafficking for p in people],
        "count >= 5 indicators": [count_baseline(p.reported, 5) for p in people],
        f"count >= {best_k} indicators (k tuned)": [count_baseline(p.reported, best_k) for p in people],
    }
    victims = sum(p.victim for p in people)
    print(f"machine: {platform.machine()} {platform.system()} python {platform.python_version()}")
    print(f"people: {len(people)} (victims {victims}, migrants {len(people) - victims}), seed {args.seed}")
    print(f"{'method':44} {'correct':>8} {'sens.':>7} {'FPR':>7} {'FP':>6} {'prec.':>7}")
    for name, predictions in rows.items():
        s = score(predictions, people)
        print(
            f"{name:44} {s['accuracy']:8.3f} {s['sensitivity']:7.3f} {s['false_positive_rate']:7.3f} "
            f"{s['false_positives']:6d} {s['precision']:7.3f}"
        )
    hard = [p for p in people if p.kind == "migrant_labour_violations"]
    for name, predictions in rows.items():
        flagged = sum(
            1 for pred, p in zip(predictions, people, strict=True) if pred and p.kind == "migrant_labour_violations"
        )
        print(f"hard negatives (labour violations, no coercion) flagged by {name}: {flagged}/{len(hard)}")

    world = world_population(args.world, args.seed, catalogue)
    w_victims = sum(p.victim for p in world)
    print(f"synthetic world ({args.world}): {w_victims} victims, {len(world) - w_victims} ordinary migrants")
    for name, predictions in (
        ("ILO/EC engine", engine_predictions(catalogue, world)),
        (f"count >= {best_k} indicators (k tuned)", [count_baseline(p.reported, best_k) for p in world]),
    ):
        s = score(predictions, world)
        print(
            f"  {name:42} correct {s['accuracy']:.3f}, sensitivity {s['sensitivity']:.3f}, "
            f"FPR {s['false_positive_rate']:.3f}, FP {s['false_positives']}"
        )
    bank = interview.load_bank()
    rng = random.Random(args.seed + 7)
    sample = people[: min(len(people), 5000)]
    start = time.perf_counter()
    simulated = [simulate_interview(rng, bank, catalogue, p) for p in sample]
    elapsed = time.perf_counter() - start
    s = score([t for t, _ in simulated], sample)
    lengths = sorted(n for _, n in simulated)
    victim_lengths = sorted(n for (_, n), p in zip(simulated, sample, strict=True) if p.victim)
    print(
        f"interview flow (short form + opened follow-ups), {len(sample)} people: correct {s['accuracy']:.3f}, "
        f"sensitivity {s['sensitivity']:.3f}, FPR {s['false_positive_rate']:.3f}, FP {s['false_positives']}"
    )
    print(
        f"questions asked: median {lengths[len(lengths) // 2]}, max {lengths[-1]}; "
        f"victims median {victim_lengths[len(victim_lengths) // 2]}; "
        f"{len(sample) / elapsed:,.0f} simulated interviews/s"
    )
    for name, fn in (
        ("engine", lambda p: assess(catalogue, p.set_code, p.reported, unknown=p.unknown).trafficking),
        ("baseline", lambda p: count_baseline(p.reported, 5)),
    ):
        start = time.perf_counter()
        for p in people:
            fn(p)
        elapsed = time.perf_counter() - start
        print(f"throughput {name}: {len(people) / elapsed:,.0f} assessments/s ({elapsed:.2f} s for {len(people)})")


if __name__ == "__main__":
    main()

"""Where the linkage errors come from: false-positive and false-negative pairs, classified.

    .venv/bin/python bench/linkage_errors.py [--source synth|simulate] [--size small] [--persons 3000]
        [--threshold 0.99] [--show 15]

Prints counts per error class and a few examples of each (both raw records and the pair's levels). The
classes are read off the raw records (scripts, surname endings, shared phone/address, dates), never off
the generator's spelling tables.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).parent))
from linkage_common import fmt, pairwise_scores
from senim.linkage import model, normalise

_CYR = re.compile(r"[\u0400-\u04ff]")


def _script(row: dict) -> str:
    text = " ".join(str(row.get(c) or "") for c in ("given_name", "family_name", "full_name"))
    return "cyr" if _CYR.search(text) else "lat"


def classify_fn(a: dict, b: dict, na: dict, nb: dict) -> str:
    if not (na["family_c"] or na["given_c"]) or not (nb["family_c"] or nb["given_c"]):
        return "name missing"
    if na["birth_year"] is None or nb["birth_year"] is None:
        date = "date missing"
    elif na["birth_date"] != nb["birth_date"]:
        date = "date differs"
    else:
        date = "date equal"
    fam = na["family_c"] == nb["family_c"] or na["family_stem"] == nb["family_stem"]
    giv = na["given_root"] == nb["given_root"]
    names = "names equal" if fam and giv else ("family differs" if giv else ("given differs" if fam else "both differ"))
    scripts = "cross-script" if _script(a) != _script(b) else "same script"
    return f"{names} / {date} / {scripts}"


def classify_fp(a: dict, b: dict, na: dict, nb: dict) -> str:
    shared = [c for c in ("phone", "address") if na[c] and na[c] == nb[c]]
    same_stem = na["family_stem"] and na["family_stem"] == nb["family_stem"]
    same_given = na["given_root"] and na["given_root"] == nb["given_root"]
    if same_stem and not same_given:
        return "relatives (same surname, other given)" + (f" sharing {'+'.join(shared)}" if shared else "")
    if same_stem and same_given:
        if na["birth_year"] is None or nb["birth_year"] is None:
            return "namesakes, date missing on one side"
        if na["birth_date"] != nb["birth_date"]:
            return "namesakes, other date"
        return "namesakes, same date"
    return "other"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", choices=["synth", "simulate", "febrl"], default="synth")
    parser.add_argument("--size", default="small")
    parser.add_argument("--persons", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--threshold", type=float, default=model.DEFAULT_THRESHOLD)
    parser.add_argument("--show", type=int, default=6)
    args = parser.parse_args()
    if args.source == "synth":
        from senim.synth.export import RECORD_COLUMNS, record_rows
        from senim.synth.generator import generate_world

        world = generate_world(args.size, seed=args.seed)
        rows = [dict(zip(RECORD_COLUMNS, row, strict=True)) for row in record_rows(world)]
        truth = {r.id: r.person_id for r in world.records}
    elif args.source == "febrl":
        from linkage_febrl import febrl_as_contract

        df, truth_series = febrl_as_contract()
        rows = df.fillna("").astype(str).to_dict("records")
        truth = truth_series.to_dict()
    else:
        from senim.linkage.simulate import World

        rows, truth = World(args.persons, seed=args.seed).records()
    frame = model.prepare(rows)
    # exactly what `senim link` does; pairs kept down to the review threshold for the examples
    result = model.link(frame, keep_pairs_above=model.REVIEW_THRESHOLD, threshold=args.threshold)
    print(fmt(pairwise_scores(result.clusters, pd.Series(truth))))
    by_id = {str(r["record_id"]): r for r in rows}
    norm = {str(r["record_id"]): normalise.normalise_record(dict(r)) for r in rows}
    cluster = dict(zip(result.clusters["record_id"], result.clusters["cluster_id"], strict=True))
    assert result.pairs is not None
    scored = {
        (a, b): (p, m, v)
        for a, b, p, m, v in zip(
            result.pairs["record_id_l"], result.pairs["record_id_r"], result.pairs["match_probability"],
            result.pairs["model_probability"], result.pairs["veto"], strict=True,
        )
    }  # fmt: skip
    gammas = result.pairs.set_index(["record_id_l", "record_id_r"])[list(model.GAMMA_COLUMNS)]

    def info(a: str, b: str) -> str:
        key = (a, b) if (a, b) in scored else (b, a)
        if key not in scored:
            return "not blocked, or below 0.5 and no veto candidate"
        p, m, v = scored[key]
        g = gammas.loc[key].to_dict()
        return f"p={p:.4f} model={m:.4f} veto={v or '-'} " + " ".join(f"{k[6:]}={int(x)}" for k, x in g.items())

    def show(rid: str) -> str:
        r = by_id[rid]
        cols = ("given_name", "family_name", "patronymic", "full_name", "sex", "birth_date", "phone", "address")
        return " | ".join(str(r.get(c) or "") for c in cols)

    members: dict[str, list[str]] = defaultdict(list)
    for rid, ent in truth.items():
        members[str(ent)].append(str(rid))
    fn_classes: Counter[str] = Counter()
    fn_examples: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for ids in members.values():
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                if cluster[a] != cluster[b]:
                    cls = classify_fn(by_id[a], by_id[b], norm[a], norm[b])
                    cls += " / scored" if ((a, b) in scored or (b, a) in scored) else " / not blocked"
                    fn_classes[cls] += 1
                    fn_examples[cls].append((a, b))
    clusters: dict[str, list[str]] = defaultdict(list)
    for rid, cid in cluster.items():
        clusters[cid].append(rid)
    fp_classes: Counter[str] = Counter()
    fp_examples: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for ids in clusters.values():
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                if truth[a] != truth[b]:
                    cls = classify_fp(by_id[a], by_id[b], norm[a], norm[b])
                    fp_classes[cls] += 1
                    fp_examples[cls].append((a, b))
    for title, classes, examples in (("FALSE NEGATIVES", fn_classes, fn_examples),
                                     ("FALSE POSITIVES", fp_classes, fp_examples)):  # fmt: skip
        print(f"\n== {title}: {sum(classes.values())}")
        for cls, n in classes.most_common():
            print(f"{n:6d}  {cls}")
        for cls, _ in classes.most_common():
            print(f"\n-- {cls}")
            for a, b in examples[cls][: args.show]:
                print(f"  {show(a)}\n  {show(b)}\n     {info(a, b)}")


if __name__ == "__main__":
    main()

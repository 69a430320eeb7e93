"""Cross-script synthetic records with ground truth: Senim vs plain Splink in the same run.

    .venv/bin/python bench/linkage_synthetic.py [--source synth|simulate] [--size medium] [--persons 20000]

Sources: the Senim synthetic world (``senim.synth``: trafficking networks, victims, relatives, records as
agencies write them) exported in the `senim link` format with its ground truth; or the linkage library's
own ``senim.linkage.simulate.World`` (households sharing surname/phone/address, namesakes, eight spelling
schemes, typos, swapped order, partial and wrong birth dates).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).parent))
from linkage_common import fmt, pairwise_scores, plain_splink
from senim.linkage import model
from senim.linkage.simulate import World


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--source", choices=["synth", "simulate"], default="synth")
    parser.add_argument("--size", default="medium", help="senim.synth world size (small, medium, large)")
    args = parser.parse_args()
    if args.source == "synth":
        from senim.synth.export import RECORD_COLUMNS, record_rows
        from senim.synth.generator import generate_world

        world = generate_world(args.size, seed=args.seed)
        rows = [dict(zip(RECORD_COLUMNS, row, strict=True)) for row in record_rows(world)]
        truth = pd.Series({r.id: r.person_id for r in world.records})
        print(f"senim.synth world '{args.size}' seed {args.seed}: {truth.nunique()} persons, {len(rows)} records")
    else:
        rows, truth_map = World(args.persons, seed=args.seed).records()
        truth = pd.Series(truth_map)
        print(f"simulated world: {args.persons} persons, {len(rows)} records, seed {args.seed}")

    start = time.perf_counter()
    frame = model.prepare(rows)
    result = model.link(frame)  # exactly what `senim link` outputs
    secs = time.perf_counter() - start
    print(
        f"senim (default threshold {model.DEFAULT_THRESHOLD}): "
        f"{fmt(pairwise_scores(result.clusters, truth))}  ({secs:.1f} s)"
    )
    for threshold in (0.5, 0.8, 0.9, 0.95, 0.99, 0.999):
        clusters = model.link(frame, threshold=threshold).clusters  # `senim link --threshold`
        print(f"  senim   @ {threshold:<5}: {fmt(pairwise_scores(clusters, truth))}")

    start = time.perf_counter()
    plain = plain_splink(pd.DataFrame(rows))
    secs = time.perf_counter() - start
    print(f"plain splink @ {model.DEFAULT_THRESHOLD}: {fmt(pairwise_scores(plain, truth))}  ({secs:.1f} s)")


if __name__ == "__main__":
    main()

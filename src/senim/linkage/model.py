"""The Senim person-linkage model on Splink (no Django import).

Records are first normalised in Python (``normalise.normalise_record``) into script-independent comparison
columns; Splink then blocks, scores and clusters them with SQL that runs unchanged on DuckDB (default) and
Spark. Parameters are estimated from the data itself: the match prior from deterministic rules, the
u-probabilities by random sampling, the m-probabilities by expectation maximisation. No labels are used.

Public API: ``prepare``, ``settings``, ``train``, ``link`` and ``LinkResult``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import Linker, SettingsCreator, block_on

from . import normalise

logger = logging.getLogger(__name__)

#: Default pairwise match probability at or above which two records are clustered together.
DEFAULT_THRESHOLD = 0.9
#: In Senim: above AUTO_THRESHOLD a record joins a person without review; between REVIEW_THRESHOLD and
#: AUTO_THRESHOLD the pair goes to the review queue; below REVIEW_THRESHOLD it is ignored.
AUTO_THRESHOLD = 0.99
REVIEW_THRESHOLD = 0.5

ID = "record_id"
DERIVED_COLUMNS = (
    "given_c", "given_ph", "given_root", "family_c", "family_ph", "family_stem", "patronymic_root",
    "patronymic_ph", "sex", "birth_date", "birth_year", "birth_month", "birth_day", "citizenship", "document",
    "phone", "address", "name_a", "name_b", "name_ph_a", "name_ph_b",
)  # fmt: skip

GAMMA_COLUMNS = ("gamma_family_name", "gamma_given_name", "gamma_patronymic", "gamma_birth_date", "gamma_document")

Progress = Callable[[str, int, int], None]


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


def prepare(
    rows: Iterable[Mapping[str, str | None]], progress: Progress = _no_progress, total: int = 0
) -> pd.DataFrame:
    """Normalise input rows (dicts with ``record_id`` and the optional contract columns) into a frame.

    Raises ValueError (with the record id) on a malformed birth date.
    """
    columns: dict[str, list[Any]] = {col: [] for col in (ID, *DERIVED_COLUMNS)}  # column-wise: less memory
    count = 0
    for count, row in enumerate(rows, start=1):
        try:
            rec = normalise.normalise_record(dict(row))
        except ValueError as exc:
            raise ValueError(f"record {row.get(ID)!r}: {exc}") from None
        columns[ID].append(str(row[ID]))
        for col in DERIVED_COLUMNS:
            columns[col].append(rec[col])
        if count % 20_000 == 0:
            progress("normalise", count, total)
    progress("normalise", count, total or count)
    frame = pd.DataFrame(columns)
    for col in ("birth_year", "birth_month", "birth_day"):
        frame[col] = frame[col].astype("Int64")
    return frame


# --- Comparisons ----------------------------------------------------------------------------------------


def _birth_date_comparison() -> cl.CustomComparison:
    y, m, d = "birth_year", "birth_month", "birth_day"
    consistent = (
        f"{y}_l = {y}_r AND ({m}_l IS NULL OR {m}_r IS NULL OR {m}_l = {m}_r)"
        f" AND ({d}_l IS NULL OR {d}_r IS NULL OR {d}_l = {d}_r)"
    )
    return cl.CustomComparison(
        output_column_name="birth_date",
        comparison_description="Birth date, partial dates allowed",
        comparison_levels=[
            cll.NullLevel(y),
            cll.CustomLevel(f"{d}_l IS NOT NULL AND {d}_r IS NOT NULL AND {consistent}", "Exact full date"),
            cll.CustomLevel(f"{m}_l = {m}_r AND {consistent}", "Same year and month, day unknown on one side"),
            cll.CustomLevel(consistent, "Same year, month unknown on one side"),
            cll.CustomLevel(f"{y}_l = {y}_r AND {m}_l = {d}_r AND {d}_l = {m}_r", "Day and month transposed"),
            cll.CustomLevel(
                f"({y}_l = {y}_r AND {m}_l = {m}_r) OR ({y}_l = {y}_r AND {d}_l = {d}_r)"
                f" OR ({m}_l = {m}_r AND {d}_l = {d}_r)",
                "Two of year, month, day equal",
            ),
            # two full dates with year, month and day all different are a conflict (else level), however close
            cll.CustomLevel(
                f"ABS({y}_l - {y}_r) <= 2 AND NOT ({d}_l IS NOT NULL AND {d}_r IS NOT NULL"
                f" AND {y}_l <> {y}_r AND {m}_l <> {m}_r AND {d}_l <> {d}_r)",
                "Year within 2",
            ),
            cll.ElseLevel(),
        ],
    )


def _initial_level(col: str) -> cll.CustomLevel:
    """One side wrote only the initial ("Sydykova S.", "Abdullaev A.B."), and it agrees with the other."""
    return cll.CustomLevel(
        f"(LENGTH({col}_l) <= 2 OR LENGTH({col}_r) <= 2) AND {_initial_sql(col + '_l')} = {_initial_sql(col + '_r')}",
        "Initial agrees",
    )


def _initial_sql(col: str) -> str:
    """First letter of a canonical name, with the letters an initial is written with folded together:
    the canonical j of Жанар is "Zh." or "Z." in passport Latin, h of Хасан "Kh." or "K.", "Ch." is "C."."""
    return f"TRANSLATE(SUBSTRING({col}, 1, 1), 'jh', 'zk')"


def _swapped_level(other: str) -> Any:
    """Given and family name written in each other's place, each either close in spelling or sound-alike."""

    def close(name: str, ph: str) -> Any:
        return cll.Or(
            cll.JaroWinklerLevel(name, 0.9), cll.And(cll.ExactMatchLevel(ph), cll.JaroWinklerLevel(name, 0.8))
        )

    return cll.And(
        close("name_a", "name_ph_a"),
        close("name_b", "name_ph_b"),
        cll.Not(cll.ExactMatchLevel(other)),
    ).configure(label_for_charts="Names swapped, spelling differs")


def comparisons(tf: bool = True) -> list[Any]:
    """Comparisons on the normalised columns, most specific level first."""
    family = cl.CustomComparison(
        output_column_name="family_name",
        comparison_description="Family name across scripts",
        comparison_levels=[
            cll.NullLevel("family_c"),
            cll.ExactMatchLevel("family_c", term_frequency_adjustments=tf),
            cll.CustomLevel("family_stem_l = family_stem_r", "Same surname, other gender form (related)"),
            cll.ColumnsReversedLevel("family_c", "given_c", symmetrical=True),
            _swapped_level("given_root"),
            cll.JaroWinklerLevel("family_c", 0.92),
            cll.ExactMatchLevel("family_ph"),
            cll.JaroWinklerLevel("family_c", 0.8),
            cll.ElseLevel(),
        ],
    )
    given = cl.CustomComparison(
        output_column_name="given_name",
        comparison_description="Given name across scripts, diminutives resolved",
        comparison_levels=[
            cll.NullLevel("given_c"),
            # Swapped order is evidence already counted by the family-name comparison: counting it here
            # too would add the same evidence twice (naive Bayes), so the given name is neutral then.
            cll.And(
                cll.Not(cll.ExactMatchLevel("family_c")),
                cll.Not(cll.ExactMatchLevel("family_stem")),
                cll.Or(cll.ColumnsReversedLevel("family_c", "given_c", symmetrical=True), _swapped_level("given_root")),
            ).configure(is_null_level=True, label_for_charts="Names swapped (counted in the family name)"),
            cll.ExactMatchLevel("given_c", term_frequency_adjustments=tf),
            cll.CustomLevel("given_root_l = given_root_r", "Diminutive of the same name"),
            _initial_level("given_c"),
            cll.JaroWinklerLevel("given_c", 0.92),
            cll.ExactMatchLevel("given_ph"),
            cll.JaroWinklerLevel("given_c", 0.8),
            cll.ElseLevel(),
        ],
    )
    patronymic = cl.CustomComparison(
        output_column_name="patronymic",
        comparison_description="Father's name from -ovich/-ovna/-uly/-kyzy forms",
        comparison_levels=[
            cll.NullLevel("patronymic_root"),
            cll.ExactMatchLevel("patronymic_root"),
            cll.ExactMatchLevel("patronymic_ph"),
            _initial_level("patronymic_root"),
            cll.JaroWinklerLevel("patronymic_root", 0.88),
            cll.ElseLevel(),
        ],
    )
    document = cl.CustomComparison(
        output_column_name="document",
        comparison_levels=[
            cll.NullLevel("document"),
            cll.ExactMatchLevel("document"),
            cll.LevenshteinLevel("document", 1),
            cll.ElseLevel(),
        ],
    )
    address = cl.CustomComparison(
        output_column_name="address",
        comparison_levels=[
            cll.NullLevel("address"),
            cll.ExactMatchLevel("address"),
            cll.JaroWinklerLevel("address", 0.9),
            cll.ElseLevel(),
        ],
    )
    return [
        family,
        given,
        patronymic,
        _birth_date_comparison(),
        cl.ExactMatch("sex"),
        cl.ExactMatch("phone"),
        document,
        cl.ExactMatch("citizenship"),
        address,
    ]


def blocking_rules() -> list[Any]:
    """Blocking that keeps recall when the birth date, the script or the name order differs."""
    return [
        block_on("family_ph", "given_ph"),
        "l.family_ph = r.given_ph AND l.given_ph = r.family_ph",
        block_on("family_stem", "given_root"),
        block_on("name_ph_a", "birth_year"),
        block_on("name_ph_b", "birth_year"),
        # "ASANOVA A." against "Айзада Асанова": the surname, the given name's initial and the birth year
        block_on("family_ph", _initial_sql("given_c"), "birth_year"),
        # both names mistyped or replaced: the full birth date and the surname's first letter
        "l.birth_date = r.birth_date AND l.birth_day IS NOT NULL"
        " AND SUBSTRING(l.family_c, 1, 1) = SUBSTRING(r.family_c, 1, 1)",
        block_on("phone"),
        block_on("document"),
    ]


def settings(
    *, tf: bool = True, retain_intermediate: bool = False, blocking: list[Any] | None = None
) -> SettingsCreator:
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name=ID,
        comparisons=comparisons(tf=tf),
        blocking_rules_to_generate_predictions=blocking if blocking is not None else blocking_rules(),
        retain_matching_columns=True,
        # gamma columns are needed for the hard-negative veto; bf columns only for review evidence
        retain_intermediate_calculation_columns=True,
    )


# --- Engines --------------------------------------------------------------------------------------------


def duckdb_api() -> Any:
    """An in-memory DuckDB with a memory cap (SENIM_LINK_MEMORY, default 5GB); spills to disk beyond it.

    5 GB leaves room under 8 GB for the Python side (the normalised frame, the fetched pairs, clustering)
    at 1M records."""
    import os
    import tempfile

    import duckdb
    from splink import DuckDBAPI

    con = duckdb.connect(":memory:")
    memory = os.environ.get("SENIM_LINK_MEMORY", "5GB")
    if not memory.replace(".", "").rstrip("GMBgmb").isdigit():
        raise ValueError(f"SENIM_LINK_MEMORY must look like 6GB, got {memory!r}")
    con.execute(f"SET memory_limit = '{memory}'")
    con.execute(f"SET temp_directory = '{tempfile.gettempdir()}/senim-duckdb'")
    return DuckDBAPI(connection=con)


def spark_api(spark: Any = None, checkpoint_dir: str | None = None) -> Any:
    """A SparkAPI on the given session, or on a local one with Splink's similarity jar."""
    from splink import SparkAPI

    if spark is None:
        spark = local_spark_session(checkpoint_dir)
    return SparkAPI(spark_session=spark, break_lineage_method="persist", num_partitions_on_repartition=2)


def local_spark_session(checkpoint_dir: str | None = None) -> Any:
    import tempfile

    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("senim-link")
        .config("spark.jars", similarity_jar_location())
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.default.parallelism", "4")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", "4g")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    spark.sparkContext.setCheckpointDir(checkpoint_dir or tempfile.mkdtemp(prefix="senim-spark-"))
    return spark


# --- Training and linking -------------------------------------------------------------------------------


def train(linker: Linker, frame: pd.DataFrame, *, seed: int = 42) -> None:
    """Estimate all parameters from the data (no labels).

    The match prior comes from deterministic rules, u from random sampling, m from EM sessions blocked on
    names (trains dates, phones, documents) and on birth date / phone (train the names). EM sessions
    whose columns are empty in this input are skipped: a failed session would corrupt the prior.
    """
    settings_obj = linker._settings_obj

    def present(*cols: str) -> bool:
        return all(frame[c].notna().sum() >= 2 for c in cols)

    deterministic: list[Any] = [block_on("family_c", "given_c", "birth_date")]
    if present("document"):
        deterministic.append(block_on("document"))
    try:
        linker.training.estimate_probability_two_random_records_match(deterministic, recall=0.8)
    except Exception as exc:  # too few pairs in tiny inputs: keep Splink's default prior
        logger.info("prior not estimated: %s", exc)
    prior = settings_obj._probability_two_random_records_match
    if not 0.0 < prior < 1.0:  # no deterministic match at all: assume about one duplicate per record
        prior = min(0.5, 1.0 / max(len(frame), 2))
        settings_obj._probability_two_random_records_match = prior
    max_pairs = min(5e6, max(1e5, len(frame) * 20.0))
    linker.training.estimate_u_using_random_sampling(max_pairs=max_pairs, seed=seed)
    # No session blocked on phone or address: those pairs are dominated by households, and EM would learn
    # "same household" instead of "same person".
    sessions: list[tuple[tuple[str, ...], Any]] = [
        (("family_ph", "given_ph"), block_on("family_ph", "given_ph")),
        (("birth_day",), "l.birth_date = r.birth_date AND l.birth_day IS NOT NULL"),
        (("document",), block_on("document")),
    ]
    for cols, rule in sessions:
        if not present(*cols):
            continue
        saved = list(settings_obj.comparisons)
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule, estimate_without_term_frequencies=True
            )
        except Exception as exc:  # e.g. no pairs in a small input; Splink leaves its settings half-changed
            logger.info("EM on %s skipped: %s", cols, exc)
            settings_obj.comparisons = saved
        settings_obj._probability_two_random_records_match = prior


#: Records used for training (a deterministic sample when the input is larger).
TRAIN_SAMPLE = 300_000


def train_model(frame: pd.DataFrame, *, seed: int = 42, retain_intermediate: bool = False) -> dict[str, Any]:
    """Train on (a deterministic sample of) the frame with DuckDB; return the Splink model as a dict."""
    sample = frame if len(frame) <= TRAIN_SAMPLE else frame.sample(n=TRAIN_SAMPLE, random_state=seed)
    db_api = duckdb_api()
    linker = Linker(db_api.register(sample), settings(retain_intermediate=retain_intermediate), log_level=logging.ERROR)
    train(linker, sample, seed=seed)
    model: dict[str, Any] = linker.misc.save_model_to_json()
    if len(sample) < len(frame):
        # the prior is per pair: rescale it from the sample to the full input
        scale = (len(sample) * (len(sample) - 1)) / (len(frame) * (len(frame) - 1)) * len(frame) / len(sample)
        model["probability_two_random_records_match"] *= scale
    return model


def apply_parameters(linker: Linker, model: dict[str, Any]) -> None:
    """Copy trained m/u probabilities and the prior into a linker built from ``settings()``.

    The saved model's SQL is in the trainer's dialect (DuckDB quoting); the receiving linker keeps its own
    dialect's SQL and takes only the numbers, level by level.
    """
    settings_obj = linker._settings_obj
    settings_obj._probability_two_random_records_match = model["probability_two_random_records_match"]
    for comparison, saved in zip(settings_obj.comparisons, model["comparisons"], strict=True):
        if comparison.output_column_name != saved["output_column_name"]:
            raise ValueError(f"model does not match settings: {saved['output_column_name']}")
        for level, saved_level in zip(comparison.comparison_levels, saved["comparison_levels"], strict=True):
            if level.is_null_level:
                continue
            if "m_probability" in saved_level:
                level.m_probability = saved_level["m_probability"]
            if "u_probability" in saved_level:
                level.u_probability = saved_level["u_probability"]


@dataclass
class LinkResult:
    clusters: pd.DataFrame  # record_id, cluster_id
    pairs: pd.DataFrame | None = None  # scored pairs above the review threshold (when requested)
    model: dict[str, Any] = field(default_factory=dict)


#: gamma of the "exact full date" level of the birth-date comparison (7 levels besides the null level).
BIRTH_DATE_EXACT = 6
#: Probability given to a pair vetoed as a hard negative (below REVIEW_THRESHOLD: never linked, not queued).
VETO_PROBABILITY = 0.2


def apply_hard_negatives(edges: pd.DataFrame) -> pd.DataFrame:
    """Veto pairs that look like relatives or namesakes, whatever else they share.

    Naive-Bayes scoring adds up shared surname, patronymic, phone and address, which siblings and spouses
    all share. A pair whose given names disagree outright (not a typo, diminutive, initial or swapped
    order), whose fathers' names disagree outright (patronymic roots neither sound alike nor are close in
    spelling nor agree as an initial: a namesake), or whose birth dates disagree outright (years more than
    2 apart and no two of year/month/day equal, or two full dates with year, month and day all different)
    is capped at VETO_PROBABILITY unless the document numbers match exactly. A given-name conflict is not
    vetoed when the full birth dates are equal (a typed-over given name, as in FEBRL; twins are then left
    to the model's own, strongly negative, given-name weight). The vetoed pairs keep their model score in
    ``model_probability`` and the reason in ``veto``.
    """
    if edges.empty:
        return edges.assign(model_probability=edges.get("match_probability"), veto="")
    doc_exact = edges["gamma_document"] == 2
    same_full_date = edges["gamma_birth_date"] == BIRTH_DATE_EXACT
    conflicts = {
        "given_name": (edges["gamma_given_name"] == 0) & ~doc_exact & ~same_full_date,
        "patronymic": (edges["gamma_patronymic"] == 0) & ~doc_exact,
        "birth_date": (edges["gamma_birth_date"] == 0) & ~doc_exact,
    }
    veto = pd.Series("", index=edges.index)
    for reason, mask in conflicts.items():
        veto[mask] = veto[mask].where(veto[mask] == "", veto[mask] + ",") + reason
    out = edges.assign(model_probability=edges["match_probability"], veto=veto)
    vetoed = veto != ""
    out.loc[vetoed, "match_probability"] = out.loc[vetoed, "match_probability"].clip(upper=VETO_PROBABILITY)
    return out


def _components(ids: Iterable[str], pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Connected components by union-find; each record maps to the smallest record id of its component."""
    parent: dict[str, str] = {rid: rid for rid in ids}

    def find(x: str) -> str:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            parent[rb] = ra
    return {rid: find(rid) for rid in parent}


#: Stricter thresholds tried, in order, on a cluster that contains a hard-negative pair.
SPLIT_STEPS = (0.99, 0.999, 0.9999, 0.99999, 0.999999)


def cluster(frame: pd.DataFrame, edges: pd.DataFrame, threshold: float) -> pd.DataFrame:
    """Cluster records: connected components of pairs at or above ``threshold``, then split any cluster
    that joins a hard-negative pair (a vetoed relative or namesake, reached through a chain of other
    records) by raising the threshold inside that cluster until the pair falls apart.

    The cluster id is the smallest record id in the cluster, so the same pairs give the same ids on every
    engine.
    """
    ids = list(frame[ID])
    strong = edges[edges["match_probability"] >= threshold]
    left, right, prob = list(strong[f"{ID}_l"]), list(strong[f"{ID}_r"]), list(strong["match_probability"])
    label = _components(ids, zip(left, right, strict=True))
    if "veto" in edges.columns:
        vetoed = edges[edges["veto"] != ""]
        conflicts = [(a, b) for a, b in zip(vetoed[f"{ID}_l"], vetoed[f"{ID}_r"], strict=True) if label[a] == label[b]]
    else:
        conflicts = []
    if conflicts:
        bad = {label[a] for a, _ in conflicts}
        members: dict[str, list[str]] = {}
        for rid, root in label.items():
            if root in bad:
                members.setdefault(root, []).append(rid)
        inner: dict[str, list[tuple[str, str, float]]] = {}
        for a, b, p in zip(left, right, prob, strict=True):
            if label[a] in bad:
                inner.setdefault(label[a], []).append((a, b, p))
        by_root: dict[str, list[tuple[str, str]]] = {}
        for a, b in conflicts:
            by_root.setdefault(label[a], []).append((a, b))
        for root in bad:
            group_edges = inner.get(root, [])
            for step in (t for t in SPLIT_STEPS if t > threshold):
                sub = _components(members[root], ((a, b) for a, b, p in group_edges if p >= step))
                if all(sub[a] != sub[b] for a, b in by_root[root]):
                    label.update(sub)
                    break
    return pd.DataFrame({ID: ids, "cluster_id": [label[r] for r in ids]})


_cluster_ids = cluster


def link(
    frame: pd.DataFrame,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    engine: str = "duckdb",
    db_api: Any = None,
    keep_pairs_above: float | None = None,
    retain_intermediate: bool = False,
    progress: Progress = _no_progress,
    seed: int = 42,
) -> LinkResult:
    """Link a prepared frame (``prepare``) into clusters.

    The model is trained on the input itself, always in-process on DuckDB (on at most TRAIN_SAMPLE records):
    training is a few small aggregate queries that a cluster runs no faster, and one trainer means that
    ``engine="spark"`` scores and clusters with exactly the parameters DuckDB would use. Prediction (the
    heavy part: blocking and scoring every candidate pair) runs on the chosen engine. Clustering is
    connected components on pairs with ``match_probability >= threshold``, split where a hard negative
    would be joined (``cluster``); the cluster id is the smallest record id in the cluster.
    """
    if frame.empty:
        return LinkResult(pd.DataFrame({ID: [], "cluster_id": []}))
    progress("train", 0, 1)
    model = train_model(frame, seed=seed, retain_intermediate=retain_intermediate)
    progress("train", 1, 1)
    db_api = db_api or (spark_api() if engine == "spark" else duckdb_api())

    def scoring_linker(data: pd.DataFrame, blocking: list[Any] | None = None) -> Linker:
        table = db_api.register(db_api.spark.createDataFrame(_spark_ready(data)) if engine == "spark" else data)
        created = Linker(table, settings(retain_intermediate=retain_intermediate, blocking=blocking),
                         log_level=logging.ERROR)  # fmt: skip
        apply_parameters(created, model)
        return created

    names = [f"{ID}_l", f"{ID}_r", "match_weight", "match_probability", *GAMMA_COLUMNS]

    def scored_pairs(linker: Linker, where: str) -> pd.DataFrame:
        predictions = linker.inference.predict(threshold_match_probability=None if where else floor)
        cols = "*" if retain_intermediate else ", ".join(names)
        sql = f"SELECT {cols} FROM {predictions.physical_name}{where}"  # noqa: S608 - constant names, no user input
        out = linker.misc.query_sql(sql, output_type="pandas")
        predictions.drop_table_from_database_and_remove_from_cache()  # free the engine's memory
        return out

    # Pairs down to REVIEW_THRESHOLD are fetched even for clustering alone.
    floor = min(threshold, REVIEW_THRESHOLD, keep_pairs_above if keep_pairs_above is not None else 1.0)
    progress("predict", 0, 1)
    edges = scored_pairs(scoring_linker(frame), "")
    # Records joined into a group of three or more may join a hard negative through the others, and such a
    # pair's own score is often far below any threshold (so it was not fetched). Every pair inside such a
    # group is scored again and its conflicts (candidates for a veto) are added. Fetching every conflicting
    # pair of the input instead grows with the square of the namesakes (15.5 GB at 1M records).
    strong = apply_hard_negatives(edges)
    strong = strong[strong["match_probability"] >= threshold]
    label = _components(list(frame[ID]), zip(strong[f"{ID}_l"], strong[f"{ID}_r"], strict=True))
    sizes = pd.Series(list(label.values()), dtype=object).value_counts()
    chained = frame[frame[ID].map(lambda r: sizes[label[r]] >= 3)]
    if len(chained):
        chained = chained.assign(group_id=chained[ID].map(label))
        conflict = " OR ".join(f"{g} = 0" for g in ("gamma_given_name", "gamma_patronymic", "gamma_birth_date"))
        where = f" WHERE match_probability < {floor!r} AND ({conflict})"
        extra = scored_pairs(scoring_linker(chained, [block_on("group_id")]), where)
        edges = pd.concat([edges, extra[[c for c in edges.columns if c in extra.columns]]], ignore_index=True)
    progress("predict", 1, 1)
    progress("cluster", 0, 1)
    edges = apply_hard_negatives(edges)
    clusters = cluster(frame, edges, threshold)
    progress("cluster", 1, 1)
    pairs = edges[edges["model_probability"] >= keep_pairs_above] if keep_pairs_above is not None else None
    return LinkResult(clusters=clusters, pairs=pairs, model=model)


def _spark_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """pandas → Spark needs plain object / float columns (nullable ints become floats otherwise)."""
    out = frame.copy()
    for col in ("birth_year", "birth_month", "birth_day"):
        out[col] = out[col].astype("float64")
    return out.astype({c: object for c in out.columns if c not in ("birth_year", "birth_month", "birth_day")}).where(
        out.notna(), None
    )

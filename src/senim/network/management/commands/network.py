"""`senim network analyze --nodes NODES.csv --edges EDGES.csv -o SCORES.csv` (contract in issue 7)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from senim.network.analysis import Settings, analyze
from senim.network.batch import read_edges, read_nodes, relabel, write_scores
from senim.network.graph import GraphInputError, LinkGraph


def _read(path: str, what: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CommandError(f"{what}: no such file: {path}", returncode=2)
    except UnicodeDecodeError:
        raise CommandError(f"{what}: {path} is not UTF-8", returncode=2)
    except OSError as exc:
        raise CommandError(f"{what}: cannot read {path}: {exc.strerror}", returncode=2)


class Command(BaseCommand):
    help = "Network analysis. `analyze`: score every person of a link graph given as CSV (docs/network.md)."
    # `analyze` is a pure batch tool: no database, so no system checks (their output would break the one-line error).
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        analyze_parser = actions.add_parser("analyze", help="score persons from NODES and EDGES CSV files")
        analyze_parser.add_argument("--nodes", required=True, help="UTF-8 CSV: id,type[,country]")
        analyze_parser.add_argument(
            "--edges", required=True, help="UTF-8 CSV: source,target,kind[,amount,date,case_id]"
        )
        analyze_parser.add_argument("-o", "--output", required=True, help="SCORES CSV to write, or - for stdout")
        analyze_parser.add_argument("--hub-threshold", type=int, default=Settings.hub_threshold)
        analyze_parser.add_argument("--seed", type=int, default=Settings.seed)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "analyze":
            self.analyze(options)

    def analyze(self, options: dict[str, Any]) -> None:
        nodes_text = _read(options["nodes"], "nodes")
        edges_text = _read(options["edges"], "edges")
        if options["hub_threshold"] < 1:
            raise CommandError("--hub-threshold must be at least 1", returncode=2)
        try:
            nodes = read_nodes(nodes_text)
            edges = read_edges(edges_text)
        except GraphInputError as exc:
            raise CommandError(str(exc), returncode=2)
        try:
            graph = LinkGraph.build(nodes, edges)
        except GraphInputError as exc:
            raise CommandError(str(relabel(exc)), returncode=2)
        analysis = analyze(graph, Settings(hub_threshold=options["hub_threshold"], seed=options["seed"]))
        text = write_scores(analysis)
        if options["output"] == "-":
            sys.stdout.write(text)
            return
        try:
            Path(options["output"]).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"cannot write {options['output']}: {exc.strerror}", returncode=2)

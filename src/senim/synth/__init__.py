"""Synthetic world generator with ground truth (demo data, tests, benchmarks).

The generator and exports are pure Python (no Django import)::

    from senim.synth import generate_world, export_world
    world = generate_world("small", seed=1)
    export_world(world, "var/synth-small-1")

The database loader lives in ``senim.synth.load`` and the commands in ``management/commands``.
"""

from senim.synth.export import export_world
from senim.synth.generator import NETWORKS_PER_SIZE, generate_world
from senim.synth.world import Role, World

__all__ = ["NETWORKS_PER_SIZE", "Role", "World", "export_world", "generate_world"]

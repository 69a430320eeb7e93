import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from senim.core.audit_chain import Anchor, parse_anchors
from senim.core.selectors import audit_anchor_break, audit_anchors_now, audit_chain_break, audit_chains


class Command(BaseCommand):
    help = (
        "Audit log tools. `senim audit verify [--anchors FILE]` walks every hash chain and reports the first "
        "broken link, and checks the chains still hold the anchored heads; `senim audit anchor [-o FILE]` "
        "prints (or appends to FILE) the head of every chain, to keep where the database's owners cannot write."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("action", choices=["verify", "anchor"])
        parser.add_argument("--anchors", type=Path, help="verify: an anchors file written by `senim audit anchor`")
        parser.add_argument("-o", "--output", type=Path, help="anchor: append to this file instead of printing")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "anchor":
            self._anchor(options["output"])
        else:
            self._verify(self._read_anchors(options["anchors"]) if options["anchors"] else [])

    def _anchor(self, output: Path | None) -> None:
        anchors = audit_anchors_now(timezone.now().isoformat(timespec="seconds"))
        lines = "".join(anchor.to_line() + "\n" for anchor in anchors)
        if output is None:
            self.stdout.write(lines, ending="")
            return
        try:
            descriptor = os.open(output, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            with os.fdopen(descriptor, "a", encoding="utf-8") as handle:
                handle.write(lines)
        except OSError as error:
            raise CommandError(f"cannot write {output}: {error.strerror}", returncode=2) from None
        self.stderr.write(f"appended {len(anchors)} anchors to {output}")

    def _read_anchors(self, path: Path) -> list[Anchor]:
        try:
            with path.open(encoding="utf-8") as handle:
                return parse_anchors(handle)
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror}", returncode=2) from None
        except UnicodeDecodeError:
            raise CommandError(f"{path} is not UTF-8 text", returncode=2) from None
        except ValueError as error:
            raise CommandError(f"{path}: {error}", returncode=2) from None

    def _verify(self, anchors: list[Anchor]) -> None:
        broken = False
        for chain in audit_chains():
            found = audit_chain_break(chain)
            if found is None:
                self.stdout.write(f"chain {chain}: intact")
            else:
                broken = True
                self.stdout.write(f"chain {chain}: BROKEN at event {found.sequence}: {found.reason}")
        for anchor in anchors:
            found = audit_anchor_break(anchor)
            if found is not None:
                broken = True
                self.stdout.write(f"chain {anchor.chain}: BROKEN at event {found.sequence}: {found.reason}")
        if anchors and not broken:
            self.stdout.write(f"{len(anchors)} anchors: every one still holds")
        if broken:
            raise CommandError("audit log has been tampered with", returncode=1)

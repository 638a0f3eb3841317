"""What a diff returns: changes (missing, extra, changed, unmodelled), each with the steps that reconcile it.

A Step (steps.py) is one SQL statement with the objects it creates or drops.
`DiffReport.sql` orders the steps with the catalogs' dependency graphs (see
order.py): a creation after what it needs, a drop before what it depends on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from schema_tool.diff.order import schedule
from schema_tool.diff.steps import PREAMBLE, Key, Step

__all__ = ["PREAMBLE", "RECREATED", "Change", "DiffReport", "Key", "Step"]

# The detail of a change made only because something it depends on is dropped and created again.
RECREATED = "recreated around a change of "


@dataclass
class Change:
    kind: str
    action: str  # missing, extra, changed, unmodelled
    name: str
    detail: str = ""
    steps: list[Step] = field(default_factory=list)
    destructive: bool = False

    @property
    def statements(self) -> list[str]:
        return [s.sql for s in self.steps]


@dataclass
class DiffReport:
    changes: list[Change]
    notes: list[str] = field(default_factory=list)
    source_dependencies: dict[Key, set[Key]] = field(default_factory=dict, repr=False)
    target_dependencies: dict[Key, set[Key]] = field(default_factory=dict, repr=False)

    @property
    def modelled(self) -> list[Change]:
        return [c for c in self.changes if c.action != "unmodelled"]

    @property
    def unmodelled(self) -> list[Change]:
        return [c for c in self.changes if c.action == "unmodelled"]

    def sql(self, *, allow_destructive: bool = False) -> tuple[list[str], list[Change]]:
        """The ordered statements, and the destructive changes left out (unless allowed)."""
        kept = [c for c in self.modelled if allow_destructive or not c.destructive]
        left_out = [c for c in self.modelled if c.destructive and not allow_destructive]
        steps = schedule([s for c in kept for s in c.steps], self.source_dependencies, self.target_dependencies)
        statements = [s.sql for s in steps]
        return ([PREAMBLE] + statements if statements else []), left_out

    def to_json(self) -> list[dict]:
        return [{"kind": c.kind, "action": c.action, "name": c.name, "detail": c.detail,
                 "destructive": c.destructive, "statements": c.statements} for c in self.changes]

"""What a diff returns: changes (missing, extra, changed, unmodelled), each with the steps that reconcile it.

A Step is one SQL statement with a phase (its rank when nothing else decides)
and the objects it creates or drops, as (kind, identity) keys of the catalog's
dependency graph. `DiffReport.sql` orders the steps with that graph (see
order.py): a creation after what it needs, a drop before what it depends on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Key = tuple[str, str]

PREAMBLE = "set check_function_bodies = off"
# The detail of a change made only because something it depends on is dropped and created again.
RECREATED = "recreated around a change of "

# Phases: drops first (dependents before what they depend on), then creations.
(UNSCHEDULE, DROP_POLICY, DROP_TRIGGER, DROP_VIEW, DROP_FOREIGN_KEY, DROP_CONSTRAINT, DROP_INDEX, DROP_DEFAULT,
 DROP_FUNCTION, DROP_COLUMN, DROP_TABLE, DROP_SEQUENCE, DROP_TYPE, DROP_COLLATION) = range(10, 24)
(CREATE_SCHEMA, CREATE_EXTENSION, CREATE_COLLATION, CREATE_ENUM, CREATE_SEQUENCE, CREATE_TYPE, CREATE_FUNCTION,
 CREATE_TABLE, ALTER_TABLE, OWN_SEQUENCE, ADD_CONSTRAINT, ADD_FOREIGN_KEY, CREATE_INDEX, CREATE_VIEW,
 CREATE_TRIGGER, SET_RLS, CREATE_POLICY, GRANT, DEFAULT_PRIVILEGES, COMMENT, BUCKET, SCHEDULE) = range(30, 52)
DROP_EXTENSION, DROP_SCHEMA = 90, 91


@dataclass
class Step:
    phase: int
    sql: str
    creates: tuple[Key, ...] = ()
    drops: tuple[Key, ...] = ()
    after: tuple[Key, ...] = ()  # keys created by other steps that must run first
    in_place: bool = False  # alters what it drops and creates (a column default): its dependents stay


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
        from schema_tool.diff.order import schedule

        kept = [c for c in self.modelled if allow_destructive or not c.destructive]
        left_out = [c for c in self.modelled if c.destructive and not allow_destructive]
        steps = schedule([s for c in kept for s in c.steps], self.source_dependencies, self.target_dependencies)
        statements = [s.sql for s in steps]
        return ([PREAMBLE] + statements if statements else []), left_out

    def to_json(self) -> list[dict]:
        return [{"kind": c.kind, "action": c.action, "name": c.name, "detail": c.detail,
                 "destructive": c.destructive, "statements": c.statements} for c in self.changes]

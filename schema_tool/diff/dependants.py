"""Recreating dependents: when an object is dropped and created again (a function whose result type
changed, a view, a column whose type changed), the objects that depend on it in the first database
(found through pg_depend) and do not change themselves are dropped before and created again after,
from the second."""

from __future__ import annotations

from schema_tool.diff.build import (
    create_constraint, create_function, create_index, create_policy, create_trigger, create_view, drop_constraint,
    drop_function, drop_policy, drop_trigger, drop_view,
)
from schema_tool.diff.model import RECREATED, Change
from schema_tool.diff.steps import ALTER_TABLE, DROP_DEFAULT, DROP_INDEX, Key, Step
from schema_tool.diff.text import on

# The kinds whose rows are found by "name on schema.table", with their builders.
BY_TABLE = {"policy": ("policies", create_policy, drop_policy),
            "trigger": ("triggers", create_trigger, drop_trigger),
            "constraint": ("constraints", create_constraint, drop_constraint)}


def recreate_dependents(changes: list[Change], a, b) -> None:
    """Add to `changes` a change for each dependent (in `a`, the first side) of an object the changes
    drop and create again; `b` is the second side."""
    steps = [s for c in changes for s in c.steps]
    dropped = {k for s in steps for k in s.drops}
    created = {k for s in steps for k in s.creates}
    retyped = {k for s in steps if s.phase == ALTER_TABLE and " type " in s.sql for k in s.drops}
    rebuilt = {k for s in steps if not s.in_place for k in s.drops}
    queue = sorted(dropped & created & rebuilt)
    seen = set(queue)
    while queue:
        key = queue.pop(0)
        for dependent in sorted(a.dependents.get(key, ())):
            if dependent in seen or dependent in dropped:
                continue
            if key in retyped and dependent[0] not in ("relation", "policy", "trigger"):
                continue  # the server rebuilds indexes and constraints over a retyped column
            recreated = _recreate(dependent, key, a, b)
            if recreated is None:
                continue
            _superseded_by(changes, recreated)
            changes.append(recreated)
            for k in (k for s in recreated.steps for k in s.drops):
                if k not in seen:
                    seen.add(k)
                    dropped.add(k)
                    queue.append(k)


def _superseded_by(changes: list[Change], recreated: Change) -> None:
    """An object recreated from the second database gets its comment, grants and state there; the
    statements that changed those in place (which would run between its drop and its creation) go.
    The changes stay in the report."""
    for change in changes:
        if change.name == recreated.name and change.action == "changed" and not any(s.drops for s in change.steps):
            change.steps = []


def _recreate(key: Key, cause: Key, a, b) -> Change | None:
    kind, identity = key
    why = f"{RECREATED}{cause[1]}"
    if kind == "relation" and identity in a.views and identity in b.views:
        v = b.views[identity]
        return Change("materialized view" if v.materialized else "view", "changed", identity, why,
                      [drop_view(a.views[identity], a), *create_view(v, a, b)])
    if kind == "function" and identity in a.functions and identity in b.functions:
        return Change("function", "changed", identity, why,
                      [drop_function(a.functions[identity]), *create_function(b.functions[identity], a)])
    if kind in BY_TABLE:
        rows, create, drop = BY_TABLE[kind]
        old = next((r for r in a.catalog[rows] if on(r.name, r.schema, r.table_name) == identity), None)
        new = next((r for r in b.catalog[rows] if on(r.name, r.schema, r.table_name) == identity), None)
        if old and new:
            return Change(kind, "changed", identity, why, [drop(old), *create(new)])
    if kind == "index":
        old = next((i for i in a.catalog["indexes"] if i.qualified == identity), None)
        new = next((i for i in b.catalog["indexes"] if i.qualified == identity), None)
        if old and new:
            return Change("index", "changed", identity, why,
                          [Step(DROP_INDEX, f"drop index {identity}", drops=(key,)), *create_index(new, b)])
    if kind == "column":
        table, column = identity.rsplit(".", 1)
        new = next((c for c in b.columns.get(table, []) if c.quoted == column), None)
        if new and new.default_value is not None and not new.generated:
            return Change("column", "changed", identity, why, [
                Step(DROP_DEFAULT, f"alter table {table} alter column {column} drop default", drops=(key,)),
                Step(ALTER_TABLE, f"alter table {table} alter column {column} set default {new.default_value}",
                     creates=(key,))])
    return None

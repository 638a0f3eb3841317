"""One catalog of a diff, indexed for the comparison and the statement builders: relations, functions,
columns and grants by name, and the dependency graph both ways."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from schema_tool.catalog import Catalog
from schema_tool.diff.grants import Fresh, builtin_defaults
from schema_tool.diff.steps import Key
from schema_tool.diff.text import qualified


@dataclass
class Side:
    """One catalog, indexed for the comparison."""

    catalog: Catalog
    tables: dict[str, object] = field(default_factory=dict)
    views: dict[str, object] = field(default_factory=dict)
    functions: dict[str, object] = field(default_factory=dict)
    columns: dict[str, list] = field(default_factory=lambda: defaultdict(list))
    grants: dict[str, list] = field(default_factory=lambda: defaultdict(list))
    dependencies: dict[Key, set[Key]] = field(default_factory=lambda: defaultdict(set))
    dependents: dict[Key, set[Key]] = field(default_factory=lambda: defaultdict(set))

    def __post_init__(self) -> None:
        c = self.catalog
        self.tables = {t.qualified: t for t in c["tables"]}
        self.views = {v.qualified: v for v in c["views"]}
        self.functions = {f.identity: f for f in c["functions"]}
        self.sequences = {s.qualified: s for s in c["sequences"]}
        self.enums = {t.qualified for t in c["types"] if t.kind == "e"}
        for col in c["columns"]:
            self.columns[qualified(col.schema, col.table_name)].append(col)
        for g in c["grants"]:
            self.grants[qualified(g.schema, g.table_name)].append(g)
        for d in c["dependencies"]:
            if d.kind == "relation" and d.identity in self.sequences and d.ref_kind == "column":
                continue  # OWNED BY: a separate step after the column exists
            self.dependencies[(d.kind, d.identity)].add((d.ref_kind, d.ref_identity))
            self.dependents[(d.ref_kind, d.ref_identity)].add((d.kind, d.identity))

    def default_grantees(self, object_type: str, schema: str) -> set[str]:
        """Who may receive privileges on a new object of a type ("r", "S", "f") in a schema here: the
        grantees of the default privileges for that type there, and PUBLIC; the roles' own entries left out."""
        return {d.grantee for d in self.catalog["default_privileges"]
                if d.object_type == object_type and d.schema in (None, schema) and d.grantee != d.role} | {"PUBLIC"}

    def fresh(self, object_type: str, schema: str) -> Fresh:
        """What a new table, view or sequence may have received here (object_type "r" or "S")."""
        builtin = {p for _, p, _ in builtin_defaults("", object_type, self.catalog.server_version)}
        own: dict[str, set[str]] = defaultdict(set)
        roles = set()
        for d in self.catalog["default_privileges"]:
            if d.schema is None and d.object_type == object_type:
                roles.add(d.role)
                if d.grantee == d.role:
                    own[d.role].add(d.privilege)
        reduced = any(own[r] != builtin for r in roles)
        return Fresh(self.default_grantees(object_type, schema), reduced, frozenset(builtin))


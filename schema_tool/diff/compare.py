"""Compare two catalogs: for every object kind, what the first is missing, has extra, or has changed,
with the steps that turn the first into the second.

Every kind has a builder that creates one object from a catalog (`create_*`)
and the statement that drops it; the per-kind comparison uses them, and so
does the recreation of dependents: when an object must be dropped and
created again (a function whose result type changed, a view, a column whose
type changed), the objects that depend on it in the first database (found
through pg_depend) are dropped before and recreated after, from the second.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

from schema_tool.catalog import Catalog
from schema_tool.diff.model import (
    ADD_CONSTRAINT, ADD_FOREIGN_KEY, ALTER_TABLE, BUCKET, COMMENT, CREATE_COLLATION, CREATE_ENUM, CREATE_EXTENSION,
    CREATE_FUNCTION, CREATE_INDEX, CREATE_POLICY, CREATE_SCHEMA, CREATE_SEQUENCE, CREATE_TABLE, CREATE_TRIGGER,
    CREATE_TYPE, CREATE_VIEW, DEFAULT_PRIVILEGES, DROP_COLLATION, DROP_COLUMN, DROP_CONSTRAINT, DROP_DEFAULT,
    DROP_EXTENSION, DROP_FOREIGN_KEY, DROP_FUNCTION, DROP_INDEX, DROP_POLICY, DROP_SCHEMA, DROP_SEQUENCE, DROP_TABLE,
    DROP_TRIGGER, DROP_TYPE, DROP_VIEW, GRANT, OWN_SEQUENCE, RECREATED, SCHEDULE, SET_RLS, UNSCHEDULE, Change,
    DiffReport, Key, Step,
)
from schema_tool.diff.text import ident, literal, on, qualified, role

API_ROLES = ("anon", "authenticated", "service_role")
# Extensions that live in one database per server: their presence alone is not drift.
SERVER_EXTENSIONS = ("plpgsql", "pg_cron")
# Extensions a Supabase project installs itself: where only the first database has one, it is left alone.
PLATFORM_EXTENSIONS = ("pg_graphql", "pg_stat_statements", "pgcrypto", "uuid-ossp", "supabase_vault", "pgsodium",
                       "pgjwt", "pg_net")
# Roles a Supabase project's platform owns: their default privileges are the platform's to set.
PLATFORM_ROLES = ("supabase_admin", "supabase_auth_admin", "supabase_storage_admin", "supabase_realtime_admin",
                  "supabase_functions_admin", "supabase_replication_admin", "supabase_read_only_user",
                  "dashboard_user", "authenticator", "pgbouncer")
FUNCTION_FIELDS = ("result", "language", "volatility", "security_definer", "strict", "leakproof", "parallel",
                   "config", "body")


OWNER = "OWNER"  # the grantee the catalog writes for an object's owner


@dataclass(frozen=True)
class Fresh:
    """What a new object may have received from default privileges: grants to these grantees, and, where
    a global entry took some of a role's own privileges away, fewer than the built-in ones for its owner."""
    grantees: set[str]
    owner_reduced: bool
    owner_builtin: frozenset[str]


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
        builtin = {p for _, p, _ in _builtin_defaults("", object_type, self.catalog.server_version)}
        own: dict[str, set[str]] = defaultdict(set)
        roles = set()
        for d in self.catalog["default_privileges"]:
            if d.schema is None and d.object_type == object_type:
                roles.add(d.role)
                if d.grantee == d.role:
                    own[d.role].add(d.privilege)
        reduced = any(own[r] != builtin for r in roles)
        return Fresh(self.default_grantees(object_type, schema), reduced, frozenset(builtin))


def _pairs(a_rows, b_rows, key):
    a = {key(r): r for r in a_rows}
    b = {key(r): r for r in b_rows}
    for k in sorted(set(a) | set(b), key=str):
        yield k, a.get(k), b.get(k)


def _fields(a, b, names) -> list[str]:
    return [_field_change(n, a[n], b[n]) for n in names if a[n] != b[n]]


def _field_change(name: str, old, new) -> str:
    """name: before -> after; for a long text (a body), its first differing line."""
    if isinstance(old, str) and isinstance(new, str) and ("\n" in old or "\n" in new or len(old) > 120):
        lines_a, lines_b = old.strip().splitlines(), new.strip().splitlines()
        for n, (x, y) in enumerate(zip(lines_a + [""] * len(lines_b), lines_b + [""] * len(lines_a)), start=1):
            if x != y:
                x, y = _around_difference(x.strip(), y.strip())
                return f"{name} line {n}: {_show(x)} -> {_show(y)}"
    return f"{name}: {_show(old)} -> {_show(new)}"


def _around_difference(old: str, new: str, width: int = 100) -> tuple[str, str]:
    """Two long lines cut to where they start to differ, so the report shows the change."""
    if len(old) <= width and len(new) <= width:
        return old, new
    start = next((i for i, (x, y) in enumerate(zip(old, new)) if x != y), min(len(old), len(new)))
    start = max(0, start - 20)
    lead = "..." if start else ""
    return lead + old[start:start + width], lead + new[start:start + width]


def _show(value) -> str:
    text = repr(value)
    return text if len(text) <= 120 else text[:117] + "..."


def _comment(kind: str, target: str, old, new, key: Key | None = None) -> list[Step]:
    if old == new:
        return []
    return [Step(COMMENT, f"comment on {kind} {target} is {literal(new)}", after=(key,) if key else ())]


class Differ:
    def __init__(self, source: Catalog, target: Catalog):
        if not _has_maintain(source.server_version):
            target = _without_maintain(target)  # the SQL runs on the first server, which has no MAINTAIN
        self.a, self.b = Side(source), Side(target)
        self.enums = self.a.enums | self.b.enums
        self.changes: list[Change] = []
        self.notes: list[str] = []

    def run(self) -> DiffReport:
        for kind in (self.schemas, self.extensions, self.collations, self.types, self.sequences, self.tables,
                     self.columns, self.constraints, self.indexes, self.views, self.functions, self.triggers,
                     self.policies, self.grants, self.default_privileges, self.buckets, self.cron_jobs):
            kind()
        self.recreate_dependents()
        self.unmodelled()
        return DiffReport(self.changes, self.notes, dict(self.a.dependencies), dict(self.b.dependencies))

    def add(self, kind, action, name, detail="", steps=(), destructive=False) -> None:
        self.changes.append(Change(kind, action, name, detail, list(steps), destructive))

    # Schemas, extensions, collations ---------------------------------------------------------

    def schemas(self) -> None:
        for name, a, b in _pairs(self.a.catalog["schemas"], self.b.catalog["schemas"], lambda r: r.name):
            key = ("schema", name)
            q = ident(name)
            if a is None:
                steps = [Step(CREATE_SCHEMA, f"create schema {q}", creates=(key,))]
                steps += _comment("schema", q, None, b.comment, key)
                steps += _acl_steps(f"schema {q}", [], b.privileges, key)
                self.add("schema", "missing", name, steps=steps)
            elif b is None:
                self.add("schema", "extra", name, "dropped once empty",
                         [Step(DROP_SCHEMA, f"drop schema {q}", drops=(key,))])
            else:
                steps = _comment("schema", q, a.comment, b.comment) + _acl_steps(f"schema {q}", a.privileges,
                                                                                 b.privileges)
                if steps:
                    self.add("schema", "changed", name, "; ".join(_fields(a, b, ("comment", "privileges"))), steps)

    def extensions(self) -> None:
        rows_a = [e for e in self.a.catalog["extensions"] if e.name not in SERVER_EXTENSIONS]
        rows_b = [e for e in self.b.catalog["extensions"] if e.name not in SERVER_EXTENSIONS]
        for name, a, b in _pairs(rows_a, rows_b, lambda r: r.name):
            key = ("extension", name)
            if a is None:
                self.add("extension", "missing", name, steps=[Step(
                    CREATE_EXTENSION, f"create extension if not exists {ident(name)} with schema {ident(b.schema)} "
                                      f"version {literal(b.version)}", creates=(key,))])
            elif b is None and name in PLATFORM_EXTENSIONS:
                self.notes.append(f"extension {name} {a.version} left alone: the platform installs it")
            elif b is None:
                self.add("extension", "extra", name, "drops the extension and what uses it", [
                    Step(DROP_EXTENSION, f"drop extension {ident(name)}", drops=(key,))], destructive=True)
            elif (a.version, a.schema) != (b.version, b.schema):
                steps = []
                if a.version != b.version:
                    steps.append(Step(CREATE_EXTENSION, f"alter extension {ident(name)} update to "
                                                         f"{literal(b.version)}", creates=(key,)))
                if a.schema != b.schema:
                    steps.append(Step(CREATE_EXTENSION, f"alter extension {ident(name)} set schema {ident(b.schema)}",
                                      creates=(key,)))
                self.add("extension", "changed", name, "; ".join(_fields(a, b, ("version", "schema"))), steps)

    def collations(self) -> None:
        fields = ("provider", "deterministic", "locale", "lc_collate", "lc_ctype")
        for q, a, b in _pairs(self.a.catalog["collations"], self.b.catalog["collations"], lambda r: r.qualified):
            key = ("collation", q)
            drop = Step(DROP_COLLATION, f"drop collation {q}", drops=(key,))
            if a is None:
                self.add("collation", "missing", q, steps=create_collation(b))
            elif b is None:
                self.add("collation", "extra", q, steps=[drop])
            elif details := _fields(a, b, fields):
                self.add("collation", "changed", q, "; ".join(details), [drop, *create_collation(b)])
            elif a.comment != b.comment:
                self.add("collation", "changed", q, "comment", _comment("collation", q, a.comment, b.comment))

    # Types and sequences -------------------------------------------------------------------

    def types(self) -> None:
        for q, a, b in _pairs(self.a.catalog["types"], self.b.catalog["types"], lambda r: r.qualified):
            key = ("type", q)
            label = {"e": "enum", "d": "domain", "c": "composite type"}[(a or b).kind]
            if a is None:
                self.add(label, "missing", q, steps=create_type(b))
            elif b is None:
                self.add(label, "extra", q, steps=[Step(DROP_TYPE, f"drop {_type_word(a)} {q}", drops=(key,))])
            elif a.kind != b.kind:
                self.add(label, "changed", q, f"kind: {a.kind} -> {b.kind}",
                         [Step(DROP_TYPE, f"drop {_type_word(a)} {q}", drops=(key,)), *create_type(b)],
                         destructive=True)
            else:
                steps, details, destructive = _alter_type(a, b)
                if destructive:
                    steps, destructive = self._recreate_type(a, b), False
                steps += _comment(_type_word(b), q, a.comment, b.comment)
                if a.comment != b.comment:
                    details.append("comment")
                if steps:
                    self.add(label, "changed", q, "; ".join(details), steps, destructive)

    def _recreate_type(self, a, b) -> list[Step]:
        """An enum that loses or reorders labels, or a domain whose base type or collation changes, is
        dropped and created again; the columns holding it (kept in both databases) pass through text (an
        enum) or the old base type (a domain) meanwhile, so their values survive. A value the new type
        cannot hold makes the conversion fail, and the transaction with it: nothing is lost."""
        q = b.qualified
        key = ("type", q)
        interim = "text" if a.kind == "e" else a.base_type
        steps = [Step(DROP_TYPE, f"drop {_type_word(a)} {q}", drops=(key,)), *create_type(b)]
        for table, column in self._columns_of_type(q):
            label = f"{table}.{column.quoted}"
            array = "[]" if column.type.endswith("[]") else ""
            alter = f"alter column {column.quoted}"
            unset = f"{alter} drop default, " if column.default_value is not None else ""
            steps.append(Step(ALTER_TABLE, f"alter table {table} {unset}{alter} type {interim}{array} "
                                           f"using {column.quoted}::{interim}{array}", drops=(("column", label),)))
            reset = f", {alter} set default {column.default_value}" if column.default_value is not None else ""
            steps.append(Step(ALTER_TABLE, f"alter table {table} {alter} type {column.type} "
                                           f"using {column.quoted}::{column.type}{reset}",
                              creates=(("column", label),), after=(key,)))
        return steps

    def _columns_of_type(self, q: str) -> list[tuple[str, object]]:
        """Table columns of type q (or q[]) in the first database that keep that type in the second."""
        found = []
        for table in sorted(set(self.a.tables) & set(self.b.tables)):
            target = {c.name: c for c in self.b.columns[table]}
            for column in self.a.columns[table]:
                kept = target.get(column.name)
                if column.type in (q, q + "[]") and not column.inherited and kept and kept.type == column.type:
                    found.append((table, kept))
        return found

    def sequences(self) -> None:
        fields = ("type", "start", "increment", "minimum", "maximum", "cache", "cycle")
        for q, a, b in _pairs(self.a.catalog["sequences"], self.b.catalog["sequences"], lambda r: r.qualified):
            key = ("relation", q)
            if a is None:
                steps = create_sequence(b) + _grant_steps(self.b, q, "sequence", [], self.b.grants[q], key,
                                                          fresh=self.a.fresh("S", b.schema))
                self.add("sequence", "missing", q, steps=steps)
            elif b is None:
                # a sequence owned by a column goes with its table or column: "if exists"
                exists = " if exists" if a.owned_by else ""
                self.add("sequence", "extra", q, steps=[Step(DROP_SEQUENCE, f"drop sequence{exists} {q}",
                                                             drops=(key,))])
            else:
                details = _fields(a, b, fields + ("owned_by", "comment"))
                if not details:
                    continue
                steps = []
                options = _sequence_options(a, b)
                if options:
                    steps.append(Step(ALTER_TABLE, f"alter sequence {q} {options}", creates=(key,)))
                if a.owned_by != b.owned_by:
                    steps.append(Step(OWN_SEQUENCE, f"alter sequence {q} owned by {b.owned_by or 'none'}",
                                      after=(("column", b.owned_by),) if b.owned_by else ()))
                steps += _comment("sequence", q, a.comment, b.comment)
                self.add("sequence", "changed", q, "; ".join(details), steps)

    # Tables and columns ----------------------------------------------------------------------

    def tables(self) -> None:
        fields = ("rls_enabled", "rls_forced", "persistence", "options", "partition_key", "partition_of",
                  "partition_bound", "inherits", "comment")
        for q, a, b in _pairs(self.a.catalog["tables"], self.b.catalog["tables"], lambda r: r.qualified):
            if a is None:
                self.add("table", "missing", q, steps=self.create_table(b))
            elif b is None:
                self.add("table", "extra", q, "drops the table and its data",
                         [Step(DROP_TABLE, f"drop table {q}", drops=self._parts(self.a, a))], destructive=True)
            elif details := _fields(a, b, fields):
                steps, destructive = self._alter_table(a, b)
                self.add("table", "changed", q, "; ".join(details), steps, destructive)

    def _parts(self, side: Side, t) -> tuple[Key, ...]:
        """The keys a table's drop takes with it: the table, its columns, constraints, indexes,
        triggers and policies."""
        q = t.qualified
        keys = [("relation", q)] + [("column", f"{q}.{c.quoted}") for c in side.columns[q]]
        for kind, rows in (("constraint", "constraints"), ("trigger", "triggers"), ("policy", "policies")):
            keys += [(kind, on(r.name, r.schema, r.table_name)) for r in side.catalog.of_table(rows, t.name, t.schema)]
        keys += [("index", i.qualified) for i in side.catalog.of_table("indexes", t.name, t.schema)]
        return tuple(keys)

    def create_table(self, t) -> list[Step]:
        q = t.qualified
        columns = [c for c in self.b.columns[q] if not c.inherited]
        keys = (("relation", q),) + tuple(("column", f"{q}.{c.quoted}") for c in self.b.columns[q])
        unlogged = "unlogged " if t.persistence == "u" else ""
        if t.partition_of:
            text = f"create {unlogged}table {q} partition of {t.partition_of} {t.partition_bound}"
        else:
            body = ",\n    ".join(column_sql(c) for c in columns)
            text = f"create {unlogged}table {q} (\n    {body}\n)" if columns else f"create {unlogged}table {q} ()"
            if t.inherits:
                text += f" inherits ({', '.join(t.inherits)})"
        if t.partition_key:
            text += f" partition by {t.partition_key}"
        if t.options:
            text += f" with ({', '.join(t.options)})"
        steps = [Step(CREATE_TABLE, text, creates=keys)]
        steps += _rls_steps(q, None, t)
        steps += _comment("table", q, None, t.comment, keys[0])
        for c in self.b.columns[q]:
            steps += _comment("column", f"{q}.{c.quoted}", None, c.comment, keys[0])
        steps += _grant_steps(self.b, q, "table", [], self.b.grants[q], keys[0], fresh=self.a.fresh("r", t.schema))
        return steps

    def _alter_table(self, a, b) -> tuple[list[Step], bool]:
        q = b.qualified
        key = ("relation", q)
        if a.partition_key != b.partition_key or (a.partition_of is None) != (b.partition_of is None):
            return [Step(DROP_TABLE, f"drop table {q}", drops=self._parts(self.a, a)), *self.create_table(b)], True
        steps = _rls_steps(q, a, b)
        if a.persistence != b.persistence:
            steps.append(Step(ALTER_TABLE, f"alter table {q} set {'unlogged' if b.persistence == 'u' else 'logged'}",
                              creates=(key,)))
        if a.options != b.options:
            gone = sorted({o.split("=")[0] for o in a.options} - {o.split("=")[0] for o in b.options})
            if gone:
                steps.append(Step(ALTER_TABLE, f"alter table {q} reset ({', '.join(gone)})"))
            if b.options:
                steps.append(Step(ALTER_TABLE, f"alter table {q} set ({', '.join(b.options)})"))
        if (a.partition_of, a.partition_bound) != (b.partition_of, b.partition_bound):
            steps.append(Step(DROP_TABLE, f"alter table {a.partition_of} detach partition {q}"))
            steps.append(Step(ALTER_TABLE, f"alter table {b.partition_of} attach partition {q} {b.partition_bound}",
                              after=(("relation", b.partition_of),)))
        for parent in a.inherits:
            if parent not in b.inherits:
                steps.append(Step(ALTER_TABLE, f"alter table {q} no inherit {parent}"))
        for parent in b.inherits:
            if parent not in a.inherits:
                steps.append(Step(ALTER_TABLE, f"alter table {q} inherit {parent}", after=(("relation", parent),)))
        steps += _comment("table", q, a.comment, b.comment)
        return steps, False

    def columns(self) -> None:
        fields = ("type", "collation", "not_null", "default_value", "identity", "generated", "comment")
        for q in sorted(set(self.a.tables) & set(self.b.tables)):
            ta, tb = self.a.tables[q], self.b.tables[q]
            if (ta.partition_of is None) != (tb.partition_of is None) or ta.partition_key != tb.partition_key:
                continue  # the table is recreated
            for name, a, b in _pairs(self.a.columns[q], self.b.columns[q], lambda c: c.name):
                label = f"{q}.{(a or b).quoted}"
                key = ("column", label)
                if a is None:
                    if not b.inherited:
                        steps = [Step(ALTER_TABLE, f"alter table {q} add column {column_sql(b)}", creates=(key,))]
                        steps += _comment("column", label, None, b.comment)
                        self.add("column", "missing", label, steps=steps)
                elif b is None:
                    if not a.inherited:
                        self.add("column", "extra", label, *self._drop_column(q, a))
                elif b.inherited:
                    continue  # the parent's column: changed there
                elif a.inherited and not self._made_local(q, a):
                    continue
                elif details := _fields(a, b, fields):
                    steps, destructive = _alter_column(q, a, b, self.enums)
                    steps += _comment("column", label, a.comment, b.comment)
                    self.add("column", "changed", label, "; ".join(details), steps, destructive)

    def _children(self, q: str) -> list[str]:
        """The tables that inherit from q in the first database (partitions left out)."""
        return sorted(t.qualified for t in self.a.tables.values() if q in t.inherits)

    def _inherited_by(self, q: str, name: str) -> list[tuple[str, bool]]:
        """The children of q whose column `name` comes only from q, each with whether the second
        database keeps that column (as the child's own)."""
        found = []
        for child in self._children(q):
            column = next((c for c in self.a.columns[child] if c.name == name), None)
            if column is not None and column.inherited and child in self.b.tables:
                found.append((child, any(c.name == name for c in self.b.columns[child])))
        return found

    def _made_local(self, q: str, column) -> bool:
        """Whether an inherited column becomes the table's own: its parent drops it (alter table only) or
        the table stops inheriting."""
        table_a, table_b = self.a.tables[q], self.b.tables[q]
        for parent in table_a.inherits:
            if parent not in table_b.inherits:
                return True
            if any(c.name == column.name for c in self.a.columns[parent]) and not any(
                    c.name == column.name and not c.inherited for c in self.b.columns.get(parent, [])):
                return True
        return False

    def _drop_column(self, q: str, a) -> tuple[str, list[Step], bool]:
        """A column dropped from a table. Children that inherit it and keep it in the second database
        keep it as their own (alter table only), so their rows keep its values; children that lose it
        lose it explicitly, after the parent."""
        children = self._inherited_by(q, a.name)
        steps = [Step(DROP_COLUMN, f"alter table {q} drop column {a.quoted}", drops=(("column", f"{q}.{a.quoted}"),))]
        if not any(kept for _, kept in children):
            lost = [child for child, _ in children]
            detail = "drops the column and its data" + (f" (and in {', '.join(lost)})" if lost else "")
            return detail, steps, True
        steps[0].sql = f"alter table only {q} drop column {a.quoted}"
        for child, kept in children:
            if not kept:
                steps.append(Step(DROP_COLUMN, f"alter table {child} drop column {a.quoted}",
                                  drops=(("column", f"{child}.{a.quoted}"),)))
        kept = ", ".join(child for child, kept in children if kept)
        return f"drops the column and its data; {kept} keeps it as its own", steps, True

    # Constraints and indexes -------------------------------------------------------------------

    def constraints(self) -> None:
        def rows(side):
            return [c for c in side.catalog["constraints"] if not c.inherited]

        for (schema, table, name), a, b in _pairs(rows(self.a), rows(self.b),
                                                   lambda c: (c.schema, c.table_name, c.name)):
            q = qualified(schema, table)
            key = ("constraint", on(name, schema, table))
            label = key[1]
            kind = "foreign key" if (a or b).type == "f" else "constraint"
            if a is None:
                self.add(kind, "missing", label, steps=create_constraint(b))
            elif b is None:
                if q in self.b.tables:
                    self.add(kind, "extra", label, steps=[drop_constraint(a)])
            elif a.definition != b.definition or a.type != b.type:
                self.add(kind, "changed", label, f"{a.definition} -> {b.definition}",
                         [drop_constraint(a), *create_constraint(b)])
            elif a.comment != b.comment:
                self.add(kind, "changed", label, "comment",
                         _comment(f"constraint {ident(name)} on", q, a.comment, b.comment))

    def indexes(self) -> None:
        def rows(side):
            return [i for i in side.catalog["indexes"] if not i.backs_constraint and not i.inherited]

        for q, a, b in _pairs(rows(self.a), rows(self.b), lambda i: i.qualified):
            key = ("index", q)
            if a is None:
                self.add("index", "missing", q, steps=create_index(b, self.b))
            elif b is None:
                table = qualified(a.schema, a.table_name)
                if table in self.b.tables or table in self.b.views:
                    self.add("index", "extra", q, steps=[Step(DROP_INDEX, f"drop index {q}", drops=(key,))])
            elif a.definition != b.definition:
                self.add("index", "changed", q, f"{a.definition} -> {b.definition}",
                         [Step(DROP_INDEX, f"drop index {q}", drops=(key,)), *create_index(b, self.b)])
            elif a.comment != b.comment:
                self.add("index", "changed", q, "comment", _comment("index", q, a.comment, b.comment))

    # Views, functions, triggers, policies ------------------------------------------------------

    def views(self) -> None:
        for q, a, b in _pairs(self.a.catalog["views"], self.b.catalog["views"], lambda v: v.qualified):
            kind = "materialized view" if (a or b).materialized else "view"
            if a is None:
                self.add(kind, "missing", q, steps=self.create_view(b))
            elif b is None:
                self.add(kind, "extra", q, steps=[drop_view(a, self.a)])
            elif details := _fields(a, b, ("materialized", "definition", "options")):
                self.add(kind, "changed", q, "; ".join(details), [drop_view(a, self.a), *self.create_view(b)])
            else:
                steps = _comment(kind, q, a.comment, b.comment)
                columns_a = {c.name: c.comment for c in self.a.columns[q]}
                for c in self.b.columns[q]:
                    steps += _comment("column", f"{q}.{c.quoted}", columns_a.get(c.name), c.comment)
                grants = _grant_steps(self.b, q, "table", self.a.grants[q], self.b.grants[q], owner=a.owner)
                if steps:
                    self.add(kind, "changed", q, "comment", steps)
                if grants:
                    self.add("privileges", "changed", q, _grant_detail(grants), grants)

    def create_view(self, v) -> list[Step]:
        q = v.qualified
        key = ("relation", q)
        options = f" with ({', '.join(v.options)})" if v.options else ""
        word = "materialized view" if v.materialized else "view"
        keys = (key,) + tuple(("column", f"{q}.{c.quoted}") for c in self.b.columns[q])
        steps = [Step(CREATE_VIEW, f"create {word} {q}{options} as\n{v.definition.rstrip().rstrip(';')}", creates=keys)]
        steps += _comment(word, q, None, v.comment, key)
        for c in self.b.columns[q]:
            steps += _comment("column", f"{q}.{c.quoted}", None, c.comment, key)
        steps += _grant_steps(self.b, q, "table", [], self.b.grants[q], key, fresh=self.a.fresh("r", v.schema))
        return steps

    def functions(self) -> None:
        for identity, a, b in _pairs(self.a.catalog["functions"], self.b.catalog["functions"], lambda f: f.identity):
            kind = "procedure" if (a or b).kind == "p" else "function"
            if a is None:
                self.add(kind, "missing", identity, steps=self.create_function(b))
            elif b is None:
                self.add(kind, "extra", identity, steps=[drop_function(a)])
            else:
                details, steps = [], []
                if a.definition != b.definition:
                    details += _fields(a, b, FUNCTION_FIELDS + ("arguments_declared",)) or ["definition"]
                    if (a.result, a.kind, a.arguments_declared) != (b.result, b.kind, b.arguments_declared):
                        steps += [drop_function(a), *self.create_function(b)]
                    else:
                        steps.append(Step(CREATE_FUNCTION, b.definition.strip(), creates=(("function", identity),)))
                if not any(s.phase == DROP_FUNCTION for s in steps):
                    if a.comment != b.comment:
                        details.append("comment")
                        steps += _comment(kind, identity, a.comment, b.comment)
                    if a.privileges != b.privileges:
                        details.append(f"privileges: {a.privileges} -> {b.privileges}")
                        steps += _acl_steps(f"{kind} {identity}", a.privileges, b.privileges)
                if steps:
                    self.add(kind, "changed", identity, "; ".join(details), steps)

    def create_function(self, f) -> list[Step]:
        kind = "procedure" if f.kind == "p" else "function"
        key = ("function", f.identity)
        steps = [Step(CREATE_FUNCTION, f.definition.strip(), creates=(key,))]
        steps += _comment(kind, f.identity, None, f.comment, key)
        fresh = [f"{g}=EXECUTE" for g in sorted(self.a.default_grantees("f", f.schema))]
        steps += _acl_steps(f"{kind} {f.identity}", fresh, f.privileges, key)
        return steps

    def triggers(self) -> None:
        rows_a = [t for t in self.a.catalog["triggers"] if not t.inherited]
        rows_b = [t for t in self.b.catalog["triggers"] if not t.inherited]
        for (schema, table, name), a, b in _pairs(rows_a, rows_b, lambda t: (t.schema, t.table_name, t.name)):
            label = on(name, schema, table)
            if a is None:
                self.add("trigger", "missing", label, steps=create_trigger(b))
            elif b is None:
                if self._kept(schema, table):
                    self.add("trigger", "extra", label, steps=[drop_trigger(a)])
            elif a.definition != b.definition:
                self.add("trigger", "changed", label, f"{a.definition} -> {b.definition}",
                         [drop_trigger(a), *create_trigger(b)])
            elif a.enabled != b.enabled or a.comment != b.comment:
                steps = [Step(CREATE_TRIGGER, _trigger_state(b))] if a.enabled != b.enabled else []
                steps += _comment(f"trigger {ident(name)} on", qualified(schema, table), a.comment, b.comment)
                self.add("trigger", "changed", label, "; ".join(_fields(a, b, ("enabled", "comment"))), steps)

    def _kept(self, schema: str, table: str) -> bool:
        """Whether a trigger's or policy's relation stays (else its drop takes them), or lives in a
        platform schema that is not compared (storage.objects, auth.users)."""
        q = qualified(schema, table)
        return q in self.b.tables or q in self.b.views or schema not in self._compared()

    def _compared(self) -> set[str]:
        return {s.name for s in self.b.catalog["schemas"]}

    def policies(self) -> None:
        fields = ("command", "permissive", "roles", "using_expression", "check_expression")
        for (schema, table, name), a, b in _pairs(self.a.catalog["policies"], self.b.catalog["policies"],
                                                   lambda p: (p.schema, p.table_name, p.name)):
            label = on(name, schema, table)
            if a is None:
                self.add("policy", "missing", label, steps=create_policy(b))
            elif b is None:
                if self._kept(schema, table):
                    self.add("policy", "extra", label, steps=[drop_policy(a)])
            elif details := _fields(a, b, fields):
                self.add("policy", "changed", label, "; ".join(details), [drop_policy(a), *create_policy(b)])
            elif a.comment != b.comment:
                self.add("policy", "changed", label, "comment",
                         _comment(f"policy {ident(name)} on", qualified(schema, table), a.comment, b.comment))

    # Privileges ------------------------------------------------------------------------------------

    def grants(self) -> None:
        both = (set(self.a.tables) & set(self.b.tables)) | (set(self.a.sequences) & set(self.b.sequences))
        for q in sorted(both):
            kind = "sequence" if q in self.b.sequences else "table"
            owner = (self.a.sequences.get(q) or self.a.tables.get(q)).owner
            steps = _grant_steps(self.b, q, kind, self._surviving_grants(q), self.b.grants[q], owner=owner)
            if steps:
                self.add("privileges", "changed", q, _grant_detail(steps), steps)

    def _surviving_grants(self, q: str) -> list:
        """The first database's grants on q that outlive the script's column changes: a column that is
        dropped (or dropped and added again) takes its column grants with it, so they are not revoked."""
        kept = {c.name for c in self.b.columns[q]}
        recreated = {c.name for c in self.a.columns[q] if c.name in kept and any(
            s.phase == DROP_COLUMN for ch in self.changes if ch.kind == "column" and ch.name == f"{q}.{c.quoted}"
            for s in ch.steps)}
        return [g for g in self.a.grants[q] if g.column_name is None or (
            g.column_name in kept and g.column_name not in recreated)]

    def default_privileges(self) -> None:
        def entries(side: Side) -> dict[tuple, set[tuple]]:
            out: dict[tuple, set[tuple]] = defaultdict(set)
            for d in side.catalog["default_privileges"]:
                out[(d.role, d.schema, d.object_type)].add((d.grantee, d.privilege, d.grantable))
            return out

        a, b = entries(self.a), entries(self.b)
        for key in sorted(set(a) | set(b), key=str):
            owner, schema, object_type = key
            builtin = _builtin_defaults(owner, object_type, self.a.catalog.server_version)
            old = a.get(key, builtin if schema is None else set())
            new = b.get(key, builtin if schema is None else set())
            if old == new:
                continue
            if owner in PLATFORM_ROLES:
                self.notes.append(f"default privileges of {owner} left alone: the platform sets them")
                continue
            prefix = f"alter default privileges for role {owner}" + (f" in schema {ident(schema)}" if schema else "")
            objects = {"r": "tables", "S": "sequences", "f": "functions", "T": "types", "n": "schemas"}[object_type]
            steps = []
            for grantee, privilege, _ in sorted(old - new):
                steps.append(Step(DEFAULT_PRIVILEGES, f"{prefix} revoke {privilege.lower()} on {objects} "
                                                      f"from {role(grantee)}"))
            for grantee, privilege, grantable in sorted(new - old):
                option = " with grant option" if grantable else ""
                steps.append(Step(DEFAULT_PRIVILEGES, f"{prefix} grant {privilege.lower()} on {objects} "
                                                      f"to {role(grantee)}{option}"))
            label = f"{objects} of {owner}" + (f" in {schema}" if schema else "")
            self.add("default privileges", "changed", label, _grant_detail(steps), steps)

    # Platform rows: buckets and cron jobs ------------------------------------------------------------

    def buckets(self) -> None:
        fields = ("name", "public", "file_size_limit", "allowed_mime_types")
        if not (self.a.catalog.present("buckets") and self.b.catalog.present("buckets")):
            self.notes.append(f"buckets not compared: {self._why_not_read('buckets', 'storage.buckets')}")
            return
        for bucket, a, b in _pairs(self.a.catalog["buckets"], self.b.catalog["buckets"], lambda r: r.id):
            if a is None:
                self.add("bucket", "missing", bucket, steps=[Step(BUCKET, _insert_bucket(b))])
            elif b is None:
                self.add("bucket", "extra", bucket, "deletes the bucket row", [
                    Step(BUCKET, f"delete from storage.buckets where id = {literal(bucket)}")], destructive=True)
            elif details := _fields(a, b, fields):
                sets = [f"{f} = {_bucket_value(b, f)}" for f in fields if a[f] != b[f]]
                self.add("bucket", "changed", bucket, "; ".join(details), [
                    Step(BUCKET, f"update storage.buckets set {', '.join(sets)} where id = {literal(bucket)}")])

    def cron_jobs(self) -> None:
        if not (self.a.catalog.present("cron_jobs") and self.b.catalog.present("cron_jobs")):
            self.notes.append(f"cron jobs not compared: {self._why_not_read('cron_jobs', 'cron.job')}")
            return
        for name, a, b in _pairs(self.a.catalog["cron_jobs"], self.b.catalog["cron_jobs"], lambda j: j.name):
            if b is None:
                unschedule = Step(UNSCHEDULE, f"select cron.unschedule({literal(name)})")
                self.add("cron job", "extra", name, steps=[unschedule])
                continue
            schedule = Step(SCHEDULE, f"select cron.schedule({literal(name)}, {literal(b.schedule)}, "
                                      f"{literal(b.command)})")
            # cron.schedule by name keeps a job's active flag: alter_job sets it
            activate = Step(SCHEDULE, f"select cron.alter_job((select jobid from cron.job where jobname = "
                                      f"{literal(name)} and database = current_database()), "
                                      f"active := {str(b.active).lower()})")
            if a is None:
                self.add("cron job", "missing", name, steps=[schedule] + ([] if b.active else [activate]))
            elif details := _fields(a, b, ("schedule", "command", "active")):
                steps = [schedule] if (a.schedule, a.command) != (b.schedule, b.command) else []
                self.add("cron job", "changed", name, "; ".join(details),
                         steps + ([activate] if a.active != b.active else []))

    def _why_not_read(self, kind: str, table: str) -> str:
        for side, which in ((self.a, "first"), (self.b, "second")):
            if kind in side.catalog.unreadable:
                return f"the user of the {which} database may not read {table}"
        return f"{table} is absent on one side"

    # Recreating dependents ------------------------------------------------------------------------------

    def recreate_dependents(self) -> None:
        """Objects that depend (in the first database) on an object that is dropped and created again,
        and that do not change themselves, are dropped before and created again after."""
        steps = [s for c in self.changes for s in c.steps]
        dropped = {k for s in steps for k in s.drops}
        created = {k for s in steps for k in s.creates}
        retyped = {k for s in steps if s.phase == ALTER_TABLE and " type " in s.sql for k in s.drops}
        rebuilt = {k for s in steps if not s.in_place for k in s.drops}
        queue = sorted(dropped & created & rebuilt)
        seen = set(queue)
        while queue:
            key = queue.pop(0)
            for dependent in sorted(self.a.dependents.get(key, ())):
                if dependent in seen or dependent in dropped:
                    continue
                if key in retyped and dependent[0] not in ("relation", "policy", "trigger"):
                    continue  # the server rebuilds indexes and constraints over a retyped column
                recreated = self._recreate(dependent, key)
                if recreated is None:
                    continue
                self._superseded_by(recreated)
                self.changes.append(recreated)
                for k in (k for s in recreated.steps for k in s.drops):
                    if k not in seen:
                        seen.add(k)
                        dropped.add(k)
                        queue.append(k)

    def _superseded_by(self, recreated: Change) -> None:
        """An object recreated from the second database gets its comment, grants and state there; the
        statements that changed those in place (which would run between its drop and its creation) go.
        The changes stay in the report."""
        for change in self.changes:
            if change.name == recreated.name and change.action == "changed" and not any(
                    s.drops for s in change.steps):
                change.steps = []

    def _recreate(self, key: Key, cause: Key) -> Change | None:
        kind, identity = key
        why = f"{RECREATED}{cause[1]}"
        if kind == "relation" and identity in self.a.views and identity in self.b.views:
            v = self.b.views[identity]
            return Change("materialized view" if v.materialized else "view", "changed", identity, why,
                          [drop_view(self.a.views[identity], self.a), *self.create_view(v)])
        if kind == "function" and identity in self.a.functions and identity in self.b.functions:
            f = self.b.functions[identity]
            return Change("function", "changed", identity, why,
                          [drop_function(self.a.functions[identity]), *self.create_function(f)])
        finders = {"policy": ("policies", create_policy, drop_policy),
                   "trigger": ("triggers", create_trigger, drop_trigger),
                   "constraint": ("constraints", create_constraint, drop_constraint)}
        if kind in finders:
            rows, create, drop = finders[kind]
            a = next((r for r in self.a.catalog[rows] if on(r.name, r.schema, r.table_name) == identity), None)
            b = next((r for r in self.b.catalog[rows] if on(r.name, r.schema, r.table_name) == identity), None)
            if a and b:
                return Change(kind, "changed", identity, why, [drop(a), *create(b)])
        if kind == "index":
            a = next((i for i in self.a.catalog["indexes"] if i.qualified == identity), None)
            b = next((i for i in self.b.catalog["indexes"] if i.qualified == identity), None)
            if a and b:
                return Change("index", "changed", identity, why,
                              [Step(DROP_INDEX, f"drop index {identity}", drops=(key,)), *create_index(b, self.b)])
        if kind == "column":
            table, column = identity.rsplit(".", 1)
            b = next((c for c in self.b.columns.get(table, []) if c.quoted == column), None)
            if b and b.default_value is not None and not b.generated:
                return Change("column", "changed", identity, why, [
                    Step(DROP_DEFAULT, f"alter table {table} alter column {column} drop default", drops=(key,)),
                    Step(ALTER_TABLE, f"alter table {table} alter column {column} set default {b.default_value}",
                         creates=(key,))])
        return None

    def unmodelled(self) -> None:
        a = {(u.kind, u.schema, u.name) for u in self.a.catalog["unmodelled"]}
        b = {(u.kind, u.schema, u.name) for u in self.b.catalog["unmodelled"]}
        for kind, schema, name in sorted(a | b, key=str):
            where = "both databases" if (kind, schema, name) in a & b else (
                "the first database" if (kind, schema, name) in a else "the second database")
            label = f"{schema}.{name}" if schema else name
            self.add(kind, "unmodelled", label, f"in {where}; not modelled by schema_tool diff")


def compare(source: Catalog, target: Catalog) -> DiffReport:
    """What turns `source` into `target`."""
    return Differ(source, target).run()


# Builders -------------------------------------------------------------------------------------------------

def column_sql(c) -> str:
    text = f"{c.quoted} {c.type}"
    if c.collation:
        text += f" collate {c.collation}"
    if c.generated:
        text += f" generated always as ({c.default_value}) {'stored' if c.generated == 's' else 'virtual'}"
    elif c.default_value is not None:
        text += f" default {c.default_value}"
    if c.identity:
        text += f" generated {'always' if c.identity == 'a' else 'by default'} as identity"
    if c.not_null and not c.identity:
        text += " not null"
    return text


def _conversion(column: str, old_type: str, new_type: str, enums: set[str]) -> str:
    """The USING expression of a type change. An enum has casts to and from text only, so a column
    leaving an enum for another type passes through text (text[] for an array)."""
    if old_type.removesuffix("[]") in enums and old_type.removesuffix("[]") != new_type.removesuffix("[]"):
        through = "text[]" if old_type.endswith("[]") else "text"
        if new_type != through:
            return f"{column}::{through}::{new_type}"
    return f"{column}::{new_type}"


def _alter_column(q: str, a, b, enums: set[str] = frozenset()) -> tuple[list[Step], bool]:
    key = ("column", f"{q}.{b.quoted}")
    column = b.quoted
    if a.generated != b.generated or (a.generated and a.default_value != b.default_value):
        return [Step(DROP_COLUMN, f"alter table {q} drop column {column}", drops=(key,)),
                Step(ALTER_TABLE, f"alter table {q} add column {column_sql(b)}", creates=(key,))], True
    steps = []
    prefix = f"alter table {q} alter column {column}"

    def alter(text: str, in_place: bool = True) -> Step:
        return Step(ALTER_TABLE, text, creates=(key,), drops=(key,), in_place=in_place)

    if a.type != b.type or a.collation != b.collation:
        collate = f" collate {b.collation}" if b.collation else ""
        if a.default_value is not None and not a.identity:
            steps.append(alter(f"{prefix} drop default"))
        steps.append(alter(f"{prefix} type {b.type}{collate} using {_conversion(column, a.type, b.type, enums)}",
                           in_place=False))
        if b.default_value is not None and not b.identity:
            steps.append(alter(f"{prefix} set default {b.default_value}"))
    elif a.default_value != b.default_value and not b.identity and not a.identity:
        steps.append(alter(f"{prefix} drop default" if b.default_value is None
                           else f"{prefix} set default {b.default_value}"))
    if a.identity != b.identity:
        if not b.identity:
            steps.append(alter(f"{prefix} drop identity"))
        elif not a.identity:
            if a.default_value is not None:
                steps.append(alter(f"{prefix} drop default"))
            if not a.not_null:  # an identity column must be declared not null first
                steps.append(alter(f"{prefix} set not null"))
            steps.append(alter(f"{prefix} add generated {'always' if b.identity == 'a' else 'by default'} "
                               f"as identity"))
        else:
            steps.append(alter(f"{prefix} set generated {'always' if b.identity == 'a' else 'by default'}"))
        if not b.identity and b.default_value is not None:
            steps.append(alter(f"{prefix} set default {b.default_value}"))
    if a.not_null != b.not_null and not (b.identity and b.not_null):
        steps.append(alter(f"{prefix} {'set' if b.not_null else 'drop'} not null"))
    return steps, False


def _rls_steps(q: str, a, b) -> list[Step]:
    steps = []
    if (a.rls_enabled if a else False) != b.rls_enabled:
        steps.append(Step(SET_RLS, f"alter table {q} {'enable' if b.rls_enabled else 'disable'} row level security",
                          after=(("relation", q),)))
    if (a.rls_forced if a else False) != b.rls_forced:
        steps.append(Step(SET_RLS, f"alter table {q} {'force' if b.rls_forced else 'no force'} row level security",
                          after=(("relation", q),)))
    return steps


def create_collation(c) -> list[Step]:
    key = ("collation", c.qualified)
    provider = {"i": "icu", "c": "libc", "b": "builtin"}.get(c.provider, "libc")
    options = [f"provider = {provider}"]
    if provider == "libc":
        options += [f"lc_collate = {literal(c.lc_collate)}", f"lc_ctype = {literal(c.lc_ctype)}"]
    else:
        options.append(f"locale = {literal(c.locale)}")
    if not c.deterministic:
        options.append("deterministic = false")
    return [Step(CREATE_COLLATION, f"create collation {c.qualified} ({', '.join(options)})", creates=(key,)),
            *_comment("collation", c.qualified, None, c.comment, key)]


def _type_word(t) -> str:
    return "domain" if t.kind == "d" else "type"


def create_type(t) -> list[Step]:
    key = ("type", t.qualified)
    if t.kind == "e":
        text = f"create type {t.qualified} as enum ({', '.join(literal(v) for v in t.labels)})"
        phase = CREATE_ENUM
    elif t.kind == "d":
        text = f"create domain {t.qualified} as {t.base_type}"
        if t.collation:
            text += f" collate {t.collation}"
        if t.default_value is not None:
            text += f" default {t.default_value}"
        if t.not_null:
            text += " not null"
        for check in t.checks:
            text += f" {check}"
        phase = CREATE_TYPE
    else:
        text = f"create type {t.qualified} as ({', '.join(t.attributes)})"
        phase = CREATE_TYPE
    return [Step(phase, text, creates=(key,)), *_comment(_type_word(t), t.qualified, None, t.comment, key)]


def _alter_type(a, b) -> tuple[list[Step], list[str], bool]:
    q = b.qualified
    key = ("type", q)
    steps, details = [], []
    if b.kind == "e" and a.labels != b.labels:
        details.append(f"labels: {a.labels} -> {b.labels}")
        if [v for v in b.labels if v in a.labels] == a.labels:
            for i, value in enumerate(b.labels):
                if value in a.labels:
                    continue
                later = next((v for v in b.labels[i + 1:] if v in a.labels), None)
                position = f" before {literal(later)}" if later else ""
                steps.append(Step(CREATE_ENUM, f"alter type {q} add value {literal(value)}{position}", creates=(key,)))
            return steps, details, False
        return ([Step(DROP_TYPE, f"drop type {q}", drops=(key,)), *create_type(b)], details, True)
    if b.kind == "d":
        if a.base_type != b.base_type or a.collation != b.collation:
            details += _fields(a, b, ("base_type", "collation"))
            return [Step(DROP_TYPE, f"drop domain {q}", drops=(key,)), *create_type(b)], details, True
        if a.default_value != b.default_value:
            details.append(f"default: {a.default_value} -> {b.default_value}")
            default = "drop default" if b.default_value is None else f"set default {b.default_value}"
            steps.append(Step(CREATE_TYPE, f"alter domain {q} {default}", creates=(key,), in_place=True))
        if a.not_null != b.not_null:
            details.append(f"not_null: {a.not_null} -> {b.not_null}")
            steps.append(Step(CREATE_TYPE, f"alter domain {q} {'set' if b.not_null else 'drop'} not null",
                              creates=(key,), in_place=True))
        for check in a.checks:
            if check not in b.checks:
                name = check.split(" ", 2)[1]
                steps.append(Step(DROP_TYPE - 1, f"alter domain {q} drop constraint {name}", drops=(key,),
                                  in_place=True))
        for check in b.checks:
            if check not in a.checks:
                steps.append(Step(CREATE_TYPE, f"alter domain {q} add {check}", creates=(key,), in_place=True))
        if a.checks != b.checks:
            details.append(f"checks: {a.checks} -> {b.checks}")
    if b.kind == "c" and a.attributes != b.attributes:
        details.append(f"attributes: {a.attributes} -> {b.attributes}")
        old = {x.split(" ", 1)[0]: x for x in a.attributes}
        new = {x.split(" ", 1)[0]: x for x in b.attributes}
        for name in old:
            if name not in new:
                steps.append(Step(CREATE_TYPE, f"alter type {q} drop attribute {name}", creates=(key,), drops=(key,)))
        for name, text in new.items():
            if name not in old:
                steps.append(Step(CREATE_TYPE, f"alter type {q} add attribute {text}", creates=(key,), in_place=True))
            elif old[name] != text:
                steps.append(Step(CREATE_TYPE, f"alter type {q} alter attribute {name} type {text.split(' ', 1)[1]}",
                                  creates=(key,), drops=(key,)))
    return steps, details, False


def create_sequence(s) -> list[Step]:
    key = ("relation", s.qualified)
    text = (f"create sequence {s.qualified} as {s.type} increment by {s.increment} minvalue {s.minimum} "
            f"maxvalue {s.maximum} start with {s.start} cache {s.cache}{' cycle' if s.cycle else ''}")
    steps = [Step(CREATE_SEQUENCE, text, creates=(key,))]
    if s.owned_by:
        steps.append(Step(OWN_SEQUENCE, f"alter sequence {s.qualified} owned by {s.owned_by}",
                          after=(("column", s.owned_by), key)))
    steps += _comment("sequence", s.qualified, None, s.comment, key)
    return steps


def _sequence_options(a, b) -> str:
    parts = []
    if a.type != b.type:
        parts.append(f"as {b.type}")
    for name, word in (("increment", "increment by"), ("minimum", "minvalue"), ("maximum", "maxvalue"),
                       ("start", "start with"), ("cache", "cache")):
        if a[name] != b[name]:
            parts.append(f"{word} {b[name]}")
    if a.cycle != b.cycle:
        parts.append("cycle" if b.cycle else "no cycle")
    if b.minimum > a.minimum or b.maximum < a.maximum:
        parts.append(f"restart with {b.start}")  # the current value may fall outside the new bounds
    return " ".join(parts)


def create_constraint(c) -> list[Step]:
    q = qualified(c.schema, c.table_name)
    key = ("constraint", on(c.name, c.schema, c.table_name))
    phase = ADD_FOREIGN_KEY if c.type == "f" else ADD_CONSTRAINT
    steps = [Step(phase, f"alter table {q} add constraint {ident(c.name)} {c.definition}", creates=(key,),
                  after=(("relation", q),))]
    steps += _comment(f"constraint {ident(c.name)} on", q, None, c.comment, key)
    return steps


def drop_constraint(c) -> Step:
    q = qualified(c.schema, c.table_name)
    phase = DROP_FOREIGN_KEY if c.type == "f" else DROP_CONSTRAINT
    return Step(phase, f"alter table {q} drop constraint {ident(c.name)}",
                drops=(("constraint", on(c.name, c.schema, c.table_name)),))


def create_index(i, side: Side) -> list[Step]:
    key = ("index", i.qualified)
    definition = i.definition
    table = side.tables.get(qualified(i.schema, i.table_name))
    if table is not None and table.kind == "p":
        definition = definition.replace(" ON ONLY ", " ON ", 1)  # cascade to the partitions
    steps = [Step(CREATE_INDEX, definition, creates=(key,), after=(("relation", qualified(i.schema, i.table_name)),))]
    steps += _comment("index", i.qualified, None, i.comment, key)
    return steps


def drop_view(v, side: Side) -> Step:
    word = "materialized view" if v.materialized else "view"
    columns = tuple(("column", f"{v.qualified}.{c.quoted}") for c in side.columns[v.qualified])
    keys = (("relation", v.qualified),) + columns
    return Step(DROP_VIEW, f"drop {word} {v.qualified}", drops=keys)


def drop_function(f) -> Step:
    return Step(DROP_FUNCTION, f"drop {'procedure' if f.kind == 'p' else 'function'} {f.identity}",
                drops=(("function", f.identity),))


def create_trigger(t) -> list[Step]:
    q = qualified(t.schema, t.table_name)
    key = ("trigger", on(t.name, t.schema, t.table_name))
    steps = [Step(CREATE_TRIGGER, t.definition, creates=(key,),
                  after=(("relation", q), ("function", t.function_identity)))]
    if t.enabled != "O":
        steps.append(Step(CREATE_TRIGGER, _trigger_state(t), after=(key,)))
    steps += _comment(f"trigger {ident(t.name)} on", q, None, t.comment, key)
    return steps


def drop_trigger(t) -> Step:
    return Step(DROP_TRIGGER, f"drop trigger {ident(t.name)} on {qualified(t.schema, t.table_name)}",
                drops=(("trigger", on(t.name, t.schema, t.table_name)),))


def _trigger_state(t) -> str:
    verb = {"O": "enable", "D": "disable", "R": "enable replica", "A": "enable always"}[t.enabled]
    return f"alter table {qualified(t.schema, t.table_name)} {verb} trigger {ident(t.name)}"


def create_policy(p) -> list[Step]:
    q = qualified(p.schema, p.table_name)
    key = ("policy", on(p.name, p.schema, p.table_name))
    text = (f"create policy {ident(p.name)} on {q} as {p.permissive.lower()} for {p.command.lower()} "
            f"to {', '.join(role(r) for r in p.roles)}")
    if p.using_expression:
        text += f" using ({p.using_expression})"
    if p.check_expression:
        text += f" with check ({p.check_expression})"
    steps = [Step(CREATE_POLICY, text, creates=(key,), after=(("relation", q),))]
    steps += _comment(f"policy {ident(p.name)} on", q, None, p.comment, key)
    return steps


def drop_policy(p) -> Step:
    return Step(DROP_POLICY, f"drop policy {ident(p.name)} on {qualified(p.schema, p.table_name)}",
                drops=(("policy", on(p.name, p.schema, p.table_name)),))


def _acl_steps(target: str, old: list[str], new: list[str], key: Key | None = None) -> list[Step]:
    """GRANT/REVOKE turning the grantee=PRIVILEGE list `old` into `new` on a schema or function."""
    have = {tuple(p.rsplit("=", 1)) for p in old}
    want = {tuple(p.rsplit("=", 1)) for p in new}
    after = (key,) if key else ()
    steps = []
    for privilege in sorted({p for _, p in have - want}):
        grantees = sorted(role(g) for g, p in have - want if p == privilege)
        steps.append(Step(GRANT, f"revoke {privilege.lower()} on {target} from {', '.join(grantees)}", after=after))
    for privilege in sorted({p for _, p in want - have}):
        grantees = sorted(role(g) for g, p in want - have if p == privilege)
        steps.append(Step(GRANT, f"grant {privilege.lower()} on {target} to {', '.join(grantees)}", after=after))
    return steps


def _grant_steps(side: Side, q: str, kind: str, old: list, new: list, key: Key | None = None,
                 fresh: Fresh | None = None, owner: str = "current_user") -> list[Step]:
    """GRANT/REVOKE on a table, view or sequence and its columns; `owner` names the grantee OWNER (the
    object's owner). `fresh`: the object is new and may have received default privileges: start by
    revoking everything from those grantees (from its owner too where a default privilege may have
    taken the owner's own away; else the owner starts with the built-in privileges)."""
    def grant_key(g):
        return (g.grantee, g.privilege, g.column_name, g.grantable)

    def name(grantee: str) -> str:
        return owner if grantee == OWNER else role(grantee)

    have, want = {grant_key(g) for g in old}, {grant_key(g) for g in new}
    after = (key,) if key else ()
    steps = []
    if fresh is not None:
        grantees = fresh.grantees | {g for g, _, _, _ in want if g != OWNER}
        if fresh.owner_reduced:
            grantees.add(OWNER)
        steps.append(Step(GRANT, f"revoke all on {kind} {q} from {', '.join(sorted(name(g) for g in grantees))}",
                          after=after))
        have = set() if fresh.owner_reduced else {(OWNER, p, None, False) for p in fresh.owner_builtin}
    # revoking a privilege on the table revokes it on every column too: the column grants to keep come back
    revoked = {(g, p) for g, p, column, _ in have - want if column is None}
    have -= {k for k in want if k[2] is not None and (k[0], k[1]) in revoked}
    for verb, pairs, word in (("revoke", have - want, "from"), ("grant", want - have, "to")):
        # table level: one statement per set of privileges; column level: one per privilege, with its
        # columns (in "grant insert, select (c)" the column list binds to select only)
        table_level: dict[tuple, set[str]] = defaultdict(set)
        column_level: dict[tuple, set[str]] = defaultdict(set)
        for grantee, privilege, column, grantable in pairs:
            grantable = grantable and verb == "grant"
            if column:
                column_level[(grantee, privilege.lower(), grantable)].add(column)
            else:
                table_level[(grantee, grantable)].add(privilege.lower())
        merged: dict[tuple, list[str]] = defaultdict(list)
        for (grantee, grantable), privileges in table_level.items():
            merged[(", ".join(sorted(privileges)), grantable)].append(grantee)
        for (grantee, privilege, grantable), columns in column_level.items():
            listed = ", ".join(ident(c) for c in sorted(columns))
            merged[(f"{privilege} ({listed})", grantable)].append(grantee)
        for (privileges, grantable), grantees in sorted(merged.items()):
            option = " with grant option" if grantable else ""
            steps.append(Step(GRANT, f"{verb} {privileges} on {kind} {q} {word} "
                                     f"{', '.join(sorted(name(g) for g in grantees))}{option}", after=after))
    return steps


def _grant_detail(steps: list[Step]) -> str:
    """The statements, shortened for people: "grant select to authenticated"."""
    shown = []
    for s in steps:
        text = re.sub(r"^alter default privileges for role \S+( in schema \S+)? ", "", s.sql)
        shown.append(re.sub(r" on (table|sequence|schema|function|procedure) \S+?(\(.*?\))?( (to|from) )", r"\3",
                            text))
    return "; ".join(shown)


def _without_maintain(found: Catalog) -> Catalog:
    rows = dict(found.rows)
    for kind in ("grants", "default_privileges"):
        if rows.get(kind) is not None:
            rows[kind] = [r for r in rows[kind] if r.privilege != "MAINTAIN"]
    return replace(found, rows=rows)


def _has_maintain(server_version: int) -> bool:
    """Whether the server knows the MAINTAIN table privilege (PostgreSQL 17 and later; 0: unknown)."""
    return server_version == 0 or server_version >= 170000


def _builtin_defaults(owner: str, object_type: str, server_version: int = 0) -> set[tuple]:
    """What PostgreSQL grants on a new object when pg_default_acl has no global entry for its owner."""
    table = ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER")
    everything = {"r": table + (("MAINTAIN",) if _has_maintain(server_version) else ()),
                  "S": ("USAGE", "SELECT", "UPDATE"), "f": ("EXECUTE",), "T": ("USAGE",), "n": ("USAGE", "CREATE")}
    out = {(owner, p, False) for p in everything[object_type]}
    if object_type == "f":
        out.add(("PUBLIC", "EXECUTE", False))
    if object_type == "T":
        out.add(("PUBLIC", "USAGE", False))
    return out


def _insert_bucket(b) -> str:
    return (f"insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types) values "
            f"({literal(b.id)}, {literal(b.name)}, {str(b.public).lower()}, {_bucket_value(b, 'file_size_limit')}, "
            f"{_bucket_value(b, 'allowed_mime_types')})")


def _bucket_value(b, name: str) -> str:
    value = b[name]
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return "array[" + ", ".join(literal(v) for v in value) + "]::text[]" if value else "'{}'::text[]"
    if isinstance(value, (int, float)):
        return str(value)
    return literal(value)

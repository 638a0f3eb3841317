"""Compare two catalogs: for every object kind, pair the rows of the first and the second, and decide
what the first is missing, has extra, or has changed, with the steps that turn the first into the second.

The statements come from build.py (objects) and grants.py (privileges); the
recreation of dependents around an object dropped and created again is
dependants.py; the wording of details is explain.py; what belongs to the
platform (left alone) is schema_tool.catalog.platform.
"""

from __future__ import annotations

from collections import defaultdict

from schema_tool.catalog import Catalog
from schema_tool.catalog.platform import PLATFORM_EXTENSIONS, PLATFORM_ROLES, SERVER_EXTENSIONS
from schema_tool.diff.build import (
    alter_column, alter_type, bucket_value, column_sql, comment, create_collation, create_constraint,
    create_function, create_index, create_policy, create_sequence, create_table, create_trigger, create_type,
    create_view, drop_constraint, drop_function, drop_policy, drop_trigger, drop_view, insert_bucket, rls_steps,
    sequence_options, trigger_state, type_word,
)
from schema_tool.diff.dependants import recreate_dependents
from schema_tool.diff.explain import SIDES, changed_fields, grant_detail, unmodelled_detail, why_not_read
from schema_tool.diff.grants import (
    OBJECT_TYPES, acl_steps, builtin_defaults, default_privilege_steps, grant_steps, has_maintain, without_maintain,
)
from schema_tool.diff.indexed import Side
from schema_tool.diff.model import Change, DiffReport
from schema_tool.diff.steps import (
    ALTER_TABLE, BUCKET, CREATE_EXTENSION, CREATE_FUNCTION, CREATE_SCHEMA, CREATE_TRIGGER, DROP_COLLATION, DROP_COLUMN,
    DROP_EXTENSION, DROP_FUNCTION, DROP_INDEX, DROP_SCHEMA, DROP_SEQUENCE, DROP_TABLE, DROP_TYPE, OWN_SEQUENCE,
    SCHEDULE, UNSCHEDULE, Key, Step,
)
from schema_tool.diff.text import ident, literal, on, qualified

FUNCTION_FIELDS = ("result", "language", "volatility", "security_definer", "strict", "leakproof", "parallel",
                   "config", "body")


def _pairs(a_rows, b_rows, key):
    """(key, row of the first or None, row of the second or None), for every key of either, in order."""
    a = {key(r): r for r in a_rows}
    b = {key(r): r for r in b_rows}
    for k in sorted(set(a) | set(b), key=str):
        yield k, a.get(k), b.get(k)


class Differ:
    def __init__(self, source: Catalog, target: Catalog, sides: tuple[str, str] = SIDES):
        if not has_maintain(source.server_version):
            target = without_maintain(target)  # the SQL runs on the first server, which has no MAINTAIN
        self.a, self.b = Side(source), Side(target)
        self.sides = sides
        self.enums = self.a.enums | self.b.enums
        self.changes: list[Change] = []
        self.notes: list[str] = []

    def run(self) -> DiffReport:
        for kind in (self.schemas, self.extensions, self.collations, self.types, self.sequences, self.tables,
                     self.columns, self.constraints, self.indexes, self.views, self.functions, self.triggers,
                     self.policies, self.grants, self.default_privileges, self.buckets, self.cron_jobs):
            kind()
        recreate_dependents(self.changes, self.a, self.b)
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
                steps += comment("schema", q, None, b.comment, key)
                steps += acl_steps(f"schema {q}", [], b.privileges, key)
                self.add("schema", "missing", name, steps=steps)
            elif b is None:
                self.add("schema", "extra", name, "dropped once empty",
                         [Step(DROP_SCHEMA, f"drop schema {q}", drops=(key,))])
            else:
                steps = comment("schema", q, a.comment, b.comment) + acl_steps(f"schema {q}", a.privileges,
                                                                                 b.privileges)
                if steps:
                    self.add("schema", "changed", name, "; ".join(changed_fields(a, b, ("comment", "privileges"))), steps)

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
                self.add("extension", "changed", name, "; ".join(changed_fields(a, b, ("version", "schema"))), steps)

    def collations(self) -> None:
        fields = ("provider", "deterministic", "locale", "lc_collate", "lc_ctype")
        for q, a, b in _pairs(self.a.catalog["collations"], self.b.catalog["collations"], lambda r: r.qualified):
            key = ("collation", q)
            drop = Step(DROP_COLLATION, f"drop collation {q}", drops=(key,))
            if a is None:
                self.add("collation", "missing", q, steps=create_collation(b))
            elif b is None:
                self.add("collation", "extra", q, steps=[drop])
            elif details := changed_fields(a, b, fields):
                self.add("collation", "changed", q, "; ".join(details), [drop, *create_collation(b)])
            elif a.comment != b.comment:
                self.add("collation", "changed", q, "comment", comment("collation", q, a.comment, b.comment))

    # Types and sequences -------------------------------------------------------------------

    def types(self) -> None:
        for q, a, b in _pairs(self.a.catalog["types"], self.b.catalog["types"], lambda r: r.qualified):
            key = ("type", q)
            label = {"e": "enum", "d": "domain", "c": "composite type"}[(a or b).kind]
            if a is None:
                self.add(label, "missing", q, steps=create_type(b))
            elif b is None:
                self.add(label, "extra", q, steps=[Step(DROP_TYPE, f"drop {type_word(a)} {q}", drops=(key,))])
            elif a.kind != b.kind:
                self.add(label, "changed", q, f"kind: {a.kind} -> {b.kind}",
                         [Step(DROP_TYPE, f"drop {type_word(a)} {q}", drops=(key,)), *create_type(b)],
                         destructive=True)
            else:
                steps, details, destructive = alter_type(a, b)
                if destructive:
                    steps, destructive = self._recreate_type(a, b), False
                steps += comment(type_word(b), q, a.comment, b.comment)
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
        steps = [Step(DROP_TYPE, f"drop {type_word(a)} {q}", drops=(key,)), *create_type(b)]
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
                steps = create_sequence(b) + grant_steps(q, "sequence", [], self.b.grants[q], key,
                                                          fresh=self.a.fresh("S", b.schema))
                self.add("sequence", "missing", q, steps=steps)
            elif b is None:
                # a sequence owned by a column goes with its table or column: "if exists"
                exists = " if exists" if a.owned_by else ""
                self.add("sequence", "extra", q, steps=[Step(DROP_SEQUENCE, f"drop sequence{exists} {q}",
                                                             drops=(key,))])
            else:
                details = changed_fields(a, b, fields + ("owned_by", "comment"))
                if not details:
                    continue
                steps = []
                options = sequence_options(a, b)
                if options:
                    steps.append(Step(ALTER_TABLE, f"alter sequence {q} {options}", creates=(key,)))
                if a.owned_by != b.owned_by:
                    steps.append(Step(OWN_SEQUENCE, f"alter sequence {q} owned by {b.owned_by or 'none'}",
                                      after=(("column", b.owned_by),) if b.owned_by else ()))
                steps += comment("sequence", q, a.comment, b.comment)
                self.add("sequence", "changed", q, "; ".join(details), steps)

    # Tables and columns ----------------------------------------------------------------------

    def tables(self) -> None:
        fields = ("rls_enabled", "rls_forced", "persistence", "options", "partition_key", "partition_of",
                  "partition_bound", "inherits", "comment")
        for q, a, b in _pairs(self.a.catalog["tables"], self.b.catalog["tables"], lambda r: r.qualified):
            if a is None:
                self.add("table", "missing", q, steps=create_table(b, self.a, self.b))
            elif b is None:
                self.add("table", "extra", q, "drops the table and its data",
                         [Step(DROP_TABLE, f"drop table {q}", drops=self._parts(self.a, a))], destructive=True)
            elif details := changed_fields(a, b, fields):
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

    def _alter_table(self, a, b) -> tuple[list[Step], bool]:
        q = b.qualified
        key = ("relation", q)
        if a.partition_key != b.partition_key or (a.partition_of is None) != (b.partition_of is None):
            drop = Step(DROP_TABLE, f"drop table {q}", drops=self._parts(self.a, a))
            return [drop, *create_table(b, self.a, self.b)], True
        steps = rls_steps(q, a, b)
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
        steps += comment("table", q, a.comment, b.comment)
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
                        steps += comment("column", label, None, b.comment)
                        self.add("column", "missing", label, steps=steps)
                elif b is None:
                    if not a.inherited:
                        self.add("column", "extra", label, *self._drop_column(q, a))
                elif b.inherited:
                    continue  # the parent's column: changed there
                elif a.inherited and not self._made_local(q, a):
                    continue
                elif details := changed_fields(a, b, fields):
                    steps, destructive = alter_column(q, a, b, self.enums)
                    steps += comment("column", label, a.comment, b.comment)
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
                         comment(f"constraint {ident(name)} on", q, a.comment, b.comment))

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
                self.add("index", "changed", q, "comment", comment("index", q, a.comment, b.comment))

    # Views, functions, triggers, policies ------------------------------------------------------

    def views(self) -> None:
        for q, a, b in _pairs(self.a.catalog["views"], self.b.catalog["views"], lambda v: v.qualified):
            kind = "materialized view" if (a or b).materialized else "view"
            if a is None:
                self.add(kind, "missing", q, steps=create_view(b, self.a, self.b))
            elif b is None:
                self.add(kind, "extra", q, steps=[drop_view(a, self.a)])
            elif details := changed_fields(a, b, ("materialized", "definition", "options")):
                self.add(kind, "changed", q, "; ".join(details),
                         [drop_view(a, self.a), *create_view(b, self.a, self.b)])
            else:
                steps = comment(kind, q, a.comment, b.comment)
                columns_a = {c.name: c.comment for c in self.a.columns[q]}
                for c in self.b.columns[q]:
                    steps += comment("column", f"{q}.{c.quoted}", columns_a.get(c.name), c.comment)
                grants = grant_steps(q, "table", self.a.grants[q], self.b.grants[q], owner=a.owner)
                if steps:
                    self.add(kind, "changed", q, "comment", steps)
                if grants:
                    self.add("privileges", "changed", q, grant_detail(grants), grants)

    def functions(self) -> None:
        for identity, a, b in _pairs(self.a.catalog["functions"], self.b.catalog["functions"], lambda f: f.identity):
            kind = "procedure" if (a or b).kind == "p" else "function"
            if a is None:
                self.add(kind, "missing", identity, steps=create_function(b, self.a))
            elif b is None:
                self.add(kind, "extra", identity, steps=[drop_function(a)])
            else:
                details, steps = [], []
                if a.definition != b.definition:
                    details += changed_fields(a, b, FUNCTION_FIELDS + ("arguments_declared",)) or ["definition"]
                    if (a.result, a.kind, a.arguments_declared) != (b.result, b.kind, b.arguments_declared):
                        steps += [drop_function(a), *create_function(b, self.a)]
                    else:
                        steps.append(Step(CREATE_FUNCTION, b.definition.strip(), creates=(("function", identity),)))
                if not any(s.phase == DROP_FUNCTION for s in steps):
                    if a.comment != b.comment:
                        details.append("comment")
                        steps += comment(kind, identity, a.comment, b.comment)
                    if a.privileges != b.privileges:
                        details.append(f"privileges: {a.privileges} -> {b.privileges}")
                        steps += acl_steps(f"{kind} {identity}", a.privileges, b.privileges)
                if steps:
                    self.add(kind, "changed", identity, "; ".join(details), steps)

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
                steps = [Step(CREATE_TRIGGER, trigger_state(b))] if a.enabled != b.enabled else []
                steps += comment(f"trigger {ident(name)} on", qualified(schema, table), a.comment, b.comment)
                self.add("trigger", "changed", label, "; ".join(changed_fields(a, b, ("enabled", "comment"))), steps)

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
            elif details := changed_fields(a, b, fields):
                self.add("policy", "changed", label, "; ".join(details), [drop_policy(a), *create_policy(b)])
            elif a.comment != b.comment:
                self.add("policy", "changed", label, "comment",
                         comment(f"policy {ident(name)} on", qualified(schema, table), a.comment, b.comment))

    # Privileges ------------------------------------------------------------------------------------

    def grants(self) -> None:
        both = (set(self.a.tables) & set(self.b.tables)) | (set(self.a.sequences) & set(self.b.sequences))
        dropped = {ch.name for ch in self.changes
                   if ch.kind == "column" and any(s.phase == DROP_COLUMN for s in ch.steps)}
        for q in sorted(both):
            kind = "sequence" if q in self.b.sequences else "table"
            owner = (self.a.sequences.get(q) or self.a.tables.get(q)).owner
            steps = grant_steps(q, kind, self._surviving_grants(q, dropped), self.b.grants[q], owner=owner)
            if steps:
                self.add("privileges", "changed", q, grant_detail(steps), steps)

    def _surviving_grants(self, q: str, dropped: set[str]) -> list:
        """The first database's grants on q that outlive the script's column changes: a column that is
        dropped (or dropped and added again) takes its column grants with it, so they are not revoked.
        dropped: the columns (schema.table.column) some change drops."""
        kept = {c.name for c in self.b.columns[q]}
        recreated = {c.name for c in self.a.columns[q] if c.name in kept and f"{q}.{c.quoted}" in dropped}
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
            builtin = builtin_defaults(owner, object_type, self.a.catalog.server_version)
            old = a.get(key, builtin if schema is None else set())
            new = b.get(key, builtin if schema is None else set())
            if old == new:
                continue
            if owner in PLATFORM_ROLES:
                self.notes.append(f"default privileges of {owner} left alone: the platform sets them")
                continue
            steps = default_privilege_steps(owner, schema, object_type, old, new)
            objects = OBJECT_TYPES[object_type]
            label = f"{objects} of {owner}" + (f" in {schema}" if schema else "")
            self.add("default privileges", "changed", label, grant_detail(steps), steps)

    # Platform rows: buckets and cron jobs ------------------------------------------------------------

    def buckets(self) -> None:
        fields = ("name", "public", "file_size_limit", "allowed_mime_types")
        if not (self.a.catalog.present("buckets") and self.b.catalog.present("buckets")):
            self.notes.append(f"buckets not compared: {self._why_not_read('buckets', 'storage.buckets')}")
            return
        for bucket, a, b in _pairs(self.a.catalog["buckets"], self.b.catalog["buckets"], lambda r: r.id):
            if a is None:
                self.add("bucket", "missing", bucket, steps=[Step(BUCKET, insert_bucket(b))])
            elif b is None:
                self.add("bucket", "extra", bucket, "deletes the bucket row", [
                    Step(BUCKET, f"delete from storage.buckets where id = {literal(bucket)}")], destructive=True)
            elif details := changed_fields(a, b, fields):
                sets = [f"{f} = {bucket_value(b, f)}" for f in fields if a[f] != b[f]]
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
            elif details := changed_fields(a, b, ("schedule", "command", "active")):
                steps = [schedule] if (a.schedule, a.command) != (b.schedule, b.command) else []
                self.add("cron job", "changed", name, "; ".join(details),
                         steps + ([activate] if a.active != b.active else []))

    def _why_not_read(self, kind: str, table: str) -> str:
        return why_not_read(self.a.catalog, self.b.catalog, kind, table, self.sides)

    def unmodelled(self) -> None:
        a = {(u.kind, u.schema, u.name) for u in self.a.catalog["unmodelled"]}
        b = {(u.kind, u.schema, u.name) for u in self.b.catalog["unmodelled"]}
        for kind, schema, name in sorted(a | b, key=str):
            label = f"{schema}.{name}" if schema else name
            self.add(kind, "unmodelled", label,
                     unmodelled_detail((kind, schema, name) in a, (kind, schema, name) in b, self.sides))


def compare(source: Catalog, target: Catalog, sides: tuple[str, str] = SIDES) -> DiffReport:
    """What turns `source` into `target`; `sides` names the two for people (the live database, the
    SQL files' schema)."""
    return Differ(source, target, sides).run()

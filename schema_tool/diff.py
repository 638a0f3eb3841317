"""`schema_tool diff`: compare two catalogs and generate the SQL that turns the first into the second.

`compare(source, target)` returns Changes: what the source is missing
(present in the target), what it has extra, and what differs, each with the
statements that reconcile it and a phase that orders them: drops of
dependents before what they depend on, creations after, function bodies
unchecked (as pg_dump does) so functions may precede the tables they read.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from schema_tool.catalog import Catalog
from schema_tool.sqlsplit import lower_keywords

PREAMBLE = "set check_function_bodies = off"
CRON_SCHEDULE = re.compile(r"cron\.schedule\(\s*'([^']+)'\s*,\s*'([^']+)'\s*,\s*(\$(\w*)\$(.*?)\$\4\$|'((?:[^']|'')*)')",
                           re.S | re.I)
API_ROLES = ("anon", "authenticated", "service_role")
ALL_TABLE_PRIVILEGES = {"select", "insert", "update", "delete", "truncate", "references", "trigger"}

# Phases: drops first (dependents before what they depend on), then creations.
DROP_CRON, DROP_POLICY, DROP_TRIGGER, DROP_VIEW, DROP_FUNCTION = 10, 11, 12, 13, 14
DROP_FOREIGN_KEY, DROP_CONSTRAINT, DROP_INDEX, DROP_COLUMN, DROP_TABLE = 15, 16, 17, 18, 19
CREATE_EXTENSION, CREATE_TABLE, ALTER_COLUMN, CREATE_FUNCTION = 20, 21, 22, 23
ADD_CONSTRAINT, ADD_FOREIGN_KEY, CREATE_INDEX, CREATE_VIEW, CREATE_TRIGGER = 24, 25, 26, 27, 28
SET_RLS, CREATE_POLICY, GRANT, COMMENT, BUCKET, SCHEDULE, DROP_EXTENSION = 29, 30, 31, 32, 33, 34, 35


@dataclass
class Change:
    kind: str
    action: str  # missing, extra, changed, unmodelled
    name: str
    detail: str = ""
    statements: list[tuple[int, str]] = field(default_factory=list)
    destructive: bool = False


@dataclass
class DiffReport:
    changes: list[Change]
    notes: list[str] = field(default_factory=list)

    @property
    def modelled(self) -> list[Change]:
        return [c for c in self.changes if c.action != "unmodelled"]

    def sql(self, *, allow_destructive: bool = False) -> tuple[list[str], list[Change]]:
        """The ordered statements, and the destructive changes left out (unless allowed)."""
        kept, left_out = [], []
        for change in self.modelled:
            if change.destructive and not allow_destructive:
                left_out.append(change)
            else:
                kept.append(change)
        ordered = sorted(((phase, n, text) for n, change in enumerate(kept)
                          for phase, text in change.statements), key=lambda s: (s[0], s[1]))
        statements = [text for _, _, text in ordered]
        return ([PREAMBLE] + statements if statements else []), left_out


def compare(source: Catalog, target: Catalog) -> DiffReport:
    changes: list[Change] = []
    ignore_cron_extension(source, target)
    changes += _extensions(source, target)
    changes += _tables(source, target)
    changes += _columns(source, target)
    changes += _constraints(source, target)
    changes += _indexes(source, target)
    changes += _functions(source, target)
    changes += _views(source, target)
    changes += _triggers(source, target)
    changes += _policies(source, target)
    changes += _grants(source, target)
    changes += _buckets(source, target)
    notes = []
    if source.rows.get("cron_jobs") is None or target.rows.get("cron_jobs") is None:
        notes.append("cron jobs not compared: pg_cron is absent on one side")
    else:
        changes += _cron_jobs(source, target)
    _recreate_views_over_altered_columns(changes, source, target)
    for side, catalog in (("first", source), ("second", target)):
        for item in catalog.rows.get("unmodelled", []):
            changes.append(Change(item["kind"], "unmodelled", item["name"],
                                  f"in the {side} database; not modelled by schema_tool diff"))
    return DiffReport(changes, notes)


# Helpers ---------------------------------------------------------------------

def _index(rows: list[dict], *key: str) -> dict[tuple, dict]:
    return {tuple(r[k] for k in key): r for r in rows}


def _q(name: str) -> str:
    """An identifier, quoted only where PostgreSQL needs it."""
    return name if re.fullmatch(r"[a-z_][a-z0-9_$]*", name) else '"' + name.replace('"', '""') + '"'


def _qualified(schema: str, name: str) -> str:
    return f"{_q(schema)}.{_q(name)}"


def _literal(text: str | None) -> str:
    return "null" if text is None else "'" + text.replace("'", "''") + "'"


def _role(name: str) -> str:
    return "public" if name == "PUBLIC" else _q(name)


def _differences(a: dict, b: dict, fields: tuple[str, ...]) -> list[str]:
    return [f"{f}: {a[f]!r} -> {b[f]!r}" for f in fields if a[f] != b[f]]


def _pairs(source: Catalog, target: Catalog, kind: str, *key: str):
    a, b = _index(source[kind], *key), _index(target[kind], *key)
    for k in sorted(set(a) | set(b), key=lambda k: tuple(str(x) for x in k)):
        yield k, a.get(k), b.get(k)


# Object kinds ------------------------------------------------------------------

def _extensions(source: Catalog, target: Catalog) -> list[Change]:
    out = []
    for (name,), a, b in _pairs(source, target, "extensions", "name"):
        if name == "plpgsql":
            continue
        if a is None:
            out.append(Change("extension", "missing", name, statements=[
                (CREATE_EXTENSION, f"create extension if not exists {_q(name)} with schema {_q(b['schema'])} "
                                   f"version {_literal(b['version'])}")]))
        elif b is None:
            out.append(Change("extension", "extra", name, destructive=True,
                              statements=[(DROP_EXTENSION, f"drop extension {_q(name)}")]))
        elif a["version"] != b["version"] or a["schema"] != b["schema"]:
            statements = []
            if a["version"] != b["version"]:
                statements.append((CREATE_EXTENSION, f"alter extension {_q(name)} update to {_literal(b['version'])}"))
            if a["schema"] != b["schema"]:
                statements.append((CREATE_EXTENSION, f"alter extension {_q(name)} set schema {_q(b['schema'])}"))
            out.append(Change("extension", "changed", name, "; ".join(_differences(a, b, ("version", "schema"))),
                              statements))
    return out


def _column_sql(c: dict) -> str:
    text = f"{_q(c['name'])} {c['type']}"
    if c["collation"]:
        text += f" collate {_q(c['collation'])}"
    if c["generated"] == "s":
        text += f" generated always as ({c['default_value']}) stored"
    elif c["default_value"] is not None:
        text += f" default {c['default_value']}"
    if c["identity"]:
        text += f" generated {'always' if c['identity'] == 'a' else 'by default'} as identity"
    if c["not_null"] and not c["identity"]:
        text += " not null"
    return text


def _tables(source: Catalog, target: Catalog) -> list[Change]:
    out = []
    for (schema, name), a, b in _pairs(source, target, "tables", "schema", "name"):
        qualified = _qualified(schema, name)
        if a is None:
            columns = [c for c in target.of_table("columns", name, schema)]
            unlogged = "unlogged " if b["persistence"] == "u" else ""
            body = ",\n    ".join(_column_sql(c) for c in columns)
            statements = [(CREATE_TABLE, f"create {unlogged}table {qualified} (\n    {body}\n)")]
            statements += _rls_statements(qualified, {"rls_enabled": False, "rls_forced": False}, b)
            statements += _comment_statements("table", qualified, None, b["comment"])
            for c in columns:
                statements += _comment_statements("column", f"{qualified}.{_q(c['name'])}", None, c["comment"])
            statements += _grant_statements(qualified, [], target.of_table("grants", name, schema), new_object=True)
            out.append(Change("table", "missing", qualified, statements=statements))
        elif b is None:
            out.append(Change("table", "extra", qualified, "drops the table and its data", destructive=True,
                              statements=[(DROP_TABLE, f"drop table {qualified}")]))
        else:
            details = _differences(a, b, ("rls_enabled", "rls_forced", "persistence", "comment"))
            if not details:
                continue
            statements = _rls_statements(qualified, a, b)
            if a["persistence"] != b["persistence"]:
                statements.append((ALTER_COLUMN, f"alter table {qualified} set "
                                                 f"{'unlogged' if b['persistence'] == 'u' else 'logged'}"))
            statements += _comment_statements("table", qualified, a["comment"], b["comment"])
            out.append(Change("table", "changed", qualified, "; ".join(details), statements))
    return out


def _rls_statements(qualified: str, a: dict, b: dict) -> list[tuple[int, str]]:
    out = []
    if a["rls_enabled"] != b["rls_enabled"]:
        out.append((SET_RLS, f"alter table {qualified} {'enable' if b['rls_enabled'] else 'disable'} row level security"))
    if a["rls_forced"] != b["rls_forced"]:
        out.append((SET_RLS, f"alter table {qualified} {'force' if b['rls_forced'] else 'no force'} row level security"))
    return out


def _comment_statements(kind: str, target: str, old: str | None, new: str | None) -> list[tuple[int, str]]:
    return [] if old == new else [(COMMENT, f"comment on {kind} {target} is {_literal(new)}")]


def _columns(source: Catalog, target: Catalog) -> list[Change]:
    both = set(_index(source["tables"], "schema", "name")) & set(_index(target["tables"], "schema", "name"))
    out = []
    for (schema, table, name), a, b in _pairs(source, target, "columns", "schema", "table_name", "name"):
        if (schema, table) not in both:
            continue
        qualified = _qualified(schema, table)
        label = f"{qualified}.{_q(name)}"
        if a is None:
            statements = [(ALTER_COLUMN, f"alter table {qualified} add column {_column_sql(b)}")]
            statements += _comment_statements("column", label, None, b["comment"])
            out.append(Change("column", "missing", label, statements=statements))
        elif b is None:
            out.append(Change("column", "extra", label, "drops the column and its data", destructive=True,
                              statements=[(DROP_COLUMN, f"alter table {qualified} drop column {_q(name)}")]))
        else:
            fields = ("type", "collation", "not_null", "default_value", "identity", "generated", "comment")
            details = _differences(a, b, fields)
            if not details:
                continue
            statements, destructive = _alter_column(qualified, a, b)
            statements += _comment_statements("column", label, a["comment"], b["comment"])
            out.append(Change("column", "changed", label, "; ".join(details), statements, destructive))
    return out


def _alter_column(qualified: str, a: dict, b: dict) -> tuple[list[tuple[int, str]], bool]:
    column = _q(b["name"])
    if a["generated"] != b["generated"] or (a["generated"] and a["default_value"] != b["default_value"]):
        # a generated expression cannot be altered in place before PostgreSQL 17
        return [(DROP_COLUMN, f"alter table {qualified} drop column {column}"),
                (ALTER_COLUMN, f"alter table {qualified} add column {_column_sql(b)}")], True
    statements = []
    prefix = f"alter table {qualified} alter column {column}"
    if a["type"] != b["type"] or a["collation"] != b["collation"]:
        collate = f" collate {_q(b['collation'])}" if b["collation"] else ""
        if a["default_value"] is not None:
            statements.append((ALTER_COLUMN, f"{prefix} drop default"))
        statements.append((ALTER_COLUMN, f"{prefix} type {b['type']}{collate} using {column}::{b['type']}"))
        if b["default_value"] is not None:
            statements.append((ALTER_COLUMN, f"{prefix} set default {b['default_value']}"))
    elif a["default_value"] != b["default_value"] and not b["identity"]:
        statements.append((ALTER_COLUMN, f"{prefix} drop default" if b["default_value"] is None
                           else f"{prefix} set default {b['default_value']}"))
    if a["identity"] != b["identity"]:
        if not b["identity"]:
            statements.append((ALTER_COLUMN, f"{prefix} drop identity"))
        elif not a["identity"]:
            statements.append((ALTER_COLUMN, f"{prefix} add generated {'always' if b['identity'] == 'a' else 'by default'} as identity"))
        else:
            statements.append((ALTER_COLUMN, f"{prefix} set generated {'always' if b['identity'] == 'a' else 'by default'}"))
    if a["not_null"] != b["not_null"] and not (b["identity"] and b["not_null"]):
        statements.append((ALTER_COLUMN, f"{prefix} {'set' if b['not_null'] else 'drop'} not null"))
    return statements, False


def _constraints(source: Catalog, target: Catalog) -> list[Change]:
    out = []
    target_tables = set(_index(target["tables"], "schema", "name"))
    for (schema, table, name), a, b in _pairs(source, target, "constraints", "schema", "table_name", "name"):
        qualified = _qualified(schema, table)
        label = f"{name} on {qualified}"
        drop_phase = DROP_FOREIGN_KEY if (a or b)["type"] == "f" else DROP_CONSTRAINT
        add_phase = ADD_FOREIGN_KEY if (b or a)["type"] == "f" else ADD_CONSTRAINT
        if a is None:
            out.append(Change("constraint", "missing", label, statements=[
                (add_phase, f"alter table {qualified} add constraint {_q(name)} {b['definition']}")]))
        elif b is None:
            if (schema, table) not in target_tables:
                continue  # goes with its table
            out.append(Change("constraint", "extra", label, statements=[
                (drop_phase, f"alter table {qualified} drop constraint {_q(name)}")]))
        elif a["definition"] != b["definition"] or a["type"] != b["type"]:
            out.append(Change("constraint", "changed", label, f"{a['definition']} -> {b['definition']}", [
                (drop_phase, f"alter table {qualified} drop constraint {_q(name)}"),
                (add_phase, f"alter table {qualified} add constraint {_q(name)} {b['definition']}")]))
    return out


def _indexes(source: Catalog, target: Catalog) -> list[Change]:
    out = []
    target_tables = set(_index(target["tables"], "schema", "name"))
    for (schema, table, name), a, b in _pairs(_without_constraint_indexes(source), _without_constraint_indexes(target),
                                              "indexes", "schema", "table_name", "name"):
        qualified = _qualified(schema, name)
        if a is None:
            out.append(Change("index", "missing", qualified, statements=[(CREATE_INDEX, b["definition"])]))
        elif b is None:
            if (schema, table) in target_tables:
                out.append(Change("index", "extra", qualified, statements=[(DROP_INDEX, f"drop index {qualified}")]))
        elif a["definition"] != b["definition"]:
            out.append(Change("index", "changed", qualified, f"{a['definition']} -> {b['definition']}",
                              [(DROP_INDEX, f"drop index {qualified}"), (CREATE_INDEX, b["definition"])]))
    return out


def _without_constraint_indexes(catalog: Catalog) -> Catalog:
    """Indexes that back a constraint come and go with it."""
    return Catalog({**catalog.rows, "indexes": [i for i in catalog["indexes"] if not i["backs_constraint"]]})


def _functions(source: Catalog, target: Catalog) -> list[Change]:
    out = []
    for (schema, name, arguments), a, b in _pairs(source, target, "functions", "schema", "name", "arguments"):
        signature = f"{_qualified(schema, name)}({arguments})"
        kind = "procedure" if (a or b)["kind"] == "p" else "function"
        if a is None:
            statements = [(CREATE_FUNCTION, b["definition"].strip())]
            statements += _comment_statements(kind, signature, None, b["comment"])
            statements += _execute_grants(kind, signature, None, b["privileges"])
            out.append(Change(kind, "missing", signature, statements=statements))
        elif b is None:
            out.append(Change(kind, "extra", signature, statements=[(DROP_FUNCTION, f"drop {kind} {signature}")]))
        else:
            details = []
            statements = []
            if a["definition"] != b["definition"]:
                details.append("definition")
                if a["result"] != b["result"] or a["kind"] != b["kind"]:
                    details.append(f"result: {a['result']} -> {b['result']}")
                    statements.append((DROP_FUNCTION, f"drop {kind} {signature}"))
                statements.append((CREATE_FUNCTION, b["definition"].strip()))
            if a["comment"] != b["comment"]:
                details.append("comment")
                statements += _comment_statements(kind, signature, a["comment"], b["comment"])
            if a["privileges"] != b["privileges"]:
                details.append(f"privileges: {a['privileges']} -> {b['privileges']}")
                statements += _execute_grants(kind, signature, a["privileges"], b["privileges"])
            elif any(s[0] == DROP_FUNCTION for s in statements):
                statements += _execute_grants(kind, signature, None, b["privileges"])
            if details:
                out.append(Change(kind, "changed", signature, "; ".join(details), statements))
    return out


def _execute_grants(kind: str, signature: str, old: list[str] | None, new: list[str]) -> list[tuple[int, str]]:
    """Grant/revoke so that the privileges become `new`; old None means a new function (defaults unknown)."""
    new_roles = {p.split("=")[0] for p in new if p.endswith("=EXECUTE")}
    if old is None:
        revoke = {"PUBLIC", *API_ROLES} - new_roles
        grant = new_roles
    else:
        old_roles = {p.split("=")[0] for p in old if p.endswith("=EXECUTE")}
        revoke, grant = old_roles - new_roles, new_roles - old_roles
    out = []
    if revoke:
        out.append((GRANT, f"revoke execute on {kind} {signature} from {', '.join(sorted(map(_role, revoke)))}"))
    if grant:
        out.append((GRANT, f"grant execute on {kind} {signature} to {', '.join(sorted(map(_role, grant)))}"))
    return out


def _views(source: Catalog, target: Catalog) -> list[Change]:
    out = []
    for (schema, name), a, b in _pairs(source, target, "views", "schema", "name"):
        qualified = _qualified(schema, name)
        if a is None:
            out.append(Change("view", "missing", qualified, statements=_create_view(qualified, b, target, new=True)))
        elif b is None:
            out.append(Change("view", "extra", qualified, statements=[(DROP_VIEW, f"drop view {qualified}")]))
        else:
            details = _differences(a, b, ("definition", "options", "comment"))
            if not details:
                continue
            if a["definition"] != b["definition"] or a["options"] != b["options"]:
                statements = [(DROP_VIEW, f"drop view {qualified}")] + _create_view(qualified, b, target, new=True)
            else:
                statements = _comment_statements("view", qualified, a["comment"], b["comment"])
            out.append(Change("view", "changed", qualified, "; ".join(d.split(":")[0] for d in details), statements))
    return out


def _create_view(qualified: str, view: dict, catalog: Catalog, *, new: bool) -> list[tuple[int, str]]:
    options = f" with ({', '.join(view['options'])})" if view["options"] else ""
    depth = _view_depth(view["name"], catalog)
    statements = [(CREATE_VIEW + depth / 100,
                   f"create view {qualified}{options} as\n{view['definition'].rstrip().rstrip(';')}")]
    statements += _comment_statements("view", qualified, None, view["comment"])
    if new:
        statements += _grant_statements(qualified, [], catalog.of_table("grants", view["name"], view["schema"]),
                                        new_object=True)
    return statements


def _view_depth(name: str, catalog: Catalog, seen: frozenset = frozenset()) -> int:
    views = {v["name"]: v for v in catalog["views"]}
    reads = [r for r in views[name]["reads"] if r in views and r not in seen] if name in views else []
    return 1 + max((_view_depth(r, catalog, seen | {name}) for r in reads), default=0)


def _recreate_views_over_altered_columns(changes: list[Change], source: Catalog, target: Catalog) -> None:
    """A column type cannot change under a view: drop the views that read the table, recreate them after."""
    altered = {c.name.rsplit(".", 1)[0] for c in changes
               if c.kind == "column" and c.action == "changed" and any("type" in s for _, s in c.statements)}
    if not altered:
        return
    handled = {c.name for c in changes if c.kind == "view"}
    source_views = {_qualified(v["schema"], v["name"]): v for v in source["views"]}
    target_views = {_qualified(v["schema"], v["name"]): v for v in target["views"]}
    for qualified, view in sorted(source_views.items()):
        reads = {_qualified(view["schema"], r) for r in view["reads"]}
        if reads & altered and qualified not in handled and qualified in target_views:
            changes.append(Change("view", "changed", qualified, "recreated around a column type change",
                                  [(DROP_VIEW, f"drop view {qualified}")] +
                                  _create_view(qualified, target_views[qualified], target, new=True)))


def _triggers(source: Catalog, target: Catalog) -> list[Change]:
    out = []
    for (schema, table, name), a, b in _pairs(source, target, "triggers", "schema", "table_name", "name"):
        qualified = _qualified(schema, table)
        label = f"{name} on {qualified}"
        if a is None or (a["definition"] != b["definition"] if b else False):
            statements = [(CREATE_TRIGGER, re.sub(r"^CREATE (CONSTRAINT )?TRIGGER", r"CREATE OR REPLACE \1TRIGGER",
                                                  b["definition"]))]
            if b["enabled"] != "O":
                statements.append((CREATE_TRIGGER, _trigger_state(qualified, name, b["enabled"])))
            out.append(Change("trigger", "missing" if a is None else "changed", label,
                              "" if a is None else "definition", statements))
        elif b is None:
            out.append(Change("trigger", "extra", label, statements=[(DROP_TRIGGER, f"drop trigger {_q(name)} on {qualified}")]))
        elif a["enabled"] != b["enabled"]:
            out.append(Change("trigger", "changed", label, f"enabled: {a['enabled']} -> {b['enabled']}",
                              [(CREATE_TRIGGER, _trigger_state(qualified, name, b["enabled"]))]))
    return out


def _trigger_state(qualified: str, name: str, enabled: str) -> str:
    verb = {"O": "enable", "D": "disable", "R": "enable replica", "A": "enable always"}[enabled]
    return f"alter table {qualified} {verb} trigger {_q(name)}"


def _policies(source: Catalog, target: Catalog) -> list[Change]:
    out = []
    fields = ("command", "permissive", "roles", "using_expression", "check_expression")
    for (schema, table, name), a, b in _pairs(source, target, "policies", "schema", "table_name", "name"):
        qualified = _qualified(schema, table)
        label = f"{name} on {qualified}"
        drop = (DROP_POLICY, f"drop policy {_q(name)} on {qualified}")
        if a is None:
            out.append(Change("policy", "missing", label, statements=[_create_policy(qualified, b)]))
        elif b is None:
            out.append(Change("policy", "extra", label, statements=[drop]))
        else:
            details = _differences(a, b, fields)
            if details:
                out.append(Change("policy", "changed", label, "; ".join(details), [drop, _create_policy(qualified, b)]))
    return out


def _create_policy(qualified: str, p: dict) -> tuple[int, str]:
    text = (f"create policy {_q(p['name'])} on {qualified} as {p['permissive'].lower()} for {p['command'].lower()} "
            f"to {', '.join(_role(r) if r != 'public' else 'public' for r in p['roles'])}")
    if p["using_expression"]:
        text += f" using ({p['using_expression']})"
    if p["check_expression"]:
        text += f" with check ({p['check_expression']})"
    return (CREATE_POLICY, text)


def _grants(source: Catalog, target: Catalog) -> list[Change]:
    both = set(_index(source["tables"], "schema", "name")) & set(_index(target["tables"], "schema", "name"))
    both |= set(_index(source["views"], "schema", "name")) & set(_index(target["views"], "schema", "name"))
    out = []
    grouped_a, grouped_b = defaultdict(list), defaultdict(list)
    for g in source["grants"]:
        grouped_a[(g["schema"], g["table_name"])].append(g)
    for g in target["grants"]:
        grouped_b[(g["schema"], g["table_name"])].append(g)
    for key in sorted(both):
        qualified = _qualified(*key)
        statements = _grant_statements(qualified, grouped_a[key], grouped_b[key], new_object=False)
        if statements:
            out.append(Change("privileges", "changed", qualified,
                              "; ".join(s.split(" on ")[0] + " " + s.rsplit(" ", 1)[-1] for _, s in statements),
                              statements))
    return out


def _grant_key(g: dict) -> tuple:
    return (g["grantee"], g["privilege"], g["column_name"])


def _grant_statements(qualified: str, old: list[dict], new: list[dict], *, new_object: bool) -> list[tuple[int, str]]:
    have, want = {_grant_key(g) for g in old}, {_grant_key(g) for g in new}
    statements = []
    if new_object:
        # a new object received the default privileges: start from none
        statements.append((GRANT, f"revoke all on {qualified} from {', '.join(['public', *API_ROLES])}"))
        have = set()
    for grantee, privilege, column in sorted(have - want, key=str):
        columns = f" ({_q(column)})" if column else ""
        statements.append((GRANT, f"revoke {privilege.lower()}{columns} on {qualified} from {_role(grantee)}"))
    for grantee, privilege, column in sorted(want - have, key=str):
        columns = f" ({_q(column)})" if column else ""
        statements.append((GRANT, f"grant {privilege.lower()}{columns} on {qualified} to {_role(grantee)}"))
    return statements


def _buckets(source: Catalog, target: Catalog) -> list[Change]:
    out = []
    for (bucket,), a, b in _pairs(source, target, "buckets", "id"):
        if a is None:
            out.append(Change("bucket", "missing", bucket, statements=[
                (BUCKET, f"insert into storage.buckets (id, name, public) values "
                         f"({_literal(bucket)}, {_literal(b['name'])}, {str(b['public']).lower()})")]))
        elif b is None:
            out.append(Change("bucket", "extra", bucket, "deletes the bucket row", destructive=True, statements=[
                (BUCKET, f"delete from storage.buckets where id = {_literal(bucket)}")]))
        elif (a["name"], a["public"]) != (b["name"], b["public"]):
            out.append(Change("bucket", "changed", bucket, "; ".join(_differences(a, b, ("name", "public"))), [
                (BUCKET, f"update storage.buckets set name = {_literal(b['name'])}, public = {str(b['public']).lower()} "
                         f"where id = {_literal(bucket)}")]))
    return out


def _cron_jobs(source: Catalog, target: Catalog) -> list[Change]:
    out = []
    for (name,), a, b in _pairs(source, target, "cron_jobs", "name"):
        schedule = (SCHEDULE, f"select cron.schedule({_literal(name)}, {_literal(b['schedule'])}, "
                              f"{_literal(b['command'])})") if b else None
        if a is None:
            out.append(Change("cron job", "missing", name, statements=[schedule]))
        elif b is None:
            out.append(Change("cron job", "extra", name, statements=[(DROP_CRON, f"select cron.unschedule({_literal(name)})")]))
        elif (a["schedule"], a["command"]) != (b["schedule"], b["command"]):
            out.append(Change("cron job", "changed", name, "; ".join(_differences(a, b, ("schedule", "command"))),
                              [schedule]))
    return out


def cron_jobs_of_files(project) -> list[dict]:
    """The jobs the cron layer's files schedule, for a side built where pg_cron is absent."""
    jobs = []
    for f in project.layer("cron"):
        for name, schedule, _, _, dollar_body, quoted_body in CRON_SCHEDULE.findall(f.text):
            command = dollar_body if dollar_body else quoted_body.replace("''", "'")
            jobs.append({"name": name, "schedule": schedule, "command": command, "active": True})
    return sorted(jobs, key=lambda j: j["name"])


# Sides -----------------------------------------------------------------------

def read_side(conn, project=None, *, built_from_files: bool = False) -> Catalog:
    """The catalog of one side. Where pg_cron is absent, a side built from the files expects the
    cron layer's jobs, and a live side's jobs are unknown (None: not compared)."""
    from schema_tool.catalog import read_all

    found = read_all(conn)
    has_cron = any(e["name"] == "pg_cron" for e in found["extensions"])
    if not has_cron:
        found.rows["cron_jobs"] = cron_jobs_of_files(project) if built_from_files and project else None
        found.rows["extensions"] = [e for e in found["extensions"] if e["name"] != "pg_cron"]
    return found


def ignore_cron_extension(source: Catalog, target: Catalog) -> None:
    """pg_cron lives in one database per server: a scratch database never has it, so its
    presence alone is not drift."""
    for catalog in (source, target):
        catalog.rows["extensions"] = [e for e in catalog["extensions"] if e["name"] != "pg_cron"]


@dataclass
class DiffRun:
    first: str  # what the first side is, for people
    second: str
    report: DiffReport
    source: Catalog
    target: Catalog


def run(project, *, database_url: str | None, from_url: str | None, to_url: str | None,
        scratch_server: str | None, reverse: bool = False) -> DiffRun:
    """Diff two databases, or the live one against the files' schema (reverse: files against live)."""
    from schema_tool import servers
    from schema_tool.scratch import scratch_database

    if from_url:
        with servers.connect(from_url) as a, servers.connect(to_url) as b:
            source, target = read_side(a), read_side(b)
        return DiffRun(servers.redact(from_url), servers.redact(to_url), compare(source, target), source, target)
    live_url = servers.resolve_url(database_url, project.root)
    with servers.connect(live_url) as live:
        live_side = read_side(live, project)
    with scratch_database(scratch_server or live_url, project) as url, servers.connect(url) as conn:
        files_side = read_side(conn, project, built_from_files=True)
    live_name, files_name = servers.redact(live_url), "the schema of the SQL files"
    if reverse:
        return DiffRun(files_name, live_name, compare(files_side, live_side), files_side, live_side)
    return DiffRun(live_name, files_name, compare(live_side, files_side), live_side, files_side)


# The developer workflow: capture the live database's changes as files --------

def write(project, name: str, result: DiffRun, *, allow_destructive: bool) -> list[str]:
    """Write the changes that turn the files' schema into the live one: repeatable objects into their
    own files (functions, views, triggers, policies, cron jobs), the rest as migration NAME."""
    from schema_tool.project import next_migration_path

    root = project.root
    report, live = result.report, result.target
    migration: list[Change] = []
    written: dict[str, str | None] = {}  # path -> new text (None: delete)
    policy_tables: set[tuple[str, str]] = set()
    for change in report.modelled:
        if change.destructive and not allow_destructive:
            continue
        if change.kind in ("function", "procedure"):
            _write_function(project, change, live, written, migration)
        elif change.kind == "view":
            _write_view(project, change, live, written, migration)
        elif change.kind == "trigger":
            _write_trigger(project, change, live, written, migration)
        elif change.kind == "cron job":
            _write_cron(project, change, live, written, migration)
        elif change.kind in ("policy", "privileges"):
            policy_tables.add(_table_of(change.name))
        elif change.kind == "table" and change.action == "changed" and "rls_" in change.detail:
            policy_tables.add(_table_of(change.name))
            migration.append(change)
        else:
            migration.append(change)
    for schema, table in sorted(policy_tables):
        if any(t["schema"] == schema and t["name"] == table for t in live["tables"]):
            path = "sql/policies/" + (table if schema == "public" else f"{schema}.{table}") + ".sql"
            written[path] = policies_file(path, schema, table, live)
    statements = DiffReport(migration).sql(allow_destructive=True)[0]
    statements = [s for s in statements if s != PREAMBLE]
    if statements:
        path = next_migration_path(root, name)
        rel = path.relative_to(root).as_posix()
        body = "\n\n".join(s.rstrip().rstrip(";") + ";" for s in statements)
        written[rel] = _house_style(f"-- {rel}\n-- {name.replace('_', ' ')}: captured from the live database by "
                                    f"schema_tool diff --write.\n\n{body}\n")
    for rel, text in sorted(written.items()):
        target = root / rel
        if text is None:
            target.unlink(missing_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    return sorted(written)


def _table_of(label: str) -> tuple[str, str]:
    qualified = label.rsplit(" on ", 1)[-1]
    schema, _, table = qualified.partition(".")
    return schema.strip('"'), table.strip('"')


def _house_style(text: str) -> str:
    """Lower-case keywords as the house style wants (the server prints them upper-case)."""
    return lower_keywords(text)


def _write_function(project, change: Change, live: Catalog, written: dict, migration: list[Change]) -> None:
    bare = change.name.split("(")[0].split(".")[-1]
    path = f"sql/functions/{bare}.sql"
    versions = [f for f in live["functions"] if f["name"] == bare and f["schema"] == "public"]
    if not versions:
        written[path] = None
        migration.append(change)
        return
    if change.action == "extra":
        migration.append(change)  # an overload went away; the file keeps the others
    parts = [f"-- {path}\n"]
    for f in versions:
        kind = "procedure" if f["kind"] == "p" else "function"
        signature = f"public.{_q(f['name'])}({f['arguments']})"
        parts.append(f["definition"].strip() + ";\n")
        if f["comment"]:
            parts.append(f"comment on {kind} {signature} is {_literal(f['comment'])};\n")
        parts += [s + ";\n" for _, s in _execute_grants(kind, signature, None, f["privileges"])]
    written[path] = _house_style("\n".join(parts))


def _write_view(project, change: Change, live: Catalog, written: dict, migration: list[Change]) -> None:
    bare = change.name.split(".")[-1].strip('"')
    path = f"sql/views/{bare}.sql"
    view = next((v for v in live["views"] if v["name"] == bare and v["schema"] == "public"), None)
    if view is None:
        written[path] = None
        migration.append(change)
        return
    options = f" with ({', '.join(view['options'])})" if view["options"] else ""
    text = (f"-- {path}\n\ncreate or replace view public.{_q(bare)}{options} as\n"
            f"{view['definition'].rstrip().rstrip(';')};\n")
    if view["comment"]:
        text += f"\ncomment on view public.{_q(bare)} is {_literal(view['comment'])};\n"
    written[path] = _house_style(text)


def _write_trigger(project, change: Change, live: Catalog, written: dict, migration: list[Change]) -> None:
    trigger, _, table_label = change.name.partition(" on ")
    schema, table = _table_of(table_label)
    found = _trigger_statement(project, written, trigger, f"{schema}.{table}")
    row = next((t for t in live["triggers"] if t["name"] == trigger and t["table_name"] == table
                and t["schema"] == schema), None)
    if row is None:
        migration.append(change)
        if found:
            path, text, start, end = found
            written[path] = text[:start] + text[end:].lstrip(";").lstrip("\n")
        return
    statement = _house_style(re.sub(r"^CREATE (CONSTRAINT )?TRIGGER", r"CREATE OR REPLACE \1TRIGGER",
                                    row["definition"]) + ";").strip().rstrip(";")
    if found:
        path, text, start, end = found
        written[path] = text[:start] + statement + text[end:]
    else:
        path = f"sql/triggers/{table}.sql"
        existing = written.get(path) or ((project.root / path).read_text(encoding="utf-8")
                                         if (project.root / path).is_file() else f"-- {path}\n")
        written[path] = existing.rstrip("\n") + f"\n\n{statement};\n"
    if row["enabled"] != "O":
        migration.append(Change("trigger", "changed", change.name, "enabled state",
                                [(CREATE_TRIGGER, _trigger_state(_qualified(schema, table), trigger, row["enabled"]))]))


def _trigger_statement(project, written: dict, trigger: str, table: str):
    """(path, text, start, end) of the statement creating `trigger` in a triggers file, if one does."""
    from schema_tool.sqlsplit import split

    pattern = re.compile(rf"trigger\s+{re.escape(trigger)}\b.*?\bon\s+{re.escape(table)}\b", re.I | re.S)
    for f in project.layer("triggers"):
        text = written.get(f.rel) or f.text
        for statement in split(text):
            if pattern.search(statement.text):
                return f.rel, text, statement.offset, statement.offset + len(statement.text)
    return None


def _write_cron(project, change: Change, live: Catalog, written: dict, migration: list[Change]) -> None:
    path = f"sql/cron/{change.name}.sql"
    job = next((j for j in live["cron_jobs"] or [] if j["name"] == change.name), None)
    if job is None:
        written[path] = None
        migration.append(change)
        return
    written[path] = (f"-- {path}\n-- Scheduled by name: re-applying replaces the job, never duplicates it.\n\n"
                     f"select cron.schedule({_literal(job['name'])}, {_literal(job['schedule'])}, "
                     f"$${job['command']}$$);\n")


def policies_file(path: str, schema: str, table: str, live: Catalog) -> str:
    """The whole policies file of a table, from the live catalog: grants, then every policy."""
    qualified = _qualified(schema, table)
    lines = [f"-- {path}", f"-- Who may do what on {qualified}. Re-applied as a whole.", ""]
    if schema == "public":
        lines.append(f"revoke all on {qualified} from anon, authenticated;")
        grants = [g for g in live.of_table("grants", table, schema) if g["grantee"] in API_ROLES]
        by_target: dict[tuple[str, str | None], set[str]] = defaultdict(set)
        for g in grants:
            by_target[(g["grantee"], g["column_name"])].add(g["privilege"].lower())
        for (grantee, column), privileges in sorted(by_target.items(), key=str):
            columns = f" ({_q(column)})" if column else ""
            listed = "all" if not column and privileges >= ALL_TABLE_PRIVILEGES else ", ".join(sorted(privileges))
            lines.append(f"grant {listed}{columns} on {qualified} to {_role(grantee)};")
    for p in live.of_table("policies", table, schema):
        lines += ["", _create_policy(qualified, p)[1] + ";"]
    return _house_style("\n".join(lines) + "\n")

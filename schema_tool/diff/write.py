"""`schema_tool diff --write NAME`: capture a live database's changes as files, in house style.

Functions, views, triggers, policies (the whole file of the table) and cron
jobs go into the repeatable file that owns them; everything else (tables,
columns, constraints, indexes, RLS switches, comments, types, sequences,
buckets, privileges outside a policies file) into the new numbered migration.
Index builds on tables that exist already go into a second migration without
a transaction, as `create index concurrently if not exists`, so that building
them does not block writes (squawk's require-concurrent-index-creation).
"""

from __future__ import annotations

import re
from dataclasses import replace

from schema_tool.catalog import Catalog
from schema_tool.catalog import grants as grouping
from schema_tool.catalog.platform import API_ROLES
from schema_tool.diff.build import create_policy
from schema_tool.diff.grants import acl_steps
from schema_tool.diff.model import RECREATED, Change, DiffReport
from schema_tool.diff.steps import CREATE_FUNCTION, CREATE_TRIGGER, PREAMBLE, Step
from schema_tool.diff.sides import DiffRun
from schema_tool.diff.text import ident, literal, qualified, role
from schema_tool.project import migration_path, migration_text, repeatable_path, triggers_created

CAPTURED = "captured from the live database by schema_tool diff --write."
INDEXES_CAPTURED = ("index builds captured from the live database by schema_tool diff --write, concurrently so\n"
                    "-- that writes go on meanwhile. No transaction: each statement commits on its own, and says\n"
                    "-- \"if (not) exists\" so that a run stopped half way can simply run again.")
INDEX_DEFINITION = re.compile(r"^CREATE (UNIQUE )?INDEX (\S+) ON (\S+) ", re.I)
DROP_INDEX = re.compile(r"^drop index (\S+)$", re.I)

def write(project, name: str, result: DiffRun, *, allow_destructive: bool) -> list[str]:
    """Write the changes that turn the files' schema into the live one: repeatable objects into their
    own files (functions, views, triggers, policies, cron jobs), the rest as migration NAME."""
    root = project.root
    report, live = result.report, result.target
    migration: list[Change] = []
    written: dict[str, str | None] = {}  # path -> new text (None: delete)
    policy_tables: set[tuple[str, str]] = set()
    for change in report.modelled:
        if change.destructive and not allow_destructive:
            continue
        if change.kind in REPEATABLE_KINDS and _needs_drop_first(change, result):
            migration.append(_drops_only(change))
            if change.detail.startswith(RECREATED):
                continue  # unchanged itself: its file, re-applied after the migration, recreates it
        if change.kind in ("function", "procedure"):
            _write_function(project, change, live, written, migration)
        elif change.kind == "view":
            _write_view(project, change, live, written, migration)
        elif change.kind == "trigger":
            _write_trigger(project, change, live, written, migration)
        elif change.kind == "cron job":
            _write_cron(project, change, live, written, migration)
        elif change.kind in ("policy", "privileges") and _is_table(live, _table_of(change.name)):
            policy_tables.add(_table_of(change.name))
        elif change.kind == "table" and change.action == "extra":
            _forget_table(project, change.name, result.source, written)
            migration.append(change)
        elif change.kind == "table" and change.action == "changed" and "rls_" in change.detail:
            policy_tables.add(_table_of(change.name))
            migration.append(change)
        else:
            migration.append(change)
    for schema, table in sorted(policy_tables):
        if _is_table(live, (schema, table)):
            path = _policies_path(schema, table)
            written[path] = policies_file(path, schema, table, live)
    migration, index_builds = _index_builds_apart(migration, result.source)
    migration += _functions_needed(migration + index_builds, report.target_dependencies, live)
    migration = [_if_exists(change) for change in migration]
    version = (project.latest_version or 0) + 1
    for changes, file_name, description, no_transaction in (
            (migration, name, CAPTURED, False),
            ([_concurrently(change) for change in index_builds], f"{name}_indexes", INDEXES_CAPTURED, True)):
        statements = [s for s in DiffReport(changes, [], report.source_dependencies, report.target_dependencies)
                      .sql(allow_destructive=True)[0] if s != PREAMBLE]
        if statements:
            rel = migration_path(root, version, file_name).relative_to(root).as_posix()
            body = "\n\n".join(s.rstrip().rstrip(";") + ";" for s in statements)
            written[rel] = _house_style(migration_text(rel, file_name, description, body,
                                                       no_transaction=no_transaction))
            version += 1
    for rel, text in sorted(written.items()):
        target = root / rel
        if text is None:
            target.unlink(missing_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    return sorted(written)


# Objects of the repeatable layers, which the engine applies after the migrations.
REPEATABLE_KINDS = ("function", "procedure", "view", "trigger", "policy")
REPEATABLE_DROP = re.compile(r"^drop (view|function|procedure|trigger|policy) (?!if exists )", re.I)


def _index_builds_apart(migration: list[Change], before: Catalog) -> tuple[list[Change], list[Change]]:
    """(the rest, the index builds): the indexes built or rebuilt on tables that exist before the
    migration (a table it creates is empty and new, so its indexes stay with it; a partitioned table
    cannot build concurrently)."""
    existing = {t.qualified for t in before["tables"] if t.kind != "p"}
    builds = [c for c in migration if c.kind == "index" and c.action in ("missing", "changed")
              and _indexed_table(c) in existing]
    moved = {id(c) for c in builds}
    return [c for c in migration if id(c) not in moved], builds


def _indexed_table(change: Change) -> str | None:
    found = next((m for s in change.steps if (m := INDEX_DEFINITION.match(s.sql))), None)
    return found[3] if found else None


def _concurrently(change: Change) -> Change:
    """An index change as a no-transaction migration writes it: built concurrently if not there yet,
    dropped concurrently if there."""
    steps = [replace(s, sql=DROP_INDEX.sub(r"drop index concurrently if exists \1", INDEX_DEFINITION.sub(
        lambda m: f"CREATE {m[1] or ''}INDEX CONCURRENTLY IF NOT EXISTS {m[2]} ON {m[3]} ", s.sql))) for s in change.steps]
    return replace(change, steps=steps)


def _if_exists(change: Change) -> Change:
    """A migration's drop of a view, function, trigger or policy, with "if exists": on a database built
    from scratch the repeatable layers run after the migrations, so the object is not there yet (or never
    will be, when its file was removed)."""
    steps = [replace(s, sql=REPEATABLE_DROP.sub(r"drop \1 if exists ", s.sql)) for s in change.steps]
    return replace(change, steps=steps)


def _drops_only(change: Change) -> Change:
    """The drop steps of a change whose object its file recreates after the migration."""
    return replace(change, steps=[s for s in change.steps if s.drops and REPEATABLE_DROP.match(s.sql)])


def _functions_needed(migration: list[Change], dependencies: dict, live: Catalog) -> list[Change]:
    """The functions the migration's new objects call (a column default, a CHECK): the migration creates
    them too, since on a new database the functions layer comes only after the migrations. Their files,
    re-applied after it, set their comments and grants."""
    created = {key for change in migration for step in change.steps for key in step.creates}
    wanted = sorted({ref for key in created for ref in dependencies.get(key, ())
                     if ref[0] == "function" and ref not in created})
    functions = {f.identity: f for f in live["functions"]}
    return [Change("function", "changed", identity, "needed by the migration", [
        Step(CREATE_FUNCTION, _unindented_header(functions[identity].definition.strip()),
             creates=(("function", identity),))]) for _, identity in wanted if identity in functions]


def _needs_drop_first(change: Change, result: DiffRun) -> bool:
    """Whether an existing database must lose the object before the migration runs: it is in the way of
    a table change (recreated around it), or its file's CREATE OR REPLACE cannot turn the old object
    into the new one (a function whose result or arguments changed, a view whose columns did)."""
    if change.action != "changed" or not any(REPEATABLE_DROP.match(s.sql) for s in change.steps):
        return False
    if change.detail.startswith(RECREATED):
        return True
    if change.kind == "view":
        return not _columns_extended(result.source, result.target, change.name)
    return change.kind in ("function", "procedure")


def _columns_extended(before: Catalog, after: Catalog, view: str) -> bool:
    """Whether the view's columns after are its columns before (same names and types), plus new ones."""
    def columns(found: Catalog) -> list[tuple[str, str]]:
        return [(c.name, c.type) for c in found["columns"] if qualified(c.schema, c.table_name) == view]

    old = columns(before)
    return columns(after)[:len(old)] == old


def _policies_path(schema: str, table: str) -> str:
    return repeatable_path("policies", schema, table)


def _is_table(live: Catalog, table: tuple[str, str]) -> bool:
    return any((t.schema, t.name) == table for t in live["tables"])


def _table_of(label: str) -> tuple[str, str]:
    qualified = label.rsplit(" on ", 1)[-1]
    schema, _, table = qualified.partition(".")
    return schema.strip('"'), table.strip('"')


def _house_style(text: str) -> str:
    """Lower-case keywords as the house style wants (the server prints them upper-case)."""
    from schema_tool.sqlsplit import lower_keywords  # only --write needs it: a plain diff starts without it

    return lower_keywords(text)


def _write_function(project, change: Change, live: Catalog, written: dict, migration: list[Change]) -> None:
    schema, bare = _schema_and_name(change.name.split("(")[0])
    path = repeatable_path("functions", schema, bare)
    versions = [f for f in live["functions"] if f.name == bare and f.schema == schema]
    if not versions:
        written[path] = None
        migration.append(change)
        return
    if change.action == "extra":
        migration.append(change)  # an overload went away; the file keeps the others
    # what a new function gets without asking: EXECUTE for PUBLIC and the default privileges' grantees
    fresh = {"PUBLIC"} | {d.grantee for d in live["default_privileges"]
                          if d.object_type == "f" and d.privilege == "EXECUTE" and d.schema in (None, schema)}
    parts = [f"-- {path}\n"]
    for f in versions:
        kind = "procedure" if f.kind == "p" else "function"
        signature = f"{qualified(schema, f.name)}({f.arguments})"
        parts.append(_unindented_header(f.definition.strip()) + ";\n")
        if f.comment:
            parts.append(f"comment on {kind} {signature} is {literal(f.comment)};\n")
        granted = [f"{g}=EXECUTE" for g in sorted(fresh)]
        parts += [s.sql + ";\n" for s in acl_steps(f"{kind} {signature}", granted, f.privileges)]
    written[path] = _house_style("\n".join(parts))


def _schema_and_name(label: str) -> tuple[str, str]:
    schema, _, name = label.rpartition(".")
    return schema.strip('"') or "public", name.strip('"')


def _unindented_header(definition: str) -> str:
    """pg_get_functiondef indents the clauses before the body by one space; the house style does not."""
    head, marker, body = definition.partition("\nAS ")
    if not marker:
        return definition
    return "\n".join(line[1:] if line.startswith(" ") else line for line in head.split("\n")) + marker + body


def _write_view(project, change: Change, live: Catalog, written: dict, migration: list[Change]) -> None:
    schema, bare = _schema_and_name(change.name)
    path = repeatable_path("views", schema, bare)
    view = next((v for v in live["views"] if v.name == bare and v.schema == schema), None)
    if view is None:
        written[path] = None
        migration.append(change)
        return
    options = f" with ({', '.join(view.options)})" if view.options else ""
    text = (f"-- {path}\n\ncreate or replace view {qualified(schema, bare)}{options} as\n"
            f"{view.definition.rstrip().rstrip(';')};\n")
    if view.comment:
        text += f"\ncomment on view {qualified(schema, bare)} is {literal(view.comment)};\n"
    text += "\n" + "\n".join(grant_lines(schema, bare, live)) + "\n"
    written[path] = _house_style(text)


def _write_trigger(project, change: Change, live: Catalog, written: dict, migration: list[Change]) -> None:
    trigger, _, table_label = change.name.partition(" on ")
    schema, table = _table_of(table_label)
    found = _trigger_statement(project, written, trigger, f"{schema}.{table}")
    row = next((t for t in live["triggers"] if t["name"] == trigger and t["table_name"] == table
                and t["schema"] == schema), None)
    if row is None:
        migration.append(change)
        _remove_statement(found, written)
        return
    statement = _house_style(re.sub(r"^CREATE (CONSTRAINT )?TRIGGER", r"CREATE OR REPLACE \1TRIGGER",
                                    row["definition"]) + ";").strip().rstrip(";")
    if found:
        path, text, start, end = found
        written[path] = text[:start] + statement + text[end:]
    else:
        path = repeatable_path("triggers", schema, table)
        existing = written.get(path) or ((project.root / path).read_text(encoding="utf-8")
                                         if (project.root / path).is_file() else f"-- {path}\n")
        written[path] = existing.rstrip("\n") + f"\n\n{statement};\n"
    if row["enabled"] != "O":
        verb = {"D": "disable", "R": "enable replica", "A": "enable always"}[row["enabled"]]
        migration.append(Change("trigger", "changed", change.name, "enabled state", [
            Step(CREATE_TRIGGER, f"alter table {qualified(schema, table)} {verb} trigger {ident(trigger)}")]))


def _unschedule_where_scheduled(name: str) -> str:
    """Unscheduling in a migration: only where pg_cron is installed and the job exists (on a new
    database the cron layer comes after the migrations, or not at all)."""
    return (f"do $$\nbegin\n    if to_regclass('cron.job') is not null then\n"
            f"        perform cron.unschedule(jobid)\n        from cron.job\n"
            f"        where jobname = {literal(name)} and database = current_database();\n"
            f"    end if;\nend\n$$")


def _remove_statement(found, written: dict) -> None:
    """Take a statement found by _trigger_statement out of its file."""
    if found:
        path, text, start, end = found
        written[path] = text[:start] + text[end:].lstrip(";").lstrip("\n")


def _forget_table(project, table_label: str, source: Catalog, written: dict) -> None:
    """A dropped table's policies file goes, and the statements creating its triggers leave their files:
    re-applied on a new database, they would fail on the missing table."""
    schema, table = _table_of(table_label)
    path = _policies_path(schema, table)
    if (project.root / path).is_file():
        written[path] = None
    for trigger in source.of_table("triggers", table, schema):
        _remove_statement(_trigger_statement(project, written, trigger.name, f"{schema}.{table}"), written)


def _trigger_statement(project, written: dict, trigger: str, table: str):
    """(path, text, start, end) of the statement creating `trigger` in a triggers file, if one does."""
    wanted = (trigger.lower(), *table.lower().split(".", 1))
    for f in project.layer("triggers"):
        text = written.get(f.rel) or f.text
        for *created, statement in triggers_created(text):
            if tuple(part.lower() for part in created) == wanted:
                return f.rel, text, statement.offset, statement.offset + len(statement.text)
    return None


def _write_cron(project, change: Change, live: Catalog, written: dict, migration: list[Change]) -> None:
    path = f"sql/cron/{change.name}.sql"
    job = next((j for j in live["cron_jobs"] or [] if j["name"] == change.name), None)
    if job is None:
        written[path] = None
        unschedule = replace(change.steps[0], sql=_unschedule_where_scheduled(change.name))
        migration.append(replace(change, steps=[unschedule]))
        return
    text = (f"-- {path}\n-- Scheduled by name: re-applying replaces the job, never duplicates it.\n\n"
            f"select cron.schedule({literal(job['name'])}, {literal(job['schedule'])}, "
            f"{literal(job['command'])});\n")
    if not job["active"]:
        text += (f"\n-- kept paused: cron.schedule leaves a job's active flag as it is\n"
                 f"select cron.alter_job(jobid, active := false)\nfrom cron.job\n"
                 f"where jobname = {literal(job['name'])} and database = current_database();\n")
    written[path] = text


def policies_file(path: str, schema: str, table: str, live: Catalog) -> str:
    """The whole policies file of a table, from the live catalog: grants, then every policy."""
    target = qualified(schema, table)
    lines = [f"-- {path}", f"-- Who may do what on {target}. Re-applied as a whole.", ""]
    if schema == "public":
        lines += grant_lines(schema, table, live)
    for p in live.of_table("policies", table, schema):
        lines += ["", create_policy(p)[0].sql + ";"]
    return _house_style("\n".join(lines) + "\n")


def grant_lines(schema: str, table: str, live: Catalog) -> list[str]:
    """The API roles' privileges on a table or view as the house style writes them: revoke what the
    defaults gave, then grant what the live database has."""
    target = qualified(schema, table)
    lines = [f"revoke all on {target} from anon, authenticated;"]
    table_level, column_level = grouping.group(
        (grantee, privilege, column, False) for grantee, privilege, column, _ in grouping.keys(
            live.of_table("grants", table, schema)) if grantee in API_ROLES)
    for (grantee, _), privileges in sorted(table_level.items()):
        lines.append(f"grant {grouping.privilege_list(privileges)} on {target} to {role(grantee)};")
    # one statement per privilege: in "grant insert, select (c)" the column list binds to select only
    for (grantee, privilege, _), columns in sorted(column_level.items()):
        listed = ", ".join(ident(c) for c in sorted(columns))
        lines.append(f"grant {privilege} ({listed}) on {target} to {role(grantee)};")
    return lines

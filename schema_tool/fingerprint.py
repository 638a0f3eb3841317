"""What a repeatable file defines, and a fingerprint of it read from the catalog.

`up` records each repeatable file's fingerprint with its history row and
compares it on the next run: a file whose objects are missing or no longer
what it produced runs again, and only such a file (or one whose text
changed), so a migration on one table never re-applies, and never locks,
the others.

What a file defines follows the project's naming rules: a function file
defines every overload of the function it is named after, a view file the
view it is named after (`<schema>.<name>.sql` outside public), a policies
file the policies and grants of its table, a triggers file the triggers its
CREATE TRIGGER statements name, a cron file the jobs it schedules.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass

import psycopg

from schema_tool import catalog, project
from schema_tool.catalog.platform import PLATFORM_SCHEMAS
from schema_tool.project import SqlFile


@dataclass(frozen=True)
class Defined:
    file: str
    kind: str  # function, view, trigger, policies, cron
    schema: str
    name: str  # trigger: table.trigger; policies: the table; cron: the job name


def defined(f: SqlFile) -> list[Defined]:
    """The objects a repeatable file defines, by the project's naming rules."""
    if f.layer in ("functions", "views", "policies"):
        kind = {"functions": "function", "views": "view", "policies": "policies"}[f.layer]
        return [Defined(f.rel, kind, *f.schema_and_name)]
    if f.layer == "triggers":
        return [Defined(f.rel, "trigger", schema, f"{table}.{name}") for name, schema, table in _triggers(f.text)]
    if f.layer == "cron":
        return [Defined(f.rel, "cron", "cron", name) for name, _, _ in f.cron_jobs]
    return []


@functools.lru_cache(maxsize=None)
def _triggers(text: str) -> list[tuple[str, str, str]]:
    """(trigger, schema, table) of each CREATE TRIGGER; kept per text, as `up` asks after every migration."""
    return [(name, schema, table) for name, schema, table, _ in project.triggers_created(text)]


def indexes_built(f: SqlFile) -> list[tuple[str, str]]:
    """(schema, index) of every CREATE INDEX CONCURRENTLY in a file."""
    return project.indexes_built_concurrently(f.text)


def fingerprints(conn: psycopg.Connection, files: list[SqlFile]) -> dict[str, str]:
    """The current fingerprint of each file's objects (missing objects included as absent)."""
    objects = [d for f in files for d in defined(f)]
    found: dict[str, str] = {}
    relational = [d for d in objects if d.kind != "cron"]
    if relational:
        rows = conn.execute(catalog.query("fingerprints"), {"objects": json.dumps(
            [{"file": d.file, "kind": d.kind, "schema": d.schema, "name": d.name} for d in relational])}).fetchall()
        found.update(rows)
    found.update(_cron_fingerprints(conn, [d for d in objects if d.kind == "cron"]))
    empty = hashlib.md5(b"").hexdigest()
    return {f.rel: found.get(f.rel, empty) for f in files}


def _cron_fingerprints(conn: psycopg.Connection, jobs: list[Defined]) -> dict[str, str]:
    if not jobs or catalog.absent(conn, "cron_jobs"):
        return {}
    rows = conn.execute(
        "select jobname, concat_ws('|', schedule, command, active, username) from cron.job "
        "where jobname = any(%s) and database = current_database()", ([d.name for d in jobs],)).fetchall()
    parts = dict(rows)
    by_file: dict[str, list[str]] = {}
    for d in jobs:
        by_file.setdefault(d.file, []).append(f"cron={d.name}={parts.get(d.name, 'absent')}")
    return {file: hashlib.md5("\n".join(lines).encode()).hexdigest() for file, lines in by_file.items()}


INVALID_INDEXES = """
select n.nspname || '.' || c.relname
from pg_catalog.pg_index as i
join pg_catalog.pg_class as c on c.oid = i.indexrelid
join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
where not i.indisvalid and n.nspname <> all(%s::text[])
order by 1
"""


def invalid_indexes(conn: psycopg.Connection) -> list[str]:
    """Indexes a failed or interrupted CREATE INDEX CONCURRENTLY left INVALID, outside the platform's schemas."""
    excluded = [s for s in PLATFORM_SCHEMAS if s != "schema_tool"]
    return [name for (name,) in conn.execute(INVALID_INDEXES, (excluded + ["pg_catalog", "pg_toast"],))]

"""schema_tool.history: one row per file applied, baselined or repaired.

The table is append-only. The state of a migration is its latest row (a
'forget' row means a repair dropped a deleted file from the record); the
state of a repeatable file is the checksum of its latest row, and the
fingerprint of the objects it produced (see schema_tool.fingerprint).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import psycopg
from psycopg.rows import dict_row

from schema_tool import __version__
from schema_tool.project import SqlFile

CREATE_HISTORY = """
create schema if not exists schema_tool;
comment on schema schema_tool is 'Bookkeeping of schema_tool: which SQL files were applied when.';
revoke all on schema schema_tool from public;
create table if not exists schema_tool.history (
    id bigint generated always as identity primary key,
    kind text not null
        check (kind in ('bootstrap', 'migration', 'function', 'view', 'trigger', 'policy', 'cron')),
    version text,
    name text not null,
    path text not null,
    checksum text not null,
    operation text not null default 'apply'
        check (operation in ('apply', 'baseline', 'repair', 'forget')),
    applied_at timestamptz not null default clock_timestamp(),
    applied_by text not null default current_user,
    duration_ms integer not null default 0,
    tool_version text not null,
    check ((kind = 'migration') = (version is not null))
);
comment on table schema_tool.history is
    'One row per SQL file applied, baselined or repaired; append-only.';
create index if not exists history_path_idx on schema_tool.history (path, id desc);
"""
# History tables written before fingerprints were kept get the column.
ADD_FINGERPRINT = """
alter table schema_tool.history add column if not exists fingerprint text;
comment on column schema_tool.history.fingerprint is
    'Repeatable files: md5 of the catalog rows of the objects the file produced, read right after it ran.';
"""


@dataclass(frozen=True)
class Applied:
    kind: str
    version: str | None
    name: str
    path: str
    checksum: str
    operation: str
    applied_at: datetime
    applied_by: str
    duration_ms: int
    fingerprint: str | None = None

    @property
    def version_number(self) -> int | None:
        return None if self.version is None else int(self.version)


@dataclass
class MigrationState:
    version: str
    path: str
    state: str  # applied, baselined, pending, changed, missing
    applied_at: str | None = None
    checksum_applied: str | None = None
    checksum_now: str | None = None


def migration_states(migrations: list[SqlFile], applied: dict[int, Applied]) -> list[MigrationState]:
    """Every migration, on disk or recorded, with its state: what status shows, `up` refuses (changed,
    missing) and `repair` records."""
    states = []
    files = {f.version_number: f for f in migrations}
    for version in sorted(set(files) | set(applied)):
        f, row = files.get(version), applied.get(version)
        if row is None:
            states.append(MigrationState(f.version, f.rel, "pending", checksum_now=f.checksum))
            continue
        if f is None:
            state = "missing"
        elif f.checksum != row.checksum:
            state = "changed"
        else:
            state = "baselined" if row.operation == "baseline" else "applied"
        states.append(MigrationState(row.version, f.rel if f else row.path, state, f"{row.applied_at:%Y-%m-%d %H:%M:%S}",
                                     row.checksum, f.checksum if f else None))
    return states


def exists(conn: psycopg.Connection) -> bool:
    return conn.execute("select to_regclass('schema_tool.history') is not null").fetchone()[0]


def ensure(conn: psycopg.Connection) -> None:
    """Create (or bring up to date) the history table on first use; afterwards a catalog read, no DDL."""
    if not exists(conn):
        _run_script(conn, CREATE_HISTORY + ADD_FINGERPRINT)
    elif not _has_fingerprint_column(conn):
        _run_script(conn, ADD_FINGERPRINT)


def _has_fingerprint_column(conn: psycopg.Connection) -> bool:
    return conn.execute("select exists (select from pg_catalog.pg_attribute where attrelid = "
                        "'schema_tool.history'::regclass and attname = 'fingerprint' and not attisdropped)"
                        ).fetchone()[0]


def _run_script(conn: psycopg.Connection, script: str) -> None:
    with conn.transaction():
        for statement in script.split(";\n"):
            if statement.strip():
                conn.execute(statement)


def latest(conn: psycopg.Connection) -> list[Applied]:
    """The latest row of every path (of every migration version, for migrations)."""
    present, with_fingerprint = conn.execute(
        "select to_regclass('schema_tool.history') is not null, exists (select from pg_catalog.pg_attribute "
        "where attrelid = to_regclass('schema_tool.history') and attname = 'fingerprint' and not attisdropped)"
    ).fetchone()
    if not present:
        return []
    fingerprint = "fingerprint" if with_fingerprint else "null as fingerprint"
    rows = conn.cursor(row_factory=dict_row).execute(
        f"""
        select distinct on (coalesce(version, path))
            kind, version, name, path, checksum, operation, applied_at, applied_by, duration_ms, {fingerprint}
        from schema_tool.history
        order by coalesce(version, path), id desc
        """
    ).fetchall()
    return [Applied(**row) for row in rows]


def applied_migrations(rows: list[Applied]) -> dict[int, Applied]:
    return {r.version_number: r for r in rows if r.kind == "migration" and r.operation != "forget"}


def repeatables(rows: list[Applied]) -> dict[str, Applied]:
    """The latest row of every repeatable (and bootstrap) file, by path; a forgotten file has none."""
    return {r.path: r for r in rows if r.kind != "migration" and r.operation != "forget"}


def removed_repeatables(rows: list[Applied], files: list[SqlFile]) -> list[Applied]:
    """Repeatable (and bootstrap) files recorded as applied whose file is gone. What they created stays
    in the database: a file that takes over an object re-creates it, and only a migration drops one."""
    present = {f.rel for f in files}
    return sorted((r for r in repeatables(rows).values() if r.path not in present), key=lambda r: r.path)


def repeatable_checksums(rows: list[Applied]) -> dict[str, str]:
    return {path: r.checksum for path, r in repeatables(rows).items()}


INSERT = """
insert into schema_tool.history
    (kind, version, name, path, checksum, operation, duration_ms, tool_version, fingerprint)
values (%s, %s, %s, %s, %s, %s, %s, %s, %s)
"""


def record(conn: psycopg.Connection, f: SqlFile, *, duration_ms: int = 0, operation: str = "apply",
           checksum: str | None = None, fingerprint: str | None = None) -> None:
    conn.execute(INSERT, (f.kind, f.version, f.name, f.rel, checksum or f.checksum, operation, duration_ms,
                          __version__, fingerprint))


def record_many(conn: psycopg.Connection, applied: list[tuple[SqlFile, int, str | None]]) -> None:
    """Rows for files applied (file, duration in ms, fingerprint), in one round trip."""
    conn.cursor().executemany(INSERT, [(f.kind, f.version, f.name, f.rel, f.checksum, "apply", duration,
                                        __version__, fingerprint) for f, duration, fingerprint in applied])


def adopt_fingerprints(conn: psycopg.Connection, fingerprints: dict[str, str]) -> None:
    """Rows written before fingerprints were kept get the fingerprint of what their file left in place."""
    with conn.transaction():
        for path, fingerprint in fingerprints.items():
            conn.execute(
                """
                update schema_tool.history set fingerprint = %s
                where id = (select max(id) from schema_tool.history where path = %s) and fingerprint is null
                """, (fingerprint, path))


def record_forget(conn: psycopg.Connection, row: Applied) -> None:
    """A row saying a deleted file (a migration, or a removed repeatable file) is no longer tracked."""
    conn.execute(
        """
        insert into schema_tool.history (kind, version, name, path, checksum, operation, tool_version)
        values (%s, %s, %s, %s, %s, 'forget', %s)
        """,
        (row.kind, row.version, row.name, row.path, row.checksum, __version__),
    )

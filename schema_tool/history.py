"""schema_tool.history: one row per file applied, baselined or repaired.

The table is append-only. The state of a migration is its latest row (a
'forget' row means a repair dropped a deleted file from the record); the
state of a repeatable file is the checksum of its latest row.
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

    @property
    def version_number(self) -> int | None:
        return None if self.version is None else int(self.version)


def exists(conn: psycopg.Connection) -> bool:
    return conn.execute("select to_regclass('schema_tool.history') is not null").fetchone()[0]


def ensure(conn: psycopg.Connection) -> None:
    """Create the history table on first use; afterwards a catalog read, no DDL."""
    if exists(conn):
        return
    with conn.transaction():
        for statement in CREATE_HISTORY.split(";\n"):
            if statement.strip():
                conn.execute(statement)


def latest(conn: psycopg.Connection) -> list[Applied]:
    """The latest row of every path (of every migration version, for migrations)."""
    if not exists(conn):
        return []
    rows = conn.cursor(row_factory=dict_row).execute(
        """
        select distinct on (coalesce(version, path))
            kind, version, name, path, checksum, operation, applied_at, applied_by, duration_ms
        from schema_tool.history
        order by coalesce(version, path), id desc
        """
    ).fetchall()
    return [Applied(**row) for row in rows]


def applied_migrations(rows: list[Applied]) -> dict[int, Applied]:
    return {r.version_number: r for r in rows if r.kind == "migration" and r.operation != "forget"}


def repeatable_checksums(rows: list[Applied]) -> dict[str, str]:
    return {r.path: r.checksum for r in rows if r.kind != "migration"}


def record(conn: psycopg.Connection, f: SqlFile, *, duration_ms: int = 0, operation: str = "apply",
           checksum: str | None = None) -> None:
    conn.execute(
        """
        insert into schema_tool.history (kind, version, name, path, checksum, operation, duration_ms, tool_version)
        values (%s, %s, %s, %s, %s, %s, %s, %s)
        """,
        (f.kind, f.version, f.name, f.rel, checksum or f.checksum, operation, duration_ms, __version__),
    )


def record_forget(conn: psycopg.Connection, row: Applied) -> None:
    conn.execute(
        """
        insert into schema_tool.history (kind, version, name, path, checksum, operation, tool_version)
        values ('migration', %s, %s, %s, %s, 'forget', %s)
        """,
        (row.version, row.name, row.path, row.checksum, __version__),
    )

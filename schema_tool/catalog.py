"""The catalog model: one query per object kind, kept as .sql files in catalog/."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import psycopg
from psycopg.rows import dict_row

# Kinds whose query reads a table that exists only where the platform
# provides it (storage on Supabase or the bootstrap, cron with pg_cron).
REQUIRES = {"buckets": "storage.buckets", "cron_jobs": "cron.job"}


@cache
def query(kind: str) -> str:
    return resources.files("schema_tool").joinpath("catalog", f"{kind}.sql").read_text(encoding="utf-8")


def read(conn: psycopg.Connection, kind: str) -> list[dict]:
    """Rows of one object kind; [] where the kind's platform table is absent."""
    needed = REQUIRES.get(kind)
    if needed and conn.execute("select to_regclass(%s) is null", (needed,)).fetchone()[0]:
        return []
    return conn.cursor(row_factory=dict_row).execute(query(kind)).fetchall()


KINDS = ("tables", "columns", "constraints", "indexes", "triggers", "policies", "grants", "functions", "views", "unmodelled",
         "extensions", "buckets", "cron_jobs")


@dataclass(frozen=True)
class Catalog:
    """Every object kind of a database, as rows of its query (plain dicts), read in one pass."""

    rows: dict[str, list[dict]]

    def __getitem__(self, kind: str) -> list[dict]:
        return self.rows[kind]

    def of_table(self, kind: str, table: str, schema: str = "public") -> list[dict]:
        return [r for r in self.rows[kind] if r.get("table_name") == table and r.get("schema") == schema]

    def table_names(self) -> list[str]:
        return [t["name"] for t in self.rows["tables"]]


def read_all(conn: psycopg.Connection, kinds: tuple[str, ...] = KINDS) -> Catalog:
    """Every kind, read with an empty search_path so that the server prints every name
    schema-qualified: two databases compare alike whatever their search_path."""
    previous = conn.execute("select current_setting('search_path')").fetchone()[0]
    conn.execute("select set_config('search_path', '', false)")
    try:
        return Catalog({kind: read(conn, kind) for kind in kinds})
    finally:
        conn.execute("select set_config('search_path', %s, false)", (previous,))

"""The catalog model: one query per object kind, kept as .sql files in catalog/."""

from __future__ import annotations

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

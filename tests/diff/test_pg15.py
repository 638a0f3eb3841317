"""The generated SQL runs on the first database's server: on PostgreSQL 15, which has no MAINTAIN
privilege, default privileges are compared and restored without it."""

from __future__ import annotations

import psycopg

from schema_tool import diff


def _database(admin_url: str, name: str, *statements: str) -> str:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"drop database if exists {name}")
        conn.execute(f"create database {name}")
    url = admin_url.replace("/postgres?", f"/{name}?")
    with psycopg.connect(url, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)
    return url


def _read(url: str):
    with psycopg.connect(url) as conn:
        return diff.read_side(conn)


def test_global_default_privileges_are_restored_on_postgresql_15(pg15_url):
    changed = _database(pg15_url, "defaults_changed",
                        "alter default privileges revoke truncate, references on tables from postgres",
                        "alter default privileges revoke execute on functions from public")
    builtin = _database(pg15_url, "defaults_builtin")

    report = diff.compare(_read(changed), _read(builtin))
    statements, _ = report.sql()

    assert [(c.kind, c.action) for c in report.changes] == [("default privileges", "changed")] * 2
    assert not any("maintain" in s for s in statements)
    with psycopg.connect(changed, autocommit=True) as conn, conn.transaction():
        for statement in statements:
            conn.execute(statement)
    assert diff.compare(_read(changed), _read(builtin)).changes == []

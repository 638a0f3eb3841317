"""Columns the server keeps are not the user's to write, generated from the catalog.

A column whose comment starts with [server-kept] (tagged in
sql/migrations/0018_server_kept_columns_and_figures.sql) is written only by
triggers, functions and workers. For every such column, acting as Supabase's
roles on a row made by the table's factory: a signed-in user's INSERT naming
the column and UPDATE of it are refused, while service_role updates it. A
new tag is covered the day it is added.
"""

from __future__ import annotations

import pathlib
import re

import psycopg
import pytest
from psycopg import sql

from tests.factories import REGISTRY, load_all
from tests.security.test_isolation_matrix import where_row

load_all()
TAG = "[server-kept]"


def tagged_columns(conn: psycopg.Connection) -> list[tuple[str, str]]:
    return conn.execute(
        """
        select c.relname, a.attname
        from pg_class as c
        join pg_attribute as a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        where c.relnamespace = 'public'::regnamespace
          and c.relkind in ('r', 'p')
          and starts_with(coalesce(col_description(c.oid, a.attnum), ''), %s)
        order by 1, 2
        """,
        (TAG,),
    ).fetchall()


def _collect() -> list[tuple[str, str]]:
    """The tagged columns as the migration files declare them (the parameters are needed before any
    database exists); the first test checks that the catalog holds exactly these."""
    found = set()
    pattern = re.compile(r"comment on column public\.(\w+)\.(\w+) is\s+'\[server-kept\]", re.S)
    for path in sorted(pathlib.Path(__file__).resolve().parents[2].glob("sql/migrations/*.sql")):
        text = path.read_text()
        for table, column in pattern.findall(text):
            found.add((table, column))
        # a later comment without the tag takes it away again
        for table, column in re.findall(r"comment on column public\.(\w+)\.(\w+) is\s+'(?!\[server-kept\])", text):
            found.discard((table, column))
    return sorted(found)


COLUMNS = _collect()


def test_the_catalog_holds_exactly_the_tagged_columns(db):
    """The generated cases cover what the database declares, no more and no less."""
    assert [tuple(r) for r in tagged_columns(db.conn)] == COLUMNS
    assert len(COLUMNS) > 40


@pytest.fixture(params=COLUMNS, ids=[f"{t}.{c}" for t, c in COLUMNS])
def kept(request, db):
    table, column = request.param
    access = REGISTRY[table]
    owner = db.new_user()
    row = access.make(db, owner)
    return db, table, column, owner, row


def test_user_cannot_update_a_server_kept_column(kept):
    db, table, column, owner, row = kept
    clause, params = where_row(db, table, row)
    query = sql.SQL("update public.{} set {c} = {c} where ").format(sql.Identifier(table), c=sql.Identifier(column))
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_user(owner) as cur:
            cur.execute(query + clause, params)


def test_user_cannot_insert_a_server_kept_column(kept):
    db, table, column, owner, row = kept
    clause, params = where_row(db, table, row)
    query = sql.SQL("insert into public.{t} ({c}) select {c} from public.{t} where ").format(
        t=sql.Identifier(table), c=sql.Identifier(column))
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_user(owner) as cur:
            cur.execute(query + clause, params)


def test_service_role_writes_a_server_kept_column(kept):
    db, table, column, owner, row = kept
    clause, params = where_row(db, table, row)
    query = sql.SQL("update public.{} set {c} = {c} where ").format(sql.Identifier(table), c=sql.Identifier(column))
    with db.as_service_role() as cur:
        assert cur.execute(query + clause, params).rowcount == 1
    has_insert = db.execute("select has_column_privilege('service_role', format('public.%%I', %s::text), %s, 'INSERT') as ok",
                            (table, column)).fetchone()["ok"]
    assert has_insert

"""schema_tool.testing's `Db`: acting as an API role and back, whichever side of the block catches an error."""

from __future__ import annotations

import psycopg
import pytest


def identity(db) -> tuple[str, str]:
    row = db.execute("select current_user as role, current_setting('request.jwt.claims', true) as claims").fetchone()
    return row["role"], row["claims"] or ""


def test_an_error_caught_inside_the_block_leaves_the_transaction_usable(db):
    owner = identity(db)
    with db.as_anon() as cur:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            cur.execute("select * from public.leads")
    assert identity(db) == owner  # back to the owner, claims gone
    user = db.new_user()
    with db.as_user(user) as cur:
        assert cur.execute("select current_user as r").fetchone()["r"] == "authenticated"


def test_an_error_caught_outside_the_block_rolls_back_to_the_savepoint(db):
    owner = identity(db)
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_anon() as cur:
            cur.execute("select * from public.leads")
    assert identity(db) == owner


def test_what_the_block_did_before_an_error_it_caught_is_undone(db):
    user = db.new_user()
    with db.as_service_role() as cur:
        cur.execute("insert into public.leads (created_by, company) values (%s, 'kept?')", (user,))
        with pytest.raises(psycopg.errors.UndefinedTable):
            cur.execute("select * from public.no_such_table")
    assert db.execute("select count(*) as n from public.leads where created_by = %s", (user,)).fetchone()["n"] == 0

"""Integrations: tokens and secrets unreadable to users, single-use expiring OAuth states, JSON shapes."""

from __future__ import annotations

import datetime
import secrets

import psycopg
import pytest
from psycopg import sql


@pytest.mark.parametrize("table, column", [
    ("oauth_connections", "access_token_encrypted"), ("oauth_connections", "refresh_token_encrypted"),
    ("oauth_connections", "token_iv"), ("webhooks", "secret_encrypted"),
    ("integration_connections", "credentials_encrypted"), ("oauth_states", "code_verifier"),
])
def test_secret_columns_are_unreadable_to_users_and_readable_to_the_server(db, table, column):
    user = db.new_user()
    db.make(table, user)
    query = sql.SQL("select {} from public.{}").format(sql.Identifier(column), sql.Identifier(table))
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_user(user) as cur:
            cur.execute(query)
    with db.as_service_role() as cur:
        assert cur.execute(query).fetchall()


def new_state(db, user, **extra):
    return db.insert("oauth_states", user_id=user, platform_name="linkedin", state=secrets.token_urlsafe(32),
                     redirect_uri="https://app.example.test/cb", **extra)


def consume(cur, state):
    return cur.execute("select * from public.consume_oauth_state(%s)", (state,)).fetchall()


def test_an_oauth_state_is_consumed_once(db):
    user = db.new_user()
    state = new_state(db, user)
    with db.as_user(user) as cur:
        assert [r["state_id"] for r in consume(cur, state["state"])] == [state["id"]]
        assert consume(cur, state["state"]) == []


def test_an_expired_or_foreign_state_is_refused(db):
    a, b = db.new_user(), db.new_user()
    old = new_state(db, a, created_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc),
                    expires_at=datetime.datetime(2026, 1, 1, 0, 10, tzinfo=datetime.timezone.utc))
    fresh = new_state(db, a)
    with db.as_user(a) as cur:
        assert consume(cur, old["state"]) == []
    with db.as_user(b) as cur:
        assert consume(cur, fresh["state"]) == []
    with db.as_user(a) as cur:
        assert len(consume(cur, fresh["state"])) == 1


@pytest.mark.parametrize("structure", [
    {"awareness": {}, "engagement": {}, "conversion": {}},
    {"awareness": {}, "engagement": {}, "conversion": {}, "retention": {}, "advocacy": {}},
    {"awareness": [], "engagement": {}, "conversion": {}, "retention": {}},
])
def test_funnels_have_exactly_the_four_stages(db, structure):
    user = db.new_user()
    with pytest.raises(psycopg.errors.CheckViolation):
        with db.as_user(user) as cur:
            cur.execute("insert into public.funnel_designs (user_id, name, funnel_structure) values (%s, 'f', %s)",
                        (user, psycopg.types.json.Jsonb(structure)))


def test_three_cs_need_company_customer_and_competition(db):
    user = db.new_user()
    with pytest.raises(psycopg.errors.CheckViolation, match="three_cs"):
        with db.as_user(user) as cur:
            cur.execute("insert into public.brand_positioning_analyses (user_id, brand_name, three_cs_analysis) "
                        "values (%s, 'Acme', '{\"company\": {}, \"customer\": {}}')", (user,))

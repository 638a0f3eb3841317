"""consume_oauth_state(): a state is accepted once, unexpired, by its owner (or the server), even under a race."""

from __future__ import annotations

import datetime
import json
import secrets
import threading
import uuid

import psycopg
import pytest
from psycopg.rows import dict_row

UTC = datetime.timezone.utc


def new_state(db, user, **extra):
    return db.insert("oauth_states", user_id=user, platform_name="linkedin", state=secrets.token_urlsafe(32),
                     redirect_uri="https://app.example.test/cb", **extra)


def consume(cur, state):
    return cur.execute("select * from public.consume_oauth_state(%s)", (state,)).fetchall()


def used_at(db, state):
    return db.execute("select used_at from public.oauth_states where id = %s", (state["id"],)).fetchone()["used_at"]


def test_the_owner_consumes_a_state_once_and_it_is_marked_used(db):
    user = db.new_user()
    state = new_state(db, user)
    with db.as_user(user) as cur:
        first = consume(cur, state["state"])
        second = consume(cur, state["state"])
    assert [(r["state_id"], r["platform_name"], r["redirect_uri"]) for r in first] == [
        (state["id"], "linkedin", "https://app.example.test/cb")]
    assert second == []
    assert used_at(db, state) is not None


def test_an_expired_state_is_refused_and_stays_unused(db):
    user = db.new_user()
    state = new_state(db, user, created_at=datetime.datetime(2026, 1, 1, tzinfo=UTC),
                      expires_at=datetime.datetime(2026, 1, 1, 0, 10, tzinfo=UTC))
    with db.as_user(user) as cur:
        assert consume(cur, state["state"]) == []
    assert used_at(db, state) is None


def test_another_users_state_is_refused_and_stays_usable_for_its_owner(db):
    owner, intruder = db.new_user(), db.new_user()
    state = new_state(db, owner)
    with db.as_user(intruder) as cur:
        assert consume(cur, state["state"]) == []
    assert used_at(db, state) is None
    with db.as_user(owner) as cur:
        assert len(consume(cur, state["state"])) == 1


def test_an_unknown_state_returns_nothing(db):
    user = db.new_user()
    with db.as_user(user) as cur:
        assert consume(cur, secrets.token_urlsafe(32)) == []


def test_a_new_state_expires_ten_minutes_after_creation(db):
    user = db.new_user()
    state = new_state(db, user)
    assert state["expires_at"] - state["created_at"] == datetime.timedelta(minutes=10)


def test_a_user_cannot_reset_used_at_to_replay_a_state(db):
    user = db.new_user()
    state = new_state(db, user)
    with db.as_user(user) as cur:
        assert len(consume(cur, state["state"])) == 1
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_user(user) as cur:
            cur.execute("update public.oauth_states set used_at = null where id = %s", (state["id"],))
    with db.as_user(user) as cur:
        assert consume(cur, state["state"]) == []


def test_a_user_cannot_choose_the_expiry_or_insert_a_used_state(db):
    user = db.new_user()
    for column, value in (("expires_at", datetime.datetime(2099, 1, 1, tzinfo=UTC)),
                          ("used_at", datetime.datetime(2026, 1, 1, tzinfo=UTC))):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            with db.as_user(user) as cur:
                cur.execute(f"insert into public.oauth_states (user_id, platform_name, state, redirect_uri, {column}) "
                            "values (%s, 'linkedin', %s, 'https://app.example.test/cb', %s)",
                            (user, secrets.token_urlsafe(32), value))


def test_the_server_consumes_any_users_state_once(db):
    user = db.new_user()
    state = new_state(db, user)
    with db.as_service_role() as cur:
        assert [r["state_id"] for r in consume(cur, state["state"])] == [state["id"]]
        assert consume(cur, state["state"]) == []


def test_anon_cannot_call_it(db):
    user = db.new_user()
    state = new_state(db, user)
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_anon() as cur:
            consume(cur, state["state"])
    assert used_at(db, state) is None


def acting_as(url: str, user: uuid.UUID) -> psycopg.Connection:
    conn = psycopg.connect(url, row_factory=dict_row)
    conn.execute("select set_config('role', 'authenticated', false), set_config('request.jwt.claims', %s, false)",
                 (json.dumps({"sub": str(user), "role": "authenticated"}),))
    conn.commit()
    return conn


def test_two_racing_callbacks_consume_a_state_only_once(migrated_url):
    user = uuid.uuid4()
    state = secrets.token_urlsafe(32)
    with psycopg.connect(migrated_url, autocommit=True) as admin:
        admin.execute("insert into auth.users (id, aud, role, email) values (%s, 'authenticated', 'authenticated', %s)",
                      (user, f"{user.hex[:12]}@example.test"))
        admin.execute("insert into public.oauth_states (user_id, platform_name, state, redirect_uri) "
                      "values (%s, 'linkedin', %s, 'https://app.example.test/cb')", (user, state))
    first, second = acting_as(migrated_url, user), acting_as(migrated_url, user)
    try:
        # The first callback consumes the state and holds its transaction open.
        won = first.execute("select * from public.consume_oauth_state(%s)", (state,)).fetchall()
        assert len(won) == 1
        lost: list = []
        racer = threading.Thread(target=lambda: lost.append(
            second.execute("select * from public.consume_oauth_state(%s)", (state,)).fetchall()))
        racer.start()
        racer.join(timeout=1)
        assert racer.is_alive(), "the second callback should wait on the first one's row lock"
        first.commit()
        racer.join(timeout=300)
        assert not racer.is_alive()
        second.commit()
        assert lost == [[]]
    finally:
        first.close()
        second.close()

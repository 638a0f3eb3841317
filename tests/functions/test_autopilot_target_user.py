"""autopilot_target_user: who a manual autopilot trigger acts for, and the
errors each trigger raises when the caller may not act for that user."""

import json

import psycopg
import pytest

TRIGGERS = {
    "trigger_autopilot_optimization": "you may run the autopilot only for yourself",
    "trigger_autopilot_weekly_report": "you may generate reports only for yourself",
}


def signed_in_without_a_user(db):
    """An authenticated request whose JWT carries no sub claim."""
    db.conn.execute("select set_config('role', 'authenticated', true), set_config('request.jwt.claims', %s, true)",
                    (json.dumps({"role": "authenticated"}),))
    return db.conn.cursor()


@pytest.mark.parametrize("routine", sorted(TRIGGERS))
def test_trigger_refuses_another_users_id_with_its_own_message(db, routine):
    a, b = db.new_user(), db.new_user()
    with pytest.raises(psycopg.errors.InsufficientPrivilege) as refused:
        with db.as_user(b) as cur:
            cur.execute(f"select public.{routine}(%s)", (a,))
    assert refused.value.diag.message_primary == TRIGGERS[routine]


@pytest.mark.parametrize("routine", sorted(TRIGGERS))
def test_service_role_must_name_the_user_in_each_trigger(db, routine):
    with pytest.raises(psycopg.errors.InvalidParameterValue) as refused:
        with db.as_service_role() as cur:
            cur.execute(f"select public.{routine}()")
    assert refused.value.diag.message_primary == f"service_role must name the user: {routine}(<user id>)"


@pytest.mark.parametrize("routine", sorted(TRIGGERS))
def test_trigger_refuses_a_request_without_a_user(db, routine):
    with pytest.raises(psycopg.errors.InsufficientPrivilege) as refused:
        with db.conn.transaction():
            signed_in_without_a_user(db).execute(f"select public.{routine}()")
    assert refused.value.diag.message_primary == "not signed in"


def test_resolves_the_caller_or_the_named_user(db):
    a, b = db.new_user(), db.new_user()
    call = "select public.autopilot_target_user(%s, 'r', 'act') as u"
    with db.as_service_role() as cur:
        assert cur.execute(call, (b,)).fetchone()["u"] == b
    db.execute("select set_config('request.jwt.claims', %s, true)", (json.dumps({"sub": str(a), "role": "authenticated"}),))
    assert db.execute(call, (None,)).fetchone()["u"] == a
    assert db.execute(call, (a,)).fetchone()["u"] == a


def test_users_cannot_call_the_helper_directly(db):
    a = db.new_user()
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_user(a) as cur:
            cur.execute("select public.autopilot_target_user(null, 'r', 'act')")

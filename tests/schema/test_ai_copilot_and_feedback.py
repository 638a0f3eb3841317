"""Campaign copilot sessions (lifecycle, completed_at) and the tenant ties
of sessions and feedback to their same-user parents."""

import psycopg
import pytest


@pytest.fixture
def session(db):
    owner = db.new_user()
    return owner, db.insert("campaign_copilot_sessions", user_id=owner, title="Launch")


def status_of(db, row):
    return db.execute("select status, completed_at from public.campaign_copilot_sessions where id = %s",
                      (row["id"],)).fetchone()


def test_session_completes_and_is_stamped(db, session):
    owner, row = session
    with db.as_user(owner) as cur:
        cur.execute("update public.campaign_copilot_sessions set status = 'completed' where id = %s", (row["id"],))
    done = status_of(db, row)
    assert done["status"] == "completed" and done["completed_at"] is not None


def test_abandoned_session_may_resume(db, session):
    owner, row = session
    with db.as_user(owner) as cur:
        cur.execute("update public.campaign_copilot_sessions set status = 'abandoned' where id = %s", (row["id"],))
        cur.execute("update public.campaign_copilot_sessions set status = 'active' where id = %s", (row["id"],))
    assert status_of(db, row)["status"] == "active"


def test_completed_session_is_final(db, session):
    owner, row = session
    db.execute("update public.campaign_copilot_sessions set status = 'completed' where id = %s", (row["id"],))
    with pytest.raises(psycopg.errors.CheckViolation, match="completed -> active"):
        with db.as_user(owner) as cur:
            cur.execute("update public.campaign_copilot_sessions set status = 'active' where id = %s", (row["id"],))


def test_session_cannot_point_at_another_users_campaign(db, session):
    owner, _ = session
    other = db.new_user()
    foreign = db.insert("campaigns", created_by=other, name="theirs")
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        with db.conn.transaction():
            db.insert("campaign_copilot_sessions", user_id=owner, campaign_id=foreign["id"])


def test_deleting_the_campaign_keeps_the_session(db, session):
    owner, _ = session
    campaign = db.insert("campaigns", created_by=owner, name="mine")
    linked = db.insert("campaign_copilot_sessions", user_id=owner, campaign_id=campaign["id"])
    db.execute("delete from public.campaigns where id = %s", (campaign["id"],))
    kept = db.execute("select user_id, campaign_id from public.campaign_copilot_sessions where id = %s",
                      (linked["id"],)).fetchone()
    assert kept == {"user_id": owner, "campaign_id": None}


def test_feedback_cannot_hang_under_another_users_session(db, session):
    _, row = session
    other = db.new_user()
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        with db.conn.transaction():
            db.insert("ai_interaction_feedback", user_id=other, copilot_session_id=row["id"],
                      feature="campaign_copilot", rating=5)


def test_feedback_needs_some_feedback_and_a_valid_rating(db):
    owner = db.new_user()
    for columns in ({}, {"rating": 6}, {"rating": 0}):
        with pytest.raises(psycopg.errors.CheckViolation):
            with db.conn.transaction():
                db.insert("ai_interaction_feedback", user_id=owner, feature="chat", **columns)


def test_users_may_forget_learned_patterns_but_not_write_them(db):
    owner = db.new_user()
    row = db.insert("agent_learning_data", user_id=owner, agent_type="content_writer",
                    pattern_type="preference", pattern_key="tone")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_user(owner) as cur:
            cur.execute("insert into public.agent_learning_data (user_id, agent_type, pattern_type, pattern_key) "
                        "values (%s, 'content_writer', 'timing', 'best_hour')", (owner,))
    with db.as_user(owner) as cur:
        assert cur.execute("delete from public.agent_learning_data where id = %s", (row["id"],)).rowcount == 1


def test_analytics_events_are_append_only_for_users(db):
    owner = db.new_user()
    with db.as_user(owner) as cur:
        event = cur.execute(
            "insert into public.user_analytics_events (user_id, event_type, page, form_id, field, duration_ms) "
            "values (%s, 'field_error', '/signup', 'signup', 'email', 900) returning id", (owner,)).fetchone()
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_user(owner) as cur:
            cur.execute("delete from public.user_analytics_events where id = %s", (event["id"],))


def test_weekly_report_week_must_start_on_monday(db):
    owner = db.new_user()
    with pytest.raises(psycopg.errors.CheckViolation, match="is_monday"):
        with db.conn.transaction():
            db.insert("autopilot_weekly_reports", user_id=owner, week_start_date="2025-10-29")


def test_one_autopilot_config_per_user(db):
    owner = db.new_user()
    db.insert("marketing_autopilot_config", user_id=owner, business_description="a")
    with pytest.raises(psycopg.errors.UniqueViolation):
        with db.conn.transaction():
            db.insert("marketing_autopilot_config", user_id=owner, business_description="b")

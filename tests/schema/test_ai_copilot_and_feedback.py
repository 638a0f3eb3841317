"""AI automation: feedback needs some feedback and a valid rating, learned patterns and
analytics events are the server's to write, weekly reports start on Monday, one autopilot
config per user (copilot session lifecycles: test_lifecycles.py; ties: test_tenant_ties.py)."""

import psycopg
import pytest


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

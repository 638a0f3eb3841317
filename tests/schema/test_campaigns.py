"""public.campaigns and its tasks and runs: lifecycles, unique names, dates, the task index."""

from __future__ import annotations

import datetime

import psycopg
import pytest


def test_campaign_lifecycle(db):
    user = db.new_user()
    campaign = db.insert("campaigns", created_by=user, name="Spring")
    with db.as_user(user) as cur:
        for status in ("active", "paused", "active", "completed", "archived"):
            cur.execute("update public.campaigns set status = %s where id = %s", (status, campaign["id"]))
    with pytest.raises(psycopg.errors.CheckViolation, match="archived -> active"):
        with db.as_user(user) as cur:
            cur.execute("update public.campaigns set status = 'active' where id = %s", (campaign["id"],))


def test_completed_at_follows_the_task_status(db):
    user = db.new_user()
    task = db.make("campaign_tasks", user)
    done = db.execute("update public.campaign_tasks set status = 'completed' where id = %s returning completed_at",
                      (task["id"],)).fetchone()
    assert done["completed_at"] is not None
    reopened = db.execute("update public.campaign_tasks set status = 'todo' where id = %s returning completed_at",
                          (task["id"],)).fetchone()
    assert reopened["completed_at"] is None


def test_workflow_runs_move_forward_only(db):
    user = db.new_user()
    run = db.make("workflow_executions", user)
    started = db.execute("update public.workflow_executions set status = 'running' where id = %s returning started_at",
                         (run["id"],)).fetchone()
    assert started["started_at"] is not None
    db.execute("update public.workflow_executions set status = 'completed' where id = %s", (run["id"],))
    with pytest.raises(psycopg.errors.CheckViolation, match="completed -> running"):
        db.execute("savepoint s")
        try:
            db.execute("update public.workflow_executions set status = 'running' where id = %s", (run["id"],))
        finally:
            db.execute("rollback to savepoint s")


def test_open_tasks_by_due_date_use_the_partial_index(db):
    user = db.new_user()
    for _ in range(3):
        db.make("campaign_tasks", user)
    db.execute("set local enable_seqscan = off")
    plan = db.execute("explain (format json) select id from public.campaign_tasks "
                      "where created_by = %s and status <> 'completed' order by due_date", (user,)).fetchone()
    assert "campaign_tasks_created_by_due_date_idx" in str(plan)


def test_campaign_names_are_unique_per_user_only(db):
    a, b = db.new_user(), db.new_user()
    db.insert("campaigns", created_by=a, name="Spring launch")
    db.insert("campaigns", created_by=b, name="Spring launch")
    with pytest.raises(psycopg.errors.UniqueViolation, match="campaigns_created_by_name_key"):
        with db.conn.transaction():
            db.insert("campaigns", created_by=a, name="Spring launch")


def test_campaign_cannot_end_before_it_starts(db):
    user = db.new_user()
    db.insert("campaigns", created_by=user, name="One day", start_date=datetime.date(2026, 3, 1),
              end_date=datetime.date(2026, 3, 1))
    with pytest.raises(psycopg.errors.CheckViolation, match="campaigns_dates_check"):
        with db.conn.transaction():
            db.insert("campaigns", created_by=user, name="Backwards", start_date=datetime.date(2026, 3, 2),
                      end_date=datetime.date(2026, 3, 1))

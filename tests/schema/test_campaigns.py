"""Campaign integrity: tenant ties that hold even for the superuser, lifecycles, the task index."""

from __future__ import annotations

import psycopg
import pytest


def test_a_task_cannot_hang_under_another_users_campaign_even_for_the_superuser(db):
    a, b = db.new_user(), db.new_user()
    campaign = db.make("campaigns", a)
    with pytest.raises(psycopg.errors.ForeignKeyViolation, match="campaign_tasks_campaign_fkey"):
        db.execute("savepoint s")
        try:
            db.insert("campaign_tasks", campaign_id=campaign["id"], created_by=b, title="Sneak in")
        finally:
            db.execute("rollback to savepoint s")


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


def test_deleting_a_campaign_keeps_its_leads_without_the_link(db):
    user = db.new_user()
    lead = db.make("leads", user)
    db.execute("delete from public.campaigns where id = %s", (lead["campaign_id"],))
    kept = db.execute("select campaign_id, created_by from public.leads where id = %s", (lead["id"],)).fetchone()
    assert kept == {"campaign_id": None, "created_by": user}

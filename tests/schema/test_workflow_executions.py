"""public.workflow_executions: only a failed run carries an error, and a run does not end
before it started (its lifecycle: test_lifecycles.py)."""

from __future__ import annotations

import datetime

import psycopg
import pytest


def test_only_a_failed_run_carries_an_error_message(db):
    user = db.new_user()
    with pytest.raises(psycopg.errors.CheckViolation, match="workflow_executions_error_message_check"):
        with db.conn.transaction():
            db.insert("workflow_executions", user_id=user, workflow_type="reporting", status="completed",
                      error_message="nothing went wrong")


def test_a_run_cannot_end_before_it_started(db):
    user = db.new_user()
    started = datetime.datetime(2026, 5, 1, 12, tzinfo=datetime.UTC)
    with pytest.raises(psycopg.errors.CheckViolation, match="workflow_executions_times_check"):
        with db.conn.transaction():
            db.insert("workflow_executions", user_id=user, workflow_type="reporting", status="completed",
                      started_at=started, completed_at=started - datetime.timedelta(minutes=1))

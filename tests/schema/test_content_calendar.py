"""public.content_calendar: a retried publication forgets its failure, and a scheduled entry
needs a time (its lifecycle: test_lifecycles.py)."""

from __future__ import annotations

import psycopg
import pytest


def move(db, table: str, row_id, status: str, **extra) -> dict:
    sets = ", ".join(["status = %s"] + [f"{k} = %s" for k in extra])
    return db.execute(f"update public.{table} set {sets} where id = %s returning *",
                      [status, *extra.values(), row_id]).fetchone()


@pytest.fixture
def entry(db):
    owner = db.new_user()
    return db, owner, db.make("content_calendar", owner)


def test_failed_publish_can_be_retried_and_clears_the_reason(entry):
    db, _, row = entry
    move(db, "content_calendar", row["id"], "scheduled", scheduled_at="2030-01-01T09:00:00Z")
    move(db, "content_calendar", row["id"], "failed", failure_reason="token expired")
    retried = move(db, "content_calendar", row["id"], "scheduled")
    assert retried["failure_reason"] is None


def test_scheduled_calendar_entry_needs_a_time(entry):
    db, _, row = entry
    with pytest.raises(psycopg.errors.CheckViolation):
        with db.conn.transaction():
            move(db, "content_calendar", row["id"], "scheduled")

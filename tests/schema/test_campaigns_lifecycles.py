"""0002_campaigns: status lifecycles (every legal move is accepted, every other
move refused, for the owner through the API) and the timestamps that follow
the status."""

from __future__ import annotations

import datetime
import itertools

import psycopg
import pytest
from psycopg import sql

# table -> (tenant column, columns of a minimal row, statuses, legal moves)
LIFECYCLES = {
    "campaigns": (
        "created_by", {"name": "Lifecycle"},
        ["draft", "active", "paused", "completed", "archived"],
        {("draft", "active"), ("active", "paused"), ("paused", "active"), ("active", "completed"),
         ("paused", "completed"), ("draft", "archived"), ("active", "archived"), ("paused", "archived"),
         ("completed", "archived")},
    ),
    "generated_content_pieces": (
        "user_id", {"content_type": "ad_copy", "body": "Buy now"},
        ["draft", "approved", "published", "rejected", "archived"],
        {("draft", "approved"), ("draft", "rejected"), ("approved", "published"), ("approved", "rejected"),
         ("approved", "draft"), ("rejected", "draft"), ("draft", "archived"), ("approved", "archived"),
         ("rejected", "archived"), ("published", "archived")},
    ),
    "workflow_executions": (
        "user_id", {"workflow_type": "optimization"},
        ["pending", "running", "completed", "failed", "cancelled"],
        {("pending", "running"), ("pending", "cancelled"), ("running", "completed"), ("running", "failed"),
         ("running", "cancelled")},
    ),
}

MOVES = [
    pytest.param(table, old, new, (old, new) in legal, id=f"{table}:{old}>{new}")
    for table, (_, _, statuses, legal) in LIFECYCLES.items()
    for old, new in itertools.permutations(statuses, 2)
]


def row_in_status(db, table: str, owner, status: str) -> dict:
    tenant, columns, _, _ = LIFECYCLES[table]
    return db.insert(table, **{tenant: owner, "status": status, **columns})


@pytest.mark.parametrize(("table", "old", "new", "legal"), MOVES)
def test_status_moves_follow_the_lifecycle(db, table, old, new, legal):
    user = db.new_user()
    row = row_in_status(db, table, user, old)
    update = sql.SQL("update public.{} set status = %s where id = %s returning status").format(sql.Identifier(table))
    if legal:
        with db.as_user(user) as cur:
            assert cur.execute(update, (new, row["id"])).fetchone()["status"] == new
    else:
        with pytest.raises(psycopg.errors.CheckViolation, match=f"{old} -> {new}"):
            with db.as_user(user) as cur:
                cur.execute(update, (new, row["id"]))


def test_the_lifecycle_lists_every_status_of_the_check(db):
    """The matrices above cover every status the CHECK allows, so no status escapes the tests."""
    for table, (_, _, statuses, _) in LIFECYCLES.items():
        check = db.execute(
            "select pg_get_constraintdef(oid) as def from pg_constraint where conname = %s",
            (f"{table}_status_check",)).fetchone()["def"]
        assert sorted(s for s in statuses if f"'{s}'" in check) == sorted(statuses)
        assert check.count("'") == 2 * len(statuses), f"{table}_status_check has statuses the test does not know"


def test_a_workflow_run_is_stamped_when_it_starts_and_ends(db):
    user = db.new_user()
    run = db.make("workflow_executions", user)
    assert (run["status"], run["started_at"], run["completed_at"]) == ("pending", None, None)
    with db.as_user(user) as cur:
        running = cur.execute("update public.workflow_executions set status = 'running' where id = %s "
                              "returning started_at, completed_at", (run["id"],)).fetchone()
        assert running["started_at"] is not None and running["completed_at"] is None
        failed = cur.execute("update public.workflow_executions set status = 'failed', error_message = 'timeout' "
                             "where id = %s returning started_at, completed_at", (run["id"],)).fetchone()
    assert failed["completed_at"] is not None
    assert failed["started_at"] == running["started_at"]


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


def test_published_content_is_stamped_and_keeps_the_stamp_when_archived(db):
    user = db.new_user()
    piece = db.make("generated_content_pieces", user)
    assert piece["published_at"] is None
    with db.as_user(user) as cur:
        cur.execute("update public.generated_content_pieces set status = 'approved' where id = %s", (piece["id"],))
        published = cur.execute("update public.generated_content_pieces set status = 'published' where id = %s "
                                "returning published_at", (piece["id"],)).fetchone()["published_at"]
        archived = cur.execute("update public.generated_content_pieces set status = 'archived' where id = %s "
                               "returning published_at", (piece["id"],)).fetchone()["published_at"]
    assert published is not None
    assert archived == published


def test_published_content_cannot_lose_its_publication_date(db):
    user = db.new_user()
    piece = db.insert("generated_content_pieces", user_id=user, content_type="email", body="Hi", status="published")
    assert piece["published_at"] is not None
    with pytest.raises(psycopg.errors.CheckViolation, match="generated_content_pieces_published_at_check"):
        with db.as_service_role() as cur:  # published_at is server-kept: only the server could try
            cur.execute("update public.generated_content_pieces set published_at = null where id = %s", (piece["id"],))


def test_a_task_may_be_reopened_and_loses_its_completion_time(db):
    user = db.new_user()
    task = db.make("campaign_tasks", user)
    with db.as_user(user) as cur:
        done = cur.execute("update public.campaign_tasks set status = 'completed' where id = %s "
                           "returning completed_at", (task["id"],)).fetchone()
        reopened = cur.execute("update public.campaign_tasks set status = 'in_progress' where id = %s "
                               "returning completed_at", (task["id"],)).fetchone()
    assert done["completed_at"] is not None
    assert reopened["completed_at"] is None

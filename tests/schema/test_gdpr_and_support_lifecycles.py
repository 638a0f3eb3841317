"""Lifecycles of data_export_requests, data_deletion_requests and
support_tickets: every status pair is tried; only the listed moves pass, the
others raise a clear error, and the completion timestamps follow the status."""

from __future__ import annotations

import itertools

import psycopg
import pytest
from psycopg import sql

LIFECYCLES = {
    "data_export_requests": {
        "statuses": ["pending", "processing", "completed", "failed"],
        "allowed": {("pending", "processing"), ("processing", "completed"), ("processing", "failed")},
        # what the row needs besides its status to be valid in each state
        "row": lambda status: {
            "download_url": "https://files.example.test/e.json" if status == "completed" else None,
            "completed_at": "now()" if status == "completed" else None,
            "error_message": "boom" if status == "failed" else None,
        },
        "stamp": "completed_at",
        "stamped": {"completed"},
    },
    "data_deletion_requests": {
        "statuses": ["pending", "processing", "completed", "cancelled"],
        "allowed": {("pending", "processing"), ("processing", "completed"), ("pending", "cancelled")},
        "row": lambda status: {"confirmed_at": "now()"},
        "stamp": "completed_at",
        "stamped": {"completed"},
    },
    "support_tickets": {
        "statuses": ["open", "in_progress", "waiting_on_customer", "resolved", "closed"],
        "allowed": {("open", "in_progress"), ("open", "resolved"), ("open", "closed"),
                    ("in_progress", "waiting_on_customer"), ("waiting_on_customer", "in_progress"),
                    ("in_progress", "resolved"), ("waiting_on_customer", "resolved"),
                    ("resolved", "in_progress"), ("resolved", "closed")},
        "row": lambda status: {"subject": "Help", "description": "Please"},
        "stamp": "resolved_at",
        "stamped": {"resolved", "closed"},
    },
}

CASES = [(table, old, new) for table, spec in LIFECYCLES.items()
         for old, new in itertools.permutations(spec["statuses"], 2)]


def row_in(db, table, status) -> dict:
    spec = LIFECYCLES[table]
    return db.insert(table, user_id=db.new_user(), status=status, **spec["row"](status))


def move(cur, table, row_id, status):
    """Set the status, with what the target state needs (as the server would)."""
    extra = {
        ("data_export_requests", "completed"): ", download_url = 'https://files.example.test/e.json'",
        ("data_export_requests", "failed"): ", error_message = 'boom'",
    }.get((table, status), "")
    cur.execute(sql.SQL("update public.{} set status = %s" + extra + " where id = %s").format(sql.Identifier(table)),
                (status, row_id))


@pytest.mark.parametrize(("table", "old", "new"), CASES, ids=[f"{t}:{o}>{n}" for t, o, n in CASES])
def test_only_listed_transitions_pass(db, table, old, new):
    spec = LIFECYCLES[table]
    row = row_in(db, table, old)
    if (old, new) in spec["allowed"]:
        with db.as_service_role() as cur:
            move(cur, table, row["id"], new)
        after = db.execute(sql.SQL("select * from public.{} where id = %s").format(sql.Identifier(table)),
                           (row["id"],)).fetchone()
        assert after["status"] == new
        assert (after[spec["stamp"]] is not None) == (new in spec["stamped"])
    else:
        with pytest.raises(psycopg.errors.CheckViolation, match=f"illegal status transition on {table}: "
                                                                f"{old} -> {new}"):
            with db.as_service_role() as cur:
                move(cur, table, row["id"], new)


def test_the_error_says_where_the_status_may_go(db):
    row = row_in(db, "data_export_requests", "completed")
    with pytest.raises(psycopg.errors.CheckViolation) as raised:
        with db.as_service_role() as cur:
            move(cur, "data_export_requests", row["id"], "pending")
    assert raised.value.diag.message_detail == "From completed the status may move to: nothing (final state)."


def test_completed_at_cannot_disagree_with_the_status(db):
    user = db.new_user()
    with pytest.raises(psycopg.errors.CheckViolation, match="data_export_requests_completed_check"):
        with db.conn.transaction():
            db.insert("data_export_requests", user_id=user, status="completed")
    # the stamp trigger fills completed_at for deletions, and clears a stray one
    done = db.insert("data_deletion_requests", user_id=user, status="completed", confirmed_at="now()")
    assert done["completed_at"] is not None
    pending = db.insert("data_deletion_requests", user_id=user, completed_at="now()")
    assert pending["completed_at"] is None


def test_reopening_a_ticket_clears_resolved_at(db):
    ticket = row_in(db, "support_tickets", "open")
    with db.as_service_role() as cur:
        move(cur, "support_tickets", ticket["id"], "resolved")
        assert cur.execute("select resolved_at from public.support_tickets where id = %s",
                           (ticket["id"],)).fetchone()["resolved_at"] is not None
        move(cur, "support_tickets", ticket["id"], "in_progress")
        assert cur.execute("select resolved_at from public.support_tickets where id = %s",
                           (ticket["id"],)).fetchone()["resolved_at"] is None

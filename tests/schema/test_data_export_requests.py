"""public.data_export_requests (and data_deletion_requests): completed_at agrees with the
status, and a refused move says where the status may go (their lifecycles: test_lifecycles.py)."""

from __future__ import annotations

import psycopg
import pytest


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


def test_the_error_says_where_the_status_may_go(db):
    row = db.insert("data_export_requests", user_id=db.new_user(), status="completed",
                    download_url="https://files.example.test/e.json", completed_at="now()")
    with pytest.raises(psycopg.errors.CheckViolation) as raised:
        with db.as_service_role() as cur:
            cur.execute("update public.data_export_requests set status = 'pending' where id = %s", (row["id"],))
    assert raised.value.diag.message_detail == "From completed the status may move to: nothing (final state)."

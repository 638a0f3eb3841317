"""public.campaign_tasks: open tasks by due date use the partial index (completed_at
following the status: test_lifecycles.py)."""

from __future__ import annotations




def test_open_tasks_by_due_date_use_the_partial_index(db):
    user = db.new_user()
    for _ in range(3):
        db.make("campaign_tasks", user)
    db.execute("set local enable_seqscan = off")
    plan = db.execute("explain (format json) select id from public.campaign_tasks "
                      "where created_by = %s and status <> 'completed' order by due_date", (user,)).fetchone()
    assert "campaign_tasks_created_by_due_date_idx" in str(plan)

"""public.campaign_tasks: the task list's query (a user's open tasks by due date, the
spec's idx_campaign_tasks_user_due) is served by the partial index on
(created_by, due_date) where status <> 'completed', with realistic data and
fresh statistics, not with sequential scans switched off (completed_at following
the status: test_lifecycles.py)."""

from __future__ import annotations

import json

import pytest

INDEX = "campaign_tasks_created_by_due_date_idx"
OPEN_TASKS = ("select id, title, due_date from public.campaign_tasks "
              "where created_by = %s and status <> 'completed' order by due_date limit 20")


def plan_indexes(db, query: str, params) -> set[str]:
    plan = db.execute("explain (format json) " + query, params).fetchone()["QUERY PLAN"]
    found = set()

    def walk(node):
        if "Index Name" in node:
            found.add(node["Index Name"])
        for child in node.get("Plans", []):
            walk(child)

    walk(plan[0]["Plan"])
    return found


@pytest.fixture
def many_tasks(db):
    """40 users with 150 tasks each, three in four completed; returns one user."""
    users = [db.new_user() for _ in range(40)]
    for user in users:
        campaign = db.insert("campaigns", created_by=user, name="Backlog")
        db.execute(
            """
            insert into public.campaign_tasks (campaign_id, created_by, title, status, due_date)
            select %s, %s, 'task ' || n,
                   case when n %% 4 = 0 then 'todo' else 'completed' end,
                   date '2026-01-01' + n
            from generate_series(1, 150) as n
            """,
            (campaign["id"], user),
        )
    db.execute("analyze public.campaign_tasks")
    return users[7]


def test_the_partial_index_is_defined_for_open_tasks(db):
    definition = db.execute("select indexdef from pg_indexes where schemaname = 'public' and indexname = %s",
                            (INDEX,)).fetchone()["indexdef"]
    assert "(created_by, due_date)" in definition
    assert "WHERE (status <> 'completed'::text)" in definition


def test_open_tasks_by_due_date_are_read_through_the_partial_index(db, many_tasks):
    assert INDEX in plan_indexes(db, OPEN_TASKS, (many_tasks,))
    rows = db.execute(OPEN_TASKS, (many_tasks,)).fetchall()
    assert len(rows) == 20
    assert [r["due_date"] for r in rows] == sorted(r["due_date"] for r in rows)


def test_the_plan_needs_no_sort_for_the_due_date_order(db, many_tasks):
    plan = db.execute("explain (format json) " + OPEN_TASKS, (many_tasks,)).fetchone()["QUERY PLAN"]
    assert '"Sort"' not in json.dumps(plan)


def test_completed_tasks_cannot_use_the_partial_index(db, many_tasks):
    done = ("select id from public.campaign_tasks where created_by = %s and status = 'completed' "
            "order by due_date limit 20")
    assert INDEX not in plan_indexes(db, done, (many_tasks,))


def test_open_tasks_by_due_date_use_the_partial_index(db):
    user = db.new_user()
    for _ in range(3):
        db.make("campaign_tasks", user)
    db.execute("set local enable_seqscan = off")
    plan = db.execute("explain (format json) select id from public.campaign_tasks "
                      "where created_by = %s and status <> 'completed' order by due_date", (user,)).fetchone()
    assert "campaign_tasks_created_by_due_date_idx" in str(plan)

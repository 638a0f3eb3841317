"""Two daily optimisation runs for the same user at once, on two real
connections: the second waits for the first (a transaction-level advisory
lock on the user), then sees its work, so a winning campaign is raised once
and logged once; a run for another user does not wait."""

from __future__ import annotations

import threading
import time
import uuid

import psycopg
from psycopg.rows import dict_row


def make_user_with_a_winner(admin: psycopg.Connection) -> uuid.UUID:
    user = uuid.uuid4()
    admin.execute("insert into auth.users (id, aud, role, email) values (%s, 'authenticated', 'authenticated', %s)",
                  (user, f"{user.hex[:12]}@example.test"))
    admin.execute("insert into public.marketing_autopilot_config (user_id, business_description, monthly_budget) "
                  "values (%s, 'Dog treats', 1000)", (user,))
    campaign = admin.execute("insert into public.campaigns (created_by, name, budget, auto_managed, status) "
                             "values (%s, 'win', 200, true, 'active') returning id", (user,)).fetchone()["id"]
    yesterday = admin.execute("select (now() at time zone 'UTC')::date - 1 as d").fetchone()["d"]
    admin.execute("insert into public.campaign_metrics (campaign_id, created_by, metric_date, spend, revenue, "
                  "conversions) values (%s, %s, %s, 100, 400, 5)", (campaign, user, yesterday))
    return user


def worker(url: str) -> psycopg.Connection:
    conn = psycopg.connect(url, row_factory=dict_row)
    conn.execute("set role service_role")
    conn.commit()
    return conn


def waiting_on_advisory_lock(admin: psycopg.Connection, pid: int) -> bool:
    return admin.execute("select count(*) as n from pg_locks where pid = %s and locktype = 'advisory' "
                         "and not granted", (pid,)).fetchone()["n"] == 1


def test_two_runs_for_one_user_raise_a_budget_once(migrated_url):
    with psycopg.connect(migrated_url, autocommit=True, row_factory=dict_row) as admin:
        user, other = make_user_with_a_winner(admin), make_user_with_a_winner(admin)
        first, second, third = worker(migrated_url), worker(migrated_url), worker(migrated_url)
        try:
            ran = first.execute("select public.run_autopilot_optimization(%s) as s", (user,)).fetchone()["s"]
            assert ran["budgets_raised"] == 1
            # another user's run does not wait for this one
            assert third.execute("select public.run_autopilot_optimization(%s) as s",
                                 (other,)).fetchone()["s"]["budgets_raised"] == 1
            third.commit()

            results: list = []
            racer = threading.Thread(target=lambda: results.append(
                second.execute("select public.run_autopilot_optimization(%s) as s", (user,)).fetchone()["s"]))
            racer.start()
            second_pid = second.info.backend_pid
            deadline = time.monotonic() + 300
            while not waiting_on_advisory_lock(admin, second_pid):
                assert racer.is_alive() and time.monotonic() < deadline, "the second run did not wait on the lock"
                time.sleep(0.05)
            first.commit()
            racer.join(timeout=300)
            assert not racer.is_alive()
            second.commit()
            assert results[0]["budgets_raised"] == 0
        finally:
            for conn in (first, second, third):
                conn.close()
        adjusted = admin.execute("select count(*) as n from public.autopilot_activity_log where user_id = %s "
                                 "and activity_type = 'budget_adjusted'", (user,)).fetchone()["n"]
        budget = admin.execute("select budget from public.campaigns where created_by = %s", (user,)).fetchone()["budget"]
        runs = admin.execute("select count(*) as n from public.autopilot_activity_log where user_id = %s "
                             "and activity_type = 'optimization_run'", (user,)).fetchone()["n"]
    assert (adjusted, str(budget), runs) == (1, "240.00", 2)

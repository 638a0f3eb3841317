"""The two views of the domain: ai_video_stats (per-user figures under RLS)
and autopilot_cron_monitor (the variant without pg_cron on this server)."""

import datetime
from decimal import Decimal

import psycopg
import pytest


def test_views_are_security_invoker(db):
    rows = db.execute("select relname, reloptions from pg_class where relname in "
                      "('ai_video_stats', 'autopilot_cron_monitor') and relnamespace = 'public'::regnamespace").fetchall()
    assert {r["relname"]: r["reloptions"] for r in rows} == {
        "ai_video_stats": ["security_invoker=true"], "autopilot_cron_monitor": ["security_invoker=true"]}


def test_video_stats_count_own_projects_only(db):
    a, b = db.new_user(), db.new_user()
    now = db.execute("select now() as t").fetchone()["t"]
    for owner, status, cost, auto in ((a, "completed", "2.5000", False), (a, "failed", "0.5000", True),
                                      (a, "draft", "0", False), (b, "completed", "9.0000", False)):
        db.insert("ai_video_projects", user_id=owner, goal="g", platform="Reels", duration_s=20,
                  auto_generated=auto, status=status, cost_usd=cost, created_at=now,
                  completed_at=now + datetime.timedelta(seconds=90) if status == "completed" else None)
    with db.as_user(a) as cur:
        rows = cur.execute("select * from public.ai_video_stats").fetchall()
    assert len(rows) == 1
    s = rows[0]
    assert s["user_id"] == a
    assert (s["total_projects"], s["completed_projects"], s["failed_projects"], s["in_progress_projects"],
            s["auto_generated_projects"]) == (3, 1, 1, 1, 1)
    assert s["total_cost_usd"] == Decimal("3.0000")
    assert s["avg_cost_per_completed_usd"] == Decimal("2.5000")
    assert s["avg_generation_seconds"] == Decimal("90.0")
    assert s["completed_video_seconds"] == 20


def test_cron_monitor_reports_logged_runs_without_pg_cron(db):
    if db.execute("select exists (select from pg_extension where extname = 'pg_cron') as x").fetchone()["x"]:
        pytest.skip("this server has pg_cron: tests/reliability/test_cron_jobs.py covers that variant")
    user = db.new_user()
    db.insert("marketing_autopilot_config", user_id=user, business_description="x")
    with db.as_service_role() as cur:
        cur.execute("select public.run_daily_autopilot_optimization()")
        rows = cur.execute("select * from public.autopilot_cron_monitor order by job_name").fetchall()
    assert [r["job_name"] for r in rows] == ["autopilot-daily-optimization", "autopilot-weekly-reports"]
    daily, weekly = rows
    assert daily["cron_installed"] is False and daily["schedule"] is None
    assert daily["last_scheduled_run_at"] is not None and daily["runs_logged_last_7_days"] >= 1
    assert daily["users_last_7_days"] >= 1 and daily["failed_runs_last_7_days"] == 0
    assert weekly["schedule"] is None and weekly["routine"] == "public.run_weekly_autopilot_reports()"


def test_cron_monitor_is_for_service_role_only(db):
    user = db.new_user()
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_user(user) as cur:
            cur.execute("select * from public.autopilot_cron_monitor")

"""get_autopilot_dashboard_stats(user): headline figures against a
hand-computed fixture; nothing for another user's id."""

import datetime
from decimal import Decimal

import psycopg
import pytest


@pytest.fixture
def dashboard(db):
    """User A: monthly budget 1000; 2 active auto-managed campaigns with
    budgets 300 + 200 (+1 paused, +1 manual, which do not count): 500
    committed, 500 left; 4 leads, 3 of them in the last 7 days; this month
    spend 150 + 50 = 200, revenue 450 (ROI 1.25); 2 actions in the last 7 days.
    User B has data of their own that must not leak in."""
    a, b = db.new_user(), db.new_user()
    today = db.execute("select (now() at time zone 'UTC')::date as d").fetchone()["d"]
    first_of_month = today.replace(day=1)
    db.insert("marketing_autopilot_config", user_id=a, business_description="Dog treats", monthly_budget=1000)
    c1 = db.insert("campaigns", created_by=a, name="c1", auto_managed=True, status="active", budget=300)
    c2 = db.insert("campaigns", created_by=a, name="c2", auto_managed=True, status="active", budget=200)
    db.insert("campaigns", created_by=a, name="c3", auto_managed=True, status="paused", budget=100)
    db.insert("campaigns", created_by=a, name="c4", auto_managed=False, status="active", budget=1000)
    for _ in range(3):
        db.insert("leads", created_by=a, email=db.unique("l") + "@example.test")
    db.execute("insert into public.leads (created_by, email, created_at) values (%s, 'old@example.test', now() - interval '10 days')", (a,))
    db.insert("campaign_metrics", campaign_id=c1["id"], created_by=a, metric_date=today, spend=150, revenue=450)
    db.insert("campaign_metrics", campaign_id=c2["id"], created_by=a, metric_date=today, spend=50, revenue=0)
    db.insert("campaign_metrics", campaign_id=c2["id"], created_by=a,
              metric_date=first_of_month - datetime.timedelta(days=1), spend=500, revenue=0)
    for kind in ("campaign_paused", "budget_adjusted", "optimization_run"):
        db.insert("autopilot_activity_log", user_id=a, activity_type=kind, activity_description=kind)
    db.execute("insert into public.autopilot_activity_log (user_id, activity_type, activity_description, created_at) "
               "values (%s, 'campaign_paused', 'old', now() - interval '8 days')", (a,))
    week = today - datetime.timedelta(days=today.isoweekday() - 1 + 7)
    db.insert("autopilot_weekly_reports", user_id=a, week_start_date=week)

    db.insert("marketing_autopilot_config", user_id=b, business_description="Cat toys", monthly_budget=50, is_active=False)
    cb = db.insert("campaigns", created_by=b, name="b1", auto_managed=True, status="active", budget=80)
    db.insert("campaign_metrics", campaign_id=cb["id"], created_by=b, metric_date=today, spend=7000, revenue=1)
    db.insert("leads", created_by=b, email="b@example.test")
    return a, b, week


def test_stats_match_hand_computed_figures(db, dashboard):
    a, _, week = dashboard
    with db.as_user(a) as cur:
        rows = cur.execute("SELECT * FROM get_autopilot_dashboard_stats(auth.uid())").fetchall()
    assert len(rows) == 1
    s = rows[0]
    assert s["autopilot_active"] is True
    assert s["monthly_budget"] == Decimal("1000.00")
    assert s["active_campaigns"] == 2
    assert (s["total_leads"], s["leads_last_7_days"]) == (4, 3)
    assert s["spend_this_month"] == Decimal("200.00")
    assert s["revenue_this_month"] == Decimal("450.00")
    assert s["roi_this_month"] == Decimal("1.2500")
    assert s["budget_remaining"] == Decimal("500.00")  # monthly budget - committed budget
    assert s["actions_last_7_days"] == 2
    assert s["last_activity_at"] is not None
    assert s["latest_report_week"] == week


def test_another_users_stats_are_not_returned(db, dashboard):
    a, b, _ = dashboard
    with db.as_user(b) as cur:
        assert cur.execute("select * from public.get_autopilot_dashboard_stats(%s)", (a,)).fetchall() == []
        own = cur.execute("select * from public.get_autopilot_dashboard_stats(%s)", (b,)).fetchone()
    assert own["autopilot_active"] is False and own["total_leads"] == 1
    assert own["spend_this_month"] == Decimal("7000.00") and own["budget_remaining"] == 0


def test_user_without_anything_gets_zeros(db):
    user = db.new_user()
    with db.as_user(user) as cur:
        s = cur.execute("select * from public.get_autopilot_dashboard_stats(%s)", (user,)).fetchone()
    assert s["autopilot_active"] is False and s["total_leads"] == 0 and s["roi_this_month"] is None


def test_service_role_reads_any_user(db, dashboard):
    a, _, _ = dashboard
    with db.as_service_role() as cur:
        s = cur.execute("select * from public.get_autopilot_dashboard_stats(%s)", (a,)).fetchone()
    assert s["active_campaigns"] == 2 and s["spend_this_month"] == Decimal("200.00")


def test_anon_cannot_call_it(db, dashboard):
    a, _, _ = dashboard
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_anon() as cur:
            cur.execute("select * from public.get_autopilot_dashboard_stats(%s)", (a,))

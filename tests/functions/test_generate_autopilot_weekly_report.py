"""generate_autopilot_weekly_report and its manual trigger: the report of a
week computed from leads and campaign_metrics, against hand-computed figures."""

import datetime
from decimal import Decimal

import psycopg
import pytest


def utc(db, day: datetime.date, hour: int = 12) -> datetime.datetime:
    return db.execute("select (%s::date + make_interval(hours => %s))::timestamp at time zone 'UTC' as t",
                      (day, hour)).fetchone()["t"]


def last_monday(db) -> datetime.date:
    today = db.execute("select (now() at time zone 'UTC')::date as d").fetchone()["d"]
    return today - datetime.timedelta(days=today.isoweekday() - 1 + 7)


@pytest.fixture
def week(db):
    """User A's week W (the last complete one), with noise around it and in user B's data.

    Hand-computed for W: leads 6 (email 3, social 2, no campaign 1); spend
    100 + 50 + 200 = 350; revenue 300 + 0 + 250 = 550; ROI (550 - 350) / 350
    = 0.5714; top channel email (3 leads). Previous week: 4 leads, spend 10.
    """
    a, b = db.new_user(), db.new_user()
    w = last_monday(db)
    day = datetime.timedelta(days=1)
    for user in (a, b):
        db.insert("marketing_autopilot_config", user_id=user, business_description="Dog treats", monthly_budget=1000)
    email = db.insert("campaigns", created_by=a, name="Email push", channel="email", status="active")
    social = db.insert("campaigns", created_by=a, name="Social push", channel="social", status="active")

    def lead(owner, at, campaign=None):
        db.insert("leads", created_by=owner, email=db.unique("lead") + "@example.test", created_at=at,
                  campaign_id=campaign["id"] if campaign else None)

    lead(a, utc(db, w, 0), email)            # first instant of the week
    lead(a, utc(db, w + 2 * day), email)
    lead(a, utc(db, w + 6 * day, 23), email)
    lead(a, utc(db, w + 3 * day), social)
    lead(a, utc(db, w + 4 * day), social)
    lead(a, utc(db, w + 5 * day))
    for i in range(4):                       # previous week
        lead(a, utc(db, w - (i + 1) * day), social)
    lead(a, utc(db, w + 7 * day, 0), email)  # first instant of the next week: not counted

    def metric(campaign, on, spend, revenue, conversions=1):
        db.insert("campaign_metrics", campaign_id=campaign["id"], created_by=campaign["created_by"],
                  metric_date=on, spend=spend, revenue=revenue, conversions=conversions)

    metric(email, w, 100, 300)
    metric(email, w + 6 * day, 50, 0)
    metric(social, w + 2 * day, 200, 250)
    metric(email, w - day, 10, 0)            # previous week
    metric(social, w + 7 * day, 999, 999)    # next week

    other = db.insert("campaigns", created_by=b, name="B push", channel="search", status="active")
    lead(b, utc(db, w + day), other)
    metric(other, w + day, 5000, 9000)
    return a, b, w


def test_report_matches_hand_computed_figures(db, week):
    a, _, w = week
    report = db.execute("select * from public.generate_autopilot_weekly_report(%s, %s)", (a, w)).fetchone()
    assert report["user_id"] == a and report["week_start_date"] == w
    assert report["total_leads_generated"] == 6
    assert report["total_spend"] == Decimal("350.00")
    assert report["total_revenue"] == Decimal("550.00")
    assert report["roi"] == Decimal("0.5714")
    assert report["top_performing_channel"] == "email"
    insights = report["ai_insights"]
    assert insights["previous_week"]["leads"] == 4
    assert Decimal(str(insights["leads_change_pct"])) == Decimal("50.0")
    assert [c["channel"] for c in insights["channels"]] == ["email", "social"]


def test_default_week_is_the_last_complete_one(db, week):
    a, _, w = week
    report = db.execute("select * from public.generate_autopilot_weekly_report(%s)", (a,)).fetchone()
    assert report["week_start_date"] == w and report["total_leads_generated"] == 6


def test_rerun_updates_the_same_row(db, week):
    a, _, w = week
    first = db.execute("select * from public.generate_autopilot_weekly_report(%s, %s)", (a, w)).fetchone()
    db.insert("leads", created_by=a, email="late@example.test", created_at=utc(db, w + datetime.timedelta(days=1)))
    second = db.execute("select * from public.generate_autopilot_weekly_report(%s, %s)", (a, w)).fetchone()
    assert second["id"] == first["id"]
    assert second["total_leads_generated"] == 7
    rows = db.execute("select count(*) as n from public.autopilot_weekly_reports where user_id = %s", (a,)).fetchone()
    assert rows["n"] == 1


def test_revenue_decides_the_top_channel_when_leads_tie(db, week):
    a, _, w = week
    # one more social lead: 3 - 3; email revenue 300 beats social 250
    db.insert("leads", created_by=a, email="tie@example.test", created_at=utc(db, w + datetime.timedelta(days=1)),
              campaign_id=db.execute("select id from public.campaigns where name = 'Social push'").fetchone()["id"])
    report = db.execute("select * from public.generate_autopilot_weekly_report(%s, %s)", (a, w)).fetchone()
    assert report["top_performing_channel"] == "email"


def test_empty_week_has_no_roi_and_no_top_channel(db, week):
    a, _, w = week
    empty = w - datetime.timedelta(days=28)
    report = db.execute("select * from public.generate_autopilot_weekly_report(%s, %s)", (a, empty)).fetchone()
    assert report["total_leads_generated"] == 0 and report["total_spend"] == 0
    assert report["roi"] is None and report["top_performing_channel"] is None


def test_generation_is_logged(db, week):
    a, _, w = week
    report = db.execute("select * from public.generate_autopilot_weekly_report(%s, %s)", (a, w)).fetchone()
    log = db.execute("select * from public.autopilot_activity_log where user_id = %s and activity_type = 'report_generated'",
                     (a,)).fetchall()
    assert len(log) == 1 and log[0]["entity_id"] == report["id"] and log[0]["metadata"]["trigger"] == "manual"


def test_a_week_not_starting_on_monday_is_refused(db, week):
    a, _, w = week
    with pytest.raises(psycopg.errors.InvalidParameterValue, match="Monday"):
        with db.conn.transaction():
            db.execute("select public.generate_autopilot_weekly_report(%s, %s)", (a, w + datetime.timedelta(days=2)))


def test_user_without_config_is_refused(db):
    with pytest.raises(psycopg.errors.NoDataFound):
        with db.conn.transaction():
            db.execute("select public.generate_autopilot_weekly_report(%s)", (db.new_user(),))


def test_users_cannot_call_the_worker_directly(db, week):
    a, _, w = week
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_user(a) as cur:
            cur.execute("select public.generate_autopilot_weekly_report(%s, %s)", (a, w))


def test_manual_trigger_reports_for_the_caller(db, week):
    a, _, w = week
    with db.as_user(a) as cur:
        report = cur.execute("select * from public.trigger_autopilot_weekly_report(null, %s)", (w,)).fetchone()
        assert report["user_id"] == a and report["total_leads_generated"] == 6
        mine = cur.execute("select count(*) as n from public.autopilot_weekly_reports").fetchone()["n"]
    assert mine == 1


def test_manual_trigger_refuses_another_users_id(db, week):
    a, b, w = week
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_user(b) as cur:
            cur.execute("select * from public.trigger_autopilot_weekly_report(%s, %s)", (a, w))
    assert db.execute("select count(*) as n from public.autopilot_weekly_reports").fetchone()["n"] == 0


def test_manual_trigger_refuses_anon(db, week):
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_anon() as cur:
            cur.execute("select * from public.trigger_autopilot_weekly_report()")


def test_service_role_names_any_user_and_must_name_one(db, week):
    a, _, w = week
    with db.as_service_role() as cur:
        report = cur.execute("select * from public.trigger_autopilot_weekly_report(%s, %s)", (a, w)).fetchone()
    assert report["user_id"] == a
    with pytest.raises(psycopg.errors.InvalidParameterValue):
        with db.as_service_role() as cur:
            cur.execute("select * from public.trigger_autopilot_weekly_report()")


def test_batch_reports_every_active_user_once(db, week):
    a, b, w = week
    db.execute("update public.marketing_autopilot_config set is_active = false where user_id = %s", (b,))
    with db.as_service_role() as cur:
        result = cur.execute("select public.run_weekly_autopilot_reports(%s) as r", (w,)).fetchone()["r"]
        cur.execute("select public.run_weekly_autopilot_reports(%s)", (w,))
    assert result == {"users_processed": 1, "users_failed": 0}
    rows = db.execute("select user_id from public.autopilot_weekly_reports").fetchall()
    assert [r["user_id"] for r in rows] == [a]
    scheduled = db.execute("select count(*) as n from public.autopilot_activity_log "
                           "where activity_type = 'report_generated' and metadata ->> 'trigger' = 'scheduled'").fetchone()
    assert scheduled["n"] == 2

"""The daily autopilot optimisation (run_autopilot_optimization, its manual
trigger and the cron batch): deterministic rules over the last 7 complete
days of auto-managed campaigns, every action logged."""

import datetime
from decimal import Decimal

import psycopg
import pytest


@pytest.fixture
def portfolio(db):
    """User A (monthly budget 1000) with five active auto-managed campaigns and one manual one.

    Window = the 7 days before today (UTC).
      waste: budget 100, spend 20 on 3 days, no conversion        -> paused
      young: budget 100, spend 20 on 2 days, no conversion        -> left (too little data)
      win:   budget 200, spend 100, revenue 400, 5 conv (ROI 3)    -> budget 240
      loser: budget 300, spend 100, revenue 50, 2 conv (ROI -0.5)  -> review suggestion
      stale: budget 100, spend on 3 days, but before the window    -> left
      manual (not auto-managed): spend without conversions         -> left
    """
    a = db.new_user()
    today = db.execute("select (now() at time zone 'UTC')::date as d").fetchone()["d"]
    day = datetime.timedelta(days=1)
    db.insert("marketing_autopilot_config", user_id=a, business_description="Dog treats", monthly_budget=1000)
    c = {}
    for name, budget, auto in (("waste", 100, True), ("young", 100, True), ("win", 200, True),
                               ("loser", 300, True), ("stale", 100, True), ("manual", 100, False)):
        c[name] = db.insert("campaigns", created_by=a, name=name, budget=budget, auto_managed=auto, status="active")

    def metric(name, on, spend, revenue=0, conversions=0):
        db.insert("campaign_metrics", campaign_id=c[name]["id"], created_by=a, metric_date=on,
                  spend=spend, revenue=revenue, conversions=conversions)

    for i in (1, 2, 3):
        metric("waste", today - i * day, 20)
        metric("manual", today - i * day, 20)
        metric("stale", today - (i + 7) * day, 20)
    metric("young", today - day, 20)
    metric("young", today - 2 * day, 20)
    metric("young", today, 20)  # today is not in the window
    metric("win", today - day, 100, 400, 5)
    metric("loser", today - 2 * day, 100, 50, 2)
    return a, c


def campaign(db, row):
    return db.execute("select status, budget from public.campaigns where id = %s", (row["id"],)).fetchone()


def log_of(db, user, kind):
    return db.execute("select * from public.autopilot_activity_log where user_id = %s and activity_type = %s "
                      "order by created_at, id", (user, kind)).fetchall()


def monitor(db, row):
    return db.execute("select * from public.campaign_performance_monitor where campaign_id = %s", (row["id"],)).fetchone()


def optimise(db, user):
    return db.execute("select public.run_autopilot_optimization(%s) as s", (user,)).fetchone()["s"]


def test_rules_act_as_documented(db, portfolio):
    a, c = portfolio
    summary = optimise(db, a)
    assert campaign(db, c["waste"]) == {"status": "paused", "budget": Decimal("100.00")}
    assert campaign(db, c["young"]) == {"status": "active", "budget": Decimal("100.00")}
    assert campaign(db, c["win"]) == {"status": "active", "budget": Decimal("240.00")}
    assert campaign(db, c["loser"]) == {"status": "active", "budget": Decimal("300.00")}
    assert campaign(db, c["stale"])["status"] == "active"
    assert campaign(db, c["manual"])["status"] == "active"
    assert (summary["campaigns_checked"], summary["campaigns_paused"], summary["budgets_raised"],
            summary["suggestions"]) == (5, 1, 1, 1)


def test_every_action_is_logged_and_noted_on_the_monitor(db, portfolio):
    a, c = portfolio
    optimise(db, a)
    paused = log_of(db, a, "campaign_paused")
    assert [(r["entity_type"], r["entity_id"]) for r in paused] == [("campaign", c["waste"]["id"])]
    raised = log_of(db, a, "budget_adjusted")
    assert raised[0]["entity_id"] == c["win"]["id"]
    assert Decimal(str(raised[0]["metadata"]["new_budget"])) == Decimal("240.00")
    suggested = log_of(db, a, "suggestion_made")
    assert [r["entity_id"] for r in suggested] == [c["loser"]["id"]]
    assert len(log_of(db, a, "optimization_run")) == 1

    assert [x["action"] for x in monitor(db, c["waste"])["auto_actions_taken"]] == ["paused"]
    assert [x["action"] for x in monitor(db, c["win"])["auto_actions_taken"]] == ["budget_increased"]
    loser = monitor(db, c["loser"])
    assert [x["suggestion"] for x in loser["optimization_suggestions"]] == ["review_targeting"]
    assert loser["auto_actions_taken"] == []
    assert monitor(db, c["young"]) is None


def test_rerunning_the_same_day_does_not_compound(db, portfolio):
    a, c = portfolio
    optimise(db, a)
    second = optimise(db, a)
    assert campaign(db, c["win"])["budget"] == Decimal("240.00")
    assert (second["campaigns_paused"], second["budgets_raised"], second["suggestions"]) == (0, 0, 0)
    assert len(monitor(db, c["loser"])["optimization_suggestions"]) == 1


def test_raise_is_capped_by_the_monthly_budget(db, portfolio):
    a, c = portfolio
    # after the pause, active auto-managed budgets are 100 + 200 + 300 + 100 = 700: 20 left
    db.execute("update public.marketing_autopilot_config set monthly_budget = 720 where user_id = %s", (a,))
    optimise(db, a)
    assert campaign(db, c["win"])["budget"] == Decimal("220.00")


def test_no_room_in_the_budget_gives_a_suggestion_instead(db, portfolio):
    a, c = portfolio
    db.execute("update public.marketing_autopilot_config set monthly_budget = 700 where user_id = %s", (a,))
    optimise(db, a)
    assert campaign(db, c["win"])["budget"] == Decimal("200.00")
    rules = [x["rule"] for x in monitor(db, c["win"])["optimization_suggestions"]]
    assert rules == ["budget_cap_reached"]


def test_inactive_autopilot_is_refused(db, portfolio):
    a, c = portfolio
    db.execute("update public.marketing_autopilot_config set is_active = false where user_id = %s", (a,))
    with pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState):
        with db.conn.transaction():
            optimise(db, a)
    assert campaign(db, c["waste"])["status"] == "active"


def test_manual_trigger_runs_for_the_caller_only(db, portfolio):
    a, c = portfolio
    b = db.new_user()
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_user(b) as cur:
            cur.execute("select public.trigger_autopilot_optimization(%s)", (a,))
    assert campaign(db, c["waste"])["status"] == "active"
    with db.as_user(a) as cur:
        summary = cur.execute("select public.trigger_autopilot_optimization() as s").fetchone()["s"]
        seen = cur.execute("select count(*) as n from public.autopilot_activity_log").fetchone()["n"]
    assert summary["campaigns_paused"] == 1 and summary["trigger"] == "manual"
    assert seen == 4  # paused, budget_adjusted, suggestion_made, optimization_run: A reads own log


def test_manual_trigger_refuses_anon_and_unnamed_service_calls(db, portfolio):
    a, _ = portfolio
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_anon() as cur:
            cur.execute("select public.trigger_autopilot_optimization()")
    with pytest.raises(psycopg.errors.InvalidParameterValue):
        with db.as_service_role() as cur:
            cur.execute("select public.trigger_autopilot_optimization()")
    with db.as_service_role() as cur:
        assert cur.execute("select public.trigger_autopilot_optimization(%s) as s", (a,)).fetchone()["s"]["user_id"] == str(a)


def test_users_cannot_call_the_worker_or_the_batch(db, portfolio):
    a, _ = portfolio
    for call in ("select public.run_autopilot_optimization(%s)" % f"'{a}'",
                 "select public.run_daily_autopilot_optimization()"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            with db.as_user(a) as cur:
                cur.execute(call)


def test_batch_runs_active_users_and_isolates_a_failure(db, portfolio):
    a, c = portfolio
    idle, broken = db.new_user(), db.new_user()
    db.insert("marketing_autopilot_config", user_id=idle, business_description="x", is_active=False)
    db.insert("marketing_autopilot_config", user_id=broken, business_description="y")
    # make the broken user's run fail, inside this test's transaction
    db.execute(f"""
        create function pg_temp.fail_for_user() returns trigger language plpgsql as $$
        begin
            if new.user_id = '{broken}' and new.metadata ->> 'status' = 'succeeded' then
                raise exception 'simulated failure';
            end if;
            return new;
        end $$""")
    db.execute("create trigger fail_for_user before insert on public.autopilot_activity_log "
               "for each row execute function pg_temp.fail_for_user()")
    with db.as_service_role() as cur:
        result = cur.execute("select public.run_daily_autopilot_optimization() as r").fetchone()["r"]
    assert result == {"users_processed": 1, "users_failed": 1}
    assert campaign(db, c["waste"])["status"] == "paused"
    failed = log_of(db, broken, "optimization_run")
    assert len(failed) == 1 and failed[0]["metadata"]["status"] == "failed"
    assert "simulated failure" in failed[0]["metadata"]["error"]
    assert log_of(db, idle, "optimization_run") == []
    assert log_of(db, a, "optimization_run")[0]["metadata"]["trigger"] == "scheduled"

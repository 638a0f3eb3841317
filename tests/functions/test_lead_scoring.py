"""Lead scoring: active rules applied to a lead's activities, kept current by triggers,
and the autopilot inbox filled only while the owner's autopilot is active."""

from __future__ import annotations

import psycopg
import pytest
from psycopg.types.json import Jsonb


def rule(db, user, activity_type, points, conditions=None, active=True):
    return db.insert("lead_scoring_rules", user_id=user, rule_name=db.unique("rule"), activity_type=activity_type,
                     points=points, conditions=conditions or {}, is_active=active)


def activity(db, user, lead, activity_type, **data):
    return db.insert("lead_activities", lead_id=lead["id"], user_id=user, activity_type=activity_type,
                     activity_data=Jsonb(data))


def score(db, lead) -> int:
    return db.execute("select score from public.leads where id = %s", (lead["id"],)).fetchone()["score"]


def test_new_activities_update_the_score_by_the_active_rules(db):
    user = db.new_user()
    lead = db.make("leads", user)
    rule(db, user, "page_visit", 10, {"page": "/pricing"})
    rule(db, user, "page_visit", 1)
    rule(db, user, "email_click", 5)
    rule(db, user, "form_submit", 50, active=False)
    activity(db, user, lead, "page_visit", page="/pricing")   # 10 + 1
    activity(db, user, lead, "page_visit", page="/blog")      # 1
    activity(db, user, lead, "email_click", link="cta")       # 5
    activity(db, user, lead, "form_submit", form="demo")      # inactive rule: 0
    assert score(db, lead) == 17
    with db.as_user(user) as cur:
        assert cur.execute("select public.calculate_lead_score(%s) as s", (lead["id"],)).fetchone()["s"] == 17


def test_changing_a_rule_rescores_the_leads(db):
    user = db.new_user()
    lead = db.make("leads", user)
    unsubscribe = rule(db, user, "unsubscribe", -30)
    rule(db, user, "meeting", 40)
    activity(db, user, lead, "meeting")
    activity(db, user, lead, "unsubscribe")
    assert score(db, lead) == 10
    db.execute("update public.lead_scoring_rules set is_active = false where id = %s", (unsubscribe["id"],))
    assert score(db, lead) == 40


def test_score_never_drops_below_zero_and_follows_deleted_activities(db):
    user = db.new_user()
    lead = db.make("leads", user)
    rule(db, user, "unsubscribe", -30)
    rule(db, user, "reply", 20)
    reply = activity(db, user, lead, "reply")
    activity(db, user, lead, "unsubscribe")
    assert score(db, lead) == 0
    with db.as_user(user) as cur:
        cur.execute("delete from public.lead_activities where activity_type = 'unsubscribe'")
    assert score(db, lead) == 20
    assert db.execute("select last_activity_at from public.leads where id = %s",
                      (lead["id"],)).fetchone()["last_activity_at"] == reply["occurred_at"]


def test_another_users_lead_scores_nothing_for_the_caller(db):
    a, b = db.new_user(), db.new_user()
    lead = db.make("leads", a)
    rule(db, a, "call", 25)
    activity(db, a, lead, "call")
    with db.as_user(b) as cur:
        assert cur.execute("select public.calculate_lead_score(%s) as s", (lead["id"],)).fetchone()["s"] == 0


def test_leads_reach_the_inbox_only_while_the_autopilot_is_active(db):
    user = db.new_user()
    quiet = db.make("leads", user)
    assert db.execute("select count(*) as n from public.autopilot_lead_inbox where user_id = %s",
                      (user,)).fetchone()["n"] == 0
    db.insert("marketing_autopilot_config", user_id=user, business_description="Bakery", is_active=True)
    with db.as_user(user) as cur:
        lead = cur.execute("insert into public.leads (created_by, email, first_name, last_name) values "
                           "(%s, 'grace@example.test', 'Grace', 'Hopper') returning id", (user,)).fetchone()
    inbox = db.execute("select * from public.autopilot_lead_inbox where user_id = %s", (user,)).fetchall()
    assert [(r["lead_id"], r["lead_name"], r["priority"]) for r in inbox] == [(lead["id"], "Grace Hopper", "low")]
    rule(db, user, "meeting", 80)
    activity(db, user, {"id": lead["id"]}, "meeting")
    refreshed = db.execute("select score, priority from public.autopilot_lead_inbox where lead_id = %s",
                           (lead["id"],)).fetchone()
    assert refreshed == {"score": 80, "priority": "high"}
    assert db.execute("select count(*) as n from public.autopilot_lead_inbox where lead_id = %s",
                      (quiet["id"],)).fetchone()["n"] == 0


def test_users_cannot_file_inbox_rows_themselves(db):
    user = db.new_user()
    lead = db.make("leads", user)
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_user(user) as cur:
            cur.execute("insert into public.autopilot_lead_inbox (user_id, lead_id, lead_status) values (%s, %s, 'new')",
                        (user, lead["id"]))

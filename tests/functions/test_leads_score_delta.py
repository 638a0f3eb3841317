"""Lead scoring per activity: lead_activities.score_delta holds the points the
owner's active scoring rules give each activity, stays right when the rules
change (also when the user changes them through the API, who may not update
activities), and the lead's score is their sum floored at 0, the same as
calculate_lead_score."""

from __future__ import annotations

from psycopg.types.json import Jsonb


def rule(db, user, activity_type, points, conditions=None, active=True, name=None) -> dict:
    return db.insert("lead_scoring_rules", user_id=user, rule_name=name or db.unique("rule"),
                     activity_type=activity_type, points=points, conditions=conditions or {}, is_active=active)


def record(cur, user, lead_id, activity_type, **data) -> dict:
    return cur.execute("insert into public.lead_activities (lead_id, user_id, activity_type, activity_data) "
                       "values (%s, %s, %s, %s) returning *", (lead_id, user, activity_type, Jsonb(data))).fetchone()


def deltas(db, lead_id) -> dict[str, int]:
    rows = db.execute("select activity_data ->> 'tag' as tag, score_delta from public.lead_activities "
                      "where lead_id = %s", (lead_id,)).fetchall()
    return {r["tag"]: r["score_delta"] for r in rows}


def lead_score(db, lead_id) -> int:
    return db.execute("select score from public.leads where id = %s", (lead_id,)).fetchone()["score"]


def scoring_setup(db):
    """A user with five rules (one inactive), a lead and five activities, recorded through the API."""
    user = db.new_user()
    lead = db.make("leads", user)
    rules = {
        "pricing": rule(db, user, "page_visit", 10, {"page": "/pricing"}),
        "any_visit": rule(db, user, "page_visit", 1),
        "click": rule(db, user, "email_click", 5),
        "demo_form": rule(db, user, "form_submit", 50, {"form": "demo"}, active=False),
        "meeting": rule(db, user, "meeting", 40),
    }
    with db.as_user(user) as cur:
        record(cur, user, lead["id"], "page_visit", tag="pricing", page="/pricing")  # 10 + 1
        record(cur, user, lead["id"], "page_visit", tag="blog", page="/blog")        # 1
        record(cur, user, lead["id"], "email_click", tag="click")                    # 5
        record(cur, user, lead["id"], "form_submit", tag="demo", form="demo")        # inactive: 0
        record(cur, user, lead["id"], "meeting", tag="meeting")                      # 40
    return user, lead, rules


def test_each_activity_records_the_points_the_active_rules_give_it(db):
    _, lead, _ = scoring_setup(db)
    assert deltas(db, lead["id"]) == {"pricing": 11, "blog": 1, "click": 5, "demo": 0, "meeting": 40}
    assert lead_score(db, lead["id"]) == 57


def test_a_written_score_delta_is_replaced_by_the_computed_one(db):
    user = db.new_user()
    lead = db.make("leads", user)
    rule(db, user, "call", 25)
    with db.as_service_role() as cur:
        row = cur.execute("insert into public.lead_activities (lead_id, user_id, activity_type, score_delta) "
                          "values (%s, %s, 'call', 999) returning score_delta", (lead["id"], user)).fetchone()
        assert row["score_delta"] == 25
        again = cur.execute("update public.lead_activities set score_delta = 999 where lead_id = %s "
                            "returning score_delta", (lead["id"],)).fetchone()
        assert again["score_delta"] == 25
    assert lead_score(db, lead["id"]) == 25


def test_the_user_activating_a_rule_rescores_deltas_and_lead(db):
    user, lead, rules = scoring_setup(db)
    with db.as_user(user) as cur:
        cur.execute("update public.lead_scoring_rules set is_active = true where id = %s", (rules["demo_form"]["id"],))
    assert deltas(db, lead["id"])["demo"] == 50
    assert lead_score(db, lead["id"]) == 107


def test_the_user_changing_conditions_and_points_rescores(db):
    user, lead, rules = scoring_setup(db)
    with db.as_user(user) as cur:
        cur.execute("update public.lead_scoring_rules set conditions = %s, points = 20 where id = %s",
                    (Jsonb({"page": "/blog"}), rules["pricing"]["id"]))
    assert deltas(db, lead["id"]) == {"pricing": 1, "blog": 21, "click": 5, "demo": 0, "meeting": 40}
    assert lead_score(db, lead["id"]) == 67


def test_the_user_deleting_a_rule_rescores(db):
    user, lead, rules = scoring_setup(db)
    with db.as_user(user) as cur:
        cur.execute("delete from public.lead_scoring_rules where id = %s", (rules["meeting"]["id"],))
    assert deltas(db, lead["id"])["meeting"] == 0
    assert lead_score(db, lead["id"]) == 17


def test_changing_a_rules_activity_type_rescores_both_types(db):
    user, lead, rules = scoring_setup(db)
    with db.as_user(user) as cur:
        cur.execute("update public.lead_scoring_rules set activity_type = 'meeting', points = 3 where id = %s",
                    (rules["click"]["id"],))
    assert deltas(db, lead["id"])["click"] == 0
    assert deltas(db, lead["id"])["meeting"] == 43
    assert lead_score(db, lead["id"]) == 55


def test_a_penalty_can_cancel_points_but_the_score_stays_at_least_zero(db):
    user, lead, _ = scoring_setup(db)
    rule(db, user, "unsubscribe", -100)
    with db.as_user(user) as cur:
        record(cur, user, lead["id"], "unsubscribe", tag="unsubscribe")
    assert deltas(db, lead["id"])["unsubscribe"] == -100
    assert sum(deltas(db, lead["id"]).values()) == -43
    assert lead_score(db, lead["id"]) == 0


def test_another_users_rules_give_my_activities_nothing(db):
    user, lead, _ = scoring_setup(db)
    other = db.new_user()
    rule(db, other, "page_visit", 100)
    rule(db, other, "meeting", 100)
    assert deltas(db, lead["id"]) == {"pricing": 11, "blog": 1, "click": 5, "demo": 0, "meeting": 40}
    assert lead_score(db, lead["id"]) == 57


def test_the_score_equals_calculate_lead_score_and_the_sum_of_deltas(db):
    user, lead, rules = scoring_setup(db)
    second = db.make("leads", user)
    with db.as_user(user) as cur:
        record(cur, user, second["id"], "page_visit", tag="x", page="/pricing")
        cur.execute("update public.lead_scoring_rules set points = 7 where id = %s", (rules["any_visit"]["id"],))
        cur.execute("delete from public.lead_activities where lead_id = %s and activity_type = 'email_click'",
                    (lead["id"],))
        rows = cur.execute(
            "select l.id, l.score, public.calculate_lead_score(l.id) as calculated, "
            "greatest(0, (select sum(a.score_delta) from public.lead_activities as a where a.lead_id = l.id)) as summed "
            "from public.leads as l where l.id = any (%s)", ([lead["id"], second["id"]],)).fetchall()
    assert {r["id"]: (r["score"], r["calculated"], r["summed"]) for r in rows} == {
        lead["id"]: (64, 64, 64),    # pricing 10 + 7, blog 7, demo 0, meeting 40 (the click was deleted)
        second["id"]: (17, 17, 17),  # pricing 10 + 7
    }

"""0003_leads: the autopilot lead inbox. A lead is filed (once) only while its
owner's marketing_autopilot_config is active; a filed lead's copies stay
current; the user reads, marks and archives rows but never forges them."""

from __future__ import annotations

import psycopg
import pytest


def autopilot(db, user, active: bool) -> dict:
    return db.insert("marketing_autopilot_config", user_id=user, business_description="Bakery", is_active=active)


def add_lead(db, user, email: str, **columns) -> dict:
    """A lead inserted by its owner through the API (so the trigger runs for an authenticated user)."""
    names = ["created_by", "email", *columns]
    with db.as_user(user) as cur:
        return cur.execute(
            f"insert into public.leads ({', '.join(names)}) values ({', '.join(['%s'] * len(names))}) returning *",
            [user, email, *columns.values()]).fetchone()


def inbox(db, user) -> list[dict]:
    return db.execute("select * from public.autopilot_lead_inbox where user_id = %s order by created_at, lead_email",
                      (user,)).fetchall()


def test_no_inbox_rows_without_an_autopilot(db):
    user = db.new_user()
    add_lead(db, user, "a@example.test")
    assert inbox(db, user) == []


def test_no_inbox_rows_while_the_autopilot_is_inactive(db):
    user = db.new_user()
    autopilot(db, user, active=False)
    lead = add_lead(db, user, "a@example.test")
    with db.as_user(user) as cur:
        cur.execute("update public.leads set status = 'qualified' where id = %s", (lead["id"],))
    assert inbox(db, user) == []


def test_an_active_autopilot_files_new_leads_with_their_details(db):
    user = db.new_user()
    autopilot(db, user, active=True)
    lead = add_lead(db, user, "grace@example.test", first_name="Grace", last_name="Hopper", company="Navy")
    [row] = inbox(db, user)
    assert {k: row[k] for k in ("lead_id", "lead_name", "lead_email", "company", "score", "lead_status",
                                "priority", "is_read", "archived_at")} == {
        "lead_id": lead["id"], "lead_name": "Grace Hopper", "lead_email": "grace@example.test", "company": "Navy",
        "score": 0, "lead_status": "new", "priority": "low", "is_read": False, "archived_at": None}


def test_a_lead_changed_after_activation_is_filed_once_and_kept_current(db):
    user = db.new_user()
    lead = add_lead(db, user, "old@example.test", company="Before")
    autopilot(db, user, active=True)
    with db.as_user(user) as cur:
        cur.execute("update public.leads set company = 'After' where id = %s", (lead["id"],))
        cur.execute("update public.leads set status = 'qualified', first_name = 'Ada' where id = %s", (lead["id"],))
    rows = inbox(db, user)
    assert [(r["lead_id"], r["company"], r["lead_status"], r["lead_name"]) for r in rows] == [
        (lead["id"], "After", "qualified", "Ada")]


def test_another_users_active_autopilot_files_nothing_for_me(db):
    a, b = db.new_user(), db.new_user()
    autopilot(db, a, active=True)
    add_lead(db, b, "b@example.test")
    assert inbox(db, b) == []
    assert inbox(db, a) == []


def test_after_deactivation_new_leads_stay_out_but_filed_leads_stay_current(db):
    user = db.new_user()
    config = autopilot(db, user, active=True)
    filed = add_lead(db, user, "filed@example.test")
    db.execute("update public.marketing_autopilot_config set is_active = false where id = %s", (config["id"],))
    add_lead(db, user, "later@example.test")
    with db.as_user(user) as cur:
        cur.execute("update public.leads set status = 'converted' where id = %s", (filed["id"],))
    assert [(r["lead_email"], r["lead_status"]) for r in inbox(db, user)] == [("filed@example.test", "converted")]


def test_score_changes_reach_the_inbox_with_the_priority(db):
    user = db.new_user()
    autopilot(db, user, active=True)
    lead = add_lead(db, user, "hot@example.test")
    db.insert("lead_scoring_rules", user_id=user, rule_name="demo", activity_type="form_submit", points=35)
    priorities = []
    for _ in range(2):
        with db.as_user(user) as cur:
            cur.execute("insert into public.lead_activities (lead_id, user_id, activity_type) "
                        "values (%s, %s, 'form_submit')", (lead["id"], user))
        [row] = inbox(db, user)
        priorities.append((row["score"], row["priority"]))
    assert priorities == [(35, "normal"), (70, "high")]


def test_reading_and_archiving_survive_a_refresh(db):
    user = db.new_user()
    autopilot(db, user, active=True)
    lead = add_lead(db, user, "kept@example.test")
    with db.as_user(user) as cur:
        cur.execute("update public.autopilot_lead_inbox set is_read = true, archived_at = now() where lead_id = %s",
                    (lead["id"],))
        cur.execute("update public.leads set company = 'New Co' where id = %s", (lead["id"],))
    [row] = inbox(db, user)
    assert (row["company"], row["is_read"], row["archived_at"] is not None) == ("New Co", True, True)


def test_the_user_cannot_rewrite_the_copies(db):
    user = db.new_user()
    autopilot(db, user, active=True)
    lead = add_lead(db, user, "honest@example.test")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_user(user) as cur:
            cur.execute("update public.autopilot_lead_inbox set score = 100 where lead_id = %s", (lead["id"],))


def test_the_user_cannot_file_a_lead_by_hand(db):
    user = db.new_user()
    autopilot(db, user, active=False)
    lead = add_lead(db, user, "manual@example.test")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_user(user) as cur:
            cur.execute("insert into public.autopilot_lead_inbox (user_id, lead_id, lead_status) values (%s, %s, 'new')",
                        (user, lead["id"]))

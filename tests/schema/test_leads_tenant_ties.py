"""0003_leads: activities and inbox rows carry their lead's tenant, and a lead
only links to its owner's campaign; the composite keys refuse a mismatch for
the API user and for the superuser alike."""

from __future__ import annotations

import psycopg
import pytest


def test_user_cannot_record_an_activity_on_another_users_lead(db):
    a, b = db.new_user(), db.new_user()
    lead = db.make("leads", a)
    with pytest.raises(psycopg.errors.ForeignKeyViolation, match="lead_activities_lead_fkey"):
        with db.as_user(b) as cur:
            cur.execute("insert into public.lead_activities (lead_id, user_id, activity_type) "
                        "values (%s, %s, 'page_visit')", (lead["id"], b))
    assert db.execute("select count(*) as n from public.lead_activities where lead_id = %s",
                      (lead["id"],)).fetchone()["n"] == 0


def test_even_the_superuser_cannot_record_an_activity_under_a_mismatched_tenant(db):
    a, b = db.new_user(), db.new_user()
    lead = db.make("leads", a)
    with pytest.raises(psycopg.errors.ForeignKeyViolation, match="lead_activities_lead_fkey"):
        with db.conn.transaction():
            db.insert("lead_activities", lead_id=lead["id"], user_id=b, activity_type="call")


def test_even_the_superuser_cannot_file_another_users_lead_in_an_inbox(db):
    a, b = db.new_user(), db.new_user()
    lead = db.make("leads", a)
    with pytest.raises(psycopg.errors.ForeignKeyViolation, match="autopilot_lead_inbox_lead_fkey"):
        with db.conn.transaction():
            db.insert("autopilot_lead_inbox", user_id=b, lead_id=lead["id"], lead_status="new")


def test_user_cannot_link_a_lead_to_another_users_campaign(db):
    a, b = db.new_user(), db.new_user()
    campaign = db.make("campaigns", a)
    with pytest.raises(psycopg.errors.ForeignKeyViolation, match="leads_campaign_fkey"):
        with db.as_user(b) as cur:
            cur.execute("insert into public.leads (created_by, campaign_id, email) values (%s, %s, 'x@example.test')",
                        (b, campaign["id"]))
    mine = db.make("leads", b)
    with pytest.raises(psycopg.errors.ForeignKeyViolation, match="leads_campaign_fkey"):
        with db.as_user(b) as cur:
            cur.execute("update public.leads set campaign_id = %s where id = %s", (campaign["id"], mine["id"]))


def test_deleting_a_lead_deletes_its_activities_and_inbox_row(db):
    user = db.new_user()
    row = db.make("autopilot_lead_inbox", user)
    activity = db.insert("lead_activities", lead_id=row["lead_id"], user_id=user, activity_type="call")
    with db.as_user(user) as cur:
        cur.execute("delete from public.leads where id = %s", (row["lead_id"],))
    assert db.execute("select (select count(*) from public.lead_activities where id = %s) "
                      "+ (select count(*) from public.autopilot_lead_inbox where id = %s) as n",
                      (activity["id"], row["id"])).fetchone()["n"] == 0


def test_a_users_email_addresses_are_unique_ignoring_case(db):
    a, b = db.new_user(), db.new_user()
    db.insert("leads", created_by=a, email="Ada@Example.test")
    db.insert("leads", created_by=b, email="ada@example.test")
    with pytest.raises(psycopg.errors.UniqueViolation, match="leads_created_by_email_key"):
        with db.conn.transaction():
            db.insert("leads", created_by=a, email="ada@example.TEST")


def test_converted_at_follows_the_status(db):
    user = db.new_user()
    lead = db.make("leads", user)
    with db.as_user(user) as cur:
        converted = cur.execute("update public.leads set status = 'converted' where id = %s returning converted_at",
                                (lead["id"],)).fetchone()["converted_at"]
        kept = cur.execute("update public.leads set status = 'converted', notes = 'signed' where id = %s "
                           "returning converted_at", (lead["id"],)).fetchone()["converted_at"]
        lost = cur.execute("update public.leads set status = 'lost' where id = %s returning converted_at",
                           (lead["id"],)).fetchone()["converted_at"]
        # a lost lead may be re-engaged: lead status is a free sales stage
        back = cur.execute("update public.leads set status = 'contacted' where id = %s returning status",
                           (lead["id"],)).fetchone()["status"]
    assert converted is not None
    assert kept == converted
    assert lost is None
    assert back == "contacted"


def test_a_converted_lead_cannot_drop_its_conversion_date(db):
    user = db.new_user()
    lead = db.insert("leads", created_by=user, email="won@example.test", status="converted")
    assert lead["converted_at"] is not None
    with db.as_user(user) as cur:
        still = cur.execute("update public.leads set converted_at = null where id = %s returning converted_at",
                            (lead["id"],)).fetchone()["converted_at"]
    assert still == lead["converted_at"]

"""public.leads: addresses unique per user ignoring case, and converted_at follows the status."""

from __future__ import annotations

import psycopg
import pytest


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

"""public.email_contacts: addresses unique per list of a user, stored lower case, and the
unsubscribe date required with the status."""

from __future__ import annotations

import psycopg
import pytest


def test_email_is_unique_per_list_of_a_user(db):
    a, b = db.new_user(), db.new_user()
    db.insert("email_contacts", user_id=a, list_name="news", email="ann@example.test")
    db.insert("email_contacts", user_id=a, list_name="offers", email="ann@example.test")
    db.insert("email_contacts", user_id=b, list_name="news", email="ann@example.test")
    with pytest.raises(psycopg.errors.UniqueViolation):
        with db.conn.transaction():
            db.insert("email_contacts", user_id=a, list_name="news", email="ann@example.test")


def test_email_must_be_stored_lower_case(db):
    a = db.new_user()
    with pytest.raises(psycopg.errors.CheckViolation):
        with db.conn.transaction():
            db.insert("email_contacts", user_id=a, email="Ann@Example.test")


def test_unsubscribed_contact_needs_unsubscribed_at(db):
    a = db.new_user()
    with pytest.raises(psycopg.errors.CheckViolation):
        with db.conn.transaction():
            db.insert("email_contacts", user_id=a, email="bob@example.test", status="unsubscribed")

"""support_tickets: anonymous tickets carry a contact email and no user;
signed-in users file tickets only as themselves; anon reads nothing."""

from __future__ import annotations

import psycopg
import pytest

INSERT = ("insert into public.support_tickets (user_id, contact_email, subject, description) "
          "values (%s, %s, 'Invoice', 'Wrong VAT number')")


def test_an_anonymous_ticket_needs_a_contact_email(db):
    with pytest.raises(psycopg.errors.InsufficientPrivilege):  # RLS: anon tickets must carry an email
        with db.as_anon() as cur:
            cur.execute("insert into public.support_tickets (subject, description) values ('Hi', 'No email')")
    with pytest.raises(psycopg.errors.CheckViolation, match="support_tickets_contact_check"):
        with db.conn.transaction():
            db.insert("support_tickets", subject="Hi", description="Neither user nor email")


def test_anon_cannot_set_status_priority_or_touch_tickets(db):
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_anon() as cur:
            cur.execute("insert into public.support_tickets (contact_email, subject, description, priority) "
                        "values ('a@example.test', 'Down', 'Everything', 'urgent')")
    ticket = db.insert("support_tickets", contact_email="v@example.test", subject="s", description="d")
    for statement in ("update public.support_tickets set subject = 'x' where id = %s",
                      "delete from public.support_tickets where id = %s"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            with db.as_anon() as cur:
                cur.execute(statement, (ticket["id"],))


def test_a_signed_in_user_files_tickets_only_as_themselves(db):
    a, b = db.new_user(), db.new_user()
    with db.as_user(a) as cur:
        cur.execute(INSERT, (a, None))
        assert cur.execute("select count(*) as n from public.support_tickets").fetchone()["n"] == 1
    for owner in (None, b):  # neither anonymously nor in someone else's name
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            with db.as_user(a) as cur:
                cur.execute(INSERT, (owner, "a@example.test"))
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_user(a) as cur:
            cur.execute("update public.support_tickets set user_id = %s", (b,))


def test_users_cannot_change_status_or_priority_of_their_tickets(db):
    user = db.new_user()
    ticket = db.make("support_tickets", user)
    for column, value in (("status", "closed"), ("priority", "urgent"), ("resolved_at", "now()")):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            with db.as_user(user) as cur:
                cur.execute(f"update public.support_tickets set {column} = %s where id = %s", (value, ticket["id"]))


def test_service_role_sees_anonymous_and_signed_in_tickets(db):
    user = db.new_user()
    mine = db.make("support_tickets", user)
    anonymous = db.insert("support_tickets", contact_email="v@example.test", subject="s", description="d")
    with db.as_service_role() as cur:
        ids = {r["id"] for r in cur.execute("select id from public.support_tickets").fetchall()}
    assert {mine["id"], anonymous["id"]} <= ids
    with db.as_user(user) as cur:
        assert [r["id"] for r in cur.execute("select id from public.support_tickets").fetchall()] == [mine["id"]]


def test_a_deleted_user_takes_their_tickets_but_not_anonymous_ones(db):
    user = db.new_user()
    db.make("support_tickets", user)
    anonymous = db.insert("support_tickets", contact_email="v@example.test", subject="s", description="d")
    db.execute("delete from auth.users where id = %s", (user,))
    assert db.execute("select count(*) as n from public.support_tickets where user_id = %s",
                      (user,)).fetchone()["n"] == 0
    assert db.execute("select count(*) as n from public.support_tickets where id = %s",
                      (anonymous["id"],)).fetchone()["n"] == 1

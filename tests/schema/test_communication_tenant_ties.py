"""0005_communication: children are tied to their parent's tenant by composite
foreign keys (which hold even for a superuser, who bypasses RLS), and the
chat session counters follow their messages."""

from __future__ import annotations

import psycopg
import pytest


def test_chat_message_cannot_be_linked_to_another_users_session(db):
    a, b = db.new_user(), db.new_user()
    session = db.make("chat_sessions", a)
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        with db.as_user(b) as cur:
            cur.execute("insert into public.chat_messages (session_id, user_id, role, content) "
                        "values (%s, %s, 'user', 'hi')", (session["id"], b))


def test_chat_message_tenant_is_tied_to_session_even_for_superuser(db):
    a, b = db.new_user(), db.new_user()
    session = db.make("chat_sessions", a)
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        with db.conn.transaction():
            db.insert("chat_messages", session_id=session["id"], user_id=b, role="user", content="hi")


def test_owner_can_add_messages_to_own_session(db):
    a = db.new_user()
    session = db.make("chat_sessions", a)
    with db.as_user(a) as cur:
        cur.execute("insert into public.chat_messages (session_id, user_id, role, content) "
                    "values (%s, %s, 'user', 'hi')", (session["id"], a))
        assert cur.execute("select count(*) as n from public.chat_messages where session_id = %s",
                           (session["id"],)).fetchone()["n"] == 1


def test_chat_message_role_must_be_known(db):
    a = db.new_user()
    session = db.make("chat_sessions", a)
    with pytest.raises(psycopg.errors.CheckViolation):
        with db.conn.transaction():
            db.insert("chat_messages", session_id=session["id"], user_id=a, role="bot", content="hi")


def test_session_counters_follow_messages(db):
    a = db.new_user()
    session = db.make("chat_sessions", a)
    with db.as_user(a) as cur:
        for prompt, completion in ((10, 0), (20, 30)):
            cur.execute("insert into public.chat_messages (session_id, user_id, role, content, prompt_tokens, "
                        "completion_tokens) values (%s, %s, 'assistant', 'x', %s, %s)",
                        (session["id"], a, prompt, completion))
    row = db.execute("select message_count, total_tokens, last_message_at from public.chat_sessions where id = %s",
                     (session["id"],)).fetchone()
    assert (row["message_count"], row["total_tokens"]) == (2, 60)
    assert row["last_message_at"] is not None
    with db.as_user(a) as cur:
        cur.execute("delete from public.chat_messages where session_id = %s and prompt_tokens = 20", (session["id"],))
    row = db.execute("select message_count, total_tokens from public.chat_sessions where id = %s",
                     (session["id"],)).fetchone()
    assert (row["message_count"], row["total_tokens"]) == (1, 10)


def test_deleting_a_session_deletes_its_messages(db):
    a = db.new_user()
    message = db.make("chat_messages", a)
    db.execute("delete from public.chat_sessions where id = %s", (message["session_id"],))
    assert db.execute("select count(*) as n from public.chat_messages where id = %s",
                      (message["id"],)).fetchone()["n"] == 0


def test_chat_session_cannot_point_at_another_users_campaign(db):
    a, b = db.new_user(), db.new_user()
    campaign = db.make("campaigns", a)
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        with db.as_user(b) as cur:
            cur.execute("insert into public.chat_sessions (user_id, campaign_id) values (%s, %s)", (b, campaign["id"]))


def test_email_campaign_cannot_use_another_users_template(db):
    a, b = db.new_user(), db.new_user()
    template = db.make("email_templates", a)
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        with db.as_user(b) as cur:
            cur.execute("insert into public.email_campaigns (user_id, template_id, name, subject) "
                        "values (%s, %s, 'n', 's')", (b, template["id"]))


def test_deleting_a_template_keeps_the_email_campaign_and_its_owner(db):
    a = db.new_user()
    send = db.make("email_campaigns", a)
    db.execute("delete from public.email_templates where id = %s", (send["template_id"],))
    row = db.execute("select user_id, template_id from public.email_campaigns where id = %s", (send["id"],)).fetchone()
    assert row == {"user_id": a, "template_id": None}


def test_email_contact_cannot_point_at_another_users_lead(db):
    a, b = db.new_user(), db.new_user()
    lead = db.make("leads", a)
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        with db.as_user(b) as cur:
            cur.execute("insert into public.email_contacts (user_id, lead_id, email) values (%s, %s, 'x@example.test')",
                        (b, lead["id"]))


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


def test_automation_rule_actions_must_be_an_array(db):
    a = db.new_user()
    with pytest.raises(psycopg.errors.CheckViolation):
        with db.conn.transaction():
            db.insert("email_automation_rules", user_id=a, name="r", trigger_event="lead_created",
                      actions={"type": "send_email"})


def test_conversation_embedding_has_1536_dimensions(db):
    a = db.new_user()
    with pytest.raises(psycopg.errors.DataException):
        with db.conn.transaction():
            db.execute("insert into public.conversations (user_id, embedding, embedding_model) "
                       "values (%s, '[1,2,3]'::extensions.vector, 'm')", (a,))

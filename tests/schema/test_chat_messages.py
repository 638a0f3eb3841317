"""public.chat_messages: known roles, and the session's counters follow its messages."""

from __future__ import annotations

import psycopg
import pytest


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

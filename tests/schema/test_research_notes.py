"""public.research_notes: the message belongs to the note's conversation, and a note
outlives the conversation and the message it came from."""

from __future__ import annotations

import psycopg
import pytest


def test_research_note_message_must_be_of_its_conversation(db):
    a = db.new_user()
    message = db.make("conversation_messages", a)
    other_conversation = db.make("conversations", a)
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        with db.conn.transaction():
            db.insert("research_notes", user_id=a, conversation_id=other_conversation["id"],
                      message_id=message["id"], note="n")


def test_research_note_survives_deletion_of_its_conversation(db):
    a = db.new_user()
    note = db.make("research_notes", a)
    ref = db.make("conversation_knowledge_refs", a)
    db.execute("delete from public.conversations where id = any (%s)", ([note["conversation_id"], ref["conversation_id"]],))
    row = db.execute("select user_id, conversation_id, message_id, source_excerpt from public.research_notes "
                     "where id = %s", (note["id"],)).fetchone()
    assert row["user_id"] == a
    assert (row["conversation_id"], row["message_id"]) == (None, None)
    assert row["source_excerpt"] == note["source_excerpt"]
    assert db.execute("select count(*) as n from public.conversation_knowledge_refs where id = %s",
                      (ref["id"],)).fetchone()["n"] == 0


def test_research_note_survives_deletion_of_its_message(db):
    a = db.new_user()
    note = db.make("research_notes", a)
    db.execute("delete from public.conversation_messages where id = %s", (note["message_id"],))
    row = db.execute("select conversation_id, message_id from public.research_notes where id = %s",
                     (note["id"],)).fetchone()
    assert row == {"conversation_id": note["conversation_id"], "message_id": None}

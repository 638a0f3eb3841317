"""0007_conversation_intelligence: messages, knowledge refs and research notes
are tied to the tenant (and conversation) of what they point at."""

from __future__ import annotations

import psycopg
import pytest


def test_knowledge_ref_to_another_users_chunk_is_refused(db):
    a, b = db.new_user(), db.new_user()
    chunk = db.make("knowledge_chunks", a)
    conversation = db.make("conversations", b)
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        with db.as_user(b) as cur:
            cur.execute("insert into public.conversation_knowledge_refs (user_id, conversation_id, knowledge_chunk_id) "
                        "values (%s, %s, %s)", (b, conversation["id"], chunk["id"]))


def test_knowledge_ref_to_another_users_chunk_is_refused_even_for_superuser(db):
    a, b = db.new_user(), db.new_user()
    chunk = db.make("knowledge_chunks", a)
    conversation = db.make("conversations", b)
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        with db.conn.transaction():
            db.insert("conversation_knowledge_refs", user_id=b, conversation_id=conversation["id"],
                      knowledge_chunk_id=chunk["id"])


def test_owner_links_own_chunk_to_own_conversation(db):
    a = db.new_user()
    chunk = db.make("knowledge_chunks", a)
    conversation = db.make("conversations", a)
    with db.as_user(a) as cur:
        cur.execute("insert into public.conversation_knowledge_refs (user_id, conversation_id, knowledge_chunk_id, "
                    "relevance_score) values (%s, %s, %s, 0.9) returning id", (a, conversation["id"], chunk["id"]))
        assert cur.fetchone()["id"] is not None


def test_knowledge_ref_message_must_belong_to_the_conversation(db):
    a = db.new_user()
    message = db.make("conversation_messages", a)
    other_conversation = db.make("conversations", a)
    chunk = db.make("knowledge_chunks", a)
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        with db.conn.transaction():
            db.insert("conversation_knowledge_refs", user_id=a, conversation_id=other_conversation["id"],
                      message_id=message["id"], knowledge_chunk_id=chunk["id"])


def test_chunk_is_linked_once_per_conversation(db):
    a = db.new_user()
    chunk = db.make("knowledge_chunks", a)
    conversation = db.make("conversations", a)
    db.insert("conversation_knowledge_refs", user_id=a, conversation_id=conversation["id"], knowledge_chunk_id=chunk["id"])
    with pytest.raises(psycopg.errors.UniqueViolation):
        with db.conn.transaction():
            db.insert("conversation_knowledge_refs", user_id=a, conversation_id=conversation["id"],
                      knowledge_chunk_id=chunk["id"])


@pytest.mark.parametrize("score", [-0.01, 1.01])
def test_relevance_score_outside_0_1_is_refused(db, score):
    a = db.new_user()
    chunk = db.make("knowledge_chunks", a)
    conversation = db.make("conversations", a)
    with pytest.raises(psycopg.errors.CheckViolation):
        with db.conn.transaction():
            db.insert("conversation_knowledge_refs", user_id=a, conversation_id=conversation["id"],
                      knowledge_chunk_id=chunk["id"], relevance_score=score)


def test_conversation_message_cannot_join_another_users_conversation(db):
    a, b = db.new_user(), db.new_user()
    conversation = db.make("conversations", a)
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        with db.as_user(b) as cur:
            cur.execute("insert into public.conversation_messages (conversation_id, user_id, role, content) "
                        "values (%s, %s, 'user', 'hi')", (conversation["id"], b))


def test_new_message_moves_conversation_last_message_at(db):
    a = db.new_user()
    message = db.make("conversation_messages", a)
    last = db.execute("select last_message_at from public.conversations where id = %s",
                      (message["conversation_id"],)).fetchone()["last_message_at"]
    assert last == message["created_at"]


def test_research_note_cannot_point_at_another_users_message(db):
    a, b = db.new_user(), db.new_user()
    message = db.make("conversation_messages", a)
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        with db.as_user(b) as cur:
            cur.execute("insert into public.research_notes (user_id, message_id, note) values (%s, %s, 'n')",
                        (b, message["id"]))


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

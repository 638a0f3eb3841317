"""public.conversation_knowledge_refs: a message of the same conversation, a chunk
linked once per conversation, relevance between 0 and 1."""

from __future__ import annotations

import psycopg
import pytest


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

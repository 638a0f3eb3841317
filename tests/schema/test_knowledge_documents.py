"""public.knowledge_documents: chunking results are the worker's, and only a failed document
carries an error (its lifecycle: test_lifecycles.py)."""

from __future__ import annotations

import psycopg
import pytest


@pytest.fixture
def document(db):
    return db.make("knowledge_documents", db.new_user())


def test_a_new_document_waits_for_chunking(document):
    assert document["status"] == "pending"
    assert document["processed_at"] is None and document["chunk_count"] == 0


def test_the_owner_cannot_forge_chunking_results(db):
    """Status, chunk_count, error and processed_at are the chunking worker's (server-kept)."""
    user = db.new_user()
    document = db.make("knowledge_documents", user)
    for change in ("status = 'completed'", "chunk_count = 99", "processed_at = now()"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            with db.as_user(user) as cur:
                cur.execute(f"update public.knowledge_documents set {change} where id = %s", (document["id"],))
    assert db.execute("select status, chunk_count from public.knowledge_documents where id = %s",
                      (document["id"],)).fetchone() == {"status": "pending", "chunk_count": 0}


def test_an_error_message_belongs_to_a_failed_document_only(db, document):
    db.execute("savepoint s")
    try:
        with pytest.raises(psycopg.errors.CheckViolation, match="knowledge_documents_error_message_check"):
            db.execute("update public.knowledge_documents set error_message = 'x' where id = %s", (document["id"],))
    finally:
        db.execute("rollback to savepoint s")

"""public.knowledge_chunks: chunk indexes are unique within a document."""

from __future__ import annotations

import psycopg
import pytest


def test_chunk_indexes_are_unique_within_a_document(db):
    user = db.new_user()
    chunk = db.make("knowledge_chunks", user)
    with pytest.raises(psycopg.errors.UniqueViolation, match="knowledge_chunks_document_id_chunk_index_key"):
        db.insert("knowledge_chunks", document_id=chunk["document_id"], user_id=user, chunk_index=0, content="again")

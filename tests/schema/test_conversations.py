"""public.conversations: the embedding's dimensions."""

from __future__ import annotations

import psycopg
import pytest


def test_conversation_embedding_has_1536_dimensions(db):
    a = db.new_user()
    with pytest.raises(psycopg.errors.DataException):
        with db.conn.transaction():
            db.execute("insert into public.conversations (user_id, embedding, embedding_model) "
                       "values (%s, '[1,2,3]'::extensions.vector, 'm')", (a,))

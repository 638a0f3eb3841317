"""public.knowledge_access_logs: written by the search functions only."""

from __future__ import annotations

import psycopg
import pytest


def test_users_cannot_write_their_own_search_log(db):
    user = db.new_user()
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_user(user) as cur:
            cur.execute("insert into public.knowledge_access_logs "
                        "(user_id, query_hash, result_count, similarity_threshold, result_limit) "
                        "values (%s, %s, 0, 0, 10)", (user, "0" * 64))

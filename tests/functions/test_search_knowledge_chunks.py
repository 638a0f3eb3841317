"""search_knowledge_chunks: cosine similarity, best first, threshold and limit applied,
only the caller's chunks, every search logged."""

from __future__ import annotations

import math

import psycopg
import pytest


def vector(**weights: float) -> str:
    """A 1536-dimension vector with the given weights at dimensions d0, d1, ..."""
    values = [0.0] * 1536
    for name, weight in weights.items():
        values[int(name[1:])] = weight
    return "[" + ",".join(map(str, values)) + "]"


@pytest.fixture
def library(db):
    """User A with three chunks at known angles from the query d0; user B with one identical to the query."""
    a, b = db.new_user(), db.new_user()
    document = db.make("knowledge_documents", a)
    chunks = {}
    for index, (name, vec) in enumerate({"same": vector(d0=1), "near": vector(d0=3, d1=4),
                                         "orthogonal": vector(d1=1)}.items()):
        chunks[name] = db.insert("knowledge_chunks", document_id=document["id"], user_id=a, chunk_index=index,
                                 content=name, embedding=vec)["id"]
    other = db.make("knowledge_documents", b)
    db.insert("knowledge_chunks", document_id=other["id"], user_id=b, chunk_index=0, content="b's secret",
              embedding=vector(d0=1))
    return db, a, b, chunks


def search(cur, user, limit=10, threshold=0.0):
    return cur.execute("select * from public.search_knowledge_chunks(p_user_id := %s, p_query_embedding := %s, "
                       "p_limit := %s, p_similarity_threshold := %s)", (user, vector(d0=1), limit, threshold)).fetchall()


def test_results_are_best_first_with_cosine_similarity(library):
    db, a, _, chunks = library
    with db.as_user(a) as cur:
        found = search(cur, a)
    assert [r["content"] for r in found] == ["same", "near", "orthogonal"]
    assert [round(r["similarity"], 6) for r in found] == [1.0, 0.6, 0.0]
    assert math.isclose(found[1]["similarity"], 3 / 5, rel_tol=1e-6)


def test_threshold_and_limit_are_applied(library):
    db, a, _, _ = library
    with db.as_user(a) as cur:
        assert [r["content"] for r in search(cur, a, threshold=0.5)] == ["same", "near"]
        assert [r["content"] for r in search(cur, a, limit=1)] == ["same"]


def test_another_users_id_yields_nothing_of_theirs(library):
    db, a, b, _ = library
    with db.as_user(b) as cur:
        assert search(cur, a) == []
        assert [r["content"] for r in search(cur, b)] == ["b's secret"]


def test_service_role_searches_on_behalf_of_a_user(library):
    db, a, _, _ = library
    with db.as_service_role() as cur:
        assert len(search(cur, a)) == 3


def test_anon_cannot_search(library):
    db, a, _, _ = library
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_anon() as cur:
            search(cur, a)


def test_every_search_is_logged_for_the_caller(library):
    db, a, b, chunks = library
    with db.as_user(a) as cur:
        search(cur, a, limit=2, threshold=0.5)
    with db.as_user(b) as cur:
        search(cur, a)
    logs = db.execute("select user_id, result_count, top_similarity, similarity_threshold, result_limit, chunk_ids "
                      "from public.knowledge_access_logs where user_id in (%s, %s) order by created_at",
                      (a, b)).fetchall()
    assert [(r["user_id"], r["result_count"], r["result_limit"]) for r in logs] == [(a, 2, 2), (b, 0, 10)]
    assert logs[0]["chunk_ids"] == [chunks["same"], chunks["near"]]
    assert logs[0]["top_similarity"] == pytest.approx(1.0)


def test_chunking_status_moves_forward_only(db):
    user = db.new_user()
    document = db.make("knowledge_documents", user)
    for status in ("processing", "completed", "pending", "processing"):
        db.execute("update public.knowledge_documents set status = %s where id = %s", (status, document["id"]))
    assert db.execute("select processed_at from public.knowledge_documents where id = %s",
                      (document["id"],)).fetchone()["processed_at"] is not None
    with pytest.raises(psycopg.errors.CheckViolation, match="processing -> pending"):
        db.execute("savepoint s")
        try:
            db.execute("update public.knowledge_documents set status = 'pending' where id = %s", (document["id"],))
        finally:
            db.execute("rollback to savepoint s")


def test_a_chunk_cannot_hang_under_another_users_document(db):
    a, b = db.new_user(), db.new_user()
    document = db.make("knowledge_documents", a)
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        with db.as_user(b) as cur:
            cur.execute("insert into public.knowledge_chunks (document_id, user_id, chunk_index, content) "
                        "values (%s, %s, 0, 'x')", (document["id"], b))

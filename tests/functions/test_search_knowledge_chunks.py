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
    assert logs[0]["similarity_threshold"] == 0.5
    assert logs[1]["top_similarity"] is None and logs[1]["chunk_ids"] == []


def test_the_log_keeps_a_hash_of_the_query_not_the_query(library):
    db, a, _, _ = library
    with db.as_user(a) as cur:
        search(cur, a)
        search(cur, a, limit=1)
        own = cur.execute("select query_hash, duration_ms from public.knowledge_access_logs").fetchall()
    expected = db.execute("select encode(sha256(convert_to(%s::extensions.vector::text, 'UTF8')), 'hex') as h",
                          (vector(d0=1),)).fetchone()["h"]
    assert [r["query_hash"] for r in own] == [expected, expected]
    assert all(r["duration_ms"] >= 0 for r in own)


def test_users_read_only_their_own_search_log(library):
    db, a, b, _ = library
    with db.as_user(a) as cur:
        search(cur, a)
    with db.as_user(b) as cur:
        assert cur.execute("select count(*) as n from public.knowledge_access_logs").fetchone()["n"] == 0


def test_service_role_searches_are_logged_for_the_user_searched(library):
    db, a, _, _ = library
    with db.as_service_role() as cur:
        search(cur, a)
    assert db.execute("select count(*) as n from public.knowledge_access_logs where user_id = %s",
                      (a,)).fetchone()["n"] == 1


def test_a_null_threshold_means_none(library):
    db, a, _, _ = library
    with db.as_user(a) as cur:
        found = cur.execute("select similarity from public.search_knowledge_chunks(%s, %s, 10, null)",
                            (a, vector(d0=-1))).fetchall()
    assert [round(r["similarity"], 6) for r in found] == [0.0, -0.6, -1.0]


def test_the_default_threshold_drops_opposite_chunks(library):
    db, a, _, _ = library
    with db.as_user(a) as cur:
        found = cur.execute("select content from public.search_knowledge_chunks(%s, %s)",
                            (a, vector(d0=-1))).fetchall()
    assert [r["content"] for r in found] == ["orthogonal"]


@pytest.mark.parametrize("limit", [0, -1, 1001])
def test_an_out_of_range_limit_is_refused(library, limit):
    db, a, _, _ = library
    with pytest.raises(psycopg.errors.InvalidParameterValue, match="p_limit"):
        with db.as_user(a) as cur:
            search(cur, a, limit=limit)


def test_chunks_without_an_embedding_are_skipped(library):
    db, a, _, _ = library
    document = db.make("knowledge_documents", a)
    db.insert("knowledge_chunks", document_id=document["id"], user_id=a, chunk_index=0, content="not embedded yet")
    with db.as_user(a) as cur:
        assert "not embedded yet" not in [r["content"] for r in search(cur, a, threshold=None)]


def test_it_is_callable_as_the_application_calls_it(library):
    db, a, _, _ = library
    with db.as_user(a) as cur:
        found = cur.execute("select * from search_knowledge_chunks(p_user_id := auth.uid(), "
                            "p_query_embedding := %s::extensions.vector, p_limit := 10, "
                            "p_similarity_threshold := 0.7)", (vector(d0=1),)).fetchall()
    assert [r["content"] for r in found] == ["same"]

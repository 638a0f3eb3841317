"""search_knowledge_chunks: cosine similarity, best first, threshold and limit applied,
only the caller's chunks, every search logged."""

from __future__ import annotations

import math

import psycopg
import pytest

from tests.functions.conftest import GRAPHS



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
    expected = db.execute("select md5(extensions.vector_send(%s::extensions.vector)) as h",
                          (vector(d0=1),)).fetchone()["h"]
    assert [r["query_hash"] for r in own] == [expected, expected]
    assert all(r["duration_ms"] >= 0 for r in own)


@pytest.mark.parametrize("query_hash", ["a" * 64, "A" * 32, "a" * 31, None])
def test_the_log_refuses_a_fingerprint_no_search_makes(library, query_hash):
    """Searches log md5 in lower-case hex since migration 0024: a sha256 (64 characters) is refused too."""
    db, a, _, _ = library
    with pytest.raises(psycopg.errors.InvalidParameterValue, match="p_query_hash"):
        with db.as_user(a) as cur:
            cur.execute("select public.log_knowledge_access(%s, %s, '{}'::uuid[], null, 10, 0, 1)", (a, query_hash))


@pytest.mark.parametrize("chunk_ids, top_similarity", [
    ("{}", 0.9),                                         # a best similarity without results
    ("{00000000-0000-0000-0000-000000000001}", None),    # results without their best similarity
    ("{NULL}", 0.9),                                     # a NULL among the chunks
    ("{00000000-0000-0000-0000-000000000001}", 1.5),     # no cosine similarity is above 1
])
def test_the_log_refuses_what_no_search_produces(library, chunk_ids, top_similarity):
    db, a, _, _ = library
    with pytest.raises(psycopg.errors.InvalidParameterValue):
        with db.as_user(a) as cur:
            cur.execute("select public.log_knowledge_access(%s, %s, %s::uuid[], %s, 10, 0, 1)",
                        (a, "a" * 32, chunk_ids, top_similarity))


def test_the_graph_path_sees_only_the_callers_rows_and_only_the_searched_tables(library):
    db, a, b, chunks = library
    with db.as_user(b) as cur:
        found = cur.execute("select id from public.nearest_by_embedding_graph('public.knowledge_chunks', %s, %s, 10)",
                            (a, vector(d0=1))).fetchall()
    assert found == []  # a's chunks are not b's to see, even through the graph
    with db.as_user(a) as cur:
        found = cur.execute("select id from public.nearest_by_embedding_graph('public.knowledge_chunks', %s, %s, 10)",
                            (a, vector(d0=1))).fetchall()
    assert {r["id"] for r in found} == set(chunks.values())
    with pytest.raises(psycopg.errors.InvalidParameterValue):
        with db.as_user(a) as cur:
            cur.execute("select * from public.nearest_by_embedding_graph('public.leads', %s, %s, 10)",
                        (a, vector(d0=1)))


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


# --- which path a search takes ------------------------------------------------
#
# A tenant below embedding_graph_from() (20,000 chunks) is ranked exactly
# through the btree on user_id; a larger one is answered through the HNSW index,
# and ranked exactly after all when the graph's answer is short or has no close
# match. The index scans a call made are read from the transaction's own
# statistics (pg_stat_get_xact_numscans), under generic and custom plans alike.

HNSW = f"public.{GRAPHS['knowledge_chunks']}"


def scans(db) -> tuple[int, int]:
    """Scans of knowledge_chunks in this transaction: through the HNSW index, and any other way (a sequential
    scan or another index: whatever the planner picks to count or rank a tenant's chunks) but the indexes led by
    id, through which the graph path reads the chunks it found."""
    row = db.execute(
        "select pg_stat_get_xact_numscans(%s::regclass) as hnsw, "
        "pg_stat_get_xact_numscans('public.knowledge_chunks'::regclass) "
        "+ (select sum(pg_stat_get_xact_numscans(i.indexrelid)) from pg_index as i "
        "   where i.indrelid = 'public.knowledge_chunks'::regclass and i.indexrelid <> %s::regclass "
        "   and i.indkey[0] <> (select a.attnum from pg_attribute as a "
        "                       where a.attrelid = i.indrelid and a.attname = 'id')) as other",
        (HNSW, HNSW)).fetchone()
    return row["hnsw"], row["other"]


def searched(db, user, query, plan_cache_mode, limit=10):
    """Rows of six searches as `user` (past the plan cache's first five), and the scans they made: through the
    HNSW index, and any other way."""
    before = scans(db)
    with db.as_user(user) as cur:
        cur.execute(f"set local plan_cache_mode = {plan_cache_mode}")
        rows = [search_with(cur, user, query, limit) for _ in range(6)][-1]
    after = scans(db)
    return rows, after[0] - before[0], after[1] - before[1]


def search_with(cur, user, query, limit):
    return cur.execute("select chunk_id, similarity from public.search_knowledge_chunks(%s, %s, %s, null)",
                       (user, query, limit)).fetchall()


def exact_similarities(db, user, query, limit=10):
    """The similarities of the exact answer, best first (the grid of the large tenant has ties, so the chunks
    themselves may differ between two right answers)."""
    return [round(r["s"], 6) for r in db.execute(
        "select 1 - extensions.cosine_distance(embedding, %s::extensions.vector) as s "
        "from public.knowledge_chunks where user_id = %s order by 1 desc limit %s",
        (query, user, limit)).fetchall()]


@pytest.mark.parametrize("plan_cache_mode", ["force_generic_plan", "force_custom_plan"])
def test_a_small_tenant_is_ranked_exactly_never_through_the_graph(library, plan_cache_mode):
    db, a, _, chunks = library
    rows, hnsw, other = searched(db, a, vector(d0=1), plan_cache_mode)
    assert [r["chunk_id"] for r in rows] == [chunks["same"], chunks["near"], chunks["orthogonal"]]
    assert hnsw == 0 and other == 6  # ranking them, on every call (the size is read from knowledge_documents)


def test_the_searched_tables_have_one_graph_each_built_with_32_links(db):
    """Migration 0026: with 16 links per node a greedy walk could not reach some chunks at all."""
    graphs = db.execute(
        "select c.relname as index, t.relname as table, c.reloptions from pg_index as i "
        "join pg_class as c on c.oid = i.indexrelid join pg_class as t on t.oid = i.indrelid "
        "join pg_am as a on a.oid = c.relam "
        "where a.amname = 'hnsw' and t.oid in ('public.knowledge_chunks'::regclass, 'public.conversations'::regclass) "
        "order by 1").fetchall()
    assert [(g["index"], g["table"], sorted(g["reloptions"])) for g in graphs] == [
        ("conversations_embedding_m32_idx", "conversations", ["ef_construction=128", "m=32"]),
        ("knowledge_chunks_embedding_m32_idx", "knowledge_chunks", ["ef_construction=128", "m=32"])]


def test_the_searches_and_their_graph_path_keep_their_plans_for_the_session(db):
    """Planning the statements again at every call with the caller's values cost a small tenant's search more
    than running them (and the graph path about 1 ms); generic plans take the same paths (the tests above and
    below). The graph path's statements are static, so that there is a plan to keep."""
    settings = db.execute(
        "select p.proname, p.proconfig, p.prosrc from pg_proc as p "
        "where p.oid in ('public.search_knowledge_chunks(uuid, extensions.vector, integer, double precision)'"
        "::regprocedure, 'public.search_conversations(uuid, extensions.vector, integer, double precision)'"
        "::regprocedure, 'public.nearest_by_embedding_graph(regclass, uuid, extensions.vector, integer)'"
        "::regprocedure) order by 1").fetchall()
    assert [(r["proname"], "plan_cache_mode=force_generic_plan" in r["proconfig"]) for r in settings] == [
        ("nearest_by_embedding_graph", True), ("search_conversations", True), ("search_knowledge_chunks", True)]
    assert not any("execute" in r["prosrc"].lower().replace("raise exception", "") for r in settings)


@pytest.mark.slow
def test_a_large_tenant_is_answered_through_the_graph_even_by_a_generic_plan(large_tenant):
    db, user = large_tenant
    query = vector(d0=1, d1=0.1, d2=0.1)
    plan_cache_mode = "force_generic_plan"  # the planner's guess: an average tenant, which would take the btree
    rows, hnsw, other = searched(db, user, query, plan_cache_mode)
    assert hnsw == 6  # one walk per call
    assert other == 0  # and no exact ranking after it
    assert [round(r["similarity"], 6) for r in rows] == exact_similarities(db, user, query)


@pytest.mark.slow
def test_a_tenant_one_chunk_short_of_the_switch_is_ranked_exactly(large_tenant):
    """The path turns at embedding_graph_from() chunks exactly: the size read from the documents' chunk counts
    follows a deletion in the same transaction."""
    db, user = large_tenant
    db.execute("delete from public.knowledge_chunks where id = (select id from public.knowledge_chunks "
               "where user_id = %s order by chunk_index desc limit 1)", (user,))
    query = vector(d0=1, d1=0.1, d2=0.1)
    rows, hnsw, other = searched(db, user, query, "force_generic_plan")
    assert hnsw == 0 and other == 6  # the exact ranking, on every call
    assert [round(r["similarity"], 6) for r in rows] == exact_similarities(db, user, query)


@pytest.mark.slow
def test_a_graph_answer_without_a_close_match_is_ranked_exactly(large_tenant):
    db, user = large_tenant
    query = vector(d1=1)  # similarity under 0.5 to every chunk of the tenant
    rows, hnsw, other = searched(db, user, query, "force_generic_plan")
    assert hnsw == 6  # one walk per call
    assert other > 0  # then the exact ranking
    assert [round(r["similarity"], 6) for r in rows] == exact_similarities(db, user, query)


@pytest.mark.slow
def test_a_large_tenant_still_gets_a_full_answer_above_the_limit_of_the_graph(large_tenant):
    db, user = large_tenant
    rows, _, _ = searched(db, user, vector(d0=1), "force_generic_plan", limit=1000)
    assert len(rows) == 1000

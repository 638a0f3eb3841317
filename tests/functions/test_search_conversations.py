"""public.search_conversations: cosine similarity search over one user's
conversations, best first, threshold applied, never another user's rows.

The fixture uses hand-built 1536-dimensional vectors with a few non-zero
dimensions, so the expected similarities are known exactly.
"""

from __future__ import annotations

import math

import psycopg
import pytest

from tests.functions.conftest import GRAPHS

DIMS = 1536


def vec(**dims: float) -> str:
    """A pgvector literal with the given dimensions set: vec(d0=1, d1=1)."""
    values = [0.0] * DIMS
    for key, value in dims.items():
        values[int(key[1:])] = value
    return "[" + ",".join(repr(v) for v in values) + "]"


def add_conversation(db, owner, title: str, embedding: str | None) -> dict:
    return db.execute(
        "insert into public.conversations (user_id, title, summary, embedding, embedding_model) "
        "values (%s, %s, %s, %s::extensions.vector, case when %s::text is null then null else 'test-embed' end) "
        "returning *",
        (owner, title, f"summary of {title}", embedding, embedding),
    ).fetchone()


def search(cur, user_id, query: str, limit: int = 10, threshold: float = 0.0) -> list[dict]:
    return cur.execute(
        "select * from public.search_conversations(%s, %s::extensions.vector, %s, %s)",
        (user_id, query, limit, threshold),
    ).fetchall()


@pytest.fixture
def corpus(db):
    """User A: exact, 45-degree, orthogonal, opposite and not-yet-embedded conversations; user B: one of its own."""
    a, b = db.new_user(), db.new_user()
    rows = {
        "exact": add_conversation(db, a, "exact", vec(d0=1)),
        "diagonal": add_conversation(db, a, "diagonal", vec(d0=1, d1=1)),
        "orthogonal": add_conversation(db, a, "orthogonal", vec(d2=3)),
        "opposite": add_conversation(db, a, "opposite", vec(d0=-2)),
        "unembedded": add_conversation(db, a, "unembedded", None),
        "b_own": add_conversation(db, b, "b own", vec(d0=1, d3=1)),
    }
    return db, a, b, rows


def test_results_are_best_first_with_cosine_similarity(corpus):
    db, a, _, rows = corpus
    with db.as_user(a) as cur:
        found = search(cur, a, vec(d0=5))
    assert [r["title"] for r in found] == ["exact", "diagonal", "orthogonal"]
    similarities = [r["similarity"] for r in found]
    assert similarities == pytest.approx([1.0, 1 / math.sqrt(2), 0.0], abs=1e-6)
    assert found[0]["conversation_id"] == rows["exact"]["id"]
    assert found[0]["summary"] == "summary of exact"


def test_threshold_drops_less_similar_conversations(corpus):
    db, a, _, _ = corpus
    with db.as_user(a) as cur:
        found = search(cur, a, vec(d0=1), threshold=0.5)
    assert [r["title"] for r in found] == ["exact", "diagonal"]
    assert all(r["similarity"] >= 0.5 for r in found)


def test_negative_threshold_admits_opposite_vectors(corpus):
    db, a, _, _ = corpus
    with db.as_user(a) as cur:
        found = search(cur, a, vec(d0=1), threshold=-1.0)
    assert [r["title"] for r in found] == ["exact", "diagonal", "orthogonal", "opposite"]
    assert found[-1]["similarity"] == pytest.approx(-1.0, abs=1e-6)


def test_limit_caps_the_result(corpus):
    db, a, _, _ = corpus
    with db.as_user(a) as cur:
        found = search(cur, a, vec(d0=1), limit=2)
    assert [r["title"] for r in found] == ["exact", "diagonal"]


def test_conversations_without_embedding_are_never_returned(corpus):
    db, a, _, _ = corpus
    with db.as_user(a) as cur:
        found = search(cur, a, vec(d0=1), threshold=-1.0, limit=100)
    assert "unembedded" not in {r["title"] for r in found}


def test_user_b_passing_a_id_gets_an_error_not_a_data(corpus):
    db, a, b, _ = corpus
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_user(b) as cur:
            search(cur, a, vec(d0=1), threshold=-1.0)


def test_user_b_searching_own_id_sees_only_own_conversations(corpus):
    db, a, b, rows = corpus
    with db.as_user(b) as cur:
        found = search(cur, b, vec(d0=1), threshold=-1.0)
    assert [r["conversation_id"] for r in found] == [rows["b_own"]["id"]]
    assert found[0]["similarity"] == pytest.approx(1 / math.sqrt(2), abs=1e-6)


def test_service_role_may_search_any_user(corpus):
    db, a, _, _ = corpus
    with db.as_service_role() as cur:
        found = search(cur, a, vec(d0=1))
    assert [r["title"] for r in found] == ["exact", "diagonal", "orthogonal"]


def test_anon_may_not_call_it(corpus):
    db, a, _, _ = corpus
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_anon() as cur:
            search(cur, a, vec(d0=1))


def test_limit_outside_1_to_1000_is_refused(corpus):
    db, a, _, _ = corpus
    for limit in (0, 1001):
        with pytest.raises(psycopg.errors.InvalidParameterValue):
            with db.as_user(a) as cur:
                search(cur, a, vec(d0=1), limit=limit)


def test_other_tenants_nearer_rows_do_not_crowd_out_the_callers(db):
    """With the sequential scan and the tenant btree off, the HNSW index must still serve the tenant's nearest rows
    even when other tenants' rows crowd the graph (iterative scan)."""
    a, other = db.new_user(), db.new_user()
    for i in range(60):
        add_conversation(db, other, f"other {i}", vec(d0=1, d1=i / 100))
    mine = add_conversation(db, a, "mine", vec(d0=1, d1=2))
    db.execute("set local enable_seqscan = off")
    db.execute("set local enable_bitmapscan = off")
    plan = "\n".join(r["QUERY PLAN"] for r in db.execute(
        "explain select id from public.conversations "
        "order by embedding operator(extensions.<=>) %s::extensions.vector limit 5", (vec(d0=1),)).fetchall())
    assert GRAPHS["conversations"] in plan
    with db.as_user(a) as cur:
        found = search(cur, a, vec(d0=1), limit=1)
    assert [r["conversation_id"] for r in found] == [mine["id"]]


# --- which path a search takes (see test_search_knowledge_chunks.py) -----------

HNSW = f"public.{GRAPHS['conversations']}"


def graph_walks(db) -> int:
    return db.execute("select pg_stat_get_xact_numscans(%s::regclass) as n", (HNSW,)).fetchone()["n"]


def searched(db, user, query, plan_cache_mode):
    """Six searches as `user` (past the plan cache's first five): the last answer and the walks of the graph."""
    before = graph_walks(db)
    with db.as_user(user) as cur:
        cur.execute(f"set local plan_cache_mode = {plan_cache_mode}")
        rows = [search(cur, user, query, threshold=-1.0) for _ in range(6)][-1]
    return rows, graph_walks(db) - before


@pytest.mark.parametrize("plan_cache_mode", ["force_generic_plan", "force_custom_plan"])
def test_a_small_user_is_ranked_exactly_never_through_the_graph(corpus, plan_cache_mode):
    db, a, _, _ = corpus
    rows, walks = searched(db, a, vec(d0=1), plan_cache_mode)
    assert [r["title"] for r in rows] == ["exact", "diagonal", "orthogonal", "opposite"]
    assert walks == 0


@pytest.mark.slow
def test_a_large_user_is_answered_through_the_graph_even_by_a_generic_plan(large_tenant):
    """embedding_graph_from() conversations close to d0, a little apart along d1 and d2 (tests/functions/conftest.py)."""
    db, user = large_tenant
    query = vec(d0=1, d1=0.1, d2=0.1)
    rows, walks = searched(db, user, query, "force_generic_plan")
    assert walks == 6
    exact = db.execute("select 1 - extensions.cosine_distance(embedding, %s::extensions.vector) as s "
                       "from public.conversations where user_id = %s order by 1 desc limit 10",
                       (query, user)).fetchall()
    assert [round(r["similarity"], 6) for r in rows] == [round(r["s"], 6) for r in exact]


@pytest.mark.slow
def test_a_user_one_conversation_short_of_the_switch_is_ranked_exactly(large_tenant):
    db, user = large_tenant
    db.execute("delete from public.conversations where id = (select id from public.conversations "
               "where user_id = %s limit 1)", (user,))
    rows, walks = searched(db, user, vec(d0=1, d1=0.1, d2=0.1), "force_generic_plan")
    assert walks == 0 and len(rows) == 10

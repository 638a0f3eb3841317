"""Fixtures the semantic search tests share: a tenant large enough for the graph path."""

from __future__ import annotations

import psycopg
import pytest

from schema_tool.testing import Db
from tests import factories

GRAPHS = {"knowledge_chunks": "knowledge_chunks_embedding_m32_idx",
          "conversations": "conversations_embedding_m32_idx"}


@pytest.fixture(scope="session")
def large_tenant_database(server, template_database):
    """A clone holding one tenant of embedding_graph_from() chunks and as many conversations, with the same
    vectors: near d0 (similarity 0.67 to 1), on a grid along d1 and d2. Built once for the session (both
    search test files read it), committed; each test reads it in a transaction of its own.

    Loaded as a restore would: the HNSW indexes dropped first and built once over the loaded rows (cheap
    parameters: only the path is under test), the per-row triggers off (the chunk count's, 2-3 ms a chunk)
    and the count set once afterwards, each vector built from an array rather than parsed from 1536
    numbers of text."""
    name = server.create_database("large_tenant", template=template_database)
    with psycopg.connect(server.url(name), autocommit=True) as conn:
        db = Db(conn, factories.makers())
        size = db.execute("select public.embedding_graph_from() as n").fetchone()["n"]
        user = db.new_user()
        document = db.make("knowledge_documents", user)
        for index in GRAPHS.values():
            db.execute(f"drop index public.{index}")
        db.execute("set session_replication_role = replica")
        db.execute(
            "insert into public.knowledge_chunks (document_id, user_id, chunk_index, content, embedding) "
            "select %s, %s, i, 'chunk ' || i, "
            "(array[1, (i %% 100) / 200.0, (i / 100) / 200.0]::real[] || z.zeros)::extensions.vector "
            "from generate_series(0, %s - 1) as i, (select array_fill(0::real, array[1533]) as zeros) as z",
            (document["id"], user, size))
        db.execute(
            "insert into public.conversations (user_id, title, embedding, embedding_model) "
            "select user_id, 'c' || chunk_index, embedding, 'test-embed' from public.knowledge_chunks "
            "where user_id = %s", (user,))
        db.execute("set session_replication_role = origin")
        db.execute("update public.knowledge_documents set chunk_count = %s where id = %s", (size, document["id"]))
        # the graph built in memory in one pass (with the default 64 MB it overflows to disk part way)
        db.execute("set maintenance_work_mem = '256MB'")
        for table, index in GRAPHS.items():
            db.execute(f"create index {index} on public.{table} "
                       "using hnsw (embedding extensions.vector_cosine_ops) with (m = 8, ef_construction = 32)")
            db.execute(f"analyze public.{table}")
        yield conn, user
    server.drop_database(name)


@pytest.fixture
def large_tenant(large_tenant_database):
    """A Db on the large tenant's database inside a transaction rolled back after the test, and the tenant."""
    conn, user = large_tenant_database
    with conn.transaction(force_rollback=True):
        yield Db(conn, factories.makers()), user

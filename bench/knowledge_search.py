"""Per-user knowledge search: the seed's IVFFLAT design against what ships, side by side.

Loads N chunks (default 100,000) of 1536 dimensions spread unevenly over 100
users (from ~10 to ~10,000 chunks each). The vectors are clustered the way
ada-002 embeddings are: one strong direction common to all text (unrelated
chunks still score ~0.7), a topic, a sub-topic (a section of a document) and
a per-chunk remainder of varying size. Every user writes about three private
topics and three of forty topics that many tenants share. Half the queries
paraphrase one of the user's own chunks, half ask about a shared topic (which
the user may or may not write about), so other tenants' chunks crowd the
neighbourhood of the query in the shared index.

For each variant it prints recall@10 against the exact per-user answer (all
queries, and those of tenants under 1,000 chunks), the share of short answers
(fewer than min(limit, user's rows) rows with no threshold), p50/p95 latency,
and which index answered (share of queries whose plan used the vector index),
without a threshold and with 0.78:

- exact:       per-user exact scan: the btree on user_id, then a sort (no
               vector index)
- seed:        IVFFLAT (lists 100) created by the migration on the empty
               table, ivfflat.probes 1 (the defaults), threshold inline
- hnsw-post:   HNSW alone, no iterative scan: the user filter applied after
               the index scan (ef_search 40, the default), threshold inline
- hnsw-iter:   HNSW alone for every tenant, iterative scan relaxed_order,
               ef_search 100, threshold outside a materialized sub-query
- hnsw-inline: as hnsw-iter, but the threshold written inline
- hnsw+btree:  both indexes, iterative scan relaxed_order, ef_search 100, the
               planner choosing with the actual user id, threshold outside a
               materialized sub-query (the design pgvector 0.8 suggests)
- shipped:     public.search_knowledge_chunks() as the schema defines it
               (the btree on user_id, no vector index),
               called as an authenticated user (row level security on; each
               call also writes its knowledge_access_logs row)

Figures only: nothing here is asserted. Run:
    python bench/knowledge_search.py [--scale 0.1] [--queries 200]
"""

from __future__ import annotations

import argparse
import json
import re
import struct
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import psycopg
from psycopg.adapt import Dumper
from psycopg.pq import Format

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from schema_tool import apply, project, servers  # noqa: E402

DIM = 1536
USERS = 100
SHARED_TOPICS = 40
SHARED_SUBTOPICS = 40
LIMIT = 10
THRESHOLD = 0.78
# squared weights of the parts of a chunk vector (before normalisation)
COMMON, TOPIC, SUBTOPIC = 0.70, 0.14, 0.10
REMAINDER = (0.01, 0.30)


class VectorDumper(Dumper):
    """numpy float32 arrays to pgvector's binary format."""

    format = Format.BINARY

    def dump(self, obj):
        return struct.pack(">HH", len(obj), 0) + obj.astype(">f4").tobytes()


def text_vector(v: np.ndarray) -> str:
    return "[" + ",".join(f"{x:.6f}" for x in v) + "]"


def unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=-1, keepdims=True)).astype(np.float32)


def directions(rng, *shape) -> np.ndarray:
    return unit(rng.standard_normal((*shape, DIM)).astype(np.float32))


def tenant_sizes(total: int, rng) -> np.ndarray:
    """100 sizes from ~10 to ~10,000 summing to about `total` (100,000 at full scale): a skewed
    log scale, 10 * 1000 ** (x ** p), with p chosen so the sum fits, then scaled for --scale."""
    x = np.linspace(0, 1, USERS)
    low, high = 0.1, 10.0
    for _ in range(60):
        p = (low + high) / 2
        if (10 * 1000 ** (x ** p)).sum() > 100_000:
            low = p
        else:
            high = p
    raw = 10 * 1000 ** (x ** p)
    sizes = np.maximum(3, np.round(raw * total / raw.sum())).astype(int)
    rng.shuffle(sizes)
    return sizes


def noise(rng, rows: int, norm: float) -> np.ndarray:
    """Gaussian noise whose vectors have about the given norm."""
    return rng.standard_normal((rows, DIM)).astype(np.float32) * (norm / np.sqrt(DIM))


def make_corpus(total: int, rng):
    common = directions(rng, 1)[0]
    shared = directions(rng, SHARED_TOPICS)
    # a shared topic's sub-topics are common ground too (a product, a regulation...)
    shared_subtopics = directions(rng, SHARED_TOPICS, SHARED_SUBTOPICS)
    users = []
    for size in tenant_sizes(total, rng):
        size = int(size)
        mine = rng.choice(SHARED_TOPICS, 3, replace=False)
        topics = np.vstack([directions(rng, 3), shared[mine]])
        # private topics: sub-topics (document sections) of ~30 chunks, at most 40 per topic
        private = min(SHARED_SUBTOPICS, max(1, size // 180))
        subtopics = np.concatenate([directions(rng, 3, SHARED_SUBTOPICS), shared_subtopics[mine]])
        topic = rng.integers(0, len(topics), size)
        subtopic = np.where(topic < 3, rng.integers(0, private, size), rng.integers(0, SHARED_SUBTOPICS, size))
        remainder = np.sqrt(rng.uniform(*REMAINDER, size)).astype(np.float32)[:, None]
        vectors = (np.sqrt(COMMON) * common + np.sqrt(TOPIC) * topics[topic]
                   + np.sqrt(SUBTOPIC) * subtopics[topic, subtopic] + remainder * directions(rng, size))
        users.append({"size": size, "vectors": unit(vectors)})
    return common, (shared, shared_subtopics), users


def queries(common, shared, users, count: int, rng) -> list:
    shared, shared_subtopics = shared
    out = []
    for n in range(count):
        u = users[rng.integers(0, len(users))]
        if n % 2 == 0:  # a paraphrase of one of the user's own chunks
            q = u["vectors"][rng.integers(0, u["size"])] + np.sqrt(0.01) * directions(rng, 1)[0]
        else:  # a sub-topic of a topic many tenants share (the user may not write about it)
            t = rng.integers(0, SHARED_TOPICS)
            q = (np.sqrt(COMMON) * common + np.sqrt(TOPIC) * shared[t]
                 + np.sqrt(SUBTOPIC) * shared_subtopics[t, rng.integers(0, SHARED_SUBTOPICS)]
                 + np.sqrt(0.02) * directions(rng, 1)[0])
        out.append((u, text_vector(unit(q))))
    return out


def start_server():
    pgdata = Path(tempfile.mkdtemp(prefix="st-bench-")) / "data"
    server = servers.throwaway_server(pgdata)
    with psycopg.connect(server.get_uri(), autocommit=True) as conn:
        for setting in ("fsync = off", "synchronous_commit = off", "max_wal_size = '4GB'",
                        "maintenance_work_mem = '2GB'", "max_parallel_maintenance_workers = 1"):
            conn.execute(f"alter system set {setting}")
        conn.execute("select pg_reload_conf()")
    return server


def load(conn, users) -> None:
    """Users, one bucket and document each, their chunks; the seed's table gets the same rows."""
    # the seed's design: the IVFFLAT index created by the migration while the table is empty
    conn.execute("create table public.seed_chunks (id uuid primary key, user_id uuid not null, "
                 "embedding extensions.vector(1536))")
    conn.execute("create index seed_chunks_embedding_idx on public.seed_chunks "
                 "using ivfflat (embedding extensions.vector_cosine_ops) with (lists = 100)")
    for u in users:
        user_id = conn.execute("insert into auth.users (id, email) values (gen_random_uuid(), "
                               "gen_random_uuid() || '@bench.test') returning id").fetchone()[0]
        bucket = conn.execute("insert into public.knowledge_buckets (created_by, name) values (%s, 'b') "
                              "returning id", (user_id,)).fetchone()[0]
        doc = conn.execute("insert into public.knowledge_documents (user_id, bucket_id, title) "
                           "values (%s, %s, 'd') returning id", (user_id, bucket)).fetchone()[0]
        u["id"], u["document"] = user_id, doc
    oid = conn.execute("select 'extensions.vector'::regtype::oid").fetchone()[0]
    VectorDumper.oid = oid
    conn.adapters.register_dumper(np.ndarray, VectorDumper)
    with conn.cursor() as cur:
        with cur.copy("copy public.knowledge_chunks (document_id, user_id, chunk_index, content, embedding) "
                      "from stdin (format binary)") as copy:
            copy.set_types(["uuid", "uuid", "int4", "text", oid])
            for u in users:
                for i, v in enumerate(u["vectors"]):
                    copy.write_row((u["document"], u["id"], i, f"chunk {i}", v))
    conn.execute("insert into public.seed_chunks select id, user_id, embedding from public.knowledge_chunks")
    conn.execute("vacuum analyze public.knowledge_chunks")
    conn.execute("vacuum analyze public.seed_chunks")


NAIVE = ("select id, 1 - (embedding operator(extensions.<=>) %(q)s) as s from public.{table} "
         "where user_id = %(u)s {inline} order by embedding operator(extensions.<=>) %(q)s limit %(k)s")
INLINE = "and 1 - (embedding operator(extensions.<=>) %(q)s) >= %(t)s"
OUTSIDE = ("with n as materialized (select id, embedding operator(extensions.<=>) %(q)s as d "
           "from public.knowledge_chunks where user_id = %(u)s "
           "order by embedding operator(extensions.<=>) %(q)s limit %(k)s) "
           "select id, 1 - d as s from n where 1 - d >= %(t)s order by d")
# the schema ships no vector index: the HNSW index exists for the HNSW variants only
NO_HNSW = ("drop index public.knowledge_chunks_embedding_idx",)
# only the vector index can then deliver the order: what the design relies on
HNSW_ONLY = ("drop index public.knowledge_chunks_user_id_idx", "set local enable_seqscan = off",
             "set local enable_bitmapscan = off", "set local enable_sort = off")
ITERATIVE = ("set local hnsw.iterative_scan = relaxed_order", "set local hnsw.ef_search = 100")

# name: (setup statements, query, where the threshold goes)
VARIANTS = {
    "exact": (NO_HNSW, NAIVE.format(table="knowledge_chunks", inline="{inline}"), "inline"),
    "seed": (("set local ivfflat.probes = 1", "set local enable_seqscan = off"),
             NAIVE.format(table="seed_chunks", inline="{inline}"), "inline"),
    "hnsw-post": (HNSW_ONLY + ("set local hnsw.iterative_scan = off", "set local hnsw.ef_search = 40"),
                  NAIVE.format(table="knowledge_chunks", inline="{inline}"), "inline"),
    "hnsw-iter": (HNSW_ONLY + ITERATIVE, OUTSIDE, "outside"),
    "hnsw-inline": (HNSW_ONLY + ITERATIVE, NAIVE.format(table="knowledge_chunks", inline="{inline}"), "inline"),
    # both indexes, the planner chooses with the actual user id
    "hnsw+btree": (ITERATIVE, OUTSIDE, "outside"),
    "shipped": (NO_HNSW + ("set local role authenticated",),
                "select chunk_id as id, similarity as s from public.search_knowledge_chunks("
                "p_user_id := %(u)s, p_query_embedding := %(q)s, p_limit := %(k)s, "
                "p_similarity_threshold := %(t)s)", "function"),
}


def vector_index_used(conn, sql, params) -> bool | None:
    if "search_knowledge_chunks" in sql:
        return None
    plan = "\n".join(r[0] for r in conn.execute("explain (costs off) " + sql, params).fetchall())
    return bool(re.search(r"embedding_idx", plan))


def run_variant(conn, name, qs, threshold):
    setup, template, where = VARIANTS[name]
    sql = template.format(inline=INLINE if threshold is not None and where == "inline" else "")
    results, times, via_index = [], [], []
    with conn.transaction(force_rollback=True):
        for statement in setup:
            conn.execute(statement)
        for u, q in qs:
            params = {"u": u["id"], "q": q, "k": LIMIT, "t": -1.0 if threshold is None else threshold}
            if name == "shipped":
                claims = json.dumps({"sub": str(u["id"]), "role": "authenticated"})
                conn.execute("select set_config('request.jwt.claims', %s, true)", (claims,))
            else:
                via_index.append(vector_index_used(conn, sql, params))
            started = time.perf_counter()
            rows = conn.execute(sql, params).fetchall()
            times.append((time.perf_counter() - started) * 1000)
            results.append([r[0] for r in rows])
    return results, np.array(times), via_index


def report(name, results, truth, qs, times, via_index, threshold) -> str:
    recalls, small_recalls, short = [], [], 0
    for got, want, (u, _) in zip(results, truth, qs):
        if want:
            recall = len(set(got) & set(want)) / len(want)
            recalls.append(recall)
            if u["size"] < 1000:
                small_recalls.append(recall)
        if threshold is None and len(got) < min(LIMIT, u["size"]):
            short += 1
    short_share = f"{100 * short / len(qs):.1f}%" if threshold is None else "-"
    index_share = f"{100 * np.mean(via_index):.0f}%" if via_index else "-"
    return (f"| {name:11} | {'none' if threshold is None else threshold:>9} | {np.mean(recalls):9.3f} "
            f"| {np.mean(small_recalls) if small_recalls else float('nan'):11.3f} | {short_share:>6} "
            f"| {np.percentile(times, 50):7.2f} | {np.percentile(times, 95):7.2f} | {index_share:>9} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="share of the 100,000 chunks to load")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated subset to run")
    args = parser.parse_args()
    names = [n for n in args.variants.split(",") if n]
    rng = np.random.default_rng(args.seed)
    total = int(100_000 * args.scale)

    started = time.perf_counter()
    server = start_server()
    try:
        with psycopg.connect(server.get_uri(), autocommit=True) as conn:
            apply.up(conn, project.load(ROOT), apply.ApplyOptions())
            common, shared, users = make_corpus(total, rng)
            load(conn, users)
            # the HNSW variants' index, built after the load as a restore would (an HNSW
            # index created on the empty table and filled row by row ends up alike, only slower)
            build = time.perf_counter()
            conn.execute("set maintenance_work_mem = '2GB'")
            conn.execute("create index knowledge_chunks_embedding_idx on public.knowledge_chunks "
                         "using hnsw (embedding extensions.vector_cosine_ops)")
            conn.execute("analyze public.knowledge_chunks")
            build_s = time.perf_counter() - build
            qs = queries(common, shared, users, args.queries, rng)
            sizes = [u["size"] for u in users]
            print(f"{sum(sizes):,} chunks of {DIM} dimensions over {USERS} users ({min(sizes)} to "
                  f"{max(sizes):,} each, median {int(np.median(sizes))}); {len(qs)} queries, limit {LIMIT}; "
                  f"HNSW (m 16, ef_construction 64) built in {build_s:.0f} s")
            print()
            print("| variant     | threshold | recall@10 | recall<1000 |  short |  p50 ms |  p95 ms | via index |")
            print("|-------------|-----------|-----------|-------------|--------|---------|---------|-----------|")
            for threshold in (None, THRESHOLD):
                truth, _, _ = run_variant(conn, "exact", qs, threshold)
                for name in names:
                    results, times, via_index = run_variant(conn, name, qs, threshold)
                    print(report(name, results, truth, qs, times, via_index, threshold), flush=True)
    finally:
        server.cleanup()
    print()
    print(f"total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()

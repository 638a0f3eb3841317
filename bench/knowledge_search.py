"""Per-user knowledge search: the seed's IVFFLAT design against what ships, side by side.

Loads N chunks (default 100,000) of 1536 dimensions spread unevenly over 100
users (from ~10 to ~10,000 chunks each), as clustered vectors: every user
writes about a few private topics and a few topics many tenants share. Half
the queries are near the user's own documents, half on shared topics.

For each variant it prints recall@10 against the exact per-user answer, the
share of short answers (fewer than min(limit, user's rows) rows with no
threshold), and p50/p95 latency, without a threshold and with 0.78:

- exact:     per-user exact scan (the btree on user_id, no vector index)
- seed:      IVFFLAT (lists 100) created by the migration on the empty table
- hnsw-post: HNSW with the user filter applied after the index scan
- shipped:   search_knowledge_chunks() as the schema defines it

Run: python bench/knowledge_search.py [--scale 0.1] [--queries 200]
"""

from __future__ import annotations

import argparse
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
LIMIT = 10
THRESHOLD = 0.78


class VectorDumper(Dumper):
    """numpy float32 arrays to pgvector's binary format."""

    format = Format.BINARY

    def dump(self, obj):
        return struct.pack(">HH", len(obj), 0) + obj.astype(">f4").tobytes()


def text_vector(v: np.ndarray) -> str:
    return "[" + ",".join(f"{x:.6f}" for x in v) + "]"


def tenant_sizes(total: int, rng) -> np.ndarray:
    """100 sizes from ~10 to ~10,000 (log-uniform), scaled to sum to `total`."""
    raw = np.exp(np.linspace(np.log(10), np.log(10_000), USERS))
    sizes = np.maximum(3, np.round(raw * total / raw.sum())).astype(int)
    rng.shuffle(sizes)
    return sizes


def unit(rows: np.ndarray) -> np.ndarray:
    return rows / np.linalg.norm(rows, axis=-1, keepdims=True)


def make_corpus(total: int, rng):
    shared = unit(rng.standard_normal((40, DIM)).astype(np.float32))
    sizes = tenant_sizes(total, rng)
    users = []
    for size in sizes:
        private = unit(rng.standard_normal((3, DIM)).astype(np.float32))
        topics = np.vstack([private, shared[rng.choice(len(shared), 3, replace=False)]])
        picks = rng.integers(0, len(topics), size)
        noise = rng.standard_normal((size, DIM)).astype(np.float32) * 0.028
        users.append({"size": int(size), "topics": topics, "vectors": unit(topics[picks] + noise)})
    return shared, users


def start_server():
    pgdata = Path(tempfile.mkdtemp(prefix="st-bench-")) / "data"
    server = servers.throwaway_server(pgdata)
    with psycopg.connect(server.get_uri(), autocommit=True) as conn:
        for setting in ("fsync = off", "synchronous_commit = off", "max_wal_size = '4GB'",
                        "maintenance_work_mem = '2GB'", "max_parallel_maintenance_workers = 1"):
            conn.execute(f"alter system set {setting}")
        conn.execute("select pg_reload_conf()")
    return server


def load(conn, users) -> list:
    """Users, one bucket and document each, their chunks; the seed's table gets the same rows."""
    conn.execute("create table public.seed_chunks (id uuid primary key, user_id uuid not null, "
                 "embedding extensions.vector(1536))")
    conn.execute("create index on public.seed_chunks (user_id)")
    # the seed's migration: IVFFLAT created while the table is still empty
    conn.execute("create index seed_chunks_embedding_idx on public.seed_chunks "
                 "using ivfflat (embedding extensions.vector_cosine_ops) with (lists = 100)")
    ids = []
    for u in users:
        user_id = conn.execute("insert into auth.users (id, email) values (gen_random_uuid(), gen_random_uuid() || "
                               "'@bench.test') returning id").fetchone()[0]
        bucket = conn.execute("insert into public.knowledge_buckets (created_by, name) values (%s, 'b') returning id",
                              (user_id,)).fetchone()[0]
        doc = conn.execute("insert into public.knowledge_documents (user_id, bucket_id, title) values (%s, %s, 'd') "
                           "returning id", (user_id, bucket)).fetchone()[0]
        u["id"], u["document"] = user_id, doc
        ids.append(user_id)
    oid = conn.execute("select 'extensions.vector'::regtype::oid").fetchone()[0]
    VectorDumper.oid = oid  # registers the dumper for the type as well as for numpy arrays
    conn.adapters.register_dumper(np.ndarray, VectorDumper)
    with conn.cursor() as cur:
        with cur.copy("copy public.knowledge_chunks (document_id, user_id, chunk_index, content, embedding) "
                      "from stdin (format binary)") as copy:
            copy.set_types(["uuid", "uuid", "int4", "text", oid])
            for u in users:
                for i, v in enumerate(u["vectors"]):
                    copy.write_row((u["document"], u["id"], i, "chunk", v))
    conn.execute("insert into public.seed_chunks select id, user_id, embedding from public.knowledge_chunks")
    conn.execute("analyze")
    return ids


def queries(users, shared, count: int, rng) -> list:
    out = []
    for n in range(count):
        u = users[rng.integers(0, len(users))]
        if n % 2 == 0:  # near the user's own documents
            base = u["vectors"][rng.integers(0, u["size"])]
        else:  # a topic other tenants share
            base = shared[rng.integers(0, len(shared))]
        q = unit(base + rng.standard_normal(DIM).astype(np.float32) * 0.02)
        out.append((u, text_vector(q)))
    return out


VARIANTS = {
    "exact": ("set local enable_indexscan = off; set local enable_bitmapscan = on",
              "select id, 1 - (embedding operator(extensions.<=>) %(q)s) as s from public.knowledge_chunks "
              "where user_id = %(u)s {where} order by embedding operator(extensions.<=>) %(q)s limit %(k)s"),
    "seed": ("set local ivfflat.probes = 1",
             "select id, 1 - (embedding operator(extensions.<=>) %(q)s) as s from public.seed_chunks "
             "where user_id = %(u)s {where} order by embedding operator(extensions.<=>) %(q)s limit %(k)s"),
    # without the btree on user_id (dropped inside the variant's rolled-back transaction)
    "hnsw-post": ("drop index public.knowledge_chunks_user_id_idx; set local hnsw.iterative_scan = off",
                  "select id, 1 - (embedding operator(extensions.<=>) %(q)s) as s from public.knowledge_chunks "
                  "where user_id = %(u)s {where} order by embedding operator(extensions.<=>) %(q)s limit %(k)s"),
    "shipped": ("select 1",
                "select chunk_id as id, similarity as s from public.search_knowledge_chunks(%(u)s, %(q)s, %(k)s, "
                "%(t)s)"),
}


def run_variant(conn, name, qs, threshold):
    setup, template = VARIANTS[name]
    where = "" if threshold is None or name == "shipped" else \
        "and 1 - (embedding operator(extensions.<=>) %(q)s) >= %(t)s"
    sql = template.format(where=where)
    results, times = [], []
    with conn.transaction(force_rollback=True):
        for statement in setup.split(";"):
            conn.execute(statement)
        for u, q in qs:
            params = {"u": u["id"], "q": q, "k": LIMIT, "t": -1.0 if threshold is None else threshold}
            started = time.perf_counter()
            rows = conn.execute(sql, params).fetchall()
            times.append((time.perf_counter() - started) * 1000)
            results.append([r[0] for r in rows])
    return results, np.array(times)


def report(name, results, truth, qs, times, threshold):
    recalls, small_recalls, short = [], [], 0
    for got, want, (u, _) in zip(results, truth, qs):
        if want:
            recall = len(set(got) & set(want)) / len(want)
            recalls.append(recall)
            if u["size"] < 1000:
                small_recalls.append(recall)
        if threshold is None and len(got) < min(LIMIT, u["size"]):
            short += 1
    short_share = f"{100 * short / len(qs):5.1f}%" if threshold is None else "    -"
    return (f"{name:10} {'-' if threshold is None else threshold:>9} {np.mean(recalls):9.3f} "
            f"{np.mean(small_recalls) if small_recalls else float('nan'):11.3f} {short_share:>7} "
            f"{np.percentile(times, 50):8.2f} {np.percentile(times, 95):8.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="share of the 100,000 chunks to load")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    total = int(100_000 * args.scale)

    started = time.perf_counter()
    server = start_server()
    with psycopg.connect(server.get_uri(), autocommit=True) as conn:
        apply.up(conn, project.load(ROOT), apply.ApplyOptions())
        shared, users = make_corpus(total, rng)
        # load without the HNSW index, then build it: as a restore would
        conn.execute("drop index public.knowledge_chunks_embedding_idx")
        load(conn, users)
        build = time.perf_counter()
        conn.execute("set maintenance_work_mem = '2GB'")
        conn.execute("create index knowledge_chunks_embedding_idx on public.knowledge_chunks "
                     "using hnsw (embedding extensions.vector_cosine_ops)")
        conn.execute("analyze public.knowledge_chunks")
        build_s = time.perf_counter() - build
        qs = queries(users, shared, args.queries, rng)
        sizes = [u["size"] for u in users]
        print(f"{sum(sizes):,} chunks of {DIM} dimensions over {USERS} users ({min(sizes)} to {max(sizes):,} each); "
              f"{len(qs)} queries, limit {LIMIT}; HNSW build {build_s:.0f} s")
        print(f"{'variant':10} {'threshold':>9} {'recall@10':>9} {'recall<1000':>11} {'short':>7} "
              f"{'p50 ms':>8} {'p95 ms':>8}")
        for threshold in (None, THRESHOLD):
            truth, _ = run_variant(conn, "exact", qs, threshold)
            for name in VARIANTS:
                results, times = run_variant(conn, name, qs, threshold)
                print(report(name, results, truth, qs, times, threshold))
    server.cleanup()
    print(f"total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()

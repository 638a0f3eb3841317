"""The graph path of the semantic searches on HNSW graphs built with different links per node.

Not part of `make bench` (building the graphs takes minutes each): the
measurement behind migration 0026. Loads knowledge_search.py's data (the same
generator and seed) with background tenants of `--background` chunks in all
and one tenant of each `--tenants` size, then for each `--builds` m/ef_construction:
builds the HNSW index, and runs each measured tenant's 20 queries (half on its
own topics, half on shared ones; 2 rounds, as the tenant) through the bare
graph walk (ef_search 100, iterative scan) and through
nearest_by_embedding_graph() (the shipped graph path, with its exact fallback),
against the exact answer: recall@10, p95 wall time, mean server CPU.

    python bench/hnsw_links.py --background 50000 --tenants 10000,20000 --builds 16/64,32/128
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import psycopg

try:
    from bench import benchlib, knowledge_search as ks
except ImportError:  # run as a script
    import benchlib
    import knowledge_search as ks

SHIPPED = ("select id from public.nearest_by_embedding_graph('public.knowledge_chunks', %(u)s, "
           "%(q)s::extensions.vector, %(k)s)")


def measure(conn, name, sql, setup, pairs, want) -> str:
    recall, wall, cpu = {}, {}, {}
    for _ in range(2):
        with conn.transaction(force_rollback=True):
            for statement in setup:
                conn.execute(statement)
            for group, queries in pairs.items():
                for n, (tenant, q) in enumerate(queries):
                    benchlib.as_tenant(conn, tenant["id"])
                    with benchlib.Clock(conn) as clock:
                        got = [r[0] for r in conn.execute(sql, {"u": tenant["id"], "q": q, "k": ks.LIMIT})]
                    wall.setdefault(group, []).append(clock.wall_s * 1000)
                    cpu.setdefault(group, []).append(clock.cpu_s * 1000)
                    right = want[(group, n)]
                    recall.setdefault((group, n % 2), []).append(len(set(got) & set(right)) / len(right))
    return f"{name}: " + "; ".join(
        f"tenant {g}: recall {np.mean(recall[(g, 0)] + recall[(g, 1)]):.3f} (own topics {np.mean(recall[(g, 0)]):.3f}, "
        f"shared {np.mean(recall[(g, 1)]):.3f}), p95 {np.percentile(wall[g], 95):.0f} ms, "
        f"CPU {np.mean(cpu[g]):.1f} ms" for g in pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--background", type=int, default=50_000)
    parser.add_argument("--tenants", default="10000,20000")
    parser.add_argument("--builds", default="16/64,32/128", help="m/ef_construction pairs")
    args = parser.parse_args()
    server = benchlib.start_server("st-bench-hnsw-")
    try:
        ctx = benchlib.Context(server.get_uri(), True)
        rng = np.random.default_rng(7)
        sizes = ks.background_sizes(args.background, rng)
        tenants = [int(t) for t in args.tenants.split(",")]
        corpus = ks.Corpus(sizes + tenants, rng)
        for t in corpus.tenants[len(sizes):]:
            t["measured"] = True
        with psycopg.connect(ctx.schema_database("bench_hnsw"), autocommit=True) as conn:
            conn.execute("set maintenance_work_mem = '1GB'")
            conn.execute("set session_replication_role = replica")  # no per-chunk count trigger: only graphs matter
            ks.load(conn, corpus)
            conn.execute("set session_replication_role = origin")
            print(f"{sum(t['size'] for t in corpus.tenants):,} chunks", flush=True)
            pairs = {g: p for g, p in ks.groups(corpus, 20, rng).items() if not g.startswith("<")}
            want = {(g, n): [r[0] for r in conn.execute(ks.EXACT, {"u": t["id"], "q": q, "k": ks.LIMIT})]
                    for g, queries in pairs.items() for n, (t, q) in enumerate(queries)}
            for build in args.builds.split(","):
                m, ef_construction = build.split("/")
                conn.execute("drop index if exists public.knowledge_chunks_embedding_m32_idx")
                started = time.perf_counter()
                conn.execute(f"create index knowledge_chunks_embedding_m32_idx on public.knowledge_chunks using hnsw "
                             f"(embedding extensions.vector_cosine_ops) with (m = {int(m)}, "
                             f"ef_construction = {int(ef_construction)})")
                print(f"m {m}, ef_construction {ef_construction}: built in {time.perf_counter() - started:.0f} s",
                      flush=True)
                conn.execute("vacuum analyze public.knowledge_chunks")
                graph = ks.FORCE_GRAPH + ("set local hnsw.ef_search = 100",)
                print("  " + measure(conn, "graph walk, ef_search 100", ks.GRAPH, graph, pairs, want), flush=True)
                print("  " + measure(conn, "nearest_by_embedding_graph()", SHIPPED, (), pairs, want), flush=True)
    finally:
        server.cleanup()


if __name__ == "__main__":
    main()

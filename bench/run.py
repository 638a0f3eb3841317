"""Every benchmark of bench/ on one throwaway server, and one table of ratios against their targets.

A module of bench/ takes part when it defines `bench(ctx)` (see benchlib.py
and bench/README.md). Rows are printed as one table and written to
bench/results.json (bench/results-quick.json with --quick) as a list of
{name, measured, target, unit, met, note}.

    python bench/run.py [--quick] [--only knowledge_search,...]
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
import traceback
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from bench import benchlib  # noqa: E402


def modules(only: set[str]) -> list:
    found = []
    for path in sorted(BENCH.glob("*.py")):
        if path.stem in {"run", "benchlib", "__init__"} or (only and path.stem not in only):
            continue
        module = importlib.import_module(f"bench.{path.stem}")
        if callable(getattr(module, "bench", None)):
            found.append(module)
    return found


def table(rows: list[benchlib.Row]) -> str:
    width = max(len(r.name) for r in rows)
    lines = [f"| {'benchmark':{width}} | measured | target      | met | note",
             f"|{'-' * (width + 2)}|----------|-------------|-----|-----"]
    for r in rows:
        target = r.as_json()["target"] + (f" {r.unit}" if r.unit else "")
        note = "; ".join(x for x in (r.miss(), r.note) if x)
        lines.append(f"| {r.name:{width}} | {r.measured:8.3g} | {target:11} | {'yes' if r.met else 'NO ':3} | {note}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller data: under 5 minutes")
    parser.add_argument("--only", default="", help="comma-separated module names (default: every module)")
    args = parser.parse_args()
    started = time.perf_counter()
    server = benchlib.start_server()
    ctx = benchlib.Context(server.get_uri(), args.quick)
    rows: list[benchlib.Row] = []
    try:
        for module in modules({m for m in args.only.split(",") if m}):
            name = module.__name__.rsplit(".", 1)[-1]
            print(f"\n== {name} ==", flush=True)
            begun = time.perf_counter()
            try:
                produced = module.bench(ctx)
            except Exception:  # one failing benchmark must not hide the others' figures
                traceback.print_exc()
                produced = [benchlib.Row(f"{name}: ran to the end", 0, 1, "", at_least=True,
                                         note="failed: see its traceback above")]
            for row in produced:
                row.bench = name
            rows += produced
            print(f"{name}: {time.perf_counter() - begun:.0f} s", flush=True)
    finally:
        server.cleanup()
    print()
    print(table(rows))
    output = BENCH / ("results-quick.json" if args.quick else "results.json")
    results = [r.as_json() for r in rows]
    if args.only and output.exists():  # a partial run replaces its modules' rows and keeps the others'
        ran = {r["bench"] for r in results}
        results = [r for r in json.loads(output.read_text()) if r.get("bench") not in ran] + results
    output.write_text(json.dumps(results, indent=2) + "\n")
    missed = sum(not r.met for r in rows)
    print(f"\n{len(rows)} rows, {missed} missing their target; written to {output.relative_to(BENCH.parent)}; "
          f"{'bench-quick' if args.quick else 'bench'} took {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

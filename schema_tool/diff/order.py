"""Order the steps of a diff by the catalogs' dependency graphs (pg_depend), then by phase.

Edges, for steps A and B:
- B creates Y, Y depends on X in the target, A creates X: A before B.
- A drops X, X depends on Y in the source, B drops Y: A before B (dependents go first).
- A drops K, B creates K: A before B.
- B lists K in `after`, A creates K: A before B.
Among the steps whose predecessors have all run, the lowest phase runs first
(then the order the diff produced them in). A cycle, which the server would
refuse as well, is broken by phase.
"""

from __future__ import annotations

import heapq
from collections import defaultdict

from schema_tool.diff.steps import Key, Step


def schedule(steps: list[Step], source_deps: dict[Key, set[Key]], target_deps: dict[Key, set[Key]]) -> list[Step]:
    creators: dict[Key, list[int]] = defaultdict(list)
    droppers: dict[Key, list[int]] = defaultdict(list)
    for i, step in enumerate(steps):
        for key in step.creates:
            creators[key].append(i)
        for key in step.drops:
            droppers[key].append(i)
    source_dependents: dict[Key, set[Key]] = defaultdict(set)
    for key, refs in source_deps.items():
        for ref in refs:
            source_dependents[ref].add(key)

    before: list[set[int]] = [set() for _ in steps]  # before[i]: steps that must run before step i
    for i, step in enumerate(steps):
        for key in step.creates:
            for needed in target_deps.get(key, ()):
                before[i].update(creators.get(needed, ()))
            before[i].update(droppers.get(key, ()))
        for key in step.after:
            before[i].update(creators.get(key, ()))
        for key in step.drops:
            for dependent in source_dependents.get(key, ()):
                before[i].update(droppers.get(dependent, ()))
        before[i].discard(i)

    waiting = [len(b) for b in before]
    followers: list[list[int]] = [[] for _ in steps]
    for i, b in enumerate(before):
        for j in b:
            followers[j].append(i)
    ready = [(steps[i].phase, i) for i in range(len(steps)) if waiting[i] == 0]
    heapq.heapify(ready)
    done: list[int] = []
    emitted = [False] * len(steps)
    while len(done) < len(steps):
        if not ready:  # a cycle: run the lowest-phase step left
            i = min((steps[i].phase, i) for i in range(len(steps)) if not emitted[i])[1]
            waiting[i] = 0
            ready.append((steps[i].phase, i))
        _, i = heapq.heappop(ready)
        if emitted[i]:
            continue
        emitted[i] = True
        done.append(i)
        for j in followers[i]:
            waiting[j] -= 1
            if waiting[j] == 0 and not emitted[j]:
                heapq.heappush(ready, (steps[j].phase, j))
    return [steps[i] for i in done]

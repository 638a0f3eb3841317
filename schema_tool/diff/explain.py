"""How a change is told to people: the fields that differ (before -> after), a grant shortened, why a
kind was not compared, where an object the diff does not model is."""

from __future__ import annotations

import re

from schema_tool.diff.steps import Step

# How the two sides are named when the caller does not say (two databases, --from and --to).
SIDES = ("the first database", "the second database")


def changed_fields(a, b, names) -> list[str]:
    """"name: before -> after" for each field that differs."""
    return [field_change(n, a[n], b[n]) for n in names if a[n] != b[n]]


def field_change(name: str, old, new) -> str:
    """name: before -> after; for a long text (a body), its first differing line."""
    if isinstance(old, str) and isinstance(new, str) and ("\n" in old or "\n" in new or len(old) > 120):
        lines_a, lines_b = old.strip().splitlines(), new.strip().splitlines()
        for n, (x, y) in enumerate(zip(lines_a + [""] * len(lines_b), lines_b + [""] * len(lines_a)), start=1):
            if x != y:
                x, y = _around_difference(x.strip(), y.strip())
                return f"{name} line {n}: {_show(x)} -> {_show(y)}"
    return f"{name}: {_show(old)} -> {_show(new)}"


def _around_difference(old: str, new: str, width: int = 100) -> tuple[str, str]:
    """Two long lines cut to where they start to differ, so the report shows the change."""
    if len(old) <= width and len(new) <= width:
        return old, new
    start = next((i for i, (x, y) in enumerate(zip(old, new)) if x != y), min(len(old), len(new)))
    start = max(0, start - 20)
    lead = "..." if start else ""
    return lead + old[start:start + width], lead + new[start:start + width]


def _show(value) -> str:
    text = repr(value)
    return text if len(text) <= 120 else text[:117] + "..."


def grant_detail(steps: list[Step]) -> str:
    """The statements, shortened for people: "grant select to authenticated"."""
    shown = []
    for s in steps:
        text = re.sub(r"^alter default privileges for role \S+( in schema \S+)? ", "", s.sql)
        shown.append(re.sub(r" on (table|sequence|schema|function|procedure) \S+?(\(.*?\))?( (to|from) )", r"\3",
                            text))
    return "; ".join(shown)


def why_not_read(source, target, kind: str, table: str, sides: tuple[str, str] = SIDES) -> str:
    """Why a platform kind (buckets, cron jobs) was not compared."""
    for found, which in ((source, sides[0]), (target, sides[1])):
        if kind in found.unreadable:
            return f"the user of {which} may not read {table}"
    return f"{table} is absent on one side"


def unmodelled_detail(in_source: bool, in_target: bool, sides: tuple[str, str] = SIDES) -> str:
    where = "both databases" if in_source and in_target else sides[0] if in_source else sides[1]
    return f"in {where}; not modelled by schema_tool diff"

"""What `up` will run and why: the plan made from the files and the history, before anything runs.

A repeatable file is planned when it is new, when its text changed, or when
the objects it defines are no longer what it produced (their fingerprint,
kept in the history, differs); never merely because a migration ran.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import psycopg

from schema_tool import fingerprint, history, locks
from schema_tool.errors import Refusal, UsageError
from schema_tool.project import REPEATABLE_LAYERS, Project, SqlFile

CRON_ABSENT = "pg_cron not installed"


@dataclass
class Step:
    path: str
    kind: str
    reason: str
    version: str | None = None
    record: bool = True
    state: str = "planned"  # planned -> applied
    duration_ms: int = 0
    attempts: int = 1


@dataclass
class Skipped:
    layer: str
    reason: str


@dataclass
class ApplyOptions:
    dry_run: bool = False
    single_transaction: bool = False
    target: str | None = None
    allow_out_of_order: bool = False
    locks: locks.LockPolicy = field(default_factory=locks.LockPolicy)


@dataclass
class Event:
    phase: str  # start, done, retry, wait
    step: Step | None
    index: int = 0
    total: int = 0
    message: str = ""


Listener = Callable[[Event], None]


@dataclass
class Plan:
    steps: list[tuple[SqlFile, Step]]
    skipped: list[Skipped]
    unchanged_bootstrap: list[SqlFile]
    # Cron steps held back because pg_cron is absent now; the bootstrap may
    # create it, so they are reconsidered once the bootstrap has run.
    held_cron: list[tuple[SqlFile, Step]] = field(default_factory=list)
    # The fingerprint each applied repeatable file left, by path.
    recorded: dict[str, str] = field(default_factory=dict)
    # Rows written before fingerprints were kept: the fingerprint to adopt.
    adopt: dict[str, str] = field(default_factory=dict)
    repeatables_blocked: bool = False
    # No history at all: a first build, which nothing can be using yet.
    first_build: bool = False

    @property
    def bootstrap_checked(self) -> int:
        return len(self.unchanged_bootstrap) + sum(f.layer == "bootstrap" for f, _ in self.steps)


def make_plan(conn: psycopg.Connection, project: Project, options: ApplyOptions) -> Plan:
    rows = history.latest(conn)
    applied = history.applied_migrations(rows)
    recorded = history.repeatables(rows)
    _refuse_tampering(project, applied)
    target = target_version(project, options.target)

    steps: list[tuple[SqlFile, Step]] = []
    bootstrap = project.layer("bootstrap")
    for f in bootstrap:
        # Bootstrap runs on every up; its statements create only what is
        # absent. It is listed (and recorded) only when its file changed.
        if f.rel not in recorded or recorded[f.rel].checksum != f.checksum:
            steps.append((f, Step(f.rel, f.kind, "new" if f.rel not in recorded else "changed")))
    pending = _pending_migrations(project, applied, target, options.allow_out_of_order)
    steps.extend((f, Step(f.rel, f.kind, "pending", version=f.version)) for f in pending)

    repeatable = [f for layer in REPEATABLE_LAYERS for f in project.layer(layer)]
    kept = [f for f in repeatable if f.rel in recorded and recorded[f.rel].checksum == f.checksum]
    current = fingerprint.fingerprints(conn, kept)
    plan = Plan(steps, [], [f for f in bootstrap if f.rel in recorded and recorded[f.rel].checksum == f.checksum])
    plan.first_build = not rows
    plan.recorded = {f.rel: recorded[f.rel].fingerprint or current[f.rel] for f in kept}
    plan.adopt = {f.rel: current[f.rel] for f in kept if recorded[f.rel].fingerprint is None}
    plan.repeatables_blocked = target is not None and target < (project.latest_version or 0)
    cron_installed = has_extension(conn, "pg_cron")
    for layer in REPEATABLE_LAYERS:
        files = project.layer(layer)
        if not files:
            continue
        if plan.repeatables_blocked:
            plan.skipped.append(Skipped(layer, f"--target {options.target} stops before the latest migration"))
            continue
        layer_steps = [(f, Step(f.rel, f.kind, reason)) for f in files
                       if (reason := _repeatable_reason(f, recorded.get(f.rel), plan.recorded, current))]
        if layer == "cron" and not cron_installed:
            plan.skipped.append(Skipped(layer, CRON_ABSENT))
            plan.held_cron = layer_steps
            continue
        steps.extend(layer_steps)
    if options.single_transaction:
        for f, _ in steps:
            if f.no_transaction:
                raise Refusal(f"{f.rel} is a no-transaction file and cannot run under --single-transaction")
    return plan


def _repeatable_reason(f: SqlFile, row: history.Applied | None, recorded: dict[str, str],
                       current: dict[str, str]) -> str | None:
    if row is None:
        return "new"
    if row.checksum != f.checksum:
        return "changed"
    if recorded[f.rel] != current[f.rel]:
        return "its objects changed since it ran"
    return None


def _refuse_tampering(project: Project, applied: dict[int, history.Applied]) -> None:
    problems = []
    for m in history.migration_states(project.migrations, applied):
        if m.state == "missing":
            problems.append(f"migration {m.version} ({m.path}) was applied on {m.applied_at[:16]} but its file is gone")
        elif m.state == "changed":
            problems.append(f"migration {m.version} ({m.path}) changed after it was applied "
                            f"(checksum {m.checksum_applied[:12]} applied, {m.checksum_now[:12]} now)")
    if problems:
        raise Refusal("refusing to apply anything:\n  " + "\n  ".join(problems) +
                      "\nA released migration never changes: restore the file and put the change in a new "
                      "migration, or, if the edit was intended, record it with `schema_tool repair --yes`.")


def target_version(project: Project, target: str | None) -> int | None:
    if target is None:
        return None
    if not target.isdigit():
        raise UsageError(f"--target takes a migration version such as 0003, not {target!r}")
    if int(target) not in {f.version_number for f in project.migrations}:
        raise UsageError(f"--target {target}: no migration has that version")
    return int(target)


def _pending_migrations(project: Project, applied: dict[int, history.Applied], target: int | None,
                        allow_out_of_order: bool) -> list[SqlFile]:
    pending = [f for f in project.migrations
               if f.version_number not in applied and (target is None or f.version_number <= target)]
    highest = max(applied, default=None)
    late = [f for f in pending if highest is not None and f.version_number < highest]
    if late and not allow_out_of_order:
        names = ", ".join(f.rel for f in late)
        raise Refusal(f"refusing to apply anything: {names} would run out of order "
                      f"(migration {applied[highest].version} is already applied). "
                      "Renumber the file after the latest version, or pass --allow-out-of-order.")
    return pending


def has_extension(conn: psycopg.Connection, name: str) -> bool:
    return conn.execute("select exists (select from pg_extension where extname = %s)", (name,)).fetchone()[0]

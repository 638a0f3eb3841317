"""`schema_tool status`: what is applied, pending or changed, and what the database holds."""

from __future__ import annotations

from dataclasses import dataclass, field

import psycopg

from schema_tool import catalog, extensions, fingerprint, history, migrations_sum
from schema_tool.project import REPEATABLE_LAYERS, Project

COUNTED_KINDS = ("tables", "policies", "functions", "triggers", "views", "buckets", "cron_jobs")


@dataclass
class Extension:
    name: str
    required: bool
    installed_version: str | None
    purpose: str = ""


@dataclass
class StatusReport:
    database: str
    migrations: list[history.MigrationState] = field(default_factory=list)
    changed_repeatables: list[str] = field(default_factory=list)
    # Repeatable files whose objects are missing or no longer what the file produced; `up` restores them.
    drifted_repeatables: list[str] = field(default_factory=list)
    # Repeatable files applied once whose file is gone; their objects stay (`repair` forgets them).
    removed_repeatables: list[str] = field(default_factory=list)
    # Indexes a failed or interrupted concurrent build left INVALID.
    invalid_indexes: list[str] = field(default_factory=list)
    # Required extensions missing that the connected role cannot create, with the way out.
    blocked_extensions: list[str] = field(default_factory=list)
    # Where sql/migrations.sum and the migration files disagree.
    sum_problems: list[str] = field(default_factory=list)
    skipped_layers: dict[str, str] = field(default_factory=dict)
    extensions: list[Extension] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def migrations_in(self, *states: str) -> list[history.MigrationState]:
        return [m for m in self.migrations if m.state in states]

    @property
    def exit_code(self) -> int:
        problems = self.migrations_in("changed", "missing")
        missing_required = [e for e in self.extensions if e.required and not e.installed_version]
        damage = self.drifted_repeatables or self.invalid_indexes or self.sum_problems
        return 1 if problems or missing_required or damage else 0


def collect(conn: psycopg.Connection, project: Project, database: str) -> StatusReport:
    rows = history.latest(conn)
    report = StatusReport(database=database)
    report.migrations = history.migration_states(project.migrations, history.applied_migrations(rows))
    recorded = history.repeatables(rows)
    repeatable = [f for layer in REPEATABLE_LAYERS for f in project.layer(layer)]
    report.changed_repeatables = [
        f.rel for f in repeatable if f.rel not in recorded or recorded[f.rel].checksum != f.checksum]
    kept = [f for f in repeatable if f.rel in recorded and recorded[f.rel].checksum == f.checksum
            and recorded[f.rel].fingerprint]
    now = fingerprint.fingerprints(conn, kept)
    report.drifted_repeatables = [f.rel for f in kept if now[f.rel] != recorded[f.rel].fingerprint]
    report.removed_repeatables = [r.path for r in history.removed_repeatables(rows, list(project.files))]
    report.invalid_indexes = fingerprint.invalid_indexes(conn)
    report.blocked_extensions = extensions.blocked(conn, project)
    summed = migrations_sum.check(project)
    report.sum_problems = summed.problems() if summed else []
    installed = {e["name"]: e["version"] for e in catalog.read(conn, "extensions")}
    report.extensions = [Extension(n, True, installed.get(n)) for n in extensions.REQUIRED] + [
        Extension(n, False, installed.get(n), purpose) for n, purpose in extensions.OPTIONAL.items()
    ]
    if project.layer("cron") and "pg_cron" not in installed:
        report.skipped_layers["cron"] = "pg_cron not installed"
        report.changed_repeatables = [p for p in report.changed_repeatables if not p.startswith("sql/cron/")]
    report.counts = _counts(conn)
    return report


def _counts(conn: psycopg.Connection) -> dict[str, int]:
    rows = {kind: catalog.read(conn, kind) for kind in COUNTED_KINDS}
    counts = {kind: len(found) for kind, found in rows.items()}
    counts["rls_tables"] = sum(1 for t in rows["tables"] if t["rls_enabled"])
    return counts

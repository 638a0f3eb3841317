"""Extensions a Supabase project installs itself are never dropped by a diff: where only the first
database has one, the report says it was left alone."""

from __future__ import annotations

from schema_tool import diff
from tests.diff.sides import build, read

LIVE = "create extension pg_stat_statements with schema extensions; create extension citext with schema extensions;"


def test_a_platform_extension_only_in_the_first_database_is_left_alone(server, bootstrapped):
    live = read(build(server, bootstrapped, LIVE))
    version = next(e.version for e in live["extensions"] if e.name == "pg_stat_statements")

    report = diff.compare(live, read(build(server, bootstrapped, "")))

    assert [(c.kind, c.action, c.name) for c in report.changes] == [("extension", "extra", "citext")]
    assert f"extension pg_stat_statements {version} left alone: the platform installs it" in report.notes
    assert not any("pg_stat_statements" in s for s in report.sql(allow_destructive=True)[0])


def test_a_platform_extension_the_files_create_is_created(server, bootstrapped):
    wanted = "create extension pg_stat_statements with schema extensions;"
    statements, _ = diff.compare(read(build(server, bootstrapped, "")),
                                 read(build(server, bootstrapped, wanted))).sql()

    assert any(s.startswith("create extension if not exists pg_stat_statements") for s in statements)

"""What a Supabase project's platform manages is never changed by a diff: extensions it installs
(where only the first database has one) and the default privileges of its roles; the report says what
it left alone."""

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


PLATFORM_DEFAULTS = """
do $$
begin
    if not exists (select from pg_catalog.pg_roles where rolname = 'supabase_admin') then
        create role supabase_admin nologin;
    end if;
end
$$;
alter default privileges for role supabase_admin in schema public grant all on tables to anon;
"""


def test_default_privileges_of_a_platform_role_are_left_alone(server, bootstrapped):
    report = diff.compare(read(build(server, bootstrapped, PLATFORM_DEFAULTS)), read(build(server, bootstrapped, "")))

    assert report.changes == []
    assert "default privileges of supabase_admin left alone: the platform sets them" in report.notes

"""A repeatable file runs again only when its text changed or its objects did, and the repeatable
objects a migration breaks come back in the migration's own transaction."""

from __future__ import annotations

import json

from tests.toy import cli, execute, query

TABLE_A = "-- sql/migrations/0001_a.sql\n-- Table a.\n\ncreate table public.a (id int primary key, n int);\n"
FUNCTION = "create or replace function public.answer() returns int language sql as $$ select 41 $$;\n"
VIEW = ("create or replace view public.a_view with (security_invoker = true) as select id, n from public.a;\n"
        "revoke all on public.a_view from anon, authenticated;\n"
        "grant select on public.a_view to authenticated;\n")
TRIGGER_FUNCTION = ("create or replace function public.a_touch() returns trigger language plpgsql as "
                    "$$ begin new.n := coalesce(new.n, 0); return new; end $$;\n")
TRIGGER = "create or replace trigger a_touch before insert on public.a for each row execute function public.a_touch();\n"
POLICIES = ("revoke all on public.a from anon, authenticated;\n"
            "grant select on public.a to authenticated;\n"
            "create policy a_read on public.a for select to authenticated using (true);\n")


def project_with_every_kind(toy):
    toy.write("migrations/0001_a.sql", TABLE_A + "alter table public.a enable row level security;\n")
    toy.write("functions/answer.sql", FUNCTION)
    toy.write("functions/a_touch.sql", TRIGGER_FUNCTION)
    toy.write("views/a_view.sql", VIEW)
    toy.write("triggers/a.sql", TRIGGER)
    toy.write("policies/a.sql", POLICIES)


def steps(result) -> list[tuple[str, str]]:
    assert result.code == 0, result.err
    return [(s["path"], s["reason"]) for s in json.loads(result.out)["steps"]]


def history_xmin(url: str, path: str) -> str:
    """The transaction that wrote a file's latest history row."""
    return query(url, "select xmin::text from schema_tool.history where path = %s order by id desc limit 1",
                 (path,))[0][0]


def test_a_migration_that_touches_no_repeatable_object_runs_alone(toy, empty_url):
    project_with_every_kind(toy)
    assert cli("up", project=toy, url=empty_url).code == 0
    toy.write("migrations/0002_b.sql", "create table public.b (id int primary key);\n")

    assert steps(cli("up", "--json", project=toy, url=empty_url)) == [("sql/migrations/0002_b.sql", "pending")]


def test_a_view_a_migration_drops_comes_back_in_the_migrations_transaction(toy, empty_url):
    project_with_every_kind(toy)
    assert cli("up", project=toy, url=empty_url).code == 0
    toy.write("migrations/0002_widen.sql", "drop view public.a_view;\nalter table public.a alter column n type bigint;\n")

    assert steps(cli("up", "--json", project=toy, url=empty_url)) == [
        ("sql/migrations/0002_widen.sql", "pending"),
        ("sql/views/a_view.sql", "its objects were changed by sql/migrations/0002_widen.sql")]
    assert query(empty_url, "select format_type(atttypid, atttypmod) from pg_attribute "
                            "where attrelid = 'public.a_view'::regclass and attname = 'n'") == [("bigint",)]
    assert history_xmin(empty_url, "sql/views/a_view.sql") == history_xmin(empty_url, "sql/migrations/0002_widen.sql")


def test_a_changed_function_lands_with_the_last_migration(toy, empty_url):
    project_with_every_kind(toy)
    assert cli("up", project=toy, url=empty_url).code == 0
    toy.write("migrations/0002_widen.sql", "drop view public.a_view;\nalter table public.a alter column n type bigint;\n")
    toy.write("functions/answer.sql", FUNCTION.replace("41", "42"))

    result = cli("up", "--json", project=toy, url=empty_url)

    assert sorted(steps(result)) == sorted([
        ("sql/migrations/0002_widen.sql", "pending"), ("sql/functions/answer.sql", "changed"),
        ("sql/views/a_view.sql", "its objects were changed by sql/migrations/0002_widen.sql")])
    migration = history_xmin(empty_url, "sql/migrations/0002_widen.sql")
    assert history_xmin(empty_url, "sql/functions/answer.sql") == migration


def test_status_reports_objects_gone_or_altered_and_up_restores_them(toy, empty_url):
    project_with_every_kind(toy)
    assert cli("up", project=toy, url=empty_url).code == 0
    execute(empty_url, "drop trigger a_touch on public.a", "drop policy a_read on public.a",
            "alter function public.answer() set search_path = ''", "grant select on public.a_view to anon")

    status = cli("status", "--json", project=toy, url=empty_url)
    assert status.code == 1
    assert sorted(json.loads(status.out)["drifted_repeatables"]) == [
        "sql/functions/answer.sql", "sql/policies/a.sql", "sql/triggers/a.sql", "sql/views/a_view.sql"]

    restored = steps(cli("up", "--json", project=toy, url=empty_url))
    assert sorted(restored) == sorted((path, "its objects changed since it ran") for path in [
        "sql/functions/answer.sql", "sql/policies/a.sql", "sql/triggers/a.sql", "sql/views/a_view.sql"])
    assert query(empty_url, "select count(*) from pg_trigger where tgname = 'a_touch'") == [(1,)]
    assert query(empty_url, "select has_table_privilege('anon', 'public.a_view', 'select')") == [(False,)]
    assert query(empty_url, "select proconfig from pg_proc where proname = 'answer'") == [(None,)]
    after = cli("status", "--json", project=toy, url=empty_url)
    assert after.code == 0 and json.loads(after.out)["drifted_repeatables"] == []


def test_history_without_fingerprints_adopts_them_without_reapplying(toy, empty_url):
    project_with_every_kind(toy)
    assert cli("up", project=toy, url=empty_url).code == 0
    execute(empty_url, "update schema_tool.history set fingerprint = null")

    assert steps(cli("up", "--json", project=toy, url=empty_url)) == []
    assert query(empty_url, "select count(*) from schema_tool.history where kind <> 'migration' "
                            "and kind <> 'bootstrap' and fingerprint is null") == [(0,)]
    execute(empty_url, "drop view public.a_view")
    assert steps(cli("up", "--json", project=toy, url=empty_url)) == [
        ("sql/views/a_view.sql", "its objects changed since it ran")]

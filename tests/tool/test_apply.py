"""`schema_tool up`: ordering, idempotence, atomicity of a file, error positions, layers."""

from __future__ import annotations

import json

from tests.toy import cli, execute, history, query

TABLE_A = "-- sql/migrations/0001_a.sql\n-- Table a.\n\ncreate table public.a (id int primary key);\n"
TABLE_B = "-- sql/migrations/0002_b.sql\n-- Table b.\n\ncreate table public.b (id int primary key);\n"
FUNCTION_V1 = "create or replace function public.answer() returns int language sql as $$ select 41 $$;\n"
FUNCTION_V2 = "create or replace function public.answer() returns int language sql as $$ select 42 $$;\n"

DDL_LOG = (
    "create table public.ddl_log (tag text)",
    "create function public.log_ddl() returns event_trigger language plpgsql as $$ "
    "begin insert into public.ddl_log values (tg_tag); end $$",
    "create event trigger log_ddl on ddl_command_start execute function public.log_ddl()",
)


def test_up_applies_every_layer_in_order(toy, empty_url):
    toy.write("migrations/0001_a.sql", TABLE_A)
    toy.write("functions/answer.sql", FUNCTION_V1)
    toy.write("views/a_view.sql", "create or replace view public.a_view with (security_invoker = true) "
                                  "as select public.answer() as n;\n")
    result = cli("up", project=toy, url=empty_url)
    assert result.code == 0, result.err
    assert query(empty_url, "select n from public.a_view") == [(41,)]
    assert [p for p, _ in history(empty_url)] == [
        "sql/migrations/0001_a.sql", "sql/functions/answer.sql", "sql/views/a_view.sql"]


def test_second_up_is_a_noop_without_ddl(toy, empty_url):
    toy.write("migrations/0001_a.sql", TABLE_A)
    toy.write("functions/answer.sql", FUNCTION_V1)
    assert cli("up", project=toy, url=empty_url).code == 0
    before = query(empty_url, "select count(*) from schema_tool.history")
    execute(empty_url, *DDL_LOG)

    second = cli("up", "--json", project=toy, url=empty_url)

    assert second.code == 0, second.err
    assert json.loads(second.out)["steps"] == []
    assert query(empty_url, "select count(*) from public.ddl_log") == [(0,)]
    assert query(empty_url, "select count(*) from schema_tool.history") == before


def test_failing_migration_names_file_line_column_and_leaves_no_trace(toy, empty_url):
    toy.write("migrations/0001_a.sql", TABLE_A)
    toy.write("migrations/0002_bad.sql",
              "-- sql/migrations/0002_bad.sql\n-- Fails halfway.\n\ncreate table public.half (id int);\n"
              "insert into public.half values (1);\n\nselect id from public.no_such_table;\n")
    result = cli("up", project=toy, url=empty_url)
    assert result.code == 1
    assert "sql/migrations/0002_bad.sql:7:16" in result.err
    assert "42P01" in result.err
    assert "Traceback" not in result.err
    assert query(empty_url, "select to_regclass('public.a') is not null, to_regclass('public.half') is null") == [
        (True, True)]
    assert [p for p, _ in history(empty_url)] == ["sql/migrations/0001_a.sql"]


def test_runtime_error_points_at_the_failing_statement(toy, empty_url):
    toy.write("migrations/0001_a.sql", TABLE_A + "\ninsert into public.a values (1);\ninsert into public.a values (1);\n")
    result = cli("up", "--json", project=toy, url=empty_url)
    failure = json.loads(result.out)["failure"]
    assert result.code == 1
    assert (failure["line"], failure["column"], failure["sqlstate"]) == (7, 1, "23505")
    assert "duplicate key" in failure["message"]


def test_changed_function_is_reapplied_and_unchanged_is_not(toy, empty_url):
    toy.write("functions/answer.sql", FUNCTION_V1)
    toy.write("functions/other.sql", "create or replace function public.other() returns int language sql as $$ select 1 $$;")
    assert cli("up", project=toy, url=empty_url).code == 0
    toy.write("functions/answer.sql", FUNCTION_V2)
    result = cli("up", "--json", project=toy, url=empty_url)
    steps = json.loads(result.out)["steps"]
    assert [(s["path"], s["reason"]) for s in steps] == [("sql/functions/answer.sql", "changed")]
    assert query(empty_url, "select public.answer()") == [(42,)]


def test_no_transaction_file_runs_create_index_concurrently(toy, empty_url):
    toy.write("migrations/0001_a.sql", TABLE_A)
    toy.write("migrations/0002_index.sql", "-- schema_tool: no-transaction\n-- Index a concurrently.\n\n"
                                          "create index concurrently a_id_idx on public.a (id);\n")
    result = cli("up", project=toy, url=empty_url)
    assert result.code == 0, result.err
    assert query(empty_url, "select indisvalid from pg_index where indexrelid = 'public.a_id_idx'::regclass") == [(True,)]


def test_policies_file_owns_the_whole_policy_set(toy, empty_url):
    toy.write("migrations/0001_a.sql", TABLE_A + "alter table public.a enable row level security;\n")
    toy.write("policies/a.sql", "create policy a_read on public.a for select to authenticated using (true);\n"
                                "create policy a_old on public.a for select to anon using (true);\n")
    assert cli("up", project=toy, url=empty_url).code == 0
    toy.write("policies/a.sql", "create policy a_read on public.a for select to authenticated using (true);\n")
    assert cli("up", project=toy, url=empty_url).code == 0
    assert query(empty_url, "select policyname from pg_policies where tablename = 'a'") == [("a_read",)]


def test_cron_layer_is_skipped_without_pg_cron(toy, empty_url):
    toy.write("cron/nightly.sql", "select cron.schedule('nightly', '0 2 * * *', 'select 1');\n")
    result = cli("up", "--json", project=toy, url=empty_url)
    assert result.code == 0, result.err
    assert json.loads(result.out)["skipped"] == [{"layer": "cron", "reason": "pg_cron not installed"}]
    status = json.loads(cli("status", "--json", project=toy, url=empty_url).out)
    assert status["skipped_layers"] == {"cron": "pg_cron not installed"}


INDEX_A = ("-- schema_tool: no-transaction\n-- sql/migrations/0002_a_index.sql\n-- An index on a.\n\n"
           "create index concurrently if not exists a_id_idx on public.a (id);\n")
SECOND = "create or replace function public.second() returns int language sql as $$ select 2 $$;\n"


def transactions_of(url: str, kinds: tuple[str, ...]) -> int:
    return query(url, "select count(distinct xmin::text) from schema_tool.history where kind = any(%s)",
                 (list(kinds),))[0][0]


def test_a_first_build_runs_the_repeatable_files_no_migration_took_in_one_transaction(toy, empty_url):
    toy.write("migrations/0001_a.sql", TABLE_A)
    toy.write("migrations/0002_a_index.sql", INDEX_A)  # the last migration takes no repeatable file
    toy.write("functions/answer.sql", FUNCTION_V1)
    toy.write("functions/second.sql", SECOND)
    assert cli("up", project=toy, url=empty_url).code == 0
    assert transactions_of(empty_url, ("function",)) == 1

    toy.write("functions/answer.sql", FUNCTION_V2)
    toy.write("functions/second.sql", SECOND.replace("select 2", "select 3"))
    assert cli("up", project=toy, url=empty_url).code == 0
    # on a database in use, each file is a transaction of its own: two more
    assert transactions_of(empty_url, ("function",)) == 3


def test_a_broken_file_of_a_first_build_leaves_the_migrations_and_no_repeatable_file(toy, empty_url):
    toy.write("migrations/0001_a.sql", TABLE_A)
    toy.write("migrations/0002_a_index.sql", INDEX_A)
    toy.write("functions/answer.sql", FUNCTION_V1)
    toy.write("functions/second.sql", SECOND.replace("select 2", "select nothing_here"))

    result = cli("up", project=toy, url=empty_url)

    assert result.code == 1
    assert "sql/functions/second.sql" in result.out + result.err
    assert [p for p, _ in history(empty_url)] == ["sql/migrations/0001_a.sql", "sql/migrations/0002_a_index.sql"]
    assert query(empty_url, "select count(*) from pg_proc where proname = 'answer'") == [(0,)]

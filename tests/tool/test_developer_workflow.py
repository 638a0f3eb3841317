"""The developer's loop: capture a change with `diff --write` and the database it came from is not
left stuck; mark a migration applied or pending; rebuild the local database without the virtualenv."""

from __future__ import annotations

import json

from tests.toy import cli, execute, query

TABLE_A = "-- sql/migrations/0001_a.sql\n-- Table a.\n\ncreate table public.a (id int primary key);\n"
FUNCTION = ("-- sql/functions/answer.sql\n-- The answer.\n\n"
            "create or replace function public.answer() returns int language sql as $$ select 41 $$;\n")


def test_after_diff_write_the_captured_files_are_recorded_and_up_has_nothing_to_do(toy, empty_url):
    toy.write("migrations/0001_a.sql", TABLE_A)
    toy.write("functions/answer.sql", FUNCTION)
    assert cli("up", project=toy, url=empty_url).code == 0
    execute(empty_url, "alter table public.a add column nickname text",
            "create or replace function public.answer() returns int language sql as $$ select 42 $$")

    written = cli("diff", "--write", "nicknames", project=toy, url=empty_url)

    assert written.code == 0, written.err
    assert "recorded as applied (captured from this database): sql/migrations/0002_nicknames.sql" in written.out
    assert "recorded as applied (captured from this database): sql/functions/answer.sql" in written.out
    again = cli("up", "--json", project=toy, url=empty_url)
    assert again.code == 0, again.err
    assert json.loads(again.out)["steps"] == []
    status = cli("status", "--json", project=toy, url=empty_url)
    assert status.code == 0, status.out
    assert [m["state"] for m in json.loads(status.out)["migrations"]] == ["applied", "baselined"]


def test_repair_marks_a_migration_pending_or_applied(toy, empty_url):
    toy.write("migrations/0001_a.sql", TABLE_A)
    toy.write("migrations/0002_b.sql", "create table if not exists public.b (id int);\n")
    assert cli("up", project=toy, url=empty_url).code == 0

    dry = cli("repair", "0002", "--status", "pending", project=toy, url=empty_url)
    assert dry.code == 0 and "would mark pending: sql/migrations/0002_b.sql" in dry.out
    assert cli("repair", "0002", "--status", "pending", "--yes", project=toy, url=empty_url).code == 0
    states = [m["state"] for m in json.loads(cli("status", "--json", project=toy, url=empty_url).out)["migrations"]]
    assert states == ["applied", "pending"]

    assert cli("repair", "0002", "--status", "applied", "--yes", project=toy, url=empty_url).code == 0
    states = [m["state"] for m in json.loads(cli("status", "--json", project=toy, url=empty_url).out)["migrations"]]
    assert states == ["applied", "baselined"]
    assert cli("repair", "0002", project=toy, url=empty_url).code == 2  # a version without --status


def test_db_reset_rebuilds_the_embedded_database(toy):
    toy.write("migrations/0001_a.sql", TABLE_A)
    try:
        first = cli("db", "reset", "--yes", project=toy, timeout=300)
        assert first.code == 0, first.err
        url = cli("db", "url", project=toy).out.strip()
        execute(url, "insert into public.a values (1)", "create table public.stray (id int)")

        reset = cli("db", "reset", "--yes", project=toy, timeout=300)

        assert reset.code == 0, reset.err
        assert query(url, "select count(*), to_regclass('public.stray') from public.a") == [(0, None)]
    finally:
        cli("db", "stop", project=toy)

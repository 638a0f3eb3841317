"""Every way `up` can fail ends in one line naming the file and statement where there is one,
the right exit code (1: the database refused, 2: usage or connection), JSON under --json, and
the truth about what is left: an index build that failed leaves an INVALID index that status
lists and the next run rebuilds."""

from __future__ import annotations

import json
import threading
import time

import psycopg
import pytest

from tests.toy import cli, execute, history, query

TABLE_A = "create table public.a (id int primary key, n int);\ninsert into public.a values (1, 1), (2, 1);\n"
UNIQUE_N = ("-- schema_tool: no-transaction\n-- sql/migrations/0002_unique_n.sql\n-- n is unique.\n\n"
            "create index concurrently if not exists a_id_n_idx on public.a (id, n);\n\n"
            "create unique index concurrently if not exists a_n_key on public.a (n);\n")


def error_lines(result) -> list[str]:
    """The error itself: not the progress lines, nor the server's indented DETAIL and HINT."""
    return [line for line in result.err.strip().splitlines() if not line.startswith(("applied ", "retry:", "  "))]


def test_a_failed_unique_index_build_is_not_recorded_and_the_next_run_rebuilds_it(toy, empty_url):
    toy.write("migrations/0001_a.sql", TABLE_A)
    toy.write("migrations/0002_unique_n.sql", UNIQUE_N)

    failed = cli("up", project=toy, url=empty_url)

    assert failed.code == 1
    [line] = error_lines(failed)
    assert line.startswith("sql/migrations/0002_unique_n.sql:7:1: ERROR 23505")
    assert ("statements 1-1 of 2 committed; index public.a_n_key left INVALID, and the next `up` drops and "
            "rebuilds it; it is not recorded") in line
    assert history(empty_url)[-1] == ("sql/migrations/0001_a.sql", "apply")
    status = cli("status", "--json", project=toy, url=empty_url)
    assert status.code == 1 and json.loads(status.out)["invalid_indexes"] == ["public.a_n_key"]

    execute(empty_url, "update public.a set n = id")
    again = cli("up", project=toy, url=empty_url)

    assert again.code == 0, again.err
    assert query(empty_url, "select indisvalid from pg_index where indexrelid = 'public.a_n_key'::regclass") == [(True,)]
    assert history(empty_url)[-1] == ("sql/migrations/0002_unique_n.sql", "apply")
    with pytest.raises(psycopg.errors.UniqueViolation):
        execute(empty_url, "insert into public.a values (3, 1)")


def test_an_invalid_index_left_by_an_interrupted_build_is_dropped_and_built_again(toy, empty_url):
    toy.write("migrations/0001_a.sql", TABLE_A)
    assert cli("up", project=toy, url=empty_url).code == 0
    # What a killed `up` or a crash during the build leaves: the index, INVALID.
    with pytest.raises(psycopg.errors.UniqueViolation):
        execute(empty_url, "create unique index concurrently a_n_key on public.a (n)")
    execute(empty_url, "update public.a set n = id")
    toy.write("migrations/0002_unique_n.sql", UNIQUE_N)

    result = cli("up", project=toy, url=empty_url)

    assert result.code == 0, result.err
    assert query(empty_url, "select indisvalid from pg_index where indexrelid = 'public.a_n_key'::regclass") == [(True,)]


def test_a_statement_timeout_fails_the_file_in_one_line(toy, empty_url):
    toy.write("migrations/0001_slow.sql", "create table public.s (id int);\nselect pg_sleep(30);\n")

    result = cli("up", "--statement-timeout", "300ms", "--json", project=toy, url=empty_url)

    assert result.code == 1
    body = json.loads(result.out)
    assert body["failure"]["sqlstate"] == "57014" and body["failure"]["line"] == 2
    assert body["failure"]["statement"] == "select pg_sleep(30)"
    assert query(empty_url, "select to_regclass('public.s') is null") == [(True,)]


def test_a_read_only_database_is_refused_in_one_line_with_json(toy, empty_url):
    toy.write("migrations/0001_a.sql", TABLE_A)
    read_only = psycopg.conninfo.make_conninfo(empty_url, options="-c default_transaction_read_only=on")

    plain = cli("up", project=toy, url=read_only)
    as_json = cli("up", "--json", project=toy, url=read_only)

    assert plain.code == 1 and "Traceback" not in plain.err
    [line] = error_lines(plain)
    assert "25006" in line and "read-only" in line and "nothing was applied" in line
    assert as_json.code == 1 and "25006" in json.loads(as_json.out)["error"]


def test_a_role_without_create_is_refused_in_one_line(toy, empty_url, server):
    toy.write("migrations/0001_a.sql", TABLE_A)
    role = f"weak_{abs(hash(empty_url)) % 10**8}"
    # vector is there (an administrator enabled it); the role may not create the history schema
    execute(empty_url, "create schema extensions", "create extension vector with schema extensions",
            f"create role {role} login", "revoke create on schema public from public")
    weak = psycopg.conninfo.make_conninfo(empty_url, user=role)
    try:
        result = cli("up", "--json", project=toy, url=weak)
    finally:
        execute(empty_url, f"drop owned by {role}", f"drop role {role}")

    assert result.code == 1 and "Traceback" not in result.err
    assert "42501" in json.loads(result.out)["error"]


def test_a_lost_connection_names_the_file_and_statement_and_exits_2(toy, empty_url):
    toy.write("migrations/0001_a.sql", TABLE_A)
    toy.write("migrations/0002_slow.sql", "create table public.s (id int);\nselect pg_sleep(60);\n")

    def terminate_when_sleeping():
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            done = query(empty_url, "select pg_terminate_backend(pid) from pg_stat_activity "
                                    "where application_name = 'schema_tool' and wait_event = 'PgSleep'")
            if done:
                return
            time.sleep(0.05)

    killer = threading.Thread(target=terminate_when_sleeping)
    killer.start()
    result = cli("up", "--json", project=toy, url=empty_url)
    killer.join()

    assert result.code == 2
    error = json.loads(result.out)["error"]
    assert error.startswith("lost the database connection at sql/migrations/0002_slow.sql:2 (select pg_sleep(60))")
    assert "6 file(s) before it stay applied" in error  # the five bootstrap files and 0001
    assert query(empty_url, "select to_regclass('public.s') is null") == [(True,)]


def test_single_transaction_retries_the_whole_run_and_fails_cleanly(toy, empty_url):
    toy.write("migrations/0001_a.sql", TABLE_A)
    assert cli("up", project=toy, url=empty_url).code == 0
    toy.write("migrations/0002_b.sql", "create table public.b (id int);\n")
    toy.write("migrations/0003_a_column.sql", "alter table public.a add column c int;\n")
    rows_before = query(empty_url, "select count(*) from schema_tool.history")
    with psycopg.connect(empty_url) as blocker:
        blocker.execute("select count(*) from public.a")
        result = cli("up", "--single-transaction", "--lock-timeout", "100ms", "--lock-retries", "1",
                     project=toy, url=empty_url)

    assert result.code == 1
    retries = [line for line in result.err.splitlines() if line.startswith("retry:")]
    assert len(retries) == 1 and "the whole run (--single-transaction)" in retries[0]
    assert "nothing was applied: the whole run rolled back (--single-transaction)" in error_lines(result)[0]
    assert query(empty_url, "select count(*) from schema_tool.history") == rows_before
    assert query(empty_url, "select to_regclass('public.b') is null") == [(True,)]

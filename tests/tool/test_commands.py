"""baseline, repair, --dry-run, --target, --json, new and status do what they say."""

from __future__ import annotations

import json

from tests.toy import cli, execute, history, query

TABLES = {n: f"create table public.t{n} (id int primary key);\n" for n in range(1, 4)}


def three_migrations(toy):
    for n, sql in TABLES.items():
        toy.write(f"migrations/000{n}_t{n}.sql", sql)


def test_dry_run_shows_what_and_why_and_changes_nothing(toy, empty_url):
    three_migrations(toy)
    result = cli("up", "--dry-run", "--json", project=toy, url=empty_url)
    report = json.loads(result.out)
    assert result.code == 0 and report["dry_run"]
    assert [(s["path"], s["reason"]) for s in report["steps"] if s["kind"] == "migration"] == [
        (f"sql/migrations/000{n}_t{n}.sql", "pending") for n in (1, 2, 3)]
    assert query(empty_url, "select to_regclass('schema_tool.history'), to_regclass('public.t1')") == [(None, None)]


def test_target_stops_at_the_version(toy, empty_url):
    three_migrations(toy)
    toy.write("functions/f.sql", "create or replace function public.f() returns int language sql as $$ select 1 $$;")
    report = json.loads(cli("up", "--target", "0002", "--json", project=toy, url=empty_url).out)
    assert [s["version"] for s in report["steps"] if s["kind"] == "migration"] == ["0001", "0002"]
    assert report["skipped"][0]["layer"] == "functions"
    assert query(empty_url, "select to_regclass('public.t3')") == [(None,)]
    assert cli("up", project=toy, url=empty_url).code == 0
    assert query(empty_url, "select to_regclass('public.t3') is not null") == [(True,)]


def test_single_transaction_rolls_back_the_whole_run(toy, empty_url):
    three_migrations(toy)
    toy.write("migrations/0004_bad.sql", "select 1/0;\n")
    result = cli("up", "--single-transaction", project=toy, url=empty_url)
    assert result.code == 1 and "22012" in result.err
    assert query(empty_url, "select to_regclass('public.t1')") == [(None,)]
    assert query(empty_url, "select count(*) from schema_tool.history") == [(0,)]


def test_baseline_records_without_running(toy, empty_url):
    three_migrations(toy)
    execute(empty_url, TABLES[1], TABLES[2])  # the database already has 0001 and 0002
    result = cli("baseline", "0002", project=toy, url=empty_url)
    assert result.code == 0, result.err
    assert history(empty_url) == [("sql/migrations/0001_t1.sql", "baseline"), ("sql/migrations/0002_t2.sql", "baseline")]
    assert cli("up", project=toy, url=empty_url).code == 0
    assert history(empty_url)[-1] == ("sql/migrations/0003_t3.sql", "apply")
    assert cli("baseline", "0001", project=toy, url=empty_url).code == 1  # already has history


def test_repair_needs_yes_then_accepts_the_edit(toy, empty_url):
    three_migrations(toy)
    assert cli("up", project=toy, url=empty_url).code == 0
    toy.write("migrations/0002_t2.sql", "-- the table of t2\n" + TABLES[2])
    toy.remove("migrations/0003_t3.sql")
    assert cli("up", project=toy, url=empty_url).code == 1
    dry = cli("repair", project=toy, url=empty_url)
    assert dry.code == 0 and "--yes" in dry.out
    assert "would re-record the checksum: sql/migrations/0002_t2.sql" in dry.out
    assert cli("up", project=toy, url=empty_url).code == 1
    fixed = cli("repair", "--yes", project=toy, url=empty_url)
    assert fixed.code == 0 and "checksum re-recorded: sql/migrations/0002_t2.sql" in fixed.out
    assert "forgotten" in fixed.out
    assert cli("up", project=toy, url=empty_url).code == 0


def test_new_creates_the_next_numbered_file(toy):
    three_migrations(toy)
    result = cli("new", "Add lead tags", project=toy)
    assert result.code == 0
    created = toy.root / "sql" / "migrations" / "0004_add_lead_tags.sql"
    assert created.read_text().startswith("-- sql/migrations/0004_add_lead_tags.sql\n-- ")


def test_status_reports_pending_applied_and_counts(toy, empty_url):
    three_migrations(toy)
    assert cli("up", "--target", "0001", project=toy, url=empty_url).code == 0
    status = json.loads(cli("status", "--json", project=toy, url=empty_url).out)
    assert [m["state"] for m in status["migrations"]] == ["applied", "pending", "pending"]
    assert status["counts"]["tables"] == 1
    assert {e["name"]: e["installed_version"] is not None for e in status["extensions"]}["vector"]


def test_version_short_help_and_unknown_backend():
    assert cli("--version").out.strip().startswith("schema_tool ")
    assert "Usage" in cli("up", "-h").out
    refused = cli("test", "--backend", "nonsense")
    assert refused.code == 2 and "nonsense" in refused.err


def test_psql_opens_the_database_the_commands_use(toy, empty_url):
    result = cli("psql", "-X", "-A", "-t", "-c", "select current_database()", project=toy, url=empty_url)
    assert result.code == 0, result.err
    assert result.out.strip() == query(empty_url, "select current_database()")[0][0]

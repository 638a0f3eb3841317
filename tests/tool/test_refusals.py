"""Refusals happen before anything is applied, with exit code 1 and a clear message."""

from __future__ import annotations

from tests.toy import cli, history, query

TABLE_A = "create table public.a (id int primary key);\n"
TABLE_B = "create table public.b (id int primary key);\n"
TABLE_C = "create table public.c (id int primary key);\n"


def applied(toy, url):
    toy.write("migrations/0001_a.sql", TABLE_A)
    toy.write("migrations/0002_b.sql", TABLE_B)
    assert cli("up", project=toy, url=url).code == 0
    toy.write("migrations/0003_c.sql", TABLE_C)


def assert_nothing_ran(url):
    assert query(url, "select to_regclass('public.c') is null") == [(True,)]
    assert [p for p, _ in history(url)] == ["sql/migrations/0001_a.sql", "sql/migrations/0002_b.sql"]


def test_tampered_migration_is_refused(toy, empty_url):
    applied(toy, empty_url)
    toy.write("migrations/0001_a.sql", TABLE_A + "-- an edit\n")
    result = cli("up", project=toy, url=empty_url)
    assert result.code == 1
    assert "0001_a.sql" in result.err and "changed after it was applied" in result.err
    assert_nothing_ran(empty_url)


def test_deleted_migration_is_refused(toy, empty_url):
    applied(toy, empty_url)
    toy.remove("migrations/0002_b.sql")
    result = cli("up", project=toy, url=empty_url)
    assert result.code == 1
    assert "0002_b.sql" in result.err and "file is gone" in result.err
    assert query(empty_url, "select to_regclass('public.c') is null") == [(True,)]


def test_duplicate_version_is_refused(toy, empty_url):
    applied(toy, empty_url)
    toy.write("migrations/0003_other.sql", "create table public.other (id int);\n")
    result = cli("up", project=toy, url=empty_url)
    assert result.code == 1
    assert "two migrations have version 0003" in result.err
    assert_nothing_ran(empty_url)


def test_out_of_order_version_is_refused_unless_allowed(toy, empty_url):
    toy.write("migrations/0001_a.sql", TABLE_A)
    toy.write("migrations/0003_c.sql", TABLE_C)
    assert cli("up", project=toy, url=empty_url).code == 0
    toy.write("migrations/0002_b.sql", TABLE_B)
    refused = cli("up", project=toy, url=empty_url)
    assert refused.code == 1 and "out of order" in refused.err
    assert query(empty_url, "select to_regclass('public.b') is null") == [(True,)]
    assert cli("up", "--allow-out-of-order", project=toy, url=empty_url).code == 0
    assert query(empty_url, "select to_regclass('public.b') is not null") == [(True,)]


def test_non_utf8_file_is_refused(toy, empty_url):
    applied(toy, empty_url)
    (toy.root / "sql" / "functions").mkdir()
    (toy.root / "sql" / "functions" / "latin.sql").write_bytes("select 'caf\xe9';\n".encode("latin-1"))
    result = cli("up", project=toy, url=empty_url)
    assert result.code == 1
    assert "latin.sql is not UTF-8" in result.err
    assert_nothing_ran(empty_url)

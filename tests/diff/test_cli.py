"""`schema_tool diff` as CI runs it: exit 0 on no drift, 1 on drift, 2 on an error (never reported as
drift), JSON for machines, and a scratch database that never outlives the command."""

from __future__ import annotations

import json

from tests.toy import cli, execute, query

NOTES = ("-- sql/migrations/0001_notes.sql\n-- Notes: what users write down.\n\n"
         "create table public.notes (\n    id bigint generated always as identity primary key,\n"
         "    body text not null\n);\n")
BROKEN = ("-- sql/migrations/0002_broken.sql\n-- A column of a type that does not exist.\n\n"
          "alter table public.notes\n    add column mood nosuchtype;\n")


def _databases(server) -> list[tuple]:
    return query(server.admin_url, "select datname from pg_database order by 1")


def test_check_exits_one_on_drift_and_the_json_says_what_and_how(toy, empty_url):
    toy.write("migrations/0001_notes.sql", NOTES)
    assert cli("up", project=toy, url=empty_url).code == 0
    execute(empty_url, "alter table public.notes add column pinned boolean")

    result = cli("diff", "--check", "--json", project=toy, url=empty_url)

    assert result.code == 1, result.err
    report = json.loads(result.out)
    assert set(report) == {"first", "second", "changes", "notes", "sql", "left_out"}
    assert [(c["kind"], c["action"], c["name"], c["destructive"]) for c in report["changes"]] == [
        ("column", "extra", "public.notes.pinned", True)]
    assert report["left_out"] == ["public.notes.pinned"]
    assert report["sql"] == []


def test_files_that_do_not_build_are_an_error_with_file_and_line_not_drift(toy, empty_url, server):
    toy.write("migrations/0001_notes.sql", NOTES)
    assert cli("up", project=toy, url=empty_url).code == 0
    toy.write("migrations/0002_broken.sql", BROKEN)
    before = _databases(server)

    result = cli("diff", "--check", project=toy, url=empty_url)

    assert result.code == 2
    assert "sql/migrations/0002_broken.sql:5:21: ERROR 42704" in result.err
    assert "the live database was not touched" in result.err
    assert _databases(server) == before
    assert query(empty_url, "select path from schema_tool.history where path like 'sql/migrations/%'") == [
        ("sql/migrations/0001_notes.sql",)]


def test_an_unreachable_database_is_an_error_without_its_password():
    result = cli("diff", "--from", "postgresql://who:sekret@127.0.0.1:1/a",
                 "--to", "postgresql://who:sekret@127.0.0.1:1/b", "--check")

    assert result.code == 2
    assert "sekret" not in result.out + result.err
    assert len(result.err.strip().splitlines()) == 1


def test_from_without_to_is_refused():
    result = cli("diff", "--from", "postgresql://127.0.0.1:1/a")

    assert (result.code, result.err.strip()) == (2, "error: --from and --to go together")


def test_platform_schemas_are_left_out_unless_included(toy, empty_url):
    toy.write("migrations/0001_notes.sql", NOTES)
    assert cli("up", project=toy, url=empty_url).code == 0
    execute(empty_url, "create function auth.is_admin() returns boolean language sql as $$ select false $$")

    default = cli("diff", "--check", project=toy, url=empty_url)
    included = cli("diff", "--json", "--include-schema", "auth", project=toy, url=empty_url)
    wrong = cli("diff", "--include-schema", "public", project=toy, url=empty_url)

    assert default.code == 0, default.out + default.err
    assert [(c["kind"], c["action"], c["name"]) for c in json.loads(included.out)["changes"]] == [
        ("function", "extra", "auth.is_admin()")]
    assert wrong.code == 2 and "--include-schema public: compared already" in wrong.err


def test_write_shows_each_file_it_wrote_with_its_content(toy, empty_url):
    toy.write("migrations/0001_notes.sql", NOTES)
    toy.write("functions/note_count.sql", "-- sql/functions/note_count.sql\n\ncreate or replace function "
              "public.note_count()\nreturns bigint\nlanguage sql\nstable\nset search_path = ''\n"
              "as $$ select count(*) from public.notes $$;\n")
    assert cli("up", project=toy, url=empty_url).code == 0
    execute(empty_url, "alter table public.notes add column pinned boolean", "drop function public.note_count()")

    result = cli("diff", "--write", "pin_notes", project=toy, url=empty_url)

    assert result.code == 0, result.err
    lines = result.out.splitlines()
    start = lines.index("wrote sql/migrations/0002_pin_notes.sql")
    assert "    alter table public.notes add column pinned boolean;" in lines[start:]
    assert "deleted sql/functions/note_count.sql" in lines
    assert not (toy.root / "sql/functions/note_count.sql").exists()

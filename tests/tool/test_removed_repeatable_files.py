"""A repeatable file that disappears (its objects moved to other files, as when the grouped trigger
files became one file per table) breaks nothing: `up` records nothing for it and drops nothing,
`status` names it without failing, and `repair --yes` forgets it."""

from __future__ import annotations

import json

from tests.toy import cli, query

TABLES = ("-- sql/migrations/0001_a_b.sql\n-- Tables a and b.\n\n"
          "create table public.a (id int primary key, n int);\n"
          "create table public.b (id int primary key, n int);\n")
STAMP = ("create or replace function public.tg_stamp_n() returns trigger language plpgsql volatile as "
         "$$ begin new.n := 1; return new; end $$;\n")
A_TRIGGER = "create or replace trigger a_stamp before insert on public.a for each row execute function public.tg_stamp_n();\n"
B_TRIGGER = "create or replace trigger b_stamp before insert on public.b for each row execute function public.tg_stamp_n();\n"


def grouped_then_split(toy, url: str) -> None:
    """Built with one triggers file for both tables, then the file split into one per table."""
    toy.write("migrations/0001_a_b.sql", TABLES)
    toy.write("functions/tg_stamp_n.sql", STAMP)
    toy.write("triggers/stamps.sql", A_TRIGGER + B_TRIGGER)
    assert cli("up", project=toy, url=url).code == 0
    toy.remove("triggers/stamps.sql")
    toy.write("triggers/a.sql", A_TRIGGER)
    toy.write("triggers/b.sql", B_TRIGGER)


def status(toy, url: str) -> tuple[int, dict]:
    result = cli("status", "--json", project=toy, url=url)
    return result.code, json.loads(result.out)


def triggers(url: str) -> list[tuple]:
    return query(url, "select tgname, tgrelid::regclass::text from pg_trigger where not tgisinternal order by 1")


def test_up_runs_the_new_files_and_records_nothing_for_the_removed_one(toy, empty_url):
    grouped_then_split(toy, empty_url)
    rows_before = query(empty_url, "select count(*) from schema_tool.history where path = 'sql/triggers/stamps.sql'")

    result = cli("up", "--json", project=toy, url=empty_url)

    assert result.code == 0, result.err
    assert [s["path"] for s in json.loads(result.out)["steps"]] == ["sql/triggers/a.sql", "sql/triggers/b.sql"]
    assert query(empty_url, "select count(*) from schema_tool.history "
                            "where path = 'sql/triggers/stamps.sql'") == rows_before
    assert triggers(empty_url) == [("a_stamp", "a"), ("b_stamp", "b")]
    again = cli("up", "--json", project=toy, url=empty_url)
    assert json.loads(again.out)["steps"] == []


def test_status_names_a_removed_file_without_failing_and_repair_forgets_it(toy, empty_url):
    grouped_then_split(toy, empty_url)
    assert cli("up", project=toy, url=empty_url).code == 0

    code, report = status(toy, empty_url)
    assert code == 0
    assert report["removed_repeatables"] == ["sql/triggers/stamps.sql"]
    assert report["changed_repeatables"] == [] and report["drifted_repeatables"] == []
    assert "repeatable files removed since they ran: 1" in cli("status", project=toy, url=empty_url).out

    dry = cli("repair", "--json", project=toy, url=empty_url)
    assert [(i["path"], i["version"]) for i in json.loads(dry.out)] == [("sql/triggers/stamps.sql", None)]
    assert cli("repair", "--yes", project=toy, url=empty_url).code == 0

    assert status(toy, empty_url)[1]["removed_repeatables"] == []
    assert query(empty_url, "select kind, operation from schema_tool.history where path = 'sql/triggers/stamps.sql' "
                            "order by id desc limit 1") == [("trigger", "forget")]
    assert triggers(empty_url) == [("a_stamp", "a"), ("b_stamp", "b")], "forgetting drops nothing"


def test_a_forgotten_file_that_comes_back_runs_as_new(toy, empty_url):
    grouped_then_split(toy, empty_url)
    assert cli("up", project=toy, url=empty_url).code == 0
    assert cli("repair", "--yes", project=toy, url=empty_url).code == 0
    toy.remove("triggers/a.sql")
    toy.remove("triggers/b.sql")
    toy.write("triggers/stamps.sql", A_TRIGGER + B_TRIGGER)  # the very text it had

    result = cli("up", "--json", project=toy, url=empty_url)

    assert [(s["path"], s["reason"]) for s in json.loads(result.out)["steps"]] == [("sql/triggers/stamps.sql", "new")]

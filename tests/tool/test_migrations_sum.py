"""sql/migrations.sum: released migrations stay as they were, and two branches that each add a
migration meet in a merge conflict that `schema_tool renumber` resolves, not on `up`."""

from __future__ import annotations

import json
import subprocess

from schema_tool import migrations_sum, project
from tests.toy import ROOT, cli, query

TABLE_A = "-- sql/migrations/0001_a.sql\n-- Table a.\n\ncreate table public.a (id int primary key);\n"


def test_the_projects_sum_lists_every_migration_as_released():
    result = migrations_sum.check(project.load(ROOT))
    assert result is not None, "sql/migrations.sum is missing: run `schema_tool hash`"
    assert result.ok, result.problems()


def git(folder, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(folder), "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
                          capture_output=True, text=True)


def test_two_branches_adding_a_migration_conflict_and_renumber_resolves_it(toy, empty_url):
    toy.write("migrations/0001_a.sql", TABLE_A)
    assert cli("hash", project=toy).code == 0
    git(toy.root, "init", "-q", "-b", "main")
    git(toy.root, "add", "-A")
    git(toy.root, "commit", "-qm", "a")
    for branch, table in (("one", "b"), ("two", "c")):
        git(toy.root, "checkout", "-q", "-b", branch, "main")
        assert cli("new", f"add_{table}", project=toy).code == 0
        path = toy.root / "sql" / "migrations" / f"0002_add_{table}.sql"
        path.write_text(path.read_text() + f"create table public.{table} (id int);\n")
        assert cli("hash", project=toy).code == 0
        git(toy.root, "add", "-A")
        git(toy.root, "commit", "-qm", table)

    merged = git(toy.root, "merge", "one")

    assert merged.returncode != 0 and "CONFLICT (content): Merge conflict in sql/migrations.sum" in merged.stdout
    git(toy.root, "checkout", "--theirs", "sql/migrations.sum")  # take the merged branch's sum
    renumbered = cli("renumber", project=toy)
    assert renumbered.code == 0, renumbered.err
    assert "renumbered 0002_add_c.sql -> 0003_add_c.sql" in renumbered.out
    moved = (toy.root / "sql" / "migrations" / "0003_add_c.sql").read_text()
    assert moved.startswith("-- sql/migrations/0003_add_c.sql\n")
    result = cli("up", "--json", project=toy, url=empty_url)
    assert result.code == 0, result.err
    assert query(empty_url, "select to_regclass('public.b') is not null and to_regclass('public.c') is not null") \
        == [(True,)]


def test_up_refuses_a_migration_the_sum_does_not_list_and_status_names_changes(toy, empty_url):
    toy.write("migrations/0001_a.sql", TABLE_A)
    assert cli("hash", project=toy).code == 0
    toy.write("migrations/0002_b.sql", "create table public.b (id int);\n")

    refused = cli("up", project=toy, url=empty_url)

    assert refused.code == 1
    assert "0002_b.sql is not in sql/migrations.sum (run `schema_tool renumber`)" in refused.err
    assert query(empty_url, "select to_regclass('schema_tool.history') is null") == [(True,)]
    assert cli("renumber", project=toy).code == 0
    assert cli("up", project=toy, url=empty_url).code == 0
    toy.write("migrations/0001_a.sql", TABLE_A + "-- edited\n")
    status = cli("status", "--json", project=toy, url=empty_url)
    assert status.code == 1
    assert any("0001_a.sql differs from its checksum" in p for p in json.loads(status.out)["sum_problems"])

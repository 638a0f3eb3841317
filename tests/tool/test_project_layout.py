"""project.py knows the layout of sql/: what it does not know is refused with the file named, never
silently left out of `up`."""

from __future__ import annotations

import pytest

from schema_tool import project
from schema_tool.errors import Refusal
from tests.toy import cli

TABLE_A = "-- sql/migrations/0001_a.sql\n-- Table a.\n\ncreate table public.a (id int primary key);\n"


@pytest.mark.parametrize("stray, named", [
    ("seeds/leads.sql", "sql/seeds: unknown folder under sql/"),
    ("notes.txt", "sql/notes.txt: unknown file under sql/"),
    ("migrations/0002_b.SQL", "sql/migrations/0002_b.SQL: not a .sql file"),
    ("functions/old/answer.sql", "sql/functions/old: not a .sql file"),
])
def test_an_unknown_folder_or_file_under_sql_is_refused(toy, stray, named):
    toy.write("migrations/0001_a.sql", TABLE_A)
    assert [f.rel for f in project.load(toy.root).files][-1] == "sql/migrations/0001_a.sql"
    toy.write(stray, "select 1;\n")

    with pytest.raises(Refusal) as refused:
        project.load(toy.root)

    assert str(refused.value).startswith(named)
    assert "sql/ holds the folders bootstrap, migrations, functions, views, triggers, policies, cron" in str(
        refused.value)


def test_the_sum_and_hidden_files_are_part_of_the_layout(toy):
    toy.write("migrations/0001_a.sql", TABLE_A)
    toy.write("migrations/.gitkeep", "")
    toy.write(".gitkeep", "")
    (toy.root / "sql" / "migrations.sum").write_text("", encoding="utf-8")

    assert [f.rel for f in project.load(toy.root).layer("migrations")] == ["sql/migrations/0001_a.sql"]


def test_the_commands_refuse_before_touching_the_database(toy, empty_url):
    toy.write("migrations/0001_a.sql", TABLE_A)
    toy.write("seed.sql", "insert into public.a values (1);\n")

    result = cli("up", project=toy, url=empty_url)

    assert result.code == 1, result.out + result.err
    assert "sql/seed.sql: unknown file under sql/" in result.err

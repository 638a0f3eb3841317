"""`diff --write` puts the index builds on existing tables into a migration of their own that runs
without a transaction, as `create index concurrently if not exists`: squawk accepts it as written,
`up` applies it on a database built from the old files and on a new one, and the index is valid."""

from __future__ import annotations

import json
import shutil

from tests.diff.sides import files_reproduce
from tests.toy import ROOT, cli, execute, query

NOTES = ("-- sql/migrations/0001_notes.sql\n-- Notes: what users write down.\n\n"
         "create table public.notes (\n    id bigint generated always as identity primary key,\n"
         "    body text not null\n);\n")
INDEX_VALID = ("select i.indisvalid and i.indisready from pg_catalog.pg_index as i "
               "where i.indexrelid = to_regclass('public.notes_title_idx')")


def test_an_index_on_an_existing_table_gets_its_own_no_transaction_migration(toy, empty_url, server):
    toy.write("migrations/0001_notes.sql", NOTES)
    production = server.url(server.create_database("production"))
    for url in (empty_url, production):
        assert cli("up", project=toy, url=url).code == 0
    execute(empty_url, "alter table public.notes add column title text",
            "create index notes_title_idx on public.notes (title)")

    written = cli("diff", "--write", "note_titles", project=toy, url=empty_url)

    assert written.code == 0, written.err
    columns = (toy.root / "sql/migrations/0002_note_titles.sql").read_text(encoding="utf-8")
    indexes = (toy.root / "sql/migrations/0003_note_titles_indexes.sql").read_text(encoding="utf-8")
    assert "add column title text" in columns and "index" not in columns
    assert indexes.startswith("-- schema_tool: no-transaction\n-- sql/migrations/0003_note_titles_indexes.sql\n")
    assert "create index concurrently if not exists notes_title_idx on public.notes using btree (title);" in indexes
    shutil.copy(ROOT / ".squawk.toml", toy.root)  # the project's squawk settings: a file in a transaction
    safety = cli("lint", "--only", "safety", "--json", project=toy)
    assert safety.code == 0, safety.out + safety.err
    assert json.loads(safety.out)["findings"] == []

    files_reproduce(toy, server, empty_url, production)
    assert query(production, INDEX_VALID) == [(True,)]
    applied = query(production, "select version from schema_tool.history where kind = 'migration' order by id")
    assert [v for (v,) in applied] == ["0001", "0002", "0003"]


def test_the_index_of_a_new_table_stays_in_its_migration(toy, empty_url):
    toy.write("migrations/0001_notes.sql", NOTES)
    assert cli("up", project=toy, url=empty_url).code == 0
    execute(empty_url, "create table public.tags (id bigint primary key, name text not null)",
            "create index tags_name_idx on public.tags (name)")

    written = cli("diff", "--write", "tags", project=toy, url=empty_url)

    assert written.code == 0, written.err
    migrations = sorted(p.name for p in (toy.root / "sql/migrations").glob("*.sql"))
    assert migrations == ["0001_notes.sql", "0002_tags.sql"]
    text = (toy.root / "sql/migrations/0002_tags.sql").read_text(encoding="utf-8")
    assert "create index tags_name_idx on public.tags" in text

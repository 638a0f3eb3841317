"""`schema_tool diff --write` for every place an object lives: types and sequences in the migration,
views in their own files, a new table with its policies file, and destructive changes only when
allowed. Each time, a database built from the updated files, and one built from the old files and then
upgraded, have no drift against the changed one."""

from __future__ import annotations

from tests.diff.sides import deployed, files_reproduce
from tests.toy import cli, execute

NOTES = ("-- sql/migrations/0001_notes.sql\n-- Notes: what users write down.\n\n"
         "create table public.notes (\n    id bigint generated always as identity primary key,\n"
         "    user_id uuid not null references auth.users (id) on delete cascade,\n"
         "    body text not null,\n    archived boolean not null default false\n);\n\n"
         "create index notes_user_id_idx on public.notes (user_id);\n\n"
         "alter table public.notes enable row level security;\n")
NOTES_POLICIES = ("-- sql/policies/notes.sql\n\nrevoke all on public.notes from anon, authenticated;\n"
                  "grant select on public.notes to authenticated;\n\n"
                  "create policy notes_read on public.notes\n    for select\n    to authenticated\n"
                  "    using ((select auth.uid()) = user_id);\n")
OPEN_NOTES = ("-- sql/views/open_notes.sql\n\ncreate or replace view public.open_notes\n"
              "with (security_invoker = true) as\nselect id, user_id, body\nfrom public.notes\nwhere not archived;\n")


def _project(toy, url, server, **extra_files) -> str:
    """The notes project applied to the developer's database and to production; production's URL."""
    files = {"migrations/0001_notes.sql": NOTES, "policies/notes.sql": NOTES_POLICIES, **extra_files}
    production = deployed(toy, server, url, files)
    assert cli("diff", "--check", project=toy, url=url).code == 0
    return production


def _written(result) -> set[str]:
    return {line.split(" ", 1)[1] for line in result.out.splitlines() if line.startswith(("wrote ", "deleted "))}


def test_types_and_sequences_go_into_the_migration(toy, empty_url, server):
    production = _project(toy, empty_url, server)
    execute(empty_url,
            "create type public.note_mood as enum ('calm', 'urgent')",
            "create domain public.note_title as text check (length(value) between 1 and 200)",
            "create sequence public.note_numbers as integer start with 100",
            "alter table public.notes add column mood public.note_mood not null default 'calm'",
            "alter table public.notes add column title public.note_title")

    result = cli("diff", "--write", "note_moods", project=toy, url=empty_url)

    assert result.code == 0, result.err
    assert _written(result) == {"sql/migrations/0002_note_moods.sql"}
    migration = (toy.root / "sql/migrations/0002_note_moods.sql").read_text()
    assert migration.index("create type public.note_mood") < migration.index("add column mood")
    files_reproduce(toy, server, empty_url, production)


def test_views_are_written_to_their_own_files(toy, empty_url, server):
    production = _project(toy, empty_url, server, **{"views/open_notes.sql": OPEN_NOTES})
    execute(empty_url,
            "create or replace view public.open_notes with (security_invoker = true) as "
            "select id, user_id, body, length(body) as body_length from public.notes where not archived",
            "create view public.archived_notes with (security_invoker = true) as "
            "select id, user_id from public.notes where archived")

    result = cli("diff", "--write", "note_views", project=toy, url=empty_url)

    assert result.code == 0, result.err
    assert _written(result) == {"sql/views/open_notes.sql", "sql/views/archived_notes.sql"}
    assert "body_length" in (toy.root / "sql/views/open_notes.sql").read_text()
    files_reproduce(toy, server, empty_url, production)


def test_a_dropped_column_is_written_only_when_destruction_is_allowed(toy, empty_url, server):
    production = _project(toy, empty_url, server)
    execute(empty_url, "alter table public.notes drop column archived")

    guarded = cli("diff", "--write", "drop_archived", project=toy, url=empty_url)

    assert guarded.code == 0, guarded.err
    assert guarded.out.splitlines() == [
        "left out (destructive, needs --allow-destructive): column public.notes.archived",
        "Nothing else differs: nothing written."]
    assert not (toy.root / "sql/migrations/0002_drop_archived.sql").exists()

    allowed = cli("diff", "--write", "drop_archived", "--allow-destructive", project=toy, url=empty_url)

    assert allowed.code == 0, allowed.err
    assert "alter table public.notes drop column archived;" in (
        toy.root / "sql/migrations/0002_drop_archived.sql").read_text()
    files_reproduce(toy, server, empty_url, production)


def test_a_new_table_gets_its_migration_and_its_policies_file(toy, empty_url, server):
    production = _project(toy, empty_url, server)
    execute(empty_url,
            "create table public.tags (id bigint generated always as identity primary key, "
            "user_id uuid not null references auth.users (id) on delete cascade, label text not null)",
            "create index tags_user_id_idx on public.tags (user_id)",
            "alter table public.tags enable row level security",
            "revoke all on public.tags from anon, authenticated",
            "grant select, insert on public.tags to authenticated",
            "create policy tags_owner on public.tags for all to authenticated "
            "using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id)")

    result = cli("diff", "--write", "tags", project=toy, url=empty_url)

    assert result.code == 0, result.err
    assert _written(result) == {"sql/migrations/0002_tags.sql", "sql/policies/tags.sql"}
    policies = (toy.root / "sql/policies/tags.sql").read_text()
    assert "create policy tags_owner on public.tags" in policies
    assert "grant insert, select on public.tags to authenticated;" in policies
    files_reproduce(toy, server, empty_url, production)


def test_a_changed_function_is_written_in_house_style(toy, empty_url, server):
    production = _project(toy, empty_url, server)
    execute(empty_url, "create function public.note_count(p_user uuid) returns bigint language sql stable "
                       "set search_path = '' as $$ select count(*) from public.notes where user_id = p_user $$",
            "revoke execute on function public.note_count(uuid) from public, anon")

    result = cli("diff", "--write", "note_count", project=toy, url=empty_url)

    assert result.code == 0, result.err
    lines = (toy.root / "sql/functions/note_count.sql").read_text().splitlines()
    assert lines[2:7] == ["create or replace function public.note_count(p_user uuid)", "returns bigint",
                          "language sql", "stable", "set search_path to ''"]
    assert "revoke execute on function public.note_count(p_user uuid) from anon, public;" in lines
    files_reproduce(toy, server, empty_url, production)


def test_functions_and_views_of_another_schema_get_files_named_after_their_schema(toy, empty_url, server):
    production = _project(toy, empty_url, server)
    execute(empty_url,
            "create schema reporting",
            "create function reporting.note_count(p_user uuid) returns bigint language sql stable "
            "set search_path = '' as $$ select count(*) from public.notes where user_id = p_user $$",
            "create view reporting.open_notes with (security_invoker = true) as "
            "select id, user_id from public.notes where not archived")

    result = cli("diff", "--write", "reporting", project=toy, url=empty_url)

    assert result.code == 0, result.err
    assert _written(result) == {"sql/migrations/0002_reporting.sql", "sql/functions/reporting.note_count.sql",
                                "sql/views/reporting.open_notes.sql"}
    assert "create schema reporting;" in (toy.root / "sql/migrations/0002_reporting.sql").read_text()
    files_reproduce(toy, server, empty_url, production)

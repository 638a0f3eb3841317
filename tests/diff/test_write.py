"""`schema_tool diff --write NAME`: a developer changes a local database, and the files written
reproduce it: a database built from the updated files has no drift against the changed one."""

from __future__ import annotations

from tests.toy import cli, execute

TABLE = ("-- sql/migrations/0001_notes.sql\n-- Notes: what users write down.\n\n"
         "create table public.notes (\n    id uuid primary key default gen_random_uuid(),\n"
         "    user_id uuid not null references auth.users (id) on delete cascade,\n    body text not null\n);\n\n"
         "create index notes_user_id_idx on public.notes (user_id);\n\n"
         "alter table public.notes enable row level security;\n")
FUNCTION = ("-- sql/functions/note_length.sql\n\ncreate or replace function public.note_length(p_body text)\n"
            "returns integer\nlanguage sql\nimmutable\nset search_path = ''\nas $$ select length(p_body) $$;\n")
POLICIES = ("-- sql/policies/notes.sql\n\nrevoke all on public.notes from anon, authenticated;\n"
            "grant select on public.notes to authenticated;\n\n"
            "create policy notes_read on public.notes\n    for select\n    to authenticated\n"
            "    using ((select auth.uid()) = user_id);\n")
LOCAL_CHANGES = (
    "alter table public.notes add column pinned boolean not null default false",
    "create index notes_pinned_idx on public.notes (user_id) where pinned",
    "create or replace function public.note_length(p_body text) returns integer language sql immutable "
    "set search_path = '' as $$ select char_length(p_body) $$",
    "create function public.notes_touch() returns trigger language plpgsql set search_path = '' "
    "as $$ begin return new; end $$",
    "create trigger notes_touch before update on public.notes for each row execute function public.notes_touch()",
    "grant insert on public.notes to authenticated",
    "create policy notes_write on public.notes for insert to authenticated "
    "with check ((select auth.uid()) = user_id)",
)


def test_written_files_reproduce_the_local_database(toy, empty_url, server):
    toy.write("migrations/0001_notes.sql", TABLE)
    toy.write("functions/note_length.sql", FUNCTION)
    toy.write("policies/notes.sql", POLICIES)
    assert cli("up", project=toy, url=empty_url).code == 0
    assert cli("diff", "--check", project=toy, url=empty_url).code == 0
    execute(empty_url, *LOCAL_CHANGES)

    result = cli("diff", "--write", "pin_notes", project=toy, url=empty_url)

    assert result.code == 0, result.err
    written = {line.removeprefix("wrote ") for line in result.out.splitlines() if line.startswith("wrote ")}
    assert written == {"sql/migrations/0002_pin_notes.sql", "sql/migrations/0003_pin_notes_indexes.sql",
                       "sql/functions/note_length.sql", "sql/functions/notes_touch.sql", "sql/triggers/notes.sql",
                       "sql/policies/notes.sql"}
    migration = (toy.root / "sql/migrations/0002_pin_notes.sql").read_text()
    assert "alter table public.notes add column pinned boolean" in migration
    assert "create index concurrently if not exists notes_pinned_idx" in (
        toy.root / "sql/migrations/0003_pin_notes_indexes.sql").read_text()
    assert "char_length" in (toy.root / "sql/functions/note_length.sql").read_text()

    rebuilt = server.url(server.create_database("rebuilt"))
    assert cli("up", project=toy, url=rebuilt).code == 0
    drift = cli("diff", "--from", rebuilt, "--to", empty_url)
    assert "No differences." in drift.out, drift.out
